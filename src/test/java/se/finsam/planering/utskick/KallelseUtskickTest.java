package se.finsam.planering.utskick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.finsam.planering.Config;
import se.finsam.planering.mote.MoteRepository;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestApp;
import se.finsam.planering.testsupport.TestData;

/**
 * The kallelse by SMS or e-mail beside the printed letter, against a local SMS gateway and a real SMTP server
 * (GreenMail): the koordinator chooses "skriv ut och skicka", one activation code is made, printed on the letter and
 * sent in the message, in the participant's language; the code works once at /aktivera; the outbox keeps its
 * plaintext only until the channel took the message; quiet hours hold an SMS; a participant without a channel gets
 * nothing made, and the page says why.
 */
class KallelseUtskickTest {

    private static final String LANK = "http://localhost/min-planering/mote";
    private static LokalSmsgateway gateway;
    private static GreenMail smtp;
    private static TestApp app;
    private static final AtomicInteger MOTEN = new AtomicInteger();

    @BeforeAll
    static void starta() throws Exception {
        gateway = new LokalSmsgateway();
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        app = TestApp.start(new Kanalinstallning(URI.create("smtp://127.0.0.1:" + smtp.getSmtp().getPort()
                + "?starttls=valfri"), "planering@finsam.example", gateway.url(), "api-anvandare", "hemligt", "FINSAM",
                50));
        gateway.appen(URI.create(app.url("")));
        app.tomUtkorgen();
    }

    @AfterAll
    static void stoppa() {
        app.close();
        gateway.close();
        smtp.stop();
    }

    @BeforeEach
    void rensa() throws Exception {
        app.clock().set(TestApp.START);
        app.tomUtkorgen();
        gateway.standard(LokalSmsgateway.Svar.OK);
        gateway.rensa();
        smtp.purgeEmailFromAllMailboxes();
    }


    /**
     * A participant of Jobbtorg Kista (the koordinator's team), not closed, without an account yet, in her language,
     * with the number and address given (or none).
     */
    private static long deltagare(String sprak, String telefon, String epost) {
        long d = -1;
        for (String fas : List.of("anmald", "planerad", "uppfoljning", "kallad")) {
            try {
                d = TestData.ledigDeltagareIFas(app, fas);
                break;
            } catch (IllegalStateException ingenKvar) {
                // the next stage
            }
        }
        long id = d;
        app.jdbi().useHandle(h -> h.createUpdate("UPDATE deltagare SET sprak = :s, telefon = :t, epost = :e WHERE id = :d")
                .bind("s", sprak).bind("t", telefon).bind("e", epost).bind("d", id).execute());
        return id;
    }

