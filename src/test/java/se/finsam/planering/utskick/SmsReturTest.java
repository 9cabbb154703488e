package se.finsam.planering.utskick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestApp;
import se.finsam.planering.testsupport.TestData;

/**
 * What the SMS gateway posts back, posted by a local gateway that speaks 46elks' API: the delivery report that each
 * message asked for (delivered; failed for good, shown on Utskick and never sent again) and an incoming SMS, where
 * STOPP or STOP from her number turns SMS off. Neither carries a session or a CSRF token; a wrong or missing
 * password is refused and changes nothing, and bad input gets a 400.
 */
class SmsReturTest {

    private static final String LOSENORD = "retur-hemlighet-1234567890";
    private static LokalSmsgateway gateway;
    private static TestApp app;

    @BeforeAll
    static void starta() throws Exception {
        gateway = new LokalSmsgateway();
        app = gateway.starta(url -> new Kanalinstallning(null, null, url, "api-anvandare", "hemligt", "FINSAM",
                50, LOSENORD));
        app.tomUtkorgen();
    }

    @AfterAll
    static void stoppa() {
        gateway.stang(app);
    }

    @BeforeEach
    void rensa() {
        gateway.inforTest(app);
    }


    private static URI inkommande(String losenord) {
        return URI.create("http://finsam:" + losenord + "@localhost" + SmsReturRoutes.INKOMMANDE);
    }

    private static long deltagare(String telefon, boolean konto) {
        long d = konto ? TestData.deltagare(app).medNamn().hamta() : TestData.deltagare(app).utanKonto().hamta();
        if (konto && app.jdbi().withHandle(h -> h.createQuery("SELECT anvandare_id IS NULL FROM deltagare WHERE id = :d")
                .bind("d", d).mapTo(Boolean.class).one())) {
            TestData.kontoMedPin(app, d, "428615");
        }
        app.jdbi().useHandle(h -> h.createUpdate("UPDATE deltagare SET telefon = :t WHERE id = :d")
                .bind("t", telefon).bind("d", d).execute());
        return d;
    }


