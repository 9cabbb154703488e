package se.finsam.planering.utskick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestApp;
import se.finsam.planering.testsupport.TestData;

/**
 * Staff choose notifications on their account page beside e-mail and SMS, and turn them on in a browser from the
 * same page (the participant's script and service worker). For real, as for the participant: the test is the
 * browser (a subscription's key pair and secret) and its push service (a local endpoint); it checks the VAPID
 * signature and decrypts what the server sent. The payload says no more than the SMS would: the participant's code
 * and a link that needs a login, never her name.
 */
class PersonalPushTest {

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


    private static long id(String anvandarnamn) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM anvandare WHERE anvandarnamn = :u")
                .bind("u", anvandarnamn).mapTo(Long.class).one());
    }

    private static String serversNyckel() {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT publik FROM push_nyckel WHERE id = 1")
                .mapTo(String.class).one());
    }

    private static Map<String, Object> rad(long id) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT * FROM utskick WHERE id = :id").bind("id", id)
                .mapToMap().one());
    }

    /** An item of a named participant handed over to the staff member: the message the trigger writes at once. */
    private static long overlamnadTill(long anvandare, long deltagare, String nyckel) {
        return app.jdbi().withHandle(h -> h.createUpdate("""
                        INSERT INTO utskick (nyckel, typ, team_id, deltagare_id, anvandare_id, skapad, planerad)
                        SELECT :n, 'overlamnad', d.team_id, d.id, :a, :nu, NULL FROM deltagare d WHERE d.id = :d""")
                .bind("n", nyckel).bind("a", anvandare).bind("d", deltagare).bind("nu", app.clock().instant())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    private static String kod(long deltagare) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT kod FROM deltagare WHERE id = :d")
                .bind("d", deltagare).mapTo(String.class).one());
    }

    @Test
    void handlaggarenSlarPaNotiserOchFarOverlamningenSomNotisMedKodOchLankMenInteNamnet() throws Exception {
        long h = id("handlaggare");
        HttpSession s = app.session().loginStaff("handlaggare");
        Document sida = s.page("/konto/meddelanden");
        assertNotNull(sida.selectFirst("#kanal-push"), "notifications are a channel beside e-mail and SMS");
        Element push = sida.selectFirst("[data-push]");
        assertNotNull(push, "the page turns notifications on in this browser");
        assertEquals("/konto/meddelanden/push", push.attr("data-vag"));
        assertEquals(serversNyckel(), push.attr("data-nyckel"), "the page gives her browser the server's key");
        assertNotNull(sida.selectFirst("script[src=/js/push.js]"));

        LokalPushtjanst.Prenumeration p = tjanst.nyPrenumeration();
        HttpResponse<String> pa = s.post("/konto/meddelanden/push",
                Map.of("endpoint", p.endpoint(), "p256dh", p.p256dh(), "auth", p.authB64()));
        assertEquals(204, pa.statusCode(), pa.body());
        sida = s.page("/konto/meddelanden");
        assertEquals(1, sida.selectFirst("[data-push]").attr("data-hashar").split(" ").length);
        assertTrue(sida.selectFirst("#kanal-push").hasAttr("checked"), "turning them on chooses them");

        long d = TestData.deltagare(app).medNamn().hamta();
        long id = overlamnadTill(h, d, "test:personalpush");
        app.app().utskick().avsandare().korEnGang();

        assertEquals("skickat", rad(id).get("status"));
        assertEquals("push", rad(id).get("kanal"));
        assertEquals(1, tjanst.mottagna.size());
        LokalPushtjanst.Mottaget m = tjanst.mottagna.get(0);
        assertEquals(p.endpoint(), m.endpoint());
        assertEquals("aes128gcm", m.header("Content-Encoding"));
        LokalPushtjanst.vapid(m.header("Authorization"), serversNyckel(), p.endpoint());

        JsonNode innehall = JSON.readTree(LokalPushtjanst.dekryptera(p, m.body()));
        Texter sv = Texter.of("sv");
        assertEquals(sv.get("utskick.personal.amne"), innehall.get("titel").asText());
        assertEquals(sv.get("utskick.personal.overlamnad", kod(d), "http://localhost/oversikt"),
                innehall.get("text").asText(), "the SMS's words: her code and a link that needs a login");
        assertEquals(3, innehall.size(), "title, text and the page to open: nothing more");
        for (String del : TestData.namn(app, d).split(" ")) {
            assertFalse(innehall.toString().contains(del), "the participant's name is not in it: " + innehall);
        }
    }

    @Test
    void notiserKanInteValjasUtanEnWebblasareOchAvstangdaNotiserGerEpostIgen() throws Exception {
        long t = id("teamrep.af");
        app.jdbi().useHandle(x -> x.execute("UPDATE anvandare SET epost = 'rep@af.example' WHERE id = ?", t));
        HttpSession s = app.session().loginStaff("teamrep.af");
        HttpResponse<String> utan = s.post("/konto/meddelanden", Map.of("kanal", "push", "sammanfattning", "vecka"));
        assertEquals(400, utan.statusCode());
        assertTrue(HttpSession.html(utan).text().contains(Texter.of("sv").get("personalval.fel.ingapush")),
                "a clear message, not a choice that reaches nobody");

        LokalPushtjanst.Prenumeration p = tjanst.nyPrenumeration();
        s.get("/konto/meddelanden");
        assertEquals(204, s.post("/konto/meddelanden/push",
                Map.of("endpoint", p.endpoint(), "p256dh", p.p256dh(), "auth", p.authB64())).statusCode());
        assertEquals(302, s.post("/konto/meddelanden", Map.of("kanal", "push", "sammanfattning", "vecka"))
                .statusCode());
        assertTrue(s.page("/konto/meddelanden").selectFirst("#kanal-push").hasAttr("checked"));

        // Off in every browser (the plain form): back on her page, and her messages go by e-mail again.
        HttpResponse<String> av = s.post("/konto/meddelanden/push/av", Map.of());
        assertEquals(302, av.statusCode());
        assertEquals("/konto/meddelanden", av.headers().firstValue("Location").orElseThrow());
        assertEquals(0, app.app().utskick().pushRepo().antal(t));
        assertTrue(s.page("/konto/meddelanden").selectFirst("#kanal-epost").hasAttr("checked"));
    }

    @Test
    void koordinatornsSammanfattningForblirDagligNarHonSlarPaNotiser() throws Exception {
        HttpSession s = app.session().loginStaff("koordinator");
        s.get("/konto/meddelanden");
        LokalPushtjanst.Prenumeration p = tjanst.nyPrenumeration();
        assertEquals(204, s.post("/konto/meddelanden/push",
                Map.of("endpoint", p.endpoint(), "p256dh", p.p256dh(), "auth", p.authB64())).statusCode());
        Document sida = s.page("/konto/meddelanden");
        assertTrue(sida.selectFirst("#kanal-push").hasAttr("checked"));
        assertTrue(sida.selectFirst("#sammanfattning-dag").hasAttr("checked"),
                "her daily digest, as before she turned notifications on");
        assertEquals(1, (int) app.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM utskick_val WHERE anvandare_id = :a AND sammanfattning = 'dag'")
                .bind("a", id("koordinator")).mapTo(Integer.class).one()));
    }
}
