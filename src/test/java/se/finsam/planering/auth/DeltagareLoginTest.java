package se.finsam.planering.auth;

import se.finsam.planering.inloggning.InloggningRoutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

class DeltagareLoginTest extends AppTest {

    /** Each test starts with no failed attempts counted from the other tests' address. */
    @BeforeEach
    void forgetFailures() {
        app.jdbi().useHandle(h -> h.execute("DELETE FROM login_attempt"));
    }

    @Test
    void aktiveringskodSedanPinkodVisarPlaneringen() {
        HttpSession s = app.session();
        s.get("/aktivera");
        HttpResponse<String> activated = s.post("/aktivera", Map.of("kod", DemoData.DEMO_ACTIVATION_CODE));
        assertEquals(302, activated.statusCode(), activated.body());
        assertEquals("/aktivera/pin", activated.headers().firstValue("Location").orElse(""));

        // Until a PIN is chosen, the participant can do nothing else.
        assertEquals("/aktivera/pin", s.get("/min-planering").headers().firstValue("Location").orElse(""));

        String username = HttpSession.text(s.page("/aktivera/pin"), "#ditt-id");
        assertTrue(username.matches("[a-z0-9-]+"), "a user id to log in with: " + username);

        HttpResponse<String> mismatch = s.post("/aktivera/pin", Map.of("pin", "482915", "pin2", "482916"));
        assertEquals(400, mismatch.statusCode());
        assertTrue(mismatch.body().contains("PIN-koderna är inte lika"));
        HttpResponse<String> simple = s.post("/aktivera/pin", Map.of("pin", "123456", "pin2", "123456"));
        assertEquals(400, simple.statusCode());
        assertTrue(simple.body().contains("för lätt att gissa"));

        assertEquals(302, s.post("/aktivera/pin", Map.of("pin", "482915", "pin2", "482915")).statusCode());
        HttpResponse<String> plan = s.get("/min-planering");
        assertEquals(200, plan.statusCode());
        assertTrue(plan.body().contains("Din PIN-kod är sparad"));
        assertEquals(302, s.post("/logga-ut", Map.of()).statusCode());

        // The code works once only.
        HttpSession again = app.session();
        HttpResponse<String> reuse = again.post("/aktivera", Map.of("kod", DemoData.DEMO_ACTIVATION_CODE));
        assertEquals(400, reuse.statusCode());
        assertTrue(reuse.body().contains("Koden fungerar inte"));

        // Later logins use the user id and PIN.
        HttpResponse<String> wrongPin = again.post("/logga-in/deltagare",
                Map.of("anvandarnamn", username, "pin", "000001"));
        assertEquals(401, wrongPin.statusCode());
        HttpResponse<String> login = again.post("/logga-in/deltagare", Map.of("anvandarnamn", username, "pin", "482915"));
        assertEquals(302, login.statusCode());
        assertEquals("/min-planering", again.get("/").headers().firstValue("Location").orElse(""));
        assertEquals(200, again.get("/min-planering").statusCode());
    }

    @Test
    void utgangenKodFungerarInte() {
        String code = TestData.kontoMedAktiveringskod(app, TestData.deltagareAttLoggaInSom(app, "anmald"));
        app.clock().advance(Duration.ofDays(15));
        HttpResponse<String> response = app.session().post("/aktivera", Map.of("kod", code));
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("Koden fungerar inte"));
    }

    @Test
    void kodenTarEmotSmaBokstaverOchMellanslag() {
        String code = TestData.kontoMedAktiveringskod(app, TestData.deltagareAttLoggaInSom(app, "anmald"));
        String typed = code.toLowerCase().replace("-", " ");
        HttpResponse<String> response = app.session().post("/aktivera", Map.of("kod", typed));
        assertEquals(302, response.statusCode());
    }

    @Test
    void gissadeKoderSparrasEfterNagraForsok() {
        HttpSession s = app.session();
        HttpResponse<String> last = null;
        for (int i = 0; i < Inloggningsbroms.FREE_ATTEMPTS + 1; i++) {
            last = s.post("/aktivera", Map.of("kod", "AAAA-BBBB-CCCC-DDD" + i));
        }
        assertTrue(last.body().contains("För många misslyckade försök"), last.body());
        HttpResponse<String> locked = s.post("/aktivera", Map.of("kod", DemoData.DEMO_ACTIVATION_CODE));
        assertEquals(429, locked.statusCode(), "even a right code waits until the lock ends");
    }

    @Test
    void demodeltagarenLoggarInMedPin() {
        HttpSession s = app.session().loginDeltagare();
        HttpResponse<String> plan = s.get("/min-planering");
        assertEquals(200, plan.statusCode());
        assertTrue(plan.body().contains("Ditt mål"), plan.body());
        assertEquals(DemoData.DEMO_PARTICIPANT_USERNAME, s.cookie(InloggningRoutes.DEVICE_COOKIE));
    }
}
