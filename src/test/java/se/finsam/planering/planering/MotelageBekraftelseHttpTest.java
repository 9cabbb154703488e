package se.finsam.planering.planering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.finsam.planering.planering.FlodeStod.anmal;
import static se.finsam.planering.planering.FlodeStod.anmalan;
import static se.finsam.planering.planering.FlodeStod.anvandare;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

/**
 * Handing over in meeting mode first shows who gets what and hands over only when confirmed (plain forms, no
 * script needed); before the day of the participant's meeting a first handover needs that page's own confirmation.
 */
class MotelageBekraftelseHttpTest extends AppTest {

    private static long planMedTvaPunkter(HttpSession k, String fornamn) {
        long id = anmal(app, app.session().loginStaff("handlaggare"), anmalan(app, fornamn, "Bekraftsson", "1985"));
        k.get("/deltagare/" + id + "/motelage");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("version", "0");
        form.put("antal", "0");
        form.put("mal", "Ett arbete inom vården");
        form.put("ny_text", "Ansök om sjukpenning för " + fornamn);
        form.put("ny_ansvar", "anv:" + anvandare(app, "fk.handlaggare"));
        form.put("ny_typ", "beslut");
        form.put("ny_datum", "2027-01-15");
        assertEquals(302, k.post("/deltagare/" + id + "/motelage", form).statusCode());
        Map<String, String> andra = HttpSession.formData(k.page("/deltagare/" + id + "/motelage"), "#planering-form");
        andra.put("ny_text", "Ring till vårdcentralen");
        andra.put("ny_ansvar", "deltagaren");
        andra.put("ny_typ", "eget_steg");
        andra.put("ny_datum", "2027-01-20");
        assertEquals(302, k.post("/deltagare/" + id + "/motelage", andra).statusCode());
        return id;
    }

    private static int overlamningar(long d) {
        return app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM overlamning o JOIN planpunkt pp ON pp.id = o.planpunkt_id
                        JOIN planering p ON p.id = pp.planering_id WHERE p.deltagare_id = :d""")
                .bind("d", d).mapTo(Integer.class).one());
    }

    @Test
    void forstVisasVemSomFarVadSedanLamnasDetOver() {
        HttpSession k = app.session().loginStaff("koordinator");
        long d = planMedTvaPunkter(k, "Vera");
        Document motelage = k.page("/deltagare/" + d + "/motelage");
        assertTrue(motelage.selectFirst("#mal").hasAttr("autofocus"), "meeting mode starts in the goal field");

        HttpResponse<String> fraga = k.post("/deltagare/" + d + "/overlamna", Map.of());
        assertEquals(200, fraga.statusCode());
        Document bekrafta = HttpSession.html(fraga);
        String tabell = bekrafta.select("#mottagare").text();
        String fk = app.jdbi().withHandle(h -> h.createQuery("SELECT namn FROM anvandare WHERE anvandarnamn = 'fk.handlaggare'")
                .mapTo(String.class).one());
        assertTrue(tabell.contains("Ansök om sjukpenning för Vera") && tabell.contains(fk + ", Försäkringskassan"),
                tabell);
        assertTrue(tabell.contains("Ring till vårdcentralen") && tabell.contains("Deltagaren själv"), tabell);
        assertEquals(0, overlamningar(d), "nothing handed over before the confirmation");
        assertTrue(bekrafta.select("#fore-motet").isEmpty(), "no meeting booked: nothing to warn about");
        Map<String, String> ja = HttpSession.formData(bekrafta, "form[action$=/overlamna]");
        assertEquals("ja", ja.get("bekraftad"));

        assertEquals(302, k.post("/deltagare/" + d + "/overlamna", ja).statusCode());
        assertEquals(1, overlamningar(d), "the authority's item went to fk.handlaggare, the participant's did not");
    }

    @Test
    void foreMotetsDagMasteDetBekraftasSarskilt() {
        HttpSession k = app.session().loginStaff("koordinator");
        long d = planMedTvaPunkter(k, "Ines");
        // booked into a meeting two weeks ahead of the test clock's day
        app.jdbi().useHandle(h -> {
            long mote = h.createUpdate("""
                            INSERT INTO mote (team_id, start, slut, plats)
                            SELECT team_id, '2026-12-08T09:00', '2026-12-08T11:00', 'Kistagången 12'
                            FROM deltagare WHERE id = :d""")
                    .bind("d", d).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("INSERT INTO mote_deltagare (mote_id, deltagare_id, tid) VALUES (:m, :d, '2026-12-08T09:20')")
                    .bind("m", mote).bind("d", d).execute();
        });
        Document bekrafta = HttpSession.html(k.post("/deltagare/" + d + "/overlamna", Map.of()));
        assertTrue(bekrafta.select("#fore-motet").text().contains("8 december 2026"),
                bekrafta.select("main").text());
        assertEquals("Lämna över före mötet", bekrafta.select("#bekrafta-overlamna").text());

        HttpResponse<String> utan = k.post("/deltagare/" + d + "/overlamna", Map.of("bekraftad", "ja"));
        assertEquals(409, utan.statusCode(), "a plain confirmation is not enough before the meeting");
        assertTrue(utan.body().contains("Deltagarens möte är 8 december 2026"), utan.body());
        assertFalse(utan.body().contains("Exception"));
        assertEquals(0, overlamningar(d));

        assertEquals(302, k.post("/deltagare/" + d + "/overlamna",
                HttpSession.formData(bekrafta, "form[action$=/overlamna]")).statusCode());
        assertEquals(1, overlamningar(d), "handed over, explicitly before the meeting");
        assertTrue(List.of(200).contains(k.get("/deltagare/" + d + "/motelage").statusCode()));
    }
}
