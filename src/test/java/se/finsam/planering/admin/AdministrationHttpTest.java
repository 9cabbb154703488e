package se.finsam.planering.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;
import org.junit.jupiter.api.Test;
import se.finsam.planering.atkomst.Roll;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.web.Ruttabell;

/** The administrator's organisations, teams and events page over real HTTP, with every rule they keep. */
class AdministrationHttpTest extends AppTest {

    private static final Texter SV = Texter.of("sv");

    private HttpSession admin() {
        return app.session().loginStaff("admin");
    }

    /** The form's fields as a browser sends them, repeated checkboxes included. */
    private static List<Map.Entry<String, String>> formular(Document page, String css) {
        Element form = page.selectFirst(css);
        assertTrue(form instanceof FormElement, "no form " + css + " on " + page.location());
        List<Map.Entry<String, String>> data = new ArrayList<>();
        ((FormElement) form).formData().forEach(kv -> data.add(Map.entry(kv.key(), kv.value())));
        return data;
    }

    private static List<Map.Entry<String, String>> satt(List<Map.Entry<String, String>> data, String falt, String varde) {
        List<Map.Entry<String, String>> ut = new ArrayList<>();
        boolean satt = false;
        for (Map.Entry<String, String> e : data) {
            if (e.getKey().equals(falt)) {
                if (!satt) {
                    ut.add(Map.entry(falt, varde));
                    satt = true;
                }
            } else {
                ut.add(e);
            }
        }
        if (!satt) {
            ut.add(Map.entry(falt, varde));
        }
        return ut;
    }

