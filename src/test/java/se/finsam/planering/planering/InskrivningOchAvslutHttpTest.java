package se.finsam.planering.planering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * Outcome data in the flow people already follow: the inskrivning values on the anmälan (which the referrer may
 * leave for the team), editable until the plan is handed over and then read-only; sysselsättning and the step
 * towards work at avslut, both required. Codes outside their sets are refused with a message.
 */
class InskrivningOchAvslutHttpTest extends AppTest {

    private static Map<String, Object> anmalan(long deltagare) {
        return app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT utbildning, tid_forsorjning, sysselsattning, anstallning_vid_start FROM anmalan
                        WHERE deltagare_id = :d""").bind("d", deltagare).mapToMap().one());
    }

    @Test
    void anmalanTarInskrivningsuppgifterMenKraverDemInte() {
        HttpSession s = app.session().loginStaff("handlaggare");
        Map<String, String> form = FlodeStod.anmalan(app, "Ines", "Inskrivning", "1988");
        form.put("utbildning", "doktorsexamen");
        s.get("/anmalan");
        HttpResponse<String> fel = FlodeStod.post(app, s, "/anmalan", form, "samtycke");
        assertEquals(400, fel.statusCode());
        assertTrue(HttpSession.html(fel).select(".falt--fel").text().contains("Välj högsta avslutade utbildning"),
                HttpSession.html(fel).select(".falt--fel").text());

        form.put("utbildning", "gymnasial");
        form.put("tidForsorjning", "3_4");
        form.put("sysselsattning", "arbetssokande");
        form.put("anstallningVidStart", "nej");
        long med = FlodeStod.anmal(app, s, form);
        assertEquals(Map.of("utbildning", "gymnasial", "tid_forsorjning", "3_4", "sysselsattning", "arbetssokande",
                "anstallning_vid_start", "nej"), anmalan(med));

        Map<String, String> utan = FlodeStod.anmalan(app, "Ulla", "Utanuppgifter", "1979");
        long utanId = FlodeStod.anmal(app, s, utan);
        Map<String, Object> tom = anmalan(utanId);
        assertTrue(tom.values().stream().allMatch(v -> v == null), "not recorded is NULL: " + tom);

        // the team fills them in before the handover; all four are required there
        HttpSession k = app.session().loginStaff("koordinator");
        Document sida = k.page("/deltagare/" + utanId);
        assertTrue(sida.select("section:has(#inskrivning-rubrik)").text().contains("Inte registrerat"));
        assertEquals(1, sida.select("a[href='/deltagare/" + utanId + "/inskrivning']").size());
        assertEquals(200, k.get("/deltagare/" + utanId + "/inskrivning").statusCode());
        HttpResponse<String> tomt = k.post("/deltagare/" + utanId + "/inskrivning", Map.of());
        assertEquals(400, tomt.statusCode());
        String meddelanden = HttpSession.html(tomt).select(".falt--fel").text();
        for (String m : new String[] {"Välj högsta avslutade utbildning", "Välj hur länge personen",
                "Välj sysselsättning före", "Välj om personen hade en anställning"}) {
            assertTrue(meddelanden.contains(m), m + " in " + meddelanden);
        }
        assertEquals(400, k.post("/deltagare/" + utanId + "/inskrivning", Map.of("utbildning", "okand",
                "tidForsorjning", "10_ar", "sysselsattning", "ingen", "anstallningVidStart", "okant")).statusCode());
        assertEquals(302, k.post("/deltagare/" + utanId + "/inskrivning", Map.of("utbildning", "okand",
                "tidForsorjning", "over_9", "sysselsattning", "ingen", "anstallningVidStart", "okant")).statusCode());
        assertEquals(Map.of("utbildning", "okand", "tid_forsorjning", "over_9", "sysselsattning", "ingen",
                "anstallning_vid_start", "okant"), anmalan(utanId));
    }

    @Test
    void efterOverlamningenArInskrivningenLast() {
        long d = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").medNamn().forsta();
        HttpSession k = app.session().loginStaff("koordinator");
        Document sida = k.page("/deltagare/" + d + "/inskrivning");
        assertTrue(sida.text().contains("Planeringen är överlämnad"), sida.text());
        assertTrue(sida.select("form[action='/deltagare/" + d + "/inskrivning']").isEmpty());
        assertTrue(sida.text().contains("första teammötet"), "the inskrivning date is the first meeting");
        Map<String, Object> fore = anmalan(d);
        HttpResponse<String> post = k.post("/deltagare/" + d + "/inskrivning", Map.of("utbildning", "gymnasial",
                "tidForsorjning", "1_2", "sysselsattning", "studier", "anstallningVidStart", "ja"));
        assertEquals(409, post.statusCode());
        assertEquals(fore, anmalan(d));
        // a handläggare of an organisation she did not consent to is refused
        long utanFk = TestData.deltagare(app).iTeam("Jobbtorg Kista").utanSamtyckeTill("FK").forsta();
        assertEquals(403, app.session().loginStaff("fk.handlaggare").get("/deltagare/" + utanFk + "/inskrivning")
                .statusCode());
    }

    @Test
    void avslutetKraverSysselsattningOchStegMotArbete() {
        long d = TestData.ledigDeltagareIFas(app, "uppfoljning");
        HttpSession k = app.session().loginStaff("koordinator");
        Document formular = k.page("/deltagare/" + d + "/avslut");
        assertEquals(1, formular.select("select[name=sysselsattning][required]").size());
        assertEquals(1, formular.select("select[name=steg_mot_arbete][required]").size());
        Map<String, String> form = new HashMap<>(Map.of("datum", "2026-11-23", "orsak", "studier",
                "forsorjning", "studiemedel"));
        HttpResponse<String> saknas = k.post("/deltagare/" + d + "/avslut", form);
        assertEquals(400, saknas.statusCode());
        String fel = HttpSession.html(saknas).select(".falt--fel").text();
        assertTrue(fel.contains("Välj sysselsättning efter") && fel.contains("Välj vilket steg mot arbete"), fel);
        form.put("sysselsattning", "studier");
        form.put("steg_mot_arbete", "heltid");
        assertEquals(400, k.post("/deltagare/" + d + "/avslut", form).statusCode());
        form.put("steg_mot_arbete", "arbete_studier");
        assertEquals(302, k.post("/deltagare/" + d + "/avslut",
                se.finsam.planering.avslut.AvslutStod.medBeslut(k, d, form)).statusCode());
        Map<String, Object> rad = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT sysselsattning, steg_mot_arbete FROM avslut WHERE deltagare_id = :d").bind("d", d)
                .mapToMap().one());
        assertEquals(Map.of("sysselsattning", "studier", "steg_mot_arbete", "arbete_studier"), rad);
    }

    @Test
    void enNyAnmalanEfterAvslutPekarPaDenTidigareOchFlyttarPersonnumret() {
        HttpSession s = app.session().loginStaff("handlaggare");
        Map<String, String> form = FlodeStod.anmalan(app, "Åsa", "Återkommer", "1985");
        form.put("personnummer", "19850412-2386");
        long forsta = FlodeStod.anmal(app, s, form);
        // while she is open, the same personnummer is refused as a duplicate
        s.get("/anmalan");
        String[] orgs = app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM organisation ORDER BY id")
                .mapTo(String.class).list()).toArray(String[]::new);
        assertEquals(409, FlodeStod.post(app, s, "/anmalan", form, "samtycke", orgs).statusCode());
        HttpSession k = app.session().loginStaff("koordinator");
        k.get("/deltagare/" + forsta + "/avslut");
        assertEquals(302, k.post("/deltagare/" + forsta + "/avslut", se.finsam.planering.avslut.AvslutStod.medBeslut(k, forsta, Map.of("datum", "2026-11-23", "orsak", "avbrutit",
                "forsorjning", "sjukpenning", "ingen_fortsattning", "on", "sysselsattning", "ingen",
                "steg_mot_arbete", "inget"))).statusCode());
        long andra = FlodeStod.anmal(app, s, form);
        Map<String, Object> rader = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT (SELECT personnummer FROM deltagare WHERE id = :f) AS forsta_pnr,
                               (SELECT personnummer FROM deltagare WHERE id = :a) AS andra_pnr,
                               (SELECT tidigare_deltagare_id FROM deltagare WHERE id = :a) AS tidigare""")
                .bind("f", forsta).bind("a", andra).mapToMap().one());
        assertEquals(null, rader.get("forsta_pnr"));
        assertEquals("19850412-2386", rader.get("andra_pnr"));
        assertEquals(forsta, ((Number) rader.get("tidigare")).longValue());
    }
}
