package se.finsam.planering.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.finsam.planering.App;
import se.finsam.planering.Config;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.MutableClock;
import se.finsam.planering.testsupport.TestApp;
import se.finsam.planering.testsupport.TestData;

/** Ending sessions: everywhere, by an administrator, on a new PIN or code, and after a maximum life. */
class SessionerTest extends AppTest {

    @TempDir
    Path dir;

    @BeforeEach
    void forgetFailures() {
        app.jdbi().useHandle(h -> h.execute("DELETE FROM login_attempt"));
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    private long userId(String username) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM anvandare WHERE anvandarnamn = :u")
                .bind("u", username).mapTo(Long.class).one());
    }

    /** A request carrying only the given session token, as another device would. */
    private int statusWithToken(String token, String path) {
        return app.session().send(HttpRequest.newBuilder(URI.create(app.url(path)))
                .header("Cookie", "finsam_session=" + token).header("Accept", "text/html").GET()).statusCode();
    }

    @Test
    void loggaUtOveralltAvslutarVarjeInloggningForKontot() {
        HttpSession laptop = app.session().loginStaff("handlaggare");
        HttpSession phone = app.session().loginStaff("handlaggare");
        HttpSession colleague = app.session().loginStaff("region.handlaggare");
        HttpResponse<String> konto = laptop.get("/konto");
        assertEquals(200, konto.statusCode());
        assertTrue(konto.body().contains("Du är inloggad på 2 ställen just nu"), konto.body());
        assertTrue(konto.body().contains("action=\"/logga-ut/overallt\""));

        HttpResponse<String> out = laptop.post("/logga-ut/overallt", Map.of());
        assertEquals(302, out.statusCode());
        assertTrue(out.headers().firstValue("Clear-Site-Data").orElse("").contains("storage"));
        assertTrue(location(phone.get("/oversikt")).startsWith("/logga-in"), "the other device is logged out");
        assertTrue(location(laptop.get("/oversikt")).startsWith("/logga-in"));
        assertEquals(200, colleague.get("/oversikt").statusCode(), "other accounts are not touched");
        assertTrue(laptop.get("/logga-in").body().contains("Du är utloggad överallt"));
    }

    @Test
    void deltagarenKanOcksaLoggaUtOverallt() {
        HttpSession phone = app.session().loginDeltagare();
        HttpSession tablet = app.session().loginDeltagare();
        assertEquals(302, tablet.post("/logga-ut/overallt", Map.of()).statusCode());
        assertEquals(302, phone.get("/min-planering").statusCode());
        app.session().loginDeltagare();
    }

    @Test
    void administratornLoggarUtEttKontoOverallt() {
        HttpSession victim = app.session().loginStaff("soc.handlaggare");
        HttpSession admin = app.session().loginStaff("admin");
        HttpResponse<String> list = admin.get("/admin/konton");
        assertEquals(200, list.statusCode());
        long id = userId("soc.handlaggare");
        assertTrue(list.body().contains("action=\"/admin/anvandare/" + id + "/logga-ut\""));

        HttpSession notAdmin = app.session().loginStaff("koordinator");
        notAdmin.get("/oversikt");
        assertEquals(403, notAdmin.post("/admin/anvandare/" + id + "/logga-ut", Map.of()).statusCode());
        assertEquals(200, victim.get("/oversikt").statusCode());

        HttpResponse<String> done = admin.post("/admin/anvandare/" + id + "/logga-ut", Map.of());
        assertEquals(302, done.statusCode());
        assertTrue(location(victim.get("/oversikt")).startsWith("/logga-in"));
        assertEquals(404, admin.post("/admin/anvandare/999999/logga-ut", Map.of()).statusCode());
        assertEquals(1, (int) app.jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM audit_log WHERE vad LIKE :v")
                .bind("v", "konto " + id + ": utloggad överallt%").mapTo(Integer.class).one()));
    }

    @Test
    void nyPinAvslutarAllaAndraInloggningar() {
        long deltagare = TestData.deltagareAttLoggaInSom(app, "anmald");
        String code = TestData.kontoMedAktiveringskod(app, deltagare);
        long userId = app.jdbi().withHandle(h -> h.createQuery("SELECT anvandare_id FROM deltagare WHERE id = :d")
                .bind("d", deltagare).mapTo(Long.class).one());
        // Someone else holds a session for the account (a device she lent, or lost).
        String otherToken = new Sessioner(app.jdbi(), app.clock(), Duration.ofMinutes(30)).create(userId, false);
        assertEquals(200, statusWithToken(otherToken, "/min-planering"));

        HttpSession her = app.session();
        assertEquals(302, her.post("/aktivera", Map.of("kod", code)).statusCode());
        her.get("/aktivera/pin");
        assertEquals(302, her.post("/aktivera/pin", Map.of("pin", "730194", "pin2", "730194")).statusCode());
        assertEquals(200, her.get("/min-planering").statusCode(), "she stays logged in");
        assertEquals(302, statusWithToken(otherToken, "/min-planering"), "the other session has ended");
    }

    /**
     * Sessions and accounts are kept in memory between requests; a change made in the database by any path
     * (another part of the server, a command-line tool) is seen on the very next request.
     */
    @Test
    void sessionerIMinnetFoljerDatabasen() {
        HttpSession participant = app.session().loginDeltagare();
        HttpSession staff = app.session().loginStaff("fk.handlaggare");
        assertEquals(200, participant.get("/min-planering").statusCode());
        assertEquals(200, staff.get("/oversikt").statusCode());
        assertEquals(200, staff.get("/oversikt").statusCode(), "a second request, from memory");

        // The session row goes away outside the session store.
        long participantUser = userId("deltagare");
        app.jdbi().useHandle(h -> h.execute("DELETE FROM session WHERE anvandare_id = ?", participantUser));
        assertEquals(302, participant.get("/min-planering").statusCode(), "her session has ended");
        assertEquals(200, staff.get("/oversikt").statusCode(), "other sessions are read again, still valid");

        // The account is deactivated directly in the table.
        long staffUser = userId("fk.handlaggare");
        app.jdbi().useHandle(h -> h.execute("UPDATE anvandare SET aktiv = 0 WHERE id = ?", staffUser));
        try {
            assertTrue(location(staff.get("/oversikt")).startsWith("/logga-in"), "a deactivated account is out");
        } finally {
            app.jdbi().useHandle(h -> h.execute("UPDATE anvandare SET aktiv = 1 WHERE id = ?", staffUser));
        }

        // A role change in the table is what the next request sees.
        HttpSession again = app.session().loginStaff("fk.handlaggare");
        assertEquals(200, again.get("/oversikt").statusCode());
        assertEquals(403, again.get("/admin/konton").statusCode());
        app.jdbi().useHandle(h -> h.execute("UPDATE anvandare SET roll = 'styrgrupp' WHERE id = ?", staffUser));
        try {
            assertEquals(403, again.get("/oversikt").statusCode(), "the styrgrupp has no overview");
        } finally {
            app.jdbi().useHandle(h -> h.execute("UPDATE anvandare SET roll = 'handlaggare' WHERE id = ?", staffUser));
        }

        // Inactivity still ends a remembered session, and sliding the last-seen time keeps an active one.
        HttpSession active = app.session().loginStaff("fk.handlaggare");
        for (int i = 0; i < 4; i++) {
            app.clock().advance(Duration.ofMinutes(20));
            assertEquals(200, active.get("/oversikt").statusCode(), "active after " + (i + 1) * 20 + " minutes");
        }
        app.clock().advance(Duration.ofMinutes(31));
        assertTrue(location(active.get("/oversikt")).startsWith("/logga-in"), "inactive for 31 minutes");
        app.session().loginDeltagare();
    }

    @Test
    void enSessionLeverHogst12TimmarForPersonalOch2TimmarForDeltagare() {
        HttpSession staff = app.session().loginStaff("teamrep.af");
        HttpSession participant = app.session().loginDeltagare();
        Duration step = Duration.ofMinutes(20);
        Duration lived = Duration.ZERO;
        // Active all the time: a request every 20 minutes, well inside the 30 minutes of inactivity.
        while (lived.plus(step).compareTo(Sessioner.MAX_LIFE_PERSONAL) < 0) {
            app.clock().advance(step);
            lived = lived.plus(step);
            assertEquals(200, staff.get("/oversikt").statusCode(), "after " + lived);
            int expected = lived.compareTo(Sessioner.MAX_LIFE_DELTAGARE) < 0 ? 200 : 302;
            assertEquals(expected, participant.get("/min-planering").statusCode(), "participant after " + lived);
        }
        app.clock().advance(Sessioner.MAX_LIFE_PERSONAL.minus(lived));
        assertTrue(location(staff.get("/oversikt")).startsWith("/logga-in"), "logged out after 12 hours");
        app.session().loginStaff("teamrep.af");
    }

    @Test
    void nyAktiveringskodForEttAktivtKontoArKoordinatornsBeslutOchAvslutarPinOchSessioner() {
        long deltagare = TestData.ledigDeltagareIFas(app, "kallad");
        String username = TestData.kontoMedPin(app, deltagare, "516273");
        long bokning = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM mote_deltagare WHERE deltagare_id = :d").bind("d", deltagare).mapTo(Long.class).one());
        HttpSession herPhone = app.session();
        herPhone.get("/logga-in/deltagare");
        assertEquals(302, herPhone.post("/logga-in/deltagare", Map.of("anvandarnamn", username, "pin", "516273"))
                .statusCode());
        assertEquals(200, herPhone.get("/min-planering").statusCode());

        // A handläggare may not.
        HttpSession handlaggare = app.session().loginStaff("handlaggare");
        handlaggare.get("/oversikt");
        assertEquals(403, handlaggare.post("/kallelse/" + bokning + "/aktiveringskod", Map.of()).statusCode());
        assertEquals(200, herPhone.get("/min-planering").statusCode());

        HttpSession koordinator = app.session().loginStaff("koordinator");
        assertTrue(koordinator.get("/kallelse/" + bokning).body().contains("/aktiveringskod\""));
        HttpResponse<String> withCode = koordinator.post("/kallelse/" + bokning + "/aktiveringskod", Map.of());
        assertEquals(200, withCode.statusCode());
        String code = HttpSession.text(HttpSession.html(withCode), "#aktiveringskod");

        assertEquals(302, herPhone.get("/min-planering").statusCode(), "her session has ended");
        HttpResponse<String> oldPin = app.session().post("/logga-in/deltagare",
                Map.of("anvandarnamn", username, "pin", "516273"));
        assertEquals(401, oldPin.statusCode(), "the old PIN no longer works");

        HttpSession her = app.session();
        assertEquals(302, her.post("/aktivera", Map.of("kod", code)).statusCode());
        her.get("/aktivera/pin");
        assertEquals(302, her.post("/aktivera/pin", Map.of("pin", "604182", "pin2", "604182")).statusCode());
        HttpResponse<String> tittat = her.get("/min-planering/vem-har-tittat");
        assertEquals(200, tittat.statusCode());
        String koordinatorNamn = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT namn FROM anvandare WHERE anvandarnamn = 'koordinator'").mapTo(String.class).one());
        assertTrue(tittat.body().contains(koordinatorNamn), tittat.body());
        assertTrue(tittat.body().contains("Gav dig en ny aktiveringskod. Din gamla PIN-kod gäller inte längre"),
                tittat.body());
    }

    @Test
    void sakraKakorHarHostPrefixOchLasesBaraMedDet() throws Exception {
        MutableClock clock = new MutableClock(TestApp.START, Config.TIDSZON);
        App secure = App.start(new Config(0, dir.resolve("secure.db"), "https://localhost", Config.DemoMode.SMALL,
                true, Duration.ofMinutes(30), false, false), clock);
        try {
            String base = "http://localhost:" + secure.port();
            HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/logga-in"))
                    .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
            List<String> setCookies = page.headers().allValues("Set-Cookie");
            assertFalse(setCookies.isEmpty());
            for (String c : setCookies) {
                assertTrue(c.startsWith("__Host-"), c);
                assertTrue(c.contains("Secure") && c.contains("Path=/") && !c.contains("Domain"), c);
            }
            String csrfCookie = cookieValue(setCookies, "__Host-finsam_csrf");
            String token = HttpSession.html(page).select("input[name=_csrf]").val();
            assertFalse(token.isEmpty(), "the login form carries a CSRF token");
            String form = "_csrf=" + enc(token) + "&anvandarnamn=handlaggare&losenord="
                    + enc(DemoData.STAFF_PASSWORD);
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base + "/logga-in"))
                    .header("Cookie", "__Host-finsam_csrf=" + csrfCookie)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(302, login.statusCode(), login.body());
            String session = cookieValue(login.headers().allValues("Set-Cookie"), "__Host-finsam_session");

            assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(base + "/oversikt"))
                    .header("Cookie", "__Host-finsam_session=" + session).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            // A cookie without the prefix (which a subdomain or plain HTTP could have set) is not read.
            assertEquals(302, client.send(HttpRequest.newBuilder(URI.create(base + "/oversikt"))
                    .header("Cookie", "finsam_session=" + session).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        } finally {
            secure.stop();
        }
    }

    private static String cookieValue(List<String> setCookies, String name) {
        return setCookies.stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).orElseThrow(() ->
                        new AssertionError(name + " not in " + setCookies));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
