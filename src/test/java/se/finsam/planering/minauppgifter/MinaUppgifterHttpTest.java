package se.finsam.planering.minauppgifter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * A participant who consented to Försäkringskassan and Arbetsförmedlingen withdraws her samtycke for FK herself:
 * the FK handläggare loses her pages and lists at once, the AF handläggare keeps them, her koordinator gets a task
 * and sees the history; she downloads everything stored about her and asks for a correction.
 */
class MinaUppgifterHttpTest extends AppTest {

    private static final String PIN = "640213";
    private static long hon;
    private static long fk;
    private static long hennesAnvandare;
    private static String namn;
    private static String anvandarnamn;

    private static long id(String sql) {
        return app.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @BeforeAll
    static void enDeltagareMedSamtyckeForFkOchAf() {
        fk = id("SELECT id FROM organisation WHERE kod = 'FK'");
        hon = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").utanKonto().medNamn()
                .medSamtyckeTill("FK").medSamtyckeTill("AF").hamta();
        anvandarnamn = TestData.kontoMedPin(app, hon, PIN);
        hennesAnvandare = id("SELECT anvandare_id FROM deltagare WHERE id = " + hon);
        namn = TestData.namn(app, hon);
        // One of her items is handed to the FK handläggare and waits for his kvittens.
        long fkUser = id("SELECT id FROM anvandare WHERE anvandarnamn = 'fk.handlaggare'");
        app.jdbi().useTransaction(h -> {
            long punkt = h.createQuery("""
                            SELECT pp.id FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                            WHERE p.deltagare_id = :d AND pp.borttagen IS NULL AND pp.ansvarig_deltagaren = 0
                            ORDER BY pp.id LIMIT 1""").bind("d", hon).mapTo(Long.class).one();
            h.createUpdate("""
                            UPDATE planpunkt SET ansvarig_organisation_id = :fk, ansvarig_anvandare_id = :u
                            WHERE id = :p""").bind("fk", fk).bind("u", fkUser).bind("p", punkt).execute();
            h.createUpdate("INSERT INTO overlamning (planpunkt_id, till_id, skapad) VALUES (:p, :u, :s)")
                    .bind("p", punkt).bind("u", fkUser).bind("s", app.clock().instant().toString()).execute();
        });
    }

    private static HttpSession henne() {
        HttpSession s = app.session();
        s.get("/logga-in/deltagare");
        assertEquals(302, s.post("/logga-in/deltagare", Map.of("anvandarnamn", anvandarnamn, "pin", PIN))
                .statusCode());
        return s;
    }

    private static boolean visar(HttpSession s, String path) {
        HttpResponse<String> svar = s.get(path);
        assertEquals(200, svar.statusCode(), path);
        return svar.body().contains(namn) || svar.body().contains("/deltagare/" + hon + "\"")
                || svar.body().contains("/deltagare/" + hon + "/");
    }

    private static int audit(long anvandare, String handling, String vad) {
        return app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM audit_log WHERE anvandare_id = :a AND deltagare_id = :d
                          AND handling = :h AND vad = :v""")
                .bind("a", anvandare).bind("d", hon).bind("h", handling).bind("v", vad)
                .mapTo(Integer.class).one());
    }

    @Test
    void honTarTillbakaSittSamtyckeOchDetGallerGenastOverallt() {
        HttpSession fkHandlaggare = app.session().loginStaff("fk.handlaggare");
        HttpSession fkTeamrep = app.session().loginStaff("teamrep.fk");
        HttpSession afHandlaggare = app.session().loginStaff("handlaggare");
        assertEquals(200, fkHandlaggare.get("/deltagare/" + hon).statusCode(), "FK sees her before");
        assertTrue(visar(fkHandlaggare, "/oversikt"), "FK's handover card shows her before");

        HttpSession s = henne();
        Document sida = s.page("/min-planering/mina-uppgifter");
        String aterkalla = "/min-planering/mina-uppgifter/samtycke/" + fk;
        assertFalse(sida.select("a[href='" + aterkalla + "']").isEmpty(), "a withdraw link for FK");
        Document bekrafta = s.page(aterkalla);
        assertFalse(bekrafta.select("form[action='" + aterkalla + "'] button[type=submit]").isEmpty());

        HttpResponse<String> svar = s.post(aterkalla, Map.of());
        assertEquals(302, svar.statusCode(), svar.body());
        Map<String, Object> rad = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT aterkallat_datum, aterkallat_av FROM samtycke
                        WHERE deltagare_id = :d AND organisation_id = :o ORDER BY id DESC LIMIT 1""")
                .bind("d", hon).bind("o", fk).mapToMap().one());
        assertEquals(app.clock().instant().toString().substring(0, 10), rad.get("aterkallat_datum"));
        assertEquals(hennesAnvandare, ((Number) rad.get("aterkallat_av")).longValue());
        assertEquals(1, audit(hennesAnvandare, "andra", "återkallade samtycke"));

