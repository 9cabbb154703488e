package se.finsam.planering.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

class StaffLoginTest extends AppTest {

    private int auditCount(String handling) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log WHERE handling = :h")
                .bind("h", handling).mapTo(Integer.class).one());
    }

    @Test
    void koordinatornLoggarInOchHamnarPaSinOversikt() {
        HttpSession s = app.session();
        s.get("/logga-in");
        HttpResponse<String> login = s.post("/logga-in",
                Map.of("anvandarnamn", "koordinator", "losenord", DemoData.STAFF_PASSWORD, "tillbaka", "/"));
        assertEquals(302, login.statusCode());
        assertNotNull(s.cookie("finsam_session"));
        assertTrue(login.headers().firstValue("Location").orElse("").startsWith("/tvafaktor"),
                "the koordinator passes a second factor first");
        s.passSecondFactor("koordinator");
        HttpResponse<String> start = s.get("/");
        assertEquals("/oversikt", start.headers().firstValue("Location").orElse(""));
        HttpResponse<String> oversikt = s.get("/oversikt");
        assertEquals(200, oversikt.statusCode());
        assertTrue(oversikt.body().contains("Teamets deltagare"), oversikt.body());
        assertTrue(oversikt.body().contains("Jobbtorg Kista"));
    }

    @Test
    void felLosenordGerTydligtMeddelandeOchLoggas() {
        int before = auditCount("inloggning_misslyckad");
        HttpSession s = app.session();
        HttpResponse<String> response = s.post("/logga-in",
                Map.of("anvandarnamn", "fk.handlaggare", "losenord", "fel-losenord"));
        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("Användarnamnet eller lösenordet stämmer inte"));
        assertTrue(response.body().contains("value=\"fk.handlaggare\""), "the typed username is kept");
        assertEquals(before + 1, auditCount("inloggning_misslyckad"));
        assertEquals(302, s.get("/oversikt").statusCode(), "still not logged in");
    }

    @Test
    void tomtFormularVisarFelsammanfattningMedLankarTillFalten() {
        HttpResponse<String> response = app.session().post("/logga-in", Map.of("anvandarnamn", "", "losenord", ""));
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("class=\"felsammanfattning\""));
        assertTrue(response.body().contains("href=\"#anvandarnamn\""));
        assertTrue(response.body().contains("href=\"#losenord\""));
    }

    @Test
    void upprepadeFelSparrarKontotAvenMedRattLosenordTillsTidenGatt() {
        int sparradeFore = auditCount("inloggning_sparrad");
        HttpSession s = app.session();
        for (int i = 0; i < Inloggningsbroms.FREE_ATTEMPTS - 1; i++) {
            assertEquals(401, s.post("/logga-in", Map.of("anvandarnamn", "soc.handlaggare", "losenord", "gissning"))
                    .statusCode());
        }
        HttpResponse<String> locking = s.post("/logga-in",
                Map.of("anvandarnamn", "soc.handlaggare", "losenord", "gissning"));
        assertTrue(locking.body().contains("För många misslyckade försök"), locking.body());

        HttpResponse<String> whileLocked = s.post("/logga-in",
                Map.of("anvandarnamn", "soc.handlaggare", "losenord", DemoData.STAFF_PASSWORD));
        assertEquals(429, whileLocked.statusCode());
        assertTrue(auditCount("inloggning_sparrad") > sparradeFore, "the lock is in the audit log");

        app.clock().advance(Inloggningsbroms.FIRST_LOCK.plus(Duration.ofSeconds(1)));
        HttpResponse<String> after = s.post("/logga-in",
                Map.of("anvandarnamn", "soc.handlaggare", "losenord", DemoData.STAFF_PASSWORD));
        assertEquals(302, after.statusCode());
    }

    @Test
    void sparrtidenFordubblasOchHarEttTak() {
        assertEquals(Duration.ZERO, Inloggningsbroms.lockFor(2, 3));
        assertEquals(Duration.ofSeconds(30), Inloggningsbroms.lockFor(3, 3));
        assertEquals(Duration.ofSeconds(60), Inloggningsbroms.lockFor(4, 3));
        assertEquals(Inloggningsbroms.MAX_LOCK, Inloggningsbroms.lockFor(40, 3));
    }

    @Test
    void okantAnvandarnamnBehandlasSomFelLosenord() {
        HttpResponse<String> response = app.session().post("/logga-in",
                Map.of("anvandarnamn", "finns.inte", "losenord", "vad-som-helst"));
        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("Användarnamnet eller lösenordet stämmer inte"));
    }

    @Test
    void utloggningAvslutarSessionenOchRensarWebblasarensData() {
        HttpSession s = app.session().loginStaff("handlaggare");
        assertEquals(200, s.get("/oversikt").statusCode());
        HttpResponse<String> out = s.post("/logga-ut", Map.of());
        assertEquals(302, out.statusCode());
        assertTrue(out.headers().firstValue("Clear-Site-Data").orElse("").contains("storage"));
        assertEquals(302, s.get("/oversikt").statusCode(), "after logout the page asks for login again");
    }

    @Test
    void sessionenUpphorEfterInaktivitet() {
        HttpSession s = app.session().loginStaff("teamrep.af");
        assertEquals(200, s.get("/oversikt").statusCode());
        app.clock().advance(Duration.ofMinutes(31));
        HttpResponse<String> expired = s.get("/oversikt");
        assertEquals(302, expired.statusCode());
        assertTrue(expired.headers().firstValue("Location").orElse("").startsWith("/logga-in"));
    }

    @Test
    void deltagareKanInteLoggaInMedPersonalformularet() {
        HttpResponse<String> response = app.session().post("/logga-in",
                Map.of("anvandarnamn", DemoData.DEMO_PARTICIPANT_USERNAME, "losenord", DemoData.DEMO_PARTICIPANT_PIN));
        assertEquals(401, response.statusCode());
        assertFalse(response.headers().firstValue("Location").isPresent());
    }
}
