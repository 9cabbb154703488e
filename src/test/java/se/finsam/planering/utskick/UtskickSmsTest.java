package se.finsam.planering.utskick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.finsam.planering.Config;
import se.finsam.planering.testsupport.TestApp;
import se.finsam.planering.testsupport.TestData;

/**
 * The outbox and its sender against a local SMS gateway that speaks 46elks' API: a message is marked sent only
 * after the gateway accepted it; 429 and server errors are tried again after a growing wait; "invalid number"
 * stops for good; quiet hours and the daily limit hold messages until the morning.
 */
class UtskickSmsTest {

    private static final int MAX_PER_DAG = 3;
    private static LokalSmsgateway gateway;
    private static TestApp app;

    @BeforeAll
    static void starta() throws Exception {
        gateway = new LokalSmsgateway();
        app = gateway.starta(url -> new Kanalinstallning(null, null, url, "api-anvandare", "hemligt", "FINSAM",
                MAX_PER_DAG));
        // What the demo data left due goes out first, so each test sees only its own messages.
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


    private static Avsandare avsandare() {
        return app.app().utskick().avsandare();
    }

    /** A participant with a phone number and an account; her number as the team wrote it. */
    private static long deltagareMedTelefon(String sprak, String telefon) {
        long d = TestData.deltagare(app).talar(sprak).medNamn().hamta();
        if (app.jdbi().withHandle(h -> h.createQuery("SELECT anvandare_id IS NULL FROM deltagare WHERE id = :d")
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

    @Test
    void smsetGarTillGatewayenPaHennesSprakOchMarkerasSkickatNarDetTagitsEmot() {
        long d = deltagareMedTelefon("ar", "070-123 45 61");
        long id = Utkorg.nyttMeddelande(app, d, "test:ar");
        avsandare().korEnGang();

        assertEquals(1, gateway.mottagna.size());
        LokalSmsgateway.Mottaget sms = gateway.mottagna.get(0);
        assertEquals("+46701234561", sms.to());
        assertEquals("FINSAM", sms.from());
        assertEquals("Basic " + Base64.getEncoder().encodeToString("api-anvandare:hemligt"
                .getBytes(StandardCharsets.UTF_8)), sms.authorization());
        assertEquals("لديك رسالة جديدة في FINSAM Planering: http://localhost/min-planering", sms.message());
        Map<String, Object> r = rad(id);
        assertEquals("skickat", r.get("status"));
        assertEquals("sms", r.get("kanal"));
        assertEquals(sms.id(), r.get("referens"), "the gateway's id is kept for its reports");
        assertNotNull(r.get("skickat"));

        avsandare().korEnGang();
        assertEquals(1, gateway.anrop.get(), "a sent message is not sent again");
    }

    @Test
    void for429OchServerfelForsokerDenIgenEfterVaxandeVantan() {
        long d = deltagareMedTelefon("sv", "070-123 45 62");
        long id = Utkorg.nyttMeddelande(app, d, "test:429");
        gateway.svara(LokalSmsgateway.Svar.FOR_MANGA, LokalSmsgateway.Svar.SERVERFEL);

        avsandare().korEnGang();
        Map<String, Object> r = rad(id);
        assertEquals("vantar", r.get("status"));
        assertEquals(1, ((Number) r.get("forsok")).intValue());
        assertEquals(app.clock().instant().plus(Duration.ofMinutes(1)).toString(), r.get("planerad"));

        avsandare().korEnGang();
        assertEquals(1, gateway.anrop.get(), "not before its wait is over");
        app.clock().advance(Duration.ofMinutes(1));
        avsandare().korEnGang();
        r = rad(id);
        assertEquals(2, ((Number) r.get("forsok")).intValue());
        assertEquals(app.clock().instant().plus(Duration.ofMinutes(2)).toString(), r.get("planerad"),
                "the second wait is twice the first");
        app.clock().advance(Duration.ofMinutes(2));
        avsandare().korEnGang();
        assertEquals("skickat", rad(id).get("status"));
        assertEquals(1, gateway.mottagna.size());
        assertEquals(3, gateway.anrop.get());
    }

    @Test
    void ettOgiltigtNummerStopparForGottOchVisas() {
        long d = deltagareMedTelefon("sv", "070-123 45 63");
        long id = Utkorg.nyttMeddelande(app, d, "test:ogiltigt");
        gateway.svara(LokalSmsgateway.Svar.OGILTIGT_NUMMER);
        avsandare().korEnGang();
        Map<String, Object> r = rad(id);
        assertEquals("misslyckat", r.get("status"));
        assertTrue(((String) r.get("fel")).contains("Invalid to number"), String.valueOf(r.get("fel")));
        for (int i = 0; i < 3; i++) {
            app.clock().advance(Duration.ofHours(2));
            avsandare().korEnGang();
        }
        assertEquals(1, gateway.anrop.get(), "never tried again");
    }

    @Test
    void ettNummerSomInteArEttNummerGarInteIvag() {
        long d = deltagareMedTelefon("sv", "ring mig");
        long id = Utkorg.nyttMeddelande(app, d, "test:inget-nummer");
        avsandare().korEnGang();
        assertEquals("misslyckat", rad(id).get("status"));
        assertEquals(0, gateway.anrop.get());
    }

    @Test
    void underTystaTimmarnaVantarSmsetTillMorgonen() {
        long d = deltagareMedTelefon("en", "070-123 45 64");
        ZonedDateTime kvall = LocalDate.of(2026, 11, 24).atTime(21, 30).atZone(Config.TIDSZON);
        app.clock().set(kvall.toInstant());
        long id = Utkorg.nyttMeddelande(app, d, "test:kvall");
        avsandare().korEnGang();
        Instant morgon = LocalDate.of(2026, 11, 25).atTime(8, 0).atZone(Config.TIDSZON).toInstant();
        assertEquals(morgon.toString(), rad(id).get("planerad"));
        assertEquals("vantar", rad(id).get("status"));
        assertEquals(0, gateway.anrop.get());

        app.clock().set(morgon.minusSeconds(60));
        avsandare().korEnGang();
        assertEquals(0, gateway.anrop.get(), "07:59 is still night");
        app.clock().set(morgon);
        avsandare().korEnGang();
        assertEquals("skickat", rad(id).get("status"));
        assertEquals("You have a new message in FINSAM Planering: http://localhost/min-planering",
                gateway.mottagna.get(0).message());
    }

    @Test
    void ingenFarFlerAnDagensGransDetSomArOverVantarTillImorgon() {
        long d = deltagareMedTelefon("sv", "070-123 45 65");
        long[] id = new long[MAX_PER_DAG + 1];
        for (int i = 0; i < id.length; i++) {
            id[i] = Utkorg.nyttMeddelande(app, d, "test:gräns:" + i);
        }
        avsandare().korEnGang();
        assertEquals(MAX_PER_DAG, gateway.mottagna.size());
        Map<String, Object> sista = rad(id[MAX_PER_DAG]);
        assertEquals("vantar", sista.get("status"));
        Instant imorgon = LocalDate.of(2026, 11, 24).atTime(8, 0).atZone(Config.TIDSZON).toInstant();
        assertEquals(imorgon.toString(), sista.get("planerad"));
        app.clock().set(imorgon);
        avsandare().korEnGang();
        assertEquals("skickat", rad(id[MAX_PER_DAG]).get("status"));
        assertEquals(MAX_PER_DAG + 1, gateway.mottagna.stream().filter(m -> m.to().equals("+46701234565")).count());
    }

    @Test
    void enGatewaySomInteSvararITidForsokesIgen() {
        gateway.svara(LokalSmsgateway.Svar.TYST);
        Smssandare sandare = new Smssandare(gateway.url(), "api-anvandare", "hemligt", "FINSAM", Duration.ofMillis(500));
        Kanalsvar svar = sandare.skicka("+46701234566", "", "test");
        assertEquals(Kanalsvar.Utfall.FORSOK_IGEN, svar.utfall());
        assertNull(svar.referens());
        assertEquals(Kanalsvar.Utfall.ACCEPTERAT, sandare.skicka("+46701234566", "", "test").utfall());
    }

    @Test
    void enOverlamningSomRullasTillbakaLamnarInget() {
        long punkt = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT pp.id FROM planpunkt pp WHERE pp.ansvarig_anvandare_id IS NOT NULL
                        ORDER BY pp.id LIMIT 1""").mapTo(Long.class).one());
        long till = app.jdbi().withHandle(h -> h.createQuery("SELECT ansvarig_anvandare_id FROM planpunkt WHERE id = :p")
                .bind("p", punkt).mapTo(Long.class).one());
        assertThrows(IllegalStateException.class, () -> app.jdbi().useTransaction(h -> {
            h.createUpdate("INSERT INTO overlamning (planpunkt_id, till_id, skapad) VALUES (:p, :t, :s)")
                    .bind("p", punkt).bind("t", till).bind("s", app.clock().instant()).execute();
            throw new IllegalStateException("the handover fails after its row was written");
        }));
        long id = app.jdbi().withHandle(h -> h.createUpdate(
                        "INSERT INTO overlamning (planpunkt_id, till_id, skapad) VALUES (:p, :t, :s)")
                .bind("p", punkt).bind("t", till).bind("s", app.clock().instant())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        long rader = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM utskick WHERE typ = 'overlamnad' AND sak_id = :o AND anvandare_id = :t")
                .bind("o", id).bind("t", till).mapTo(Long.class).one());
        assertEquals(1, rader, "the committed handover made its message; the one rolled back made none");
        long utanOverlamning = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM utskick u WHERE u.typ = 'overlamnad'
                          AND NOT EXISTS (SELECT 1 FROM overlamning o WHERE o.id = u.sak_id)""")
                .mapTo(Long.class).one());
        assertEquals(0, utanOverlamning);
    }

    @Test
    void utanReturlosenordNekasGatewayensAnropOchIngetSmsBerOmRapport() {
        long d = deltagareMedTelefon("sv", "070-123 45 67");
        long id = Utkorg.nyttMeddelande(app, d, "test:utan-retur");
        avsandare().korEnGang();
        assertNull(gateway.mottagna.get(0).whendelivered(), "no delivery report is asked for without its password");
        String referens = (String) rad(id).get("referens");
        assertEquals(403, gateway.posta(java.net.URI.create("http://finsam:vad-som-helst-123456@localhost"
                + SmsReturRoutes.LEVERANSRAPPORT), "id=" + referens + "&status=failed"));
        assertEquals("skickat", rad(id).get("status"));
    }
}