    private static HttpResponse<String> skicka(HttpSession s, String path, List<Map.Entry<String, String>> data) {
        String body = data.stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return s.send(HttpRequest.newBuilder(URI.create(s.url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, String> organisation(String namn) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("namn", namn);
        f.put("typ", "region");
        f.put("enhetstyp", "psykiatri");
        f.put("telefon", "08-123 456 00");
        f.put("telefontider", "Vardagar 8–16");
        f.put("epost", "psykiatri@example.se");
        f.put("kan_hjalpa_med", "Hjälper dig med din psykiska hälsa.");
        f.put("kan_hjalpa_med_en", "Helps you with your mental health.");
        f.put("kan_hjalpa_med_ar", "تساعدك في صحتك النفسية.");
        return f;
    }

    private long orgId(String namn) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM organisation WHERE namn = :n").bind("n", namn)
                .mapTo(Long.class).one());
    }

    private long teamId(String namn) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM team WHERE namn = :n").bind("n", namn)
                .mapTo(Long.class).one());
    }

    private List<String> auditFor(String prefix) {
        return app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT l.vad FROM audit_log l JOIN anvandare a ON a.id = l.anvandare_id
                        WHERE a.anvandarnamn = 'admin' AND l.handling = 'andra' AND l.deltagare_id IS NULL
                          AND l.vad LIKE :p ORDER BY l.id""")
                .bind("p", prefix + "%").mapTo(String.class).list());
    }

    @Test
    void organisationSkapasBytsNamnPaOchAvaktiveras() {
        HttpSession admin = admin();
        admin.get("/admin/organisationer/ny");
        HttpResponse<String> skapad = admin.post("/admin/organisationer", organisation("Psykiatrin Nordväst"));
        assertEquals(302, skapad.statusCode(), skapad.body());
        long id = orgId("Psykiatrin Nordväst");
        Document lista = admin.page("/admin/organisationer");
        assertTrue(lista.text().contains("Psykiatrin Nordväst"), lista.text());
        assertTrue(lista.text().contains(SV.get("flash.admin.org.skapad")), lista.text());
        List<String> skapadRad = auditFor("organisation " + id + ": skapad");
        assertEquals(1, skapadRad.size());
        assertTrue(skapadRad.get(0).contains("enhetstyp=\"psykiatri\""), skapadRad.get(0));

        // A koordinator is offered the new organisation for samtycke.
        HttpSession koordinator = app.session().loginStaff("koordinator");
        assertTrue(koordinator.page("/anmalan").text().contains("Psykiatrin Nordväst"));

        Map<String, String> nyttNamn = organisation("Psykiatrin Nordväst och Järva");
        admin.get("/admin/organisationer/" + id);
        assertEquals(302, admin.post("/admin/organisationer/" + id, nyttNamn).statusCode());
        List<String> andrad = auditFor("organisation " + id + ": ändrad");
        assertEquals(List.of("organisation " + id + ": ändrad: namn: \"Psykiatrin Nordväst\" → \"Psykiatrin Nordväst och Järva\""),
                andrad);

        admin.get("/admin/organisationer/" + id);
        assertEquals(302, admin.post("/admin/organisationer/" + id + "/avaktivera", Map.of()).statusCode());
        assertEquals(0, (int) app.jdbi().withHandle(h -> h.createQuery("SELECT aktiv FROM organisation WHERE id = :id")
                .bind("id", id).mapTo(Integer.class).one()));
        assertEquals(1, auditFor("organisation " + id + ": avaktiverad").size());
        Document sida = admin.page("/admin/organisationer/" + id);
        assertTrue(sida.text().contains(SV.get("admin.org.avaktiverad.text")), sida.text());
        assertFalse(koordinator.page("/anmalan").text().contains("Psykiatrin Nordväst"),
                "a deactivated organisation is not offered for samtycke");

        Document handelser = admin.page("/admin/handelser?slag=organisation");
        String text = handelser.select("#handelser tbody").text();
        assertTrue(text.contains("organisation " + id + ": avaktiverad"), text);
        assertTrue(text.contains("Psykiatrin Nordväst och Järva"), text);
        assertTrue(handelser.select("#handelser tbody tr").get(0).text().contains("avaktiverad"),
                "newest first: " + text);
        assertFalse(admin.page("/admin/handelser?slag=team").select("#handelser tbody").text()
                .contains("organisation " + id), "the filter keeps to its kind");
    }

    @Test
    void deltagarenSerOrganisationensMeningPaSittSprakAnnarsSvenska() {
        long deltagareOrg = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT k.organisation_id FROM kontaktperson k JOIN deltagare d ON d.id = k.deltagare_id
                        JOIN anvandare a ON a.id = d.anvandare_id
                        WHERE a.anvandarnamn = :u AND k.till_datum IS NULL ORDER BY k.id LIMIT 1""")
                .bind("u", DemoData.DEMO_PARTICIPANT_USERNAME).mapTo(Long.class).one());
        HttpSession admin = admin();
        Document sida = admin.page("/admin/organisationer/" + deltagareOrg);
        List<Map.Entry<String, String>> data = formular(sida, "form.formular");
        data = satt(data, "kan_hjalpa_med", "Svensk mening om hjälpen.");
        data = satt(data, "kan_hjalpa_med_en", "An English sentence on the help.");
        data = satt(data, "kan_hjalpa_med_ar", "");
        assertEquals(302, skicka(admin, "/admin/organisationer/" + deltagareOrg, data).statusCode());

        HttpSession deltagare = app.session().loginDeltagare();
        deltagare.post("/sprak", Map.of("sprak", "en"));
        assertTrue(deltagare.page("/min-planering/kontakter").select(".kort__hjalp").eachText()
                .contains("An English sentence on the help."));
        deltagare.post("/sprak", Map.of("sprak", "sv"));
        assertTrue(deltagare.page("/min-planering/kontakter").select(".kort__hjalp").eachText()
                .contains("Svensk mening om hjälpen."));
    }

    @Test
    void dubblettnamnOchFelaktigaVardenGerTydligaMeddelanden() {
        HttpSession admin = admin();
        admin.get("/admin/organisationer/ny");
        HttpResponse<String> dubblett = admin.post("/admin/organisationer", organisation("försäkringskassan"));
        assertEquals(400, dubblett.statusCode());
        assertEquals(SV.get("admin.org.fel.namnfinns"), HttpSession.html(dubblett).select("#namn-fel").text()
                .replace(SV.get("form.fel") + ": ", ""));

        Map<String, String> fel = organisation("Ny enhet");
        fel.put("typ", "myndighet");
        fel.put("epost", "inte en adress");
        fel.put("kan_hjalpa_med", "");
        HttpResponse<String> svar = admin.post("/admin/organisationer", fel);
        assertEquals(400, svar.statusCode());
        Document sida = HttpSession.html(svar);
        List<String> sammanfattning = sida.select(".felsammanfattning li").eachText();
        assertTrue(sammanfattning.contains(SV.get("admin.org.fel.typ")), sammanfattning.toString());
        assertTrue(sammanfattning.contains(SV.get("form.fel.epost")), sammanfattning.toString());
        assertTrue(sammanfattning.contains(SV.get("admin.fel.kravs")), sammanfattning.toString());
        assertEquals("Ny enhet", sida.select("#namn").val(), "what was typed is kept");

        Document nytt = admin.page("/admin/team/nytt");
        List<Map.Entry<String, String>> team = formular(nytt, "form.formular");
        team = satt(team, "namn", "jobbtorg kista");
        team = satt(team, "motesplats", "Kista");
        team = satt(team, "uppfoljning_manader", "3,1");
        team = satt(team, "kvittens_arbetsdagar", "0");
        team = satt(team, "motestid", "25:00");
        team = satt(team, "hjalpkontakt_telefon", "1177");
        HttpResponse<String> teamSvar = skicka(admin, "/admin/team", team);
        assertEquals(400, teamSvar.statusCode());
        List<String> teamFel = HttpSession.html(teamSvar).select(".felsammanfattning li").eachText();
        assertEquals(List.of(SV.get("admin.team.fel.namnfinns"), SV.get("admin.team.fel.tid"),
                SV.get("admin.team.fel.manader"), SV.get("fel.tal.intervall", "1", "30"),
                SV.get("admin.team.fel.hjalpkontakt")), teamFel);

        // In English, the same refusal in English.
        admin.post("/sprak", Map.of("sprak", "en"));
        admin.get("/admin/organisationer/ny");
        HttpResponse<String> engelska = admin.post("/admin/organisationer", organisation("Arbetsförmedlingen"));
        assertEquals(400, engelska.statusCode());
        assertTrue(HttpSession.html(engelska).select(".felsammanfattning").text()
                .contains(Texter.of("en").get("admin.org.fel.namnfinns")));
        admin.post("/sprak", Map.of("sprak", "sv"));

        assertEquals(400, admin.get("/admin/handelser?slag=deltagare").statusCode());
        assertEquals(400, admin.get("/admin/handelser?sida=0").statusCode());
        assertEquals(404, admin.get("/admin/team/999999").statusCode());
        assertEquals(404, admin.get("/admin/organisationer/abc").statusCode());
    }

    @Test
    void teamSkapasOchAndrasOchMotenFarTeametsLangd() {
        HttpSession admin = admin();
        long af = orgId("Arbetsförmedlingen");
        long fk = orgId("Försäkringskassan");
        Document nytt = admin.page("/admin/team/nytt");
        List<Map.Entry<String, String>> data = formular(nytt, "form.formular");
        data = satt(data, "namn", "Team Rinkeby");
        data = satt(data, "forbund", "Samordningsförbundet Stockholms stad");
        data = satt(data, "motesplats", "Rinkebystråket 1");
        data = satt(data, "motesveckodag", "4");
        data = satt(data, "motestid", "13:30");
        data = satt(data, "uppfoljning_manader", "2, 4, 12");
        data = satt(data, "kvittens_arbetsdagar", "7");
        data = satt(data, "fastnat_veckor", "6");
        data = satt(data, "moteslangd_minuter", "135");
        data = satt(data, "hjalpkontakt_namn", "1177 Vårdguiden");
        data = satt(data, "hjalpkontakt_telefon", "1177");
        data.add(Map.entry("organisation", String.valueOf(af)));
        data.add(Map.entry("organisation", String.valueOf(fk)));
        HttpResponse<String> svar = skicka(admin, "/admin/team", data);
        assertEquals(302, svar.statusCode(), svar.body());
        long id = teamId("Team Rinkeby");
        Map<String, Object> rad = app.jdbi().withHandle(h -> h.createQuery("SELECT * FROM team WHERE id = :id")
                .bind("id", id).mapToMap().one());
        assertEquals("2,4,12", rad.get("uppfoljning_manader"));
        assertEquals(7, ((Number) rad.get("kvittens_arbetsdagar")).intValue());
        assertEquals(6, ((Number) rad.get("fastnat_veckor")).intValue());
        assertEquals(135, ((Number) rad.get("moteslangd_minuter")).intValue());
        assertEquals(4, ((Number) rad.get("motesveckodag")).intValue());
        assertEquals(Set.of(af, fk), Set.copyOf(app.jdbi().withHandle(h -> h.createQuery(
                "SELECT organisation_id FROM team_organisation WHERE team_id = :t").bind("t", id).mapTo(Long.class).list())));
        assertEquals(List.of("1177 Vårdguiden"), app.jdbi().withHandle(h -> h.createQuery(
                "SELECT namn FROM team_hjalpkontakt WHERE team_id = :t").bind("t", id).mapTo(String.class).list()));
        assertEquals(1, auditFor("team " + id + ": skapat").size());

        // The form shows what was saved; a change is logged field by field.
        Document sida = admin.page("/admin/team/" + id);
        assertEquals("135", sida.select("#moteslangd_minuter").val());
        assertEquals(List.of(String.valueOf(af), String.valueOf(fk)),
                sida.select("input[name=organisation][checked]").eachAttr("value"));
        List<Map.Entry<String, String>> andra = satt(formular(sida, "form.formular"), "kvittens_arbetsdagar", "3");
        assertEquals(302, skicka(admin, "/admin/team/" + id, andra).statusCode());
        assertEquals(List.of("team " + id + ": ändrat: kvittens_arbetsdagar: \"7\" → \"3\""),
                auditFor("team " + id + ": ändrat"));

        // A team the koordinator works in: its meetings last as long as the administrator set.
        long kista = teamId("Jobbtorg Kista");
        List<Map.Entry<String, String>> kistaData = satt(formular(admin.page("/admin/team/" + kista), "form.formular"),
                "moteslangd_minuter", "90");
        assertEquals(302, skicka(admin, "/admin/team/" + kista, kistaData).statusCode());
        long sistaMote = app.jdbi().withHandle(h -> h.createQuery("SELECT coalesce(max(id), 0) FROM mote")
                .mapTo(Long.class).one());
        HttpSession koordinator = app.session().loginStaff("koordinator");
        koordinator.get("/moten");
        assertEquals(302, koordinator.post("/moten/planera", Map.of()).statusCode());
        List<Map<String, Object>> nya = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT start, slut FROM mote WHERE id > :m AND team_id = :t").bind("m", sistaMote).bind("t", kista)
                .mapToMap().list());
        assertFalse(nya.isEmpty(), "the koordinator planned the team's usual meetings");
        for (Map<String, Object> m : nya) {
            assertEquals(Duration.ofMinutes(90), Duration.between(LocalDateTime.parse((String) m.get("start")),
                    LocalDateTime.parse((String) m.get("slut"))));
        }
    }

    @Test
    void teamMedDeltagareTasAldrigBortMenKanAvaktiveras() {
        HttpSession admin = admin();
        long kista = teamId("Jobbtorg Farsta");
        int deltagare = app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM deltagare WHERE team_id = :t")
                .bind("t", kista).mapTo(Integer.class).one());
        assertTrue(deltagare > 0);
        admin.get("/admin/team/" + kista);
        HttpResponse<String> nekad = admin.post("/admin/team/" + kista + "/ta-bort", Map.of());
        assertEquals(409, nekad.statusCode());
        assertEquals(SV.get("admin.team.kanintetasbort.deltagare", deltagare),
                HttpSession.html(nekad).select(".ruta--fel").text());
        assertEquals(1, (int) app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM team WHERE id = :t")
                .bind("t", kista).mapTo(Integer.class).one()));

        assertEquals(302, admin.post("/admin/team/" + kista + "/avaktivera", Map.of()).statusCode());
        assertEquals(0, (int) app.jdbi().withHandle(h -> h.createQuery("SELECT aktiv FROM team WHERE id = :t")
                .bind("t", kista).mapTo(Integer.class).one()));
        assertEquals(1, auditFor("team " + kista + ": avaktiverat").size());
        admin.get("/admin/team/" + kista);
        assertEquals(302, admin.post("/admin/team/" + kista + "/aktivera", Map.of()).statusCode());
        assertEquals(1, auditFor("team " + kista + ": aktiverat").size());

        // A team that never had anyone can be deleted.
        List<Map.Entry<String, String>> data = formular(admin.page("/admin/team/nytt"), "form.formular");
        data = satt(data, "namn", "Feltaget team");
        data = satt(data, "motesplats", "Ingenstans");
        assertEquals(302, skicka(admin, "/admin/team", data).statusCode());
        long tomt = teamId("Feltaget team");
        admin.get("/admin/team/" + tomt);
        assertEquals(302, admin.post("/admin/team/" + tomt + "/ta-bort", Map.of()).statusCode());
        assertEquals(0, (int) app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM team WHERE id = :t")
                .bind("t", tomt).mapTo(Integer.class).one()));
        assertEquals(1, auditFor("team " + tomt + ": borttaget").size());
    }

    @Test
    void andraRollerFar403PaVarjeAdministrationsroute() {
        List<Ruttabell.Route> adminRoutes = app.app().routes().stream()
                .filter(r -> r.path().startsWith("/admin")).toList();
        assertTrue(adminRoutes.size() >= 17, adminRoutes.toString());
        for (Ruttabell.Route r : adminRoutes) {
            assertEquals(Set.of(Roll.ADMIN), r.roles(), r + " is for the administrator only");
            if (r.path().contains("{")) {
                assertNotNull(r.atkomst(), r.toString());
            }
        }
        long org = orgId("Arbetsförmedlingen");
        long team = teamId("Jobbtorg Kista");
        List<HttpSession> andra = new ArrayList<>();
        for (String u : List.of("koordinator", "handlaggare", "teamrep.af", "styrgrupp")) {
            andra.add(app.session().loginStaff(u));
        }
        andra.add(app.session().loginDeltagare());
        for (HttpSession s : andra) {
            for (Ruttabell.Route r : adminRoutes) {
                String path = r.path().replace("/admin/anvandare/{id}", "/admin/anvandare/1")
                        .replace("/admin/organisationer/{id}", "/admin/organisationer/" + org)
                        .replace("/admin/team/{id}", "/admin/team/" + team).replace("{id}", "1");
                HttpResponse<String> svar = r.method() == HandlerType.GET ? s.get(path)
                        : s.post(path, Map.of("namn", "Intrång", "typ", "annan"));
                assertEquals(403, svar.statusCode(), r.method() + " " + path);
            }
        }
        assertEquals(0, (int) app.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM organisation WHERE namn = 'Intrång'").mapTo(Integer.class).one()));
    }

    @Test
    void utanCsrfTokenAndrasIngenting() {
        HttpSession admin = admin();
        Map<String, String> f = organisation("Utan token");
        f.put("_csrf", "fel");
        HttpResponse<String> svar = admin.postRaw("/admin/organisationer", f);
        assertEquals(403, svar.statusCode());
        assertEquals(0, (int) app.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM organisation WHERE namn = 'Utan token'").mapTo(Integer.class).one()));
    }

    @Test
    void administratorenNarIngenDeltagarsida() {
        long id = TestData.deltagare(app).iTeam("Jobbtorg Kista").forsta();
        HttpSession admin = admin();
        for (String path : List.of("/deltagare/" + id, "/deltagare/" + id + "/motelage", "/deltagare/" + id + "/kontakter",
                "/deltagare/" + id + "/uppfoljning", "/deltagare/" + id + "/avslut", "/min-planering", "/oversikt",
                "/uppfoljning", "/anmalan")) {
            int status = admin.get(path).statusCode();
            assertEquals(403, status, path);
        }
    }

    @Test
    void ingetDeltagarnamnPaNagonAdministrationssida() {
        // A failed login on a participant's account is listed without her name.
        HttpSession deltagarforsok = app.session();
        deltagarforsok.get("/logga-in/deltagare");
        deltagarforsok.post("/logga-in/deltagare",
                Map.of("anvandarnamn", DemoData.DEMO_PARTICIPANT_USERNAME, "pin", "000000"));
        List<String> namn = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT fornamn || ' ' || efternamn FROM deltagare WHERE fornamn IS NOT NULL""")
                .mapTo(String.class).list());
        assertTrue(namn.size() > 10, "the demo data have named participants");
        HttpSession admin = admin();
        Set<String> sidor = new LinkedHashSet<>(List.of("/admin", "/admin/konton", "/admin/organisationer",
                "/admin/organisationer/ny", "/admin/team", "/admin/team/nytt", "/admin/handelser",
                "/admin/handelser?sida=2"));
        for (String slag : HandelseRepository.SLAG) {
            sidor.add("/admin/handelser?slag=" + slag);
        }
        for (String lista : List.of("/admin/organisationer", "/admin/team")) {
            for (String href : HttpSession.links(admin.page(lista))) {
                if (href.matches("/admin/(organisationer|team)/\\d+")) {
                    sidor.add(href);
                }
            }
        }
        assertTrue(sidor.size() > 15, sidor.toString());
        boolean misslyckadVisad = false;
        for (String sida : sidor) {
            HttpResponse<String> svar = admin.get(sida);
            assertEquals(200, svar.statusCode(), sida);
            String text = HttpSession.html(svar).text();
            for (String n : namn) {
                assertFalse(text.contains(n), sida + " shows the participant " + n);
            }
            misslyckadVisad |= text.contains(SV.get("admin.handelser.handling.inloggning_misslyckad"));
        }
        assertTrue(misslyckadVisad, "the failed login is on the events page");
        Document inloggningar = admin.page("/admin/handelser?slag=inloggning");
        assertTrue(inloggningar.select("#handelser tbody").text()
                .contains("deltagare: " + DemoData.DEMO_PARTICIPANT_USERNAME));
    }
}