        // FK: no page, no list, no handover card of hers
        assertEquals(403, fkHandlaggare.get("/deltagare/" + hon).statusCode());
        assertEquals(403, fkHandlaggare.get("/deltagare/" + hon + "/uppfoljning").statusCode());
        for (HttpSession fkPersonal : List.of(fkHandlaggare, fkTeamrep)) {
            assertFalse(visar(fkPersonal, "/oversikt"));
            assertFalse(visar(fkPersonal, "/uppfoljning?alla=1"));
            assertFalse(visar(fkPersonal, "/offline"));
        }
        assertEquals(403, fkTeamrep.get("/deltagare/" + hon + "/motelage").statusCode());
        // AF still has her samtycke
        assertEquals(200, afHandlaggare.get("/deltagare/" + hon).statusCode());

        // Her page: FK is no longer offered, and is listed as withdrawn; withdrawing again finds nothing
        Document efter = s.page("/min-planering/mina-uppgifter");
        assertTrue(efter.select("a[href='" + aterkalla + "']").isEmpty());
        assertEquals(404, s.post(aterkalla, Map.of()).statusCode());
        assertEquals(404, s.get("/min-planering/mina-uppgifter/samtycke/999999").statusCode());

        // The koordinator is told, sees the history, and marks the task handled
        HttpSession k = app.session().loginStaff("koordinator");
        Document start = k.page("/arbetslista?lista=aterkallelser");
        var uppgift = start.select("ul.arbetslista > li:contains(" + namn + ")");
        assertEquals(1, uppgift.size(), start.select("main").text());
        assertTrue(uppgift.text().contains("Försäkringskassan"), uppgift.text());
        Document staff = k.page("/deltagare/" + hon);
        String historik = staff.select("#samtycke-rubrik + table, section:has(#samtycke-rubrik) table").text();
        assertTrue(historik.contains("Försäkringskassan") && historik.contains("av deltagaren själv"), historik);
        String hanterad = uppgift.select("form").attr("action");
        assertEquals(302, k.post(hanterad, Map.of()).statusCode());
        assertTrue(k.page("/arbetslista?lista=aterkallelser").select("ul.arbetslista > li:contains(" + namn + ")")
                .isEmpty());
        assertEquals(404, k.post(hanterad, Map.of()).statusCode(), "handled once");
        // a task id of hers under another participant's id is not found
        long uppgiftId = Long.parseLong(hanterad.replaceAll(".*/koordinatoruppgift/(\\d+)/.*", "$1"));
        long annan = TestData.deltagare(app).iTeam("Jobbtorg Kista").forsta();
        assertEquals(404, k.post("/deltagare/" + annan + "/koordinatoruppgift/" + uppgiftId + "/hanterad",
                Map.of()).statusCode());
        // staff cannot use her routes
        assertEquals(403, afHandlaggare.post(aterkalla, Map.of()).statusCode());
        assertEquals(403, afHandlaggare.get("/min-planering/mina-uppgifter/alla.json").statusCode());
    }

    @Test
    void hennesUppgifterSomSidaOchJsonMedAllaDelarOchIngetInterntEllerNagonAnnans() throws Exception {
        // someone looked at her data, and a follow-up has an internal note
        app.session().loginStaff("koordinator").get("/deltagare/" + hon);
        String intern = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT notering_intern FROM uppfoljning WHERE deltagare_id = :d AND notering_intern IS NOT NULL
                        LIMIT 1""").bind("d", hon).mapTo(String.class).findOne().orElse(null));
        String sammanfattning = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT sammanfattning FROM anmalan WHERE deltagare_id = :d").bind("d", hon).mapTo(String.class).one());
        HttpSession s = henne();
        HttpResponse<String> json = s.get("/min-planering/mina-uppgifter/alla.json");
        assertEquals(200, json.statusCode());
        assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(json.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
        JsonNode allt = new ObjectMapper().readTree(json.body());
        String kod = app.jdbi().withHandle(h -> h.createQuery("SELECT kod FROM deltagare WHERE id = :d")
                .bind("d", hon).mapTo(String.class).one());
        assertEquals(kod, allt.path("person").path("kod").asText());
        int punkter = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                        WHERE p.deltagare_id = :d""").bind("d", hon).mapTo(Integer.class).one());
        assertTrue(punkter > 0);
        assertEquals(punkter, allt.path("punkter").size());
        assertTrue(allt.path("samtycken").size() >= 2);
        List<String> tittade = allt.path("atkomstlogg").findValuesAsText("namn");
        assertTrue(tittade.contains("Eva Lindström"), "the koordinator's look is in the log: " + tittade);
        assertFalse(json.body().contains(sammanfattning), "the case summary is internal");
        if (intern != null) {
            assertFalse(json.body().contains(intern), "internal follow-up notes are not hers to see");
        }
        long annan = TestData.deltagare(app).iTeam("Jobbtorg Kista").medNamn().forsta();
        if (annan != hon) {
            assertFalse(json.body().contains(TestData.namn(app, annan)), "nothing of another participant");
        }
        Document sida = s.page("/min-planering/mina-uppgifter/alla");
        assertTrue(sida.text().contains(kod));
        assertEquals(punkter, sida.select("ol.lista > li").size());
        assertFalse(sida.text().contains(sammanfattning));
        assertTrue(audit(hennesAnvandare, "las", "laddade ner sina uppgifter") >= 2);
    }

    @Test
    void enBegaranOmRattelseBlirEnUppgiftForHennesKoordinator() {
        HttpSession s = henne();
        HttpResponse<String> tom = s.post("/min-planering/mina-uppgifter/rattelse", Map.of("rattelse", "   "));
        assertEquals(400, tom.statusCode());
        assertTrue(HttpSession.html(tom).select("#rattelse-fel, .falt--fel").text().contains("Skriv vad som är fel"),
                tom.body());
        HttpResponse<String> forLang = s.post("/min-planering/mina-uppgifter/rattelse",
                Map.of("rattelse", "x".repeat(MinaUppgifterRoutes.RATTELSE_MAX + 1)));
        assertEquals(400, forLang.statusCode());
        String text = "Mitt telefonnummer är fel, det rätta är 070-123 45 67 (ring efter kl. 10)";
        assertEquals(302, s.post("/min-planering/mina-uppgifter/rattelse", Map.of("rattelse", text)).statusCode());
        Document sida = s.page("/min-planering/mina-uppgifter");
        assertTrue(sida.select("#rattelse li").text().contains(text));
        assertTrue(sida.select("#rattelse li").text().contains("Inte klart än"));

        HttpSession k = app.session().loginStaff("koordinator");
        var uppgift = k.page("/arbetslista?lista=rattelser").select("ul.arbetslista > li:contains(" + text + ")");
        assertEquals(1, uppgift.size());
        // a koordinator of another team does not see it
        String annanKoordinator = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT a.anvandarnamn FROM anvandare a WHERE a.roll = 'koordinator' AND a.aktiv = 1
                          AND NOT EXISTS (SELECT 1 FROM team_medlem tm JOIN deltagare d ON d.team_id = tm.team_id
                                          WHERE tm.anvandare_id = a.id AND d.id = :d)
                        ORDER BY a.id LIMIT 1""").bind("d", hon).mapTo(String.class).one());
        HttpSession annan = app.session().loginStaff(annanKoordinator);
        assertTrue(annan.page("/arbetslista?lista=rattelser").select("ul.arbetslista > li:contains(" + text + ")")
                .isEmpty());
        assertEquals(403, annan.post(uppgift.select("form").attr("action"), Map.of()).statusCode());

        assertEquals(302, k.post(uppgift.select("form").attr("action"), Map.of()).statusCode());
        Map<String, Object> rad = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT hanterad, hanterad_av FROM koordinatoruppgift WHERE deltagare_id = :d AND text = :t""")
                .bind("d", hon).bind("t", text).mapToMap().one());
        assertNotNull(rad.get("hanterad"));
        assertEquals(id("SELECT id FROM anvandare WHERE anvandarnamn = 'koordinator'"),
                ((Number) rad.get("hanterad_av")).longValue());
        assertTrue(s.page("/min-planering/mina-uppgifter").select("#rattelse li").text()
                .contains("Koordinatorn har tagit hand om det"));
    }
}