    private static Map<String, Object> rad(long id) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT * FROM utskick WHERE id = :id").bind("id", id)
                .mapToMap().one());
    }

    /** Sends one message to her and returns the row and the gateway's id for it. */
    private static Map.Entry<Long, String> skickat(long d, String nyckel) {
        long id = Utkorg.nyttMeddelande(app, d, nyckel);
        app.app().utskick().avsandare().korEnGang();
        assertEquals("skickat", rad(id).get("status"));
        LokalSmsgateway.Mottaget sms = gateway.mottagna.get(gateway.mottagna.size() - 1);
        assertEquals("http://finsam:" + LOSENORD + "@localhost" + SmsReturRoutes.LEVERANSRAPPORT, sms.whendelivered(),
                "each SMS gives the gateway the address of its delivery report, with the password as 46elks takes it");
        return Map.entry(id, sms.id());
    }

    @Test
    void enLeveransrapportMarkerarMeddelandetLevererat() {
        long d = deltagare("070-223 45 01", true);
        var s = skickat(d, "retur:levererat");
        assertEquals(204, gateway.leveransrapport(s.getValue(), "sent"));
        assertEquals("skickat", rad(s.getKey()).get("status"), "'sent' is not yet delivered");
        assertEquals(204, gateway.leveransrapport(s.getValue(), "delivered"));
        assertEquals("levererat", rad(s.getKey()).get("status"));
    }

    @Test
    void ettMisslyckatSmsVisasForKoordinatornOchSkickasAldrigIgen() {
        long d = TestData.deltagare(app).iTeam("Jobbtorg Kista").medNamn().hamta();
        if (app.jdbi().withHandle(h -> h.createQuery("SELECT anvandare_id IS NULL FROM deltagare WHERE id = :d")
                .bind("d", d).mapTo(Boolean.class).one())) {
            TestData.kontoMedPin(app, d, "428615");
        }
        app.jdbi().useHandle(h -> h.createUpdate("UPDATE deltagare SET telefon = '070-223 45 02' WHERE id = :d")
                .bind("d", d).execute());
        var s = skickat(d, "retur:misslyckat");
        assertEquals(204, gateway.leveransrapport(s.getValue(), "failed"));
        Map<String, Object> r = rad(s.getKey());
        assertEquals("misslyckat", r.get("status"));
        assertNotNull(r.get("fel"));
        int anrop = gateway.anrop.get();
        for (int i = 0; i < 3; i++) {
            app.clock().advance(Duration.ofHours(3));
            app.app().utskick().avsandare().korEnGang();
        }
        assertEquals(anrop, gateway.anrop.get(), "a message that failed for good is never sent again");
        assertEquals(204, gateway.leveransrapport(s.getValue(), "delivered"));
        assertEquals("misslyckat", rad(s.getKey()).get("status"), "a late report does not bring it back");

        String kod = app.jdbi().withHandle(h -> h.createQuery("SELECT kod FROM deltagare WHERE id = :d").bind("d", d)
                .mapTo(String.class).one());
        Document sida = app.session().loginStaff("koordinator").page("/utskick");
        Element tr = sida.selectFirst("tr[data-utskick=" + s.getKey() + "]");
        assertNotNull(tr, "the failed message is on the koordinator's Utskick");
        assertTrue(tr.text().contains(kod) && tr.text().contains("Kunde inte levereras"), tr.text());
    }

    @Test
    void utanRattLosenordAndrasIngenting() {
        long d = deltagare("070-223 45 03", true);
        var s = skickat(d, "retur:obehorig");
        String form = "id=" + s.getValue() + "&status=failed";
        URI utan = URI.create(app.url(SmsReturRoutes.LEVERANSRAPPORT));
        URI fel = URI.create("http://finsam:fel-losenord-1234567890@localhost" + SmsReturRoutes.LEVERANSRAPPORT);
        URI felAnvandare = URI.create("http://elks:" + LOSENORD + "@localhost" + SmsReturRoutes.LEVERANSRAPPORT);
        assertEquals(401, gateway.posta(utan, form));
        assertEquals(401, gateway.posta(fel, form));
        assertEquals(401, gateway.posta(felAnvandare, form));
        assertEquals("skickat", rad(s.getKey()).get("status"), "nothing changed");

        assertEquals(401, gateway.inkommande(inkommande("fel-losenord-1234567890"), "+46702234503", "STOPP"));
        assertEquals(0, stopp(d), "nothing changed");
    }

    @Test
    void felaktigaUppgifterGer400() {
        long d = deltagare("070-223 45 04", true);
        var s = skickat(d, "retur:fel");
        URI rapport = URI.create("http://finsam:" + LOSENORD + "@localhost" + SmsReturRoutes.LEVERANSRAPPORT);
        assertEquals(400, gateway.posta(rapport, "status=delivered"));
        assertEquals(400, gateway.posta(rapport, "id=" + s.getValue() + "&status=levererad"));
        assertEquals(400, gateway.posta(rapport, "id=%3Cscript%3E&status=failed"));
        assertEquals(400, gateway.posta(rapport, ""));
        assertEquals("skickat", rad(s.getKey()).get("status"));
        assertEquals(400, gateway.posta(inkommande(LOSENORD), "from=inget-nummer&message=STOPP"));
        assertEquals(400, gateway.posta(inkommande(LOSENORD), "from=%2B46702234504"));
        assertEquals(0, stopp(d));
        assertEquals(204, gateway.leveransrapport(s.getValue(), "delivered"), "unknown ids and good input are fine");
        assertEquals(204, gateway.posta(rapport, "id=okant-id&status=delivered"));
    }

    private static int stopp(long d) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM utskick_sms_stopp WHERE deltagare_id = :d")
                .bind("d", d).mapTo(Integer.class).one());
    }

    @Test
    void stoppFranHennesNummerStangerAvSmsOchLoggas() {
        long d = deltagare("070-223 45 05", true);
        assertEquals(204, gateway.inkommande(inkommande(LOSENORD), "+46702234505", "Tack, vi ses!"));
        assertEquals(0, stopp(d), "another answer changes nothing");
        assertEquals(204, gateway.inkommande(inkommande(LOSENORD), "+46702234505", "  stopp \n"));
        assertEquals(1, stopp(d));
        Map<String, Object> val = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT v.sms, v.sms_stoppad FROM utskick_val v JOIN deltagare d ON d.anvandare_id = v.anvandare_id
                        WHERE d.id = :d""").bind("d", d).mapToMap().one());
        assertEquals(0, ((Number) val.get("sms")).intValue(), "her page shows SMS off");
        assertNotNull(val.get("sms_stoppad"));
        se.finsam.planering.audit.Handelselogg.skrivKlart(app.jdbi());
        List<String> logg = app.jdbi().withHandle(h -> h.createQuery(
                        "SELECT vad FROM audit_log WHERE deltagare_id = :d AND handling = 'andra'")
                .bind("d", d).mapTo(String.class).list());
        assertTrue(logg.contains("svarade STOPP: sms avstängt"), logg.toString());

        gateway.rensa();
        long id = Utkorg.nyttMeddelande(app, d, "retur:efter-stopp");
        app.app().utskick().avsandare().korEnGang();
        assertEquals("avstangd", rad(id).get("status"));
        assertEquals(0, gateway.anrop.get(), "no SMS after STOPP");
    }

    @Test
    void stopUtanKontoStangerOcksaAv() {
        long d = deltagare("0702234506", false);
        assertNull(app.jdbi().withHandle(h -> h.createQuery("SELECT anvandare_id FROM deltagare WHERE id = :d")
                .bind("d", d).mapTo(Long.class).one()));
        assertEquals(204, gateway.inkommande(inkommande(LOSENORD), "+46702234506", "Stop"));
        assertEquals(1, stopp(d));
        long id = Utkorg.nyttMeddelande(app, d, "retur:utan-konto");
        app.app().utskick().avsandare().korEnGang();
        assertEquals("avstangd", rad(id).get("status"));
        assertEquals(0, gateway.mottagna.size());
    }

    @Test
    void ettAnnatNummerStopparIngen() {
        long d = deltagare("070-223 45 07", true);
        assertEquals(204, gateway.inkommande(inkommande(LOSENORD), "+46702234599", "STOPP"));
        assertEquals(0, stopp(d));
    }

    @Test
    void personalKanInteAnvandaVagenUtanLosenord() {
        HttpSession k = app.session().loginStaff("koordinator");
        assertEquals(401, k.post(SmsReturRoutes.LEVERANSRAPPORT, Map.of("id", "s1", "status", "failed")).statusCode(),
                "a session is no way in");
    }
}
