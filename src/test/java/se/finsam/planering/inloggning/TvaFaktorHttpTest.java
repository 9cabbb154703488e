package se.finsam.planering.inloggning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.auth.Inloggningsbroms;
import se.finsam.planering.auth.Nycklar;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestApp;
import se.finsam.planering.web.Ruttabell;

/** The second factor of koordinator and admin, TOTP replay, passkey challenges, PIN off and the admin's reset. */
class TvaFaktorHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a session waiting for its second factor may reach. */
    private static final Set<String> OPEN = Set.of("/tvafaktor", "/tvafaktor/registrera", "/health", "/utan-nat",
            "/logga-ut", "/sprak");

    private static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static HttpSession passwordOnly(String username) {
        HttpSession s = app.session();
        s.get("/logga-in");
        HttpResponse<String> login = s.post("/logga-in",
                Map.of("anvandarnamn", username, "losenord", DemoData.STAFF_PASSWORD));
        assertEquals(302, login.statusCode());
        assertTrue(login.headers().firstValue("Location").orElse("").startsWith("/tvafaktor"));
        return s;
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    private static int loggat(String vad) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log WHERE vad LIKE :v")
                .bind("v", vad + "%").mapTo(Integer.class).one());
    }

    private static int utmaningar(String id) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM webauthn_utmaning WHERE id = :id")
                .bind("id", id).mapTo(Integer.class).one());
    }

    private static HttpResponse<String> postJson(HttpSession s, String path, String body) {
        return s.send(HttpRequest.newBuilder(URI.create(s.url(path)))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("X-CSRF-Token", s.csrf()).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void varjeSidaLederTillAndraFaktornForeDenArPasserad() {
        for (String username : new String[] {"koordinator", "admin"}) {
            HttpSession s = passwordOnly(username);
            int checked = 0;
            for (Ruttabell.Route route : app.app().routes()) {
                String path = route.path().replaceAll("\\{[a-z]+\\}", "1");
                if (OPEN.contains(path) || path.startsWith("/api/tvafaktor/") || path.startsWith("/api/nyckel/")) {
                    continue;
                }
                HttpResponse<String> response = route.method() == HandlerType.GET ? s.get(path)
                        : s.post(path, Map.of());
                assertEquals(303, response.statusCode(), username + ": " + route.method() + " " + path);
                assertEquals("/tvafaktor", location(response), route.method() + " " + path);
                checked++;
            }
            assertTrue(checked > 40, "checked " + checked + " routes");
            // The API answers without a redirect, and the page itself opens.
            HttpResponse<String> api = s.send(HttpRequest.newBuilder(URI.create(s.url("/api/csrf")))
                    .header("Accept", "application/json").GET());
            assertEquals(401, api.statusCode());
            assertEquals(200, s.get("/tvafaktor").statusCode());
            // With the code from the app the same session opens the role's pages.
            s.passSecondFactor(username);
            assertEquals(200, s.get(username.equals("admin") ? "/admin" : "/oversikt").statusCode());
        }
        // Other staff have no second factor.
        HttpSession handlaggare = app.session().loginStaff("handlaggare");
        assertEquals(200, handlaggare.get("/oversikt").statusCode());
    }

    @Test
    void enTotpKodGodtasBaraEnGangOchFelKoderRaknasSomFelInloggningar() {
        HttpSession first = passwordOnly("koordinator.vallingby");
        String code = app.totpKod("koordinator.vallingby");
        first.get("/tvafaktor");
        assertEquals(302, first.post("/tvafaktor", Map.of("kod", code)).statusCode());
        assertTrue(loggat("andra faktor godkänd (TOTP)") >= 1);

        // Seen over her shoulder: the same code in another browser, within its 30 seconds, is refused.
        HttpSession other = passwordOnly("koordinator.vallingby");
        other.get("/tvafaktor");
        HttpResponse<String> replay = other.post("/tvafaktor", Map.of("kod", code));
        assertEquals(401, replay.statusCode());
        assertTrue(HttpSession.html(replay).select("#kod-fel").text().contains("redan använts"));
        assertEquals("/tvafaktor", location(other.get("/oversikt")));

        HttpResponse<String> format = other.post("/tvafaktor", Map.of("kod", "12ab"));
        assertEquals(400, format.statusCode());
        // Wrong codes lock the second factor after five (the replay above was the first failure).
        String wrong = code.substring(0, 5) + (char) ('0' + (code.charAt(5) - '0' + 1) % 10);
        for (int i = 2; i <= Inloggningsbroms.ANDRA_FAKTOR_FREE_ATTEMPTS; i++) {
            assertEquals(401, other.post("/tvafaktor", Map.of("kod", wrong)).statusCode(), "failure " + i);
        }
        HttpResponse<String> locked = other.post("/tvafaktor", Map.of("kod", app.totpKod("koordinator.vallingby")));
        assertEquals(429, locked.statusCode(), "locked after five failures, even with a right code");
        assertTrue(loggat("andra faktor spärrad efter felaktiga koder") >= 1);
        // The password has its own count: it still works, and a right one does not open the code's lock.
        HttpSession third = passwordOnly("koordinator.vallingby");
        third.get("/tvafaktor");
        assertEquals(429, third.post("/tvafaktor", Map.of("kod", app.totpKod("koordinator.vallingby")))
                .statusCode());
    }

    @Test
    void enUtmaningGodtasEnGangOchBaraInomFemMinuter() throws Exception {
        HttpSession s = app.session();
        s.get("/logga-in/deltagare");
        // Not JSON at all: a clear 401 with a reason, never a 500.
        HttpResponse<String> broken = postJson(s, "/api/nyckel/logga-in/klar", "{not json");
        assertEquals(401, broken.statusCode());
        assertFalse(JSON.readTree(broken.body()).path("fel").asText().isEmpty());

        JsonNode start = JSON.readTree(postJson(s, "/api/nyckel/logga-in/start", "{}").body());
        String id = start.path("utmaning").asText();
        assertFalse(id.isEmpty());
        JsonNode options = JSON.readTree(start.path("options").asText());
        assertEquals("localhost", options.path("publicKey").path("rpId").asText());
        assertFalse(options.path("publicKey").path("challenge").asText().isEmpty());
        assertEquals(1, utmaningar(id));

        // An answer (here not a valid one) uses the challenge up: it is gone, whatever the answer was.
        HttpResponse<String> answer = postJson(s, "/api/nyckel/logga-in/klar",
                "{\"utmaning\":\"" + id + "\",\"svar\":{\"id\":\"x\"}}");
        assertEquals(401, answer.statusCode());
        assertEquals(0, utmaningar(id));
        // Used again it is refused; with no challenge taken nothing was checked, so nothing is counted or logged.
        assertEquals(401, postJson(s, "/api/nyckel/logga-in/klar",
                "{\"utmaning\":\"" + id + "\",\"svar\":{\"id\":\"x\"}}").statusCode());
        assertEquals(0, loggat("misslyckad inloggning med nyckel: okänd eller redan använd utmaning"));

        // A challenge not answered within five minutes has expired.
        String late = JSON.readTree(postJson(s, "/api/nyckel/logga-in/start", "{}").body()).path("utmaning").asText();
        app.clock().advance(Nycklar.GILTIG.plus(Duration.ofSeconds(1)));
        assertEquals(401, postJson(s, "/api/nyckel/logga-in/klar",
                "{\"utmaning\":\"" + late + "\",\"svar\":{\"id\":\"x\"}}").statusCode());
        assertTrue(loggat("misslyckad inloggning med nyckel: utmaningen har gått ut") >= 1);
        // Answers to real challenges count per address like failed activation codes: after the third it waits.
        String tredje = JSON.readTree(postJson(s, "/api/nyckel/logga-in/start", "{}").body()).path("utmaning")
                .asText();
        assertEquals(401, postJson(s, "/api/nyckel/logga-in/klar",
                "{\"utmaning\":\"" + tredje + "\",\"svar\":{\"id\":\"x\"}}").statusCode());
        assertEquals(429, postJson(s, "/api/nyckel/logga-in/start", "{}").statusCode());

    }

    @Test
    void pinKodenKanStangasAvForstNarHonHarEnNyckel() {
        HttpSession her = app.session().loginDeltagare();
        her.get("/konto");
        HttpResponse<String> refused = her.post("/konto/pin", Map.of("pin", "av"));
        assertEquals(409, refused.statusCode(), "no passkey yet");
        assertEquals(400, her.post("/konto/pin", Map.of("pin", "kanske")).statusCode());

        // A passkey as registration stores it (the browser tests register real ones).
        long id = app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM anvandare WHERE anvandarnamn = :u")
                .bind("u", DemoData.DEMO_PARTICIPANT_USERNAME).mapTo(Long.class).one());
        app.jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO nyckel (anvandare_id, credential_id, user_handle, public_key_cose, namn, skapad)
                        VALUES (:a, 'dGVzdA', 'aGFuZGxl', 'a2V5', 'Telefonen', :n)""")
                .bind("a", id).bind("n", app.clock().instant()).execute());
        her.get("/konto");
        assertEquals(302, her.post("/konto/pin", Map.of("pin", "av")).statusCode());
        assertTrue(loggat("PIN-inloggning avstängd") >= 1);

        HttpSession thief = app.session();
        thief.get("/logga-in/deltagare");
        HttpResponse<String> pin = thief.post("/logga-in/deltagare",
                Map.of("anvandarnamn", DemoData.DEMO_PARTICIPANT_USERNAME, "pin", DemoData.DEMO_PARTICIPANT_PIN));
        assertEquals(403, pin.statusCode(), "the right PIN no longer logs in");
        assertTrue(HttpSession.html(pin).select("#pin-fel").text().contains("stängt av inloggning med PIN-kod"));

        // Removing her last passkey gives the PIN back, so she cannot lock herself out.
        var page = her.page("/konto");
        String nyckel = page.select("input[name=nyckel]").val();
        assertEquals(302, her.post("/konto/nyckel/ta-bort", Map.of("nyckel", nyckel)).statusCode());
        assertEquals(404, her.post("/konto/nyckel/ta-bort", Map.of("nyckel", nyckel)).statusCode());
        thief.get("/logga-in/deltagare");
        assertEquals(302, thief.post("/logga-in/deltagare",
                Map.of("anvandarnamn", DemoData.DEMO_PARTICIPANT_USERNAME, "pin", DemoData.DEMO_PARTICIPANT_PIN))
                .statusCode());
    }

    @Test
    void administratorenAterstallerEnForloradAndraFaktor() {
        HttpSession admin = app.session().loginStaff("admin");
        long id = app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM anvandare WHERE anvandarnamn = :u")
                .bind("u", "koordinator.farsta").mapTo(Long.class).one());
        var konton = admin.page("/admin/konton");
        assertFalse(konton.select("form[action=/admin/anvandare/" + id + "/aterstall-tvafaktor]").isEmpty());
        assertEquals(302, admin.post("/admin/anvandare/" + id + "/aterstall-tvafaktor", Map.of()).statusCode());
        assertTrue(loggat("administratören återställde andra faktorn för användare " + id) >= 1);
        assertEquals(404, admin.post("/admin/anvandare/999999/aterstall-tvafaktor", Map.of()).statusCode());

        // A handläggare may not reset anyone's.
        HttpSession handlaggare = app.session().loginStaff("handlaggare");
        assertEquals(403, handlaggare.post("/admin/anvandare/" + id + "/aterstall-tvafaktor", Map.of()).statusCode());

        // At the next login the koordinator enrols a new one before seeing anything.
        HttpSession k = passwordOnly("koordinator.farsta");
        assertEquals("/tvafaktor/registrera", location(k.get("/tvafaktor")));
        var page = k.page("/tvafaktor/registrera");
        String secret = page.select("#totp-hemlighet").text().replace(" ", "");
        assertEquals(32, secret.length());
        assertFalse(page.select("svg.qr").isEmpty());
        assertEquals("/tvafaktor", location(k.get("/oversikt")));
        HttpResponse<String> wrong = k.post("/tvafaktor/registrera", Map.of("kod", "12"));
        assertEquals(400, wrong.statusCode());
        String code = se.finsam.planering.auth.Totp.kod(secret,
                se.finsam.planering.auth.Totp.steg(app.clock().instant()));
        assertEquals(302, k.post("/tvafaktor/registrera", Map.of("kod", code)).statusCode());
        assertEquals(200, k.get("/oversikt").statusCode());
        // The secret is never shown again.
        assertTrue(k.page("/tvafaktor/registrera").select("#totp-hemlighet").isEmpty());
    }
}
