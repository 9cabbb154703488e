package se.finsam.planering.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.finsam.planering.atkomst.Roll;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

class WebbskyddTest extends AppTest {

    @Test
    void varjeRouteUtanOppenRegelVagrarBesokareUtanSession() {
        List<Ruttabell.Route> routes = app.app().routes();
        assertTrue(routes.size() >= 15, "the route table is read: " + routes);
        int checked = 0;
        for (Ruttabell.Route route : routes) {
            assertFalse(route.roles().isEmpty(), route + " declares no roles");
            if (route.roles().contains(Roll.Oppen.ALLA)) {
                continue;
            }
            HttpSession visitor = app.session();
            String path = route.path().replaceAll("\\{[^}]+}", "1");
            if (route.method() == HandlerType.GET) {
                HttpResponse<String> response = visitor.get(path);
                assertEquals(302, response.statusCode(), route.toString());
                assertTrue(response.headers().firstValue("Location").orElse("").startsWith("/logga-in"),
                        route.toString());
            } else {
                // With a valid CSRF token, so that it is the missing session that refuses.
                HttpResponse<String> response = visitor.post(path, Map.of());
                assertEquals(401, response.statusCode(), route.toString());
            }
            checked++;
        }
        assertTrue(checked >= 5, "checked " + checked + " protected routes");
    }

    @Test
    void postUtanGiltigCsrfTokenVagras() {
        HttpSession s = app.session();
        s.get("/logga-in");
        Map<String, String> login = Map.of("anvandarnamn", "koordinator", "losenord", DemoData.STAFF_PASSWORD);
        assertEquals(403, s.postRaw("/logga-in", login).statusCode(), "no token");
        assertEquals(403, s.postRaw("/logga-in", Map.of("anvandarnamn", "koordinator",
                "losenord", DemoData.STAFF_PASSWORD, "_csrf", "fel")).statusCode(), "wrong token");
        // A token from another browser does not fit this browser's cookie.
        String otherToken = app.session().csrf();
        assertEquals(403, s.postRaw("/logga-in", Map.of("anvandarnamn", "koordinator",
                "losenord", DemoData.STAFF_PASSWORD, "_csrf", otherToken)).statusCode(), "someone else's token");
        assertEquals(302, s.post("/logga-in", login).statusCode(), "own token works");
        s.passSecondFactor("koordinator");

        // Logged in, a POST without the token is still refused and changes nothing.
        HttpResponse<String> logout = s.postRaw("/logga-ut", Map.of());
        assertEquals(403, logout.statusCode());
        assertEquals(200, s.get("/oversikt").statusCode(), "still logged in");
    }

    @Test
    void sakerhetsrubrikerFinnsPaSidorFilerOchFelsidor() {
        HttpSession s = app.session();
        for (String path : List.of("/logga-in", "/css/app.css", "/finns-inte")) {
            HttpResponse<String> response = s.get(path);
            var h = response.headers();
            String csp = h.firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'")
                    && !csp.contains("unsafe-inline"), path + ": " + csp);
            assertEquals("nosniff", h.firstValue("X-Content-Type-Options").orElse(""), path);
            assertEquals("no-referrer", h.firstValue("Referrer-Policy").orElse(""), path);
            assertEquals("DENY", h.firstValue("X-Frame-Options").orElse(""), path);
        }
        assertEquals("no-store", s.get("/logga-in").headers().firstValue("Cache-Control").orElse(""));
        HttpResponse<String> css = s.get("/css/app.css");
        assertEquals(200, css.statusCode(), "static files are served to anyone");
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
    }

    @Test
    void sessionskakanArHttpOnlyOchSameSite() {
        HttpSession s = app.session();
        s.get("/logga-in");
        HttpResponse<String> login = s.post("/logga-in",
                Map.of("anvandarnamn", "koordinator", "losenord", DemoData.STAFF_PASSWORD));
        String setCookie = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("finsam_session=")).findFirst().orElse("");
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
    }

    @Test
    void felsidorArPaSvenskaOchVisarIngaInternaDetaljer() {
        HttpResponse<String> notFound = app.session().get("/finns-inte");
        assertEquals(404, notFound.statusCode());
        assertTrue(notFound.body().contains("Sidan finns inte"), notFound.body());
        assertTrue(notFound.body().contains("lang=\"sv\""));

        HttpResponse<String> badId = app.session().loginStaff("koordinator").get("/deltagare/abc");
        assertEquals(404, badId.statusCode());

        // Break the database under a logged-in user: the page says sorry, with a reference, and nothing more.
        HttpSession s = app.session().loginStaff("koordinator");
        long kista = app.jdbi().withHandle(h -> h.createQuery("SELECT d.id FROM deltagare d JOIN team t"
                + " ON t.id = d.team_id WHERE t.namn = 'Jobbtorg Kista' LIMIT 1").mapTo(Long.class).one());
        app.jdbi().useHandle(h -> h.execute("ALTER TABLE planpunkt RENAME TO planpunkt_trasig"));
        try {
            HttpResponse<String> broken = s.get("/deltagare/" + kista);
            assertEquals(500, broken.statusCode());
            assertTrue(broken.body().contains("Något gick fel hos oss"), broken.body());
            assertTrue(broken.body().contains("felkoden"));
            for (String leak : List.of("Exception", "SQL", "at se.", "jdbi", "planpunkt")) {
                assertFalse(broken.body().contains(leak), "error page leaks '" + leak + "'");
            }
        } finally {
            app.jdbi().useHandle(h -> h.execute("ALTER TABLE planpunkt_trasig RENAME TO planpunkt"));
        }
    }

    @Test
    void halsokontrollenSvararNarDatabasenSvarar() {
        HttpResponse<String> response = app.session().send(HttpRequest.newBuilder(URI.create(app.url("/health"))));
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"ok\""), response.body());
    }

    @Test
    void engelskaValjsMedSprakvaletOchSparas() {
        HttpSession s = app.session().loginStaff("handlaggare");
        s.get("/oversikt");
        assertEquals(302, s.post("/sprak", Map.of("sprak", "en", "tillbaka", "/oversikt")).statusCode());
        HttpResponse<String> english = s.get("/oversikt");
        assertTrue(english.body().contains("lang=\"en\""));
        assertTrue(english.body().contains("My participants"), english.body());
        String stored = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT sprak FROM anvandare WHERE anvandarnamn = 'handlaggare'").mapTo(String.class).one());
        assertEquals("en", stored);
        HttpResponse<String> tillbaka = s.post("/sprak", Map.of("sprak", "sv", "tillbaka", "//evil.example"));
        assertEquals(302, tillbaka.statusCode());
        assertEquals("/", tillbaka.headers().firstValue("Location").orElse(""), "never back to another site");
    }

    @Test
    void tillbakaEfterInloggningGarBaraTillEgnaSidor() {
        assertEquals("/", Webbkontext.safeLocalPath("//evil.example/x", "/"));
        assertEquals("/", Webbkontext.safeLocalPath("https://evil.example", "/"));
        assertEquals("/", Webbkontext.safeLocalPath("/\\evil.example", "/"));
        assertEquals("/oversikt", Webbkontext.safeLocalPath("/oversikt", "/"));
    }
}