    /**
     * Books her into a new meeting of her team (a Saturday of its own), as the booking form does; the booking.
     */
    private static long boka(HttpSession k, long deltagare) {
        LocalDate dag = LocalDate.of(2026, 12, 5).plusWeeks(MOTEN.getAndIncrement());
        MoteRepository moten = new MoteRepository(app.jdbi());
        long team = app.jdbi().withHandle(h -> h.createQuery("SELECT team_id FROM deltagare WHERE id = :d")
                .bind("d", deltagare).mapTo(Long.class).one());
        long mote = moten.skapa(team, dag.atTime(8, 0), dag.atTime(10, 0), "Kistagången 20 B");
        var utfall = moten.bokaFlera(mote, List.of(deltagare), null, null, null, true, app.clock().instant());
        if (utfall instanceof MoteRepository.Bokningsutfall.Bokade b) {
            return b.bokningar().get(0);
        }
        // Booked before (a meeting she has had): the new meeting is her follow-up meeting, written as booked.
        return app.jdbi().withHandle(h -> h.createUpdate("""
                        INSERT INTO mote_deltagare (mote_id, deltagare_id, tid, kallelse_skapad) VALUES (:m, :d, :t, :nu)""")
                .bind("m", mote).bind("d", deltagare).bind("t", dag.atTime(8, 0)).bind("nu", app.clock().instant())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /** "Skriv ut och skicka": the page with the letter, which must show the code. */
    private static Document skrivUtOchSkicka(HttpSession k, long bokning) {
        k.get("/kallelse/" + bokning);
        HttpResponse<String> r = k.post("/kallelse/" + bokning + "/aktiveringskod", Map.of("skicka", "ja"));
        assertEquals(200, r.statusCode(), r.body());
        return HttpSession.html(r);
    }

    private static Map<String, Object> kallelserad(long deltagare) {
        return app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT * FROM utskick WHERE typ = 'kallelse' AND deltagare_id = :d ORDER BY id DESC LIMIT 1""")
                .bind("d", deltagare).mapToMap().one());
    }

    /**
     * The code from the message opens her account at /aktivera, and is used up. (A second try is made once in the
     * class only: the address is locked out after a few wrong codes.)
     */
    private static void aktiverasEnGang(String kod, boolean provaIgen) {
        HttpSession hon = app.session();
        HttpResponse<String> r = hon.post("/aktivera", Map.of("kod", kod));
        assertEquals(302, r.statusCode(), "the code from the message works: " + r.body());
        assertEquals("/aktivera/pin", r.headers().firstValue("Location").orElseThrow());
        long oanvanda = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM aktiveringskod WHERE kod_hash = :h AND anvand IS NULL")
                .bind("h", se.finsam.planering.auth.Aktiveringskoder.hash(kod)).mapTo(Long.class).one());
        assertEquals(0, oanvanda, "used up");
        if (provaIgen) {
            assertEquals(400, app.session().post("/aktivera", Map.of("kod", kod)).statusCode(), "once");
        }
    }

    @Test
    void smsetPaHennesSprakBarSammaKodSomBrevetOchKodenArBortaUrUtkorgenNarDetSkickats() {
        HttpSession k = app.session().loginStaff("koordinator");
        Map<String, String> vantat = Map.of(
                "sv", "Du har ett nytt besked i FINSAM Planering: " + LANK + " Aktiveringskod för första inloggningen: ",
                "en", "You have a new message in FINSAM Planering: " + LANK + " Activation code for your first login: ",
                "ar", "لديك رسالة جديدة في FINSAM Planering: " + LANK + " رمز التفعيل: ");
        int nummer = 70;
        for (String sprak : List.of("sv", "en", "ar")) {
            String telefon = "070-123 45 " + nummer++;
            long d = deltagare(sprak, telefon, null);
            long bokning = boka(k, d);
            Document kallelse = k.page("/kallelse/" + bokning);
            assertTrue(HttpSession.text(kallelse, "#kallelse-kanaler").contains(telefon),
                    "the page says where it goes: " + kallelse.select("#kallelse-kanaler"));
            assertNotNull(kallelse.selectFirst("button#kallelse-skicka[name=skicka][value=ja]"));

            Document sida = skrivUtOchSkicka(k, bokning);
            String kod = HttpSession.text(sida, "#aktiveringskod");
            assertEquals(16, kod.replace("-", "").length(), kod);
            assertTrue(HttpSession.text(sida, "#kallelse-skickas").contains(telefon), sida.select("#kallelse-skickas")
                    .text());
            if (!sprak.equals("sv")) {
                assertEquals(kod, HttpSession.text(sida, "#aktiveringskod-sv"), "the Swedish copy has the same code");
            }

            app.tomUtkorgen();
            List<LokalSmsgateway.Mottaget> till = gateway.mottagna.stream()
                    .filter(m -> m.to().equals(Telefonnummer.e164(telefon))).toList();
            assertEquals(1, till.size(), sprak + ": " + gateway.mottagna);
            String sms = till.get(0).message();
            assertEquals(vantat.get(sprak) + kod, sms, "the letter's code, in her language, with her meeting page");
            assertTrue(Smsdelar.antal(sms) <= 2, sprak + ": " + Smsdelar.antal(sms) + " segments");
            assertFalse(sms.contains(TestData.namn(app, d).split(" ")[0]), "no name: " + sms);

            Map<String, Object> rad = kallelserad(d);
            assertEquals("skickat", rad.get("status"));
            assertEquals("sms", rad.get("kanal"));
            assertEquals(bokning, ((Number) rad.get("sak_id")).longValue());
            assertNull(rad.get("aktiveringskod"), "the code is gone from the outbox once the gateway took it");

            aktiverasEnGang(sms.substring(sms.length() - kod.length()), sprak.equals("ar"));
        }
        // The link leads her to log in, and the login page to the activation code.
        HttpResponse<String> lank = app.session().get("/min-planering/mote");
        assertEquals(302, lank.statusCode());
        String inloggning = lank.headers().firstValue("Location").orElseThrow();
        assertTrue(inloggning.startsWith("/logga-in/deltagare"), inloggning);
        assertNotNull(app.session().page(inloggning).selectFirst("a[href=/aktivera]"));
        // The koordinator's list shows the message like the others, without the code.
        Document utskick = k.page("/utskick");
        assertTrue(utskick.text().contains("Kallelse med länk och kod"), utskick.text());
    }

    @Test
    void utanNummerGarDenSomEpostPaHennesSprak() throws Exception {
        HttpSession k = app.session().loginStaff("koordinator");
        for (String sprak : List.of("sv", "en", "ar")) {
            String adress = "kallelse-" + sprak + "@example.se";
            long d = deltagare(sprak, null, adress);
            long bokning = boka(k, d);
            assertTrue(HttpSession.text(k.page("/kallelse/" + bokning), "#kallelse-kanaler").contains(adress));
            String kod = HttpSession.text(skrivUtOchSkicka(k, bokning), "#aktiveringskod");
            app.tomUtkorgen();
            MimeMessage[] brev = Arrays.stream(smtp.getReceivedMessages())
                    .filter(m -> mottagare(m).equals(adress)).toArray(MimeMessage[]::new);
            assertEquals(1, brev.length, sprak);
            String text = ((String) brev[0].getContent()).strip();
            assertTrue(text.contains(LANK), text);
            assertTrue(text.endsWith(kod), text);
            assertEquals(app.app().utskick().texter().gor(rad(kallelserad(d)), mottagaren(d), Kanal.EPOST).amne(),
                    brev[0].getSubject());
            assertTrue(text.startsWith(se.finsam.planering.sprak.Texter.of(sprak).get("utskick.besked", LANK)), text);
            Map<String, Object> rad = kallelserad(d);
            assertEquals("epost", rad.get("kanal"));
            assertEquals("skickat", rad.get("status"));
            assertNull(rad.get("aktiveringskod"));
            aktiverasEnGang(kod, false);
        }
    }

    private static String mottagare(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UtskickRepository.Rad rad(Map<String, Object> rad) {
        return app.app().utskick().repo().hitta(((Number) rad.get("id")).longValue()).orElseThrow();
    }

    private static UtskickRepository.Mottagare mottagaren(long deltagare) {
        return app.app().utskick().repo().mottagare(rad(kallelserad(deltagare))).orElseThrow();
    }

    @Test
    void utanNummerOchAdressSagerSidanDetOchIngetGorsNarManAndaForsoker() {
        HttpSession k = app.session().loginStaff("koordinator");
        long utan = deltagare("sv", null, null);
        long stoppad = deltagare("en", "070-123 45 80", null);
        app.jdbi().useHandle(h -> h.createUpdate("INSERT INTO utskick_sms_stopp (deltagare_id, stoppad) VALUES (:d, :t)")
                .bind("d", stoppad).bind("t", app.clock().instant()).execute());
        for (long d : List.of(utan, stoppad)) {
            long bokning = boka(k, d);
            Document sida = k.page("/kallelse/" + bokning);
            assertTrue(HttpSession.text(sida, "#kallelse-inga-kanaler").contains("inget mobilnummer"),
                    sida.select("form[action$=/aktiveringskod]").text());
            assertNull(sida.selectFirst("#kallelse-skicka"), "no button to send");
            assertNotNull(sida.selectFirst("form[action$=/aktiveringskod] button"), "the letter with a code still");

            HttpResponse<String> r = k.post("/kallelse/" + bokning + "/aktiveringskod", Map.of("skicka", "ja"));
            assertEquals(400, r.statusCode());
            Document svar = HttpSession.html(r);
            assertTrue(HttpSession.text(svar, "#kallelse-skicka-fel").contains("Ingen ny kod skapades"), r.body());
            assertNull(svar.selectFirst("#aktiveringskod"));
            long rader = app.jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM utskick WHERE typ = 'kallelse' AND deltagare_id = :d").bind("d", d)
                    .mapTo(Long.class).one());
            assertEquals(0, rader);
            long koder = app.jdbi().withHandle(h -> h.createQuery("""
                            SELECT count(*) FROM aktiveringskod k JOIN deltagare d ON d.anvandare_id = k.anvandare_id
                            WHERE d.id = :d""").bind("d", d).mapTo(Long.class).one());
            assertEquals(0, koder, "no code was made");
        }
    }

    @Test
    void underTystaTimmarnaVantarSmsetMedKodenTillMorgonenOchEnNyKodAvslutarDetSomVantar() {
        app.clock().set(LocalDate.of(2026, 11, 24).atTime(21, 30).atZone(Config.TIDSZON).toInstant());
        HttpSession k = app.session().loginStaff("koordinator");
        long d = deltagare("ar", "070-123 45 81", null);
        long annan = deltagare("sv", "070-123 45 82", null);
        long bokning = boka(k, d);
        long annanBokning = boka(k, annan);

        String kod = HttpSession.text(skrivUtOchSkicka(k, bokning), "#aktiveringskod");
        String annanKod = HttpSession.text(skrivUtOchSkicka(k, annanBokning), "#aktiveringskod");
        app.tomUtkorgen();
        Instant morgon = LocalDate.of(2026, 11, 25).atTime(8, 0).atZone(Config.TIDSZON).toInstant();
        Map<String, Object> rad = kallelserad(d);
        assertEquals("vantar", rad.get("status"));
        assertEquals(morgon.toString(), rad.get("planerad"));
        assertEquals(kod, rad.get("aktiveringskod"), "kept only while it waits for the gateway");
        assertEquals(0, gateway.anrop.get(), "no SMS at night");

        // The other letter is printed again with a new code: the message still waiting with the old one ends.
        k.get("/kallelse/" + annanBokning);
        String nyKod = HttpSession.text(HttpSession.html(k.post("/kallelse/" + annanBokning + "/aktiveringskod",
                Map.of())), "#aktiveringskod");
        assertFalse(nyKod.equals(annanKod));
        Map<String, Object> ersatt = kallelserad(annan);
        assertEquals("avstangd", ersatt.get("status"));
        assertNull(ersatt.get("aktiveringskod"));
        assertEquals("ersatt av en nyare aktiveringskod", ersatt.get("fel"));

        app.clock().set(morgon);
        app.tomUtkorgen();
        assertEquals(1, gateway.mottagna.size(), "only hers; the replaced one is never sent: " + gateway.mottagna);
        String sms = gateway.mottagna.get(0).message();
        assertEquals("+46701234581", gateway.mottagna.get(0).to());
        assertTrue(sms.endsWith(kod), sms);
        assertEquals("skickat", kallelserad(d).get("status"));
        assertNull(kallelserad(d).get("aktiveringskod"));
        aktiverasEnGang(kod, false);
        assertEquals(400, app.session().post("/aktivera", Map.of("kod", annanKod)).statusCode(),
                "the replaced code works nowhere");
    }

    @Test
    void medDetaljerTidOchPlatsOmDetRymsISmsetAnnarsDetNeutralaEpostenHarDemAlltid() {
        String plats = "Storholmsgatan 4, plan 2, 127 48 Skärholmen";
        app.clock().set(LocalDate.of(2026, 11, 24).atTime(22, 0).atZone(Config.TIDSZON).toInstant());
        HttpSession k = app.session().loginStaff("koordinator");
        for (String sprak : List.of("sv", "ar")) {
            long d = deltagare(sprak, "070-123 45 8" + (sprak.equals("sv") ? 3 : 4), "d-" + sprak + "@example.se");
            TestData.kontoMedPin(app, d, "418263");
            app.jdbi().useHandle(h -> h.createUpdate("""
                            INSERT INTO utskick_val (anvandare_id, epost, sms, detaljer)
                            SELECT anvandare_id, 1, 1, 1 FROM deltagare WHERE id = :d""").bind("d", d).execute());
            long bokning = boka(k, d);
            app.jdbi().useHandle(h -> h.createUpdate("""
                            UPDATE mote SET plats = :p WHERE id = (SELECT mote_id FROM mote_deltagare WHERE id = :b)""")
                    .bind("p", plats).bind("b", bokning).execute());
            String kod = HttpSession.text(skrivUtOchSkicka(k, bokning), "#aktiveringskod");
            UtskickRepository.Rad rad = rad(kallelserad(d));
            UtskickRepository.Mottagare m = mottagaren(d);
            String sms = app.app().utskick().texter().gor(rad, m, Kanal.SMS).text();
            String epost = app.app().utskick().texter().gor(rad, m, Kanal.EPOST).text();
            assertTrue(Smsdelar.antal(sms) <= 2, sprak + ": " + sms);
            assertTrue(sms.endsWith(kod) && epost.endsWith(kod), sms + " / " + epost);
            assertTrue(epost.contains(plats) && epost.contains("08:00"), epost);
            if (sprak.equals("sv")) {
                assertTrue(sms.contains(plats) && sms.contains("08:00"), "it fits in Swedish: " + sms);
            } else {
                assertFalse(sms.contains(plats), "too long in Arabic with the place: the neutral text goes: " + sms);
                assertTrue(sms.startsWith("لديك رسالة جديدة"), sms);
            }
        }
    }

    @Test
    void enRadSomLamnarVantarMedKodenKvarGarInteAttSkriva() {
        app.clock().set(LocalDate.of(2026, 11, 24).atTime(23, 0).atZone(Config.TIDSZON).toInstant());
        HttpSession k = app.session().loginStaff("koordinator");
        long d = deltagare("sv", "070-123 45 85", null);
        skrivUtOchSkicka(k, boka(k, d));
        long id = ((Number) kallelserad(d).get("id")).longValue();
        assertThrows(Exception.class, () -> app.jdbi().useHandle(h -> h.createUpdate(
                "UPDATE utskick SET status = 'skickat', kanal = 'sms', skickat = :t WHERE id = :id")
                .bind("t", app.clock().instant()).bind("id", id).execute()),
                "the database refuses a sent row that still holds the code");
        assertEquals("vantar", kallelserad(d).get("status"));
    }
}
