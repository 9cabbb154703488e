package se.finsam.planering.personal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.http.HandlerType;
import se.finsam.planering.web.Ruttabell;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

/** Staff accounts by the administrator: invitations, the rules on every change, deactivation and unlocking. */
class PersonalTest extends AppTest {

    static final String GOTT_LOSENORD = "vinterns-långa-promenad-7";

    @BeforeEach
    void forgetFailures() {
        app.jdbi().useHandle(h -> h.execute("DELETE FROM login_attempt"));
    }

    static long orgId(String kod) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM organisation WHERE kod = :k")
                .bind("k", kod).mapTo(Long.class).one());
    }

    static long teamId(String namn) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM team WHERE namn = :n")
                .bind("n", namn).mapTo(Long.class).one());
    }

    static long userId(String username) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM anvandare WHERE anvandarnamn = :u")
                .bind("u", username).mapTo(Long.class).one());
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    /** Creates a person through the form and returns the page that shows the invitation link. */
    static HttpResponse<String> skapa(HttpSession admin, Map<String, String> falt, String... team) {
        admin.get("/admin/personal/ny");
        StringBuilder body = new StringBuilder("_csrf=" + enc(admin.csrf()));
        falt.forEach((k, v) -> body.append('&').append(enc(k)).append('=').append(enc(v)));
        for (String t : team) {
            body.append("&team=").append(enc(t));
        }
        return admin.send(HttpRequest.newBuilder(URI.create(admin.url("/admin/personal/ny")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    static String lank(HttpResponse<String> page) {
        String lank = HttpSession.html(page).select("#lank").val();
        assertTrue(lank.startsWith("http://localhost/inbjudan?token="), page.body());
        return lank.substring("http://localhost".length());
    }

    static Map<String, String> person(String namn, String epost, String roll, long org) {
        Map<String, String> f = new HashMap<>();
        f.put("namn", namn);
        f.put("epost", epost);
        f.put("roll", roll);
        f.put("organisation", org == 0 ? "" : String.valueOf(org));
        return f;
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** What a session waiting for its second factor may reach. */
    private static final java.util.Set<String> OPPET_FORE_ANDRA_FAKTORN = java.util.Set.of("/tvafaktor",
            "/tvafaktor/registrera", "/health", "/utan-nat", "/logga-ut", "/sprak");

    @Test
    void enHandlaggaresInbjudanLederRaktIn() {
        HttpSession admin = app.session().loginStaff("admin");
        HttpResponse<String> skapad = skapa(admin, person("Hugo Handläggare", "hugo.h@kista.se", "handlaggare",
                orgId("JOBBTORG")), String.valueOf(teamId("Jobbtorg Kista")));
        assertEquals(201, skapad.statusCode(), skapad.body());
        HttpSession hugo = app.session();
        String token = hugo.page(lank(skapad)).select("input[name=token]").val();
        HttpResponse<String> klar = hugo.post("/inbjudan", Map.of("token", token, "losenord", GOTT_LOSENORD,
                "losenord2", GOTT_LOSENORD));
        assertEquals("/", location(klar));
        assertEquals(200, hugo.get("/oversikt").statusCode());
    }

    @Test
    void enHandlaggareSomBlirKoordinatorLoggasUtOchMasteSkaffaAndraFaktor() {
        HttpSession admin = app.session().loginStaff("admin");
        HttpResponse<String> skapad = skapa(admin, person("Greta Befordrad", "greta.b@kista.se", "handlaggare",
                orgId("JOBBTORG")), String.valueOf(teamId("Jobbtorg Kista")));
        assertEquals(201, skapad.statusCode(), skapad.body());
        HttpSession greta = app.session();
        String token = greta.page(lank(skapad)).select("input[name=token]").val();
        assertEquals("/", location(greta.post("/inbjudan", Map.of("token", token, "losenord", GOTT_LOSENORD,
                "losenord2", GOTT_LOSENORD))));
        assertEquals(200, greta.get("/oversikt").statusCode());
        long id = app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM anvandare WHERE epost = 'greta.b@kista.se'")
                .mapTo(Long.class).one());
        String anvandarnamn = app.jdbi().withHandle(h -> h.createQuery("SELECT anvandarnamn FROM anvandare WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());

        // Made koordinator: her open session, which passed no second factor, ends at once.
        admin.get("/admin/personal/" + id);
        HttpResponse<String> befordrad = admin.post("/admin/personal/" + id, Map.of("roll", "koordinator",
                "organisation", String.valueOf(orgId("JOBBTORG")), "team", String.valueOf(teamId("Jobbtorg Kista"))));
        assertEquals(302, befordrad.statusCode(), HttpSession.html(befordrad).select(".fel, [id$=-fel]").text());
        assertTrue(location(greta.get("/oversikt")).startsWith("/logga-in"), "her session ended at once");
        assertEquals(1, (int) app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM audit_log l JOIN anvandare a ON a.id = l.anvandare_id
                        WHERE a.anvandarnamn = 'admin' AND l.handling = 'andra' AND l.vad LIKE :v""")
                .bind("v", "%konto " + id + "%utloggat överallt (rollen kräver andra faktor)%")
                .mapTo(Integer.class).one()), "the audit log says why her sessions ended");
        assertEquals(1, (int) app.jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM konto_andring WHERE anvandare_id = :id AND vad LIKE '%utloggad överallt%'")
                .bind("id", id).mapTo(Integer.class).one()));
        // Her next login with the password asks for a second factor, which she enrols first.
        HttpSession igen = app.session();
        igen.get("/logga-in");
        HttpResponse<String> login = igen.post("/logga-in", Map.of("anvandarnamn", anvandarnamn,
                "losenord", GOTT_LOSENORD));
        assertTrue(location(login).startsWith("/tvafaktor"), location(login));
        assertEquals("/tvafaktor/registrera", location(igen.get("/tvafaktor")));
        assertTrue(location(igen.get("/oversikt")).startsWith("/tvafaktor"));
    }

    @Test
    void administratornSkaparEnPersonSomValjerLosenordMedInbjudan() {
        HttpSession admin = app.session().loginStaff("admin");
        HttpResponse<String> skapad = skapa(admin, person("Nora Nyström", "Nora.Nystrom@kista.se", "koordinator",
                orgId("JOBBTORG")), String.valueOf(teamId("Jobbtorg Kista")));
        assertEquals(201, skapad.statusCode(), skapad.body());
        String lank = lank(skapad);
        long id = userId("nora.nystrom@kista.se");
        String tokenHash = Inbjudningar.hash(lank.substring(lank.indexOf('=') + 1));
        assertEquals(tokenHash, app.jdbi().withHandle(h -> h.createQuery(
                "SELECT token_hash FROM inbjudan WHERE anvandare_id = :a").bind("a", id).mapTo(String.class).one()),
                "only the token's hash is stored");

        HttpSession nora = app.session();
        Document sida = nora.page(lank);
        assertTrue(HttpSession.text(sida, "main").contains("nora.nystrom@kista.se"));
        String token = sida.select("input[name=token]").val();

        HttpResponse<String> kort = nora.post("/inbjudan", Map.of("token", token, "losenord", "kort", "losenord2",
                "kort"));
        assertEquals(400, kort.statusCode());
        assertTrue(HttpSession.html(kort).select("#losenord-fel").text().contains("minst 12 tecken"));
        HttpResponse<String> vanligt = nora.post("/inbjudan", Map.of("token", token, "losenord", "123qweasdzxc",
                "losenord2", "123qweasdzxc"));
        assertEquals(400, vanligt.statusCode());
        assertTrue(HttpSession.html(vanligt).select("#losenord-fel").text().contains("vanligaste"));
        HttpResponse<String> namnet = nora.post("/inbjudan", Map.of("token", token, "losenord",
                "NORA.NYSTROM@kista.se", "losenord2", "NORA.NYSTROM@kista.se"));
        assertEquals(400, namnet.statusCode());
        HttpResponse<String> olika = nora.post("/inbjudan", Map.of("token", token, "losenord", GOTT_LOSENORD,
                "losenord2", GOTT_LOSENORD + "x"));
        assertEquals(400, olika.statusCode());
        assertTrue(HttpSession.html(olika).select("#losenord2-fel").text().contains("inte lika"));

        HttpResponse<String> klar = nora.post("/inbjudan", Map.of("token", token, "losenord", GOTT_LOSENORD,
                "losenord2", GOTT_LOSENORD));
        assertEquals(302, klar.statusCode(), klar.body());
        // A koordinator: her second factor first, in the same flow, before any other page.
        assertEquals("/tvafaktor/registrera", location(klar));
        for (Ruttabell.Route route : app.app().routes()) {
            String path = route.path().replaceAll("\\{[a-z]+\\}", "1");
            if (OPPET_FORE_ANDRA_FAKTORN.contains(path) || path.startsWith("/api/tvafaktor/")
                    || path.startsWith("/api/nyckel/")) {
                continue;
            }
            HttpResponse<String> response = route.method() == HandlerType.GET ? nora.get(path)
                    : nora.post(path, Map.of());
            assertEquals(303, response.statusCode(), route.method() + " " + path);
            assertEquals("/tvafaktor", location(response), route.method() + " " + path);
        }
        assertEquals("/tvafaktor/registrera", location(nora.get("/tvafaktor")), "which leads to enrolment");
        Document registrera = nora.page("/tvafaktor/registrera");
        String hemlighet = HttpSession.text(registrera, "#totp-hemlighet").replace(" ", "");
        assertEquals(302, nora.post("/tvafaktor/registrera", Map.of("kod", app.totpKodForHemlighet(hemlighet)))
                .statusCode());
        assertEquals(200, nora.get("/oversikt").statusCode(), "she is logged in, with a second factor");

        assertEquals(404, app.session().get(lank).statusCode(), "the link works once");
        HttpSession igen = app.session();
        igen.get("/logga-in");
        assertEquals(302, igen.post("/logga-in", Map.of("anvandarnamn", "nora.nystrom@kista.se", "losenord",
                GOTT_LOSENORD)).statusCode());
        assertTrue(app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM konto_andring k JOIN anvandare a ON a.id = k.andrad_av
                        WHERE k.anvandare_id = :id AND a.anvandarnamn = 'admin' AND k.vad LIKE 'skapad som koordinator%'""")
                .bind("id", id).mapTo(Integer.class).one()) == 1, "the change is in the account's history");
    }

    @Test
    void inbjudanGallerI72TimmarOchEnNyGorDenGamlaOgiltig() {
        HttpSession admin = app.session().loginStaff("admin");
        String forsta = lank(skapa(admin, person("Olle Ort", "olle.ort@fk.se", "handlaggare", orgId("FK")),
                String.valueOf(teamId("Jobbtorg Kista"))));
        long id = userId("olle.ort@fk.se");
        admin.get("/admin/personal/" + id);
        HttpResponse<String> ny = admin.post("/admin/personal/" + id + "/inbjudan", Map.of());
        assertEquals(200, ny.statusCode());
        String andra = lank(ny);
        assertEquals(404, app.session().get(forsta).statusCode(), "a new link ends the old one");
        assertEquals(200, app.session().get(andra).statusCode());

        app.clock().advance(Duration.ofHours(72).plusMinutes(1));
        try {
            HttpSession olle = app.session();
            HttpResponse<String> gammal = olle.get(andra);
            assertEquals(404, gammal.statusCode(), "72 hours later the link has expired");
            assertTrue(HttpSession.text(HttpSession.html(gammal), "#ogiltig").contains("72 timmar"));
        } finally {
            app.clock().advance(Duration.ofHours(-72).minusMinutes(1));
        }
    }

    @Test
    void felaktigaLankarRaknasSomInloggningsforsok() {
        HttpSession gissare = app.session();
        int status = 0;
        for (int i = 0; i < 4; i++) {
            status = gissare.get("/inbjudan?token=" + Inbjudningar.nyToken()).statusCode();
        }
        assertEquals(429, status, "guessing links is slowed down like logins");
        assertEquals(429, gissare.get("/inbjudan?token=kort").statusCode());
    }

    @Test
    void anvandarnamnOchEpostFarInteAnvandasTvaGanger() {
        HttpSession admin = app.session().loginStaff("admin");
        String team = String.valueOf(teamId("Jobbtorg Kista"));
        assertEquals(201, skapa(admin, person("Per Persson", "per.persson@af.se", "handlaggare", orgId("AF")), team)
                .statusCode());
        HttpResponse<String> sammaEpost = skapa(admin, person("Per Annan", "PER.persson@af.se", "handlaggare",
                orgId("AF")), team);
        assertEquals(409, sammaEpost.statusCode());
        assertTrue(HttpSession.html(sammaEpost).select("#epost-fel").text().contains("används redan"));

        Map<String, String> sammaNamn = person("Kim Koordinator", "kim@kista.se", "handlaggare", orgId("AF"));
        sammaNamn.put("anvandarnamn", "KOORDINATOR");
        HttpResponse<String> svar = skapa(admin, sammaNamn, team);
        assertEquals(409, svar.statusCode());
        assertTrue(HttpSession.html(svar).select("#anvandarnamn-fel").text().contains("används redan"));

        HttpResponse<String> utanTeam = skapa(admin, person("Tea Teamlös", "tea@af.se", "handlaggare", orgId("AF")));
        assertEquals(400, utanTeam.statusCode());
        assertFalse(HttpSession.html(utanTeam).select("#team-fel").isEmpty());
        assertEquals(0, (int) app.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM anvandare WHERE epost IN ('kim@kista.se', 'tea@af.se')").mapTo(Integer.class).one()));
    }

    @Test
    void denSistaAktivaAdministratornFinnsKvar() {
        HttpSession admin = app.session().loginStaff("admin");
        long adminId = userId("admin");
        admin.get("/admin/personal/" + adminId);
        HttpResponse<String> inaktivera = admin.post("/admin/personal/" + adminId + "/inaktivera", Map.of());
        assertEquals(409, inaktivera.statusCode());
        assertTrue(inaktivera.body().contains("sista aktiva administratören"));
        HttpResponse<String> degradera = admin.post("/admin/personal/" + adminId, Map.of("roll", "styrgrupp",
                "organisation", ""));
        assertEquals(409, degradera.statusCode());
        assertEquals(200, admin.get("/admin").statusCode(), "still an administrator");

        // With a second administrator the second can go, and then the first is the last again.
        assertEquals(201, skapa(admin, person("Ada Admin", "ada@finsam.se", "admin", 0)).statusCode());
        long ada = userId("ada@finsam.se");
        assertEquals(302, admin.post("/admin/personal/" + ada + "/inaktivera", Map.of()).statusCode());
        assertEquals(409, admin.post("/admin/personal/" + adminId + "/inaktivera", Map.of()).statusCode());
    }

    @Test
    void inaktiveringLoggarUtDirektOchFlaggarPunkternaForKoordinatorn() {
        // A handläggare in Jobbtorg Kista who owns an open item of a participant who is still in the programme.
        Map<String, Object> rad = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT a.id, a.anvandarnamn, pp.text, d.id AS deltagare FROM planpunkt pp
                        JOIN anvandare a ON a.id = pp.ansvarig_anvandare_id
                        JOIN planering p ON p.id = pp.planering_id JOIN deltagare d ON d.id = p.deltagare_id
                        JOIN team t ON t.id = d.team_id JOIN deltagare_fas f ON f.deltagare_id = d.id
                        LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
                        WHERE t.namn = 'Jobbtorg Kista' AND a.roll = 'handlaggare' AND pp.borttagen IS NULL
                          AND f.fas = 'uppfoljning' AND (s.status IS NULL OR s.status NOT IN ('genomford', 'avslagen'))
                          AND a.anvandarnamn NOT IN ('handlaggare')
                        ORDER BY a.id LIMIT 1""").mapToMap().one());
        long id = ((Number) rad.get("id")).longValue();
        String anvandarnamn = (String) rad.get("anvandarnamn");
        HttpSession honom = app.session().loginStaff(anvandarnamn);
        assertEquals(200, honom.get("/oversikt").statusCode());
        HttpSession koordinator = app.session().loginStaff("koordinator");
        assertTrue(koordinator.page("/arbetslista?lista=slutat").select("ul.arbetslista > li").isEmpty());

        HttpSession admin = app.session().loginStaff("admin");
        admin.get("/admin/personal/" + id);
        assertEquals(302, admin.post("/admin/personal/" + id + "/inaktivera", Map.of()).statusCode());
        assertTrue(location(honom.get("/oversikt")).startsWith("/logga-in"), "his session ended at once");
        assertEquals(1, (int) app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM audit_log l JOIN anvandare a ON a.id = l.anvandare_id
                        WHERE a.anvandarnamn = 'admin' AND l.handling = 'andra' AND l.vad = :v""")
                .bind("v", "konto " + id + ": inaktiverat, utloggat överallt").mapTo(Integer.class).one()),
                "the audit log says who deactivated which account");
        assertEquals(1, (int) app.jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM konto_andring WHERE anvandare_id = :id AND vad = 'inaktiverad'")
                .bind("id", id).mapTo(Integer.class).one()));
        HttpSession igen = app.session();
        igen.get("/logga-in");
        HttpResponse<String> inloggning = igen.post("/logga-in", Map.of("anvandarnamn", anvandarnamn, "losenord",
                DemoData.STAFF_PASSWORD));
        assertTrue(inloggning.statusCode() >= 400, "a deactivated account cannot log in: " + inloggning.statusCode());

        Document start = koordinator.page("/arbetslista?lista=slutat");
        String slutat = start.select("ul.arbetslista").text();
        assertTrue(slutat.contains((String) rad.get("text")), slutat);
        Document motelage = koordinator.page("/deltagare/" + rad.get("deltagare") + "/motelage");
        assertFalse(motelage.select("option[value=anv:" + id + "][selected]").isEmpty(), "his items still name him");
        assertTrue(motelage.select("option[value=anv:" + id + "]:not([selected])").isEmpty(),
                "he is not offered as the owner of any other item");
        assertTrue(admin.page("/admin/personal/" + id).select("#status").text().contains("Inaktiverad"));

        assertEquals(302, admin.post("/admin/personal/" + id + "/aktivera", Map.of()).statusCode());
        app.session().loginStaff(anvandarnamn);
        assertTrue(koordinator.page("/arbetslista?lista=slutat").select("ul.arbetslista > li").isEmpty());
    }

    @Test
    void administratornLaserUppEttLastKonto() {
        String anvandarnamn = "teamrep.af";
        // The administrator logs in first: her second factor may move the test clock past a short lock.
        HttpSession admin = app.session().loginStaff("admin");
        HttpSession gissare = app.session();
        gissare.get("/logga-in");
        for (int i = 0; i < 3; i++) {
            gissare.post("/logga-in", Map.of("anvandarnamn", anvandarnamn, "losenord", "fel-losenord-" + i));
        }
        long id = userId(anvandarnamn);
        Document sida = admin.page("/admin/personal/" + id);
        assertTrue(sida.select("#status").text().contains("Låst"), sida.select("#status").text());
        assertEquals(302, admin.post("/admin/personal/" + id + "/las-upp", Map.of()).statusCode());
        app.session().loginStaff(anvandarnamn);
    }

    @Test
    void baraAdministratornNarSidornaOchPostKraverCsrf() {
        HttpSession koordinator = app.session().loginStaff("koordinator");
        assertEquals(403, koordinator.get("/admin/personal").statusCode());
        assertEquals(403, koordinator.post("/admin/personal/ny", person("X", "x@x.se", "admin", 0)).statusCode());
        assertTrue(location(app.session().get("/admin/personal")).startsWith("/logga-in"));
        HttpSession admin = app.session().loginStaff("admin");
        admin.get("/admin/personal/ny");
        assertEquals(403, admin.postRaw("/admin/personal/ny", person("Y", "y@y.se", "admin", 0)).statusCode());
        assertEquals(404, admin.get("/admin/personal/999999").statusCode());
        Document lista = admin.page("/admin/personal");
        assertFalse(lista.select("a[href=/admin/personal/" + userId("admin") + "]").isEmpty());
        assertTrue(lista.select("a[href^=/deltagare]").isEmpty(), "no participant on admin pages");
    }

    // ---- import ----

    static HttpResponse<String> ladda(HttpSession admin, String filnamn, String typ, byte[] innehall) {
        admin.get("/admin/personal/import");
        String grans = "----finsam" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            body.write(("--" + grans + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + admin.csrf()
                    + "\r\n--" + grans + "\r\nContent-Disposition: form-data; name=\"fil\"; filename=\"" + filnamn
                    + "\"\r\nContent-Type: " + typ + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(innehall);
            body.write(("\r\n--" + grans + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return admin.send(HttpRequest.newBuilder(URI.create(admin.url("/admin/personal/import")))
                .header("Content-Type", "multipart/form-data; boundary=" + grans).header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    static int antalMedEpost(String... epost) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM anvandare WHERE lower(epost) IN (<e>)")
                .bindList("e", List.of(epost)).mapTo(Integer.class).one());
    }

    /** Confirms the previewed import and returns the result page. */
    static HttpResponse<String> spara(HttpSession admin, HttpResponse<String> granskning) {
        Map<String, String> form = HttpSession.formData(HttpSession.html(granskning),
                "form[action=/admin/personal/import/spara]");
        return admin.post("/admin/personal/import/spara", form);
    }

    @Test
    void importFranCsvAlltEllerInget() {
        HttpSession admin = app.session().loginStaff("admin");
        String felaktig = """
                namn;e-post;organisation;roll;team
                Anna Import;anna.import@af.se;af;handlaggare;Jobbtorg Kista
                Bo Import;bo.import@fk.se;Försäkringskassan;teamrepresentant;Jobbtorg Kista
                Cecilia Import;cecilia.import@af.se;af;handlaggare;Teamet som inte finns
                Dan Import;anna.import@af.se;af;chef;Jobbtorg Kista
                """;
        HttpResponse<String> fel = ladda(admin, "personal.csv", "text/csv", felaktig.getBytes(StandardCharsets.UTF_8));
        assertEquals(422, fel.statusCode(), fel.body());
        String fellista = HttpSession.text(HttpSession.html(fel), ".felsammanfattning");
        assertTrue(fellista.contains("Rad 4: Teamet Teamet som inte finns finns inte"), fellista);
        assertTrue(fellista.contains("Rad 5: Välj en roll"), fellista);
        assertFalse(fellista.contains("Rad 2"), fellista);
        assertTrue(HttpSession.html(fel).select("form[action=/admin/personal/import/spara]").isEmpty());
        assertEquals(0, antalMedEpost("anna.import@af.se", "bo.import@fk.se"), "nothing is saved");

        String riktig = """
                name,e-mail,organisation,role,teams
                Anna Import,anna.import@af.se,af,handlaggare,Jobbtorg Kista
                Bo Import,bo.import@fk.se,Försäkringskassan,teamrepresentant,"Jobbtorg Kista"
                Styrelse Import,styrelse.import@finsam.se,,styrgrupp,
                """;
        HttpResponse<String> granskning = ladda(admin, "personal.csv", "text/csv",
                riktig.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, granskning.statusCode(), granskning.body());
        assertEquals(0, antalMedEpost("anna.import@af.se"), "the preview saves nothing");
        HttpResponse<String> resultat = spara(admin, granskning);
        assertEquals(200, resultat.statusCode(), resultat.body());
        Document sida = HttpSession.html(resultat);
        assertEquals(3, sida.select("#lankar tbody tr").size());
        assertEquals(3, antalMedEpost("anna.import@af.se", "bo.import@fk.se", "styrelse.import@finsam.se"));
        String annasLank = sida.select("#lankar tbody tr").stream()
                .filter(tr -> tr.text().contains("anna.import@af.se")).findFirst().orElseThrow()
                .select(".lank-text").text();
        assertEquals(200, app.session().get(annasLank.substring("http://localhost".length())).statusCode());

        HttpResponse<String> csv = admin.post("/admin/personal/import/lankar.csv", HttpSession.formData(sida,
                "form[action=/admin/personal/import/lankar.csv]"));
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
        assertTrue(csv.body().contains(annasLank));
        assertEquals(4, csv.body().strip().lines().count());

        // The same file again: everyone is already there, nothing changes.
        long rader = app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM anvandare").mapTo(Long.class).one());
        HttpResponse<String> igen = ladda(admin, "personal.csv", "text/csv", riktig.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, igen.statusCode());
        assertEquals(3, HttpSession.html(igen).select("td:contains(Finns redan)").size());
        HttpResponse<String> igenSparad = spara(admin, igen);
        assertEquals(0, HttpSession.html(igenSparad).select("#lankar tbody tr").size());
        long raderEfter = app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM anvandare")
                .mapTo(Long.class).one());
        assertEquals(rader, raderEfter);
        assertEquals(200, app.session().get(annasLank.substring("http://localhost".length())).statusCode(),
                "importing again does not touch the invitations already sent");
    }

    @Test
    void importFranXlsx() throws IOException {
        HttpSession admin = app.session().loginStaff("admin");
        ByteArrayOutputStream fil = new ByteArrayOutputStream();
        org.dhatim.fastexcel.Workbook wb = new org.dhatim.fastexcel.Workbook(fil, "FINSAM", "1.0");
        org.dhatim.fastexcel.Worksheet ws = wb.newWorksheet("Personal");
        String[][] celler = {
                {"Namn", "E-post", "Organisation", "Roll", "Team", "Telefon"},
                {"Eva Excel", "eva.excel@region.se", "region", "handlaggare", "Jobbtorg Kista", "08-123 456 78"},
                {"", "", "", "", "", ""},
                {"Fia Excel", "fia.excel@af.se", "af", "koordinator", "Jobbtorg Kista", ""},
        };
        for (int r = 0; r < celler.length; r++) {
            for (int c = 0; c < celler[r].length; c++) {
                ws.value(r, c, celler[r][c]);
            }
        }
        wb.finish();
        byte[] xlsx = fil.toByteArray();
        String typ = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        HttpResponse<String> granskning = ladda(admin, "personal.xlsx", typ, xlsx);
        assertEquals(200, granskning.statusCode(), granskning.body());
        Document sida = HttpSession.html(granskning);
        assertEquals(List.of("2", "4"), sida.select("tbody tr td:first-child").eachText(), "rows keep their numbers");
        assertEquals(2, HttpSession.html(spara(admin, granskning)).select("#lankar tbody tr").size());
        assertEquals("08-123 456 78", app.jdbi().withHandle(h -> h.createQuery(
                "SELECT telefon FROM anvandare WHERE epost = 'eva.excel@region.se'").mapTo(String.class).one()));

        HttpResponse<String> igen = ladda(admin, "personal.xlsx", typ, xlsx);
        assertEquals(2, HttpSession.html(igen).select("td:contains(Finns redan)").size());
    }

    @Test
    void felFiltypOchForStorFilGerTydligtBesked() {
        HttpSession admin = app.session().loginStaff("admin");
        HttpResponse<String> pdf = ladda(admin, "personal.pdf", "application/pdf",
                "%PDF-1.4".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, pdf.statusCode());
        assertTrue(HttpSession.html(pdf).select("#fil-fel").text().contains("CSV-fil (.csv) eller en Excel-fil (.xlsx)"));
        HttpResponse<String> forkladd = ladda(admin, "personal.xlsx", "text/csv",
                "namn,e-post\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, forkladd.statusCode());
        HttpResponse<String> stor = ladda(admin, "personal.csv", "text/csv",
                ("namn,e-post,organisation,roll,team\n" + "x".repeat(PersonalImport.MAX_BYTES)).getBytes(
                        StandardCharsets.UTF_8));
        assertEquals(413, stor.statusCode());
        assertTrue(HttpSession.html(stor).select("#fil-fel").text().contains("för stor"));
        HttpResponse<String> kolumner = ladda(admin, "personal.csv", "text/csv",
                "förnamn,efternamn\nA,B\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, kolumner.statusCode());
        assertNotNull(HttpSession.html(kolumner).selectFirst("#fil-fel"));
        HttpResponse<String> latin1 = ladda(admin, "personal.csv", "text/csv",
                "namn,e-post,organisation,roll,team\nÅsa,a@a.se,af,handlaggare,Jobbtorg Kista\n".getBytes(
                        StandardCharsets.ISO_8859_1));
        assertEquals(400, latin1.statusCode());
        assertTrue(HttpSession.html(latin1).select("#fil-fel").text().contains("UTF-8"));
    }
}
