package se.finsam.planering.utskick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestApp;
import se.finsam.planering.testsupport.TestData;

/**
 * Web push for real: the test is the browser (a subscription's P-256 key pair and secret, posted from her message
 * choices) and its push service (a local HTTP endpoint). What the server sends is checked as a push service checks
 * it (the VAPID JWT's signature with the server's public key) and read as the browser reads it (RFC 8291
 * decryption written in the test): the neutral text in her language, and nothing about her. A subscription its
 * push service says is gone (410) is deleted, and the message counts as failed for good; 429 is tried again.
 */
class UtskickPushTest {

    private static final String PIN = "531864";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LokalPushtjanst tjanst;
    private static TestApp app;

    @BeforeAll
    static void starta() throws Exception {
        tjanst = new LokalPushtjanst();
        app = TestApp.start(Kanalinstallning.ingen().medPushTjanster(tjanst.origin()));
        app.tomUtkorgen();
    }

    @AfterAll
    static void stoppa() {
        app.close();
        tjanst.close();
    }

    @BeforeEach
    void rensa() {
        app.clock().set(TestApp.START);
        app.tomUtkorgen();
        tjanst.rensa();
    }


    private static void telefon(long d) {
        app.jdbi().useHandle(h -> h.execute("UPDATE deltagare SET telefon = '070-111 22 33' WHERE id = ?", d));
    }

    /** A participant with an account who speaks the language, logged in. */
    private static HttpSession inloggad(long d) {
        String user = TestData.kontoMedPin(app, d, PIN);
        HttpSession hon = app.session();
        hon.get("/logga-in/deltagare");
        HttpResponse<String> r = hon.post("/logga-in/deltagare", Map.of("anvandarnamn", user, "pin", PIN));
        assertEquals(302, r.statusCode(), r.body());
        return hon;
    }

    /** Her browser's subscription, posted as the page's script posts it. */
    private static HttpResponse<String> slaPa(HttpSession hon, LokalPushtjanst.Prenumeration p) {
        hon.get("/min-planering/mina-uppgifter/meddelanden");
        return hon.post("/min-planering/mina-uppgifter/meddelanden/push",
                Map.of("endpoint", p.endpoint(), "p256dh", p.p256dh(), "auth", p.authB64()));
    }


    private static Map<String, Object> rad(long id) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT * FROM utskick WHERE id = :id").bind("id", id)
                .mapToMap().one());
    }

    private static String serversNyckel() {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT publik FROM push_nyckel WHERE id = 1")
                .mapTo(String.class).one());
    }

    private static long anvandare(long d) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT anvandare_id FROM deltagare WHERE id = :d")
                .bind("d", d).mapTo(Long.class).one());
    }

    @Test
    void notisenKrypterasForHennesWebblasareSignerasMedVapidOchLasesPaHennesSprak() throws Exception {
        for (String sprak : List.of("sv", "en", "ar")) {
            tjanst.rensa();
            long d = TestData.deltagare(app).talar(sprak).medNamn().hamta();
            HttpSession hon = inloggad(d);
            LokalPushtjanst.Prenumeration p = tjanst.nyPrenumeration();
            assertEquals(204, slaPa(hon, p).statusCode());
            Document sida = hon.page("/min-planering/mina-uppgifter/meddelanden");
            assertEquals(serversNyckel(), sida.selectFirst("[data-push]").attr("data-nyckel"),
                    "the page gives her browser the server's public key");
            assertEquals(1, sida.selectFirst("[data-push]").attr("data-hashar").split(" ").length);

            long id = Utkorg.nyttMeddelande(app, d, "test:push:" + sprak);
            app.app().utskick().avsandare().korEnGang();

            assertEquals(1, tjanst.mottagna.size(), sprak);
            LokalPushtjanst.Mottaget m = tjanst.mottagna.get(0);
            assertEquals(p.endpoint(), m.endpoint());
            assertEquals("aes128gcm", m.header("Content-Encoding"));
            assertNotNull(m.header("TTL"));
            String anspraken = LokalPushtjanst.vapid(m.header("Authorization"), serversNyckel(), p.endpoint());
            assertTrue(anspraken.contains("\"sub\":\"http://localhost\""), anspraken);

            JsonNode innehall = JSON.readTree(LokalPushtjanst.dekryptera(p, m.body()));
            Texter t = Texter.of(sprak);
            assertEquals(t.get("utskick.amne"), innehall.get("titel").asText());
            assertEquals(t.get("utskick.push.besked"), innehall.get("text").asText());
            assertEquals("/", innehall.get("url").asText());
            assertEquals(3, innehall.size(), "title, text and the page to open: nothing more");
            String namn = TestData.namn(app, d);
            for (String del : namn.split(" ")) {
                assertFalse(innehall.toString().contains(del), "her name is not in it: " + innehall);
            }

            Map<String, Object> r = rad(id);
            assertEquals("skickat", r.get("status"));
            assertEquals("push", r.get("kanal"));
            app.app().utskick().avsandare().korEnGang();
            assertEquals(1, tjanst.anrop.get(), "a sent message is not sent again");
        }
    }

    @Test
    void enPrenumerationSomArBorta410TasBortOchMeddelandetMisslyckasForGott() throws Exception {
        long d = TestData.deltagare(app).talar("sv").hamta();
        telefon(d);
        HttpSession hon = inloggad(d);
        LokalPushtjanst.Prenumeration p = tjanst.nyPrenumeration();
        assertEquals(204, slaPa(hon, p).statusCode());
        tjanst.svara(410);
        long id = Utkorg.nyttMeddelande(app, d, "test:push:410");
        app.app().utskick().avsandare().korEnGang();

        Map<String, Object> r = rad(id);
        assertEquals("misslyckat", r.get("status"));
        assertEquals("push", r.get("kanal"));
        assertTrue(String.valueOf(r.get("fel")).contains("410"), String.valueOf(r.get("fel")));
        assertEquals(0, app.app().utskick().pushRepo().antal(anvandare(d)), "the subscription is deleted");
        assertTrue(hon.page("/min-planering/mina-uppgifter/meddelanden").selectFirst("[data-push]")
                .attr("data-hashar").isEmpty(), "her page no longer counts that browser");
        for (int i = 0; i < 3; i++) {
            app.clock().advance(Duration.ofHours(2));
            app.app().utskick().avsandare().korEnGang();
        }
        assertEquals(1, tjanst.anrop.get(), "never tried again");

        long nasta = Utkorg.nyttMeddelande(app, d, "test:push:410:nasta");
        app.app().utskick().avsandare().korEnGang();
        assertEquals("ingen_kanal", rad(nasta).get("status"),
                "with push gone her next message goes by SMS, which this server does not have");
        assertEquals(1, tjanst.anrop.get());
    }

    @Test
    void for429OchServerfelForsokerDenIgen() throws Exception {
        long d = TestData.deltagare(app).talar("en").hamta();
        LokalPushtjanst.Prenumeration p = tjanst.nyPrenumeration();
        assertEquals(204, slaPa(inloggad(d), p).statusCode());
        tjanst.svara(429, 503);
        long id = Utkorg.nyttMeddelande(app, d, "test:push:429");
        app.app().utskick().avsandare().korEnGang();
        assertEquals("vantar", rad(id).get("status"));
        assertEquals(1, ((Number) rad(id).get("forsok")).intValue());
        app.clock().advance(Duration.ofMinutes(1));
        app.app().utskick().avsandare().korEnGang();
        assertEquals(2, ((Number) rad(id).get("forsok")).intValue());
        app.clock().advance(Duration.ofMinutes(2));
        app.app().utskick().avsandare().korEnGang();
        assertEquals("skickat", rad(id).get("status"));
        assertEquals(1, tjanst.mottagna.size());
        assertEquals(1, app.app().utskick().pushRepo().antal(anvandare(d)), "kept through 429 and 503");
    }

    @Test
    void honStangerAvNotiserOchDaGarNastaMeddelandeIntePerPush() throws Exception {
        long d = TestData.deltagare(app).talar("ar").hamta();
        telefon(d);
        HttpSession hon = inloggad(d);
        LokalPushtjanst.Prenumeration p = tjanst.nyPrenumeration();
        LokalPushtjanst.Prenumeration p2 = tjanst.nyPrenumeration();
        assertEquals(204, slaPa(hon, p).statusCode());
        assertEquals(204, slaPa(hon, p2).statusCode());
        assertEquals(2, app.app().utskick().pushRepo().antal(anvandare(d)));
        hon.get("/min-planering/mina-uppgifter/meddelanden");
        assertEquals(204, hon.post("/min-planering/mina-uppgifter/meddelanden/push/av",
                Map.of("endpoint", p.endpoint())).statusCode());
        assertEquals(1, app.app().utskick().pushRepo().antal(anvandare(d)), "only that browser's");

        Document sida = hon.page("/min-planering/mina-uppgifter/meddelanden");
        HttpResponse<String> alla = hon.post("/min-planering/mina-uppgifter/meddelanden/push/av",
                HttpSession.formData(sida, "form[action='/min-planering/mina-uppgifter/meddelanden/push/av']"));
        assertEquals(302, alla.statusCode(), "the plain form works without the script");
        assertEquals(0, app.app().utskick().pushRepo().antal(anvandare(d)));
        assertTrue(hon.page("/min-planering/mina-uppgifter/meddelanden").text()
                .contains(Texter.of("sv").get("flash.utskick.push.av")));

        long id = Utkorg.nyttMeddelande(app, d, "test:push:av");
        app.app().utskick().avsandare().korEnGang();
        assertEquals("ingen_kanal", rad(id).get("status"));
        assertEquals(0, tjanst.anrop.get());
    }

    @Test
    void enPrenumerationHosEnOkandTjanstEllerMedFelNyckelAvvisasMedEttBegripligtSvar() throws Exception {
        long d = TestData.deltagare(app).talar("sv").hamta();
        HttpSession hon = inloggad(d);
        LokalPushtjanst.Prenumeration p = tjanst.nyPrenumeration();
        hon.get("/min-planering/mina-uppgifter/meddelanden");
        for (String endpoint : List.of("http://127.0.0.1:1/push/1", "https://intranat.example.se/push",
                "http://fcm.googleapis.com/fcm/send/x", "https://fcm.googleapis.com.example.se/x", "ingen adress")) {
            HttpResponse<String> r = hon.post("/min-planering/mina-uppgifter/meddelanden/push",
                    Map.of("endpoint", endpoint, "p256dh", p.p256dh(), "auth", p.authB64()));
            assertEquals(400, r.statusCode(), endpoint);
            assertEquals(Texter.of("sv").get("utskick.push.fel.tjanst"), r.body());
        }
        HttpResponse<String> r = hon.post("/min-planering/mina-uppgifter/meddelanden/push",
                Map.of("endpoint", p.endpoint(), "p256dh", p.authB64(), "auth", p.authB64()));
        assertEquals(400, r.statusCode());
        assertEquals(Texter.of("sv").get("utskick.push.fel.nyckel"), r.body());
        byte[] utanforKurvan = LokalPushtjanst.AV_B64.decode(p.p256dh());
        utanforKurvan[64] ^= 1;
        r = hon.post("/min-planering/mina-uppgifter/meddelanden/push", Map.of("endpoint", p.endpoint(),
                "p256dh", LokalPushtjanst.B64.encodeToString(utanforKurvan), "auth", p.authB64()));
        assertEquals(400, r.statusCode(), "a point that is not on the curve");
        assertEquals(0, app.app().utskick().pushRepo().antal(anvandare(d)));
        assertTrue(Pushsandare.tillaten("https://fcm.googleapis.com/fcm/send/abc", java.util.Set.of()));
        assertTrue(Pushsandare.tillaten("https://web.push.apple.com/QGx", java.util.Set.of()));
        assertTrue(Pushsandare.tillaten("https://updates.push.services.mozilla.com/wpush/v2/x", java.util.Set.of()));

        HttpResponse<String> utanToken = app.session().postRaw("/min-planering/mina-uppgifter/meddelanden/push",
                Map.of("endpoint", p.endpoint(), "p256dh", p.p256dh(), "auth", p.authB64()));
        assertTrue(utanToken.statusCode() == 403 || utanToken.statusCode() == 302, "not without login and token");
    }

    @Test
    void nyckelparetGorsVidForstaStartenOchBehallsVidNastaStart() {
        String fore = serversNyckel();
        assertEquals(87, fore.length(), "65 bytes, base64url without padding");
        assertEquals(fore, app.app().utskick().pushnycklar().publik());
        // What the next start does: the pair kept is read, no new one made.
        Pushnycklar igen = Pushnycklar.hamtaEllerSkapa(app.jdbi(), app.clock());
        assertEquals(fore, igen.publik());
        assertEquals(1, (int) app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM push_nyckel")
                .mapTo(Integer.class).one()));
    }
}
