package se.finsam.planering.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/** Every date and number a form takes has a sensible range; outside it the person gets a clear message. */
class DatumgranserTest extends AppTest {

    private static final Pattern INPUT = Pattern.compile("<input[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"");

    private static int count(String sql, long id) {
        return app.jdbi().withHandle(h -> h.createQuery(sql).bind(0, id).mapTo(Integer.class).one());
    }

    private static void assertRefused(HttpResponse<String> r, String message) {
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains(message), "expected '" + message + "' in " + r.body());
        assertFalse(r.body().contains("Exception"));
    }

    @Test
    void motesdatumMasteLiggaFranIdagTillTvaArFram() {
        HttpSession s = app.session().loginStaff("koordinator");
        s.get("/moten");
        int fore = app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM mote").mapTo(Integer.class).one());
        assertRefused(s.post("/moten", Map.of("datum", "+999999999-12-31", "tid", "13:00", "plats", "")),
                "Skriv ett datum från 2026-11-23 till 2028-11-23.");
        assertRefused(s.post("/moten", Map.of("datum", "2029-01-01", "tid", "13:00", "plats", "")),
                "Skriv ett datum från 2026-11-23 till 2028-11-23.");
        assertRefused(s.post("/moten", Map.of("datum", "-999999999-01-01", "tid", "13:00", "plats", "")),
                "Skriv ett datum som inte har passerat");
        assertRefused(s.post("/moten", Map.of("datum", "2026-11-30", "tid", "25:61", "plats", "")),
                "name=\"tid\"");
        int efter = app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM mote").mapTo(Integer.class).one());
        assertEquals(fore, efter, "no meeting stored");
        assertEquals(302, s.post("/moten", Map.of("datum", "2028-11-23", "tid", "13:00", "plats", "")).statusCode());
    }

    @Test
    void avslutsdatumMasteLiggaMellanAnmalanOchIdag() {
        long d = TestData.deltagareIFas(app, "uppfoljning", 0);
        HttpSession s = app.session().loginStaff("koordinator");
        s.get("/deltagare/" + d + "/avslut");
        Map<String, String> form = new LinkedHashMap<>(Map.of("orsak", "arbete", "forsorjning", "lon", "sysselsattning", "arbete",
                "steg_mot_arbete", "arbete_studier"));
        form.put("datum", "-999999999-01-01");
        assertRefused(s.post("/deltagare/" + d + "/avslut", form), "Skriv ett datum från ");
        form.put("datum", "+999999999-12-31");
        assertRefused(s.post("/deltagare/" + d + "/avslut", form), "Datumet kan inte vara i framtiden.");
        String anmald = app.jdbi().withHandle(h -> h.createQuery(
                        "SELECT min(datum) FROM anmalan WHERE deltagare_id = :d")
                .bind("d", d).mapTo(String.class).one());
        form.put("datum", java.time.LocalDate.parse(anmald).minusDays(1).toString());
        assertRefused(s.post("/deltagare/" + d + "/avslut", form),
                "Skriv ett datum från " + anmald + " till 2026-11-23.");
        assertEquals(0, count("SELECT count(*) FROM avslut WHERE deltagare_id = ?", d));
        form.put("datum", anmald);
        assertEquals(302, s.post("/deltagare/" + d + "/avslut", se.finsam.planering.avslut.AvslutStod.medBeslut(s, d, form)).statusCode());
        assertEquals(200, s.get("/deltagare/" + d).statusCode());
    }

    @Test
    void uppfoljningsdatumMasteLiggaMellanPlanenOchIdag() {
        long d = TestData.deltagareIFas(app, "uppfoljning", 1);
        HttpSession s = app.session().loginStaff("koordinator");
        String page = s.get("/deltagare/" + d + "/uppfoljning").body();
        String uuid = HttpSession.value(page, "input[name=uuid]");
        for (String datum : new String[] {"-999999999-01-01", "2020-01-01"}) {
            assertRefused(s.post("/deltagare/" + d + "/uppfoljning", Map.of("uuid", uuid, "datum", datum,
                    "notering_intern", "x")), "Datumet kan inte vara före planeringen");
        }
        assertRefused(s.post("/deltagare/" + d + "/uppfoljning", Map.of("uuid", uuid, "datum", "+999999999-12-31",
                "notering_intern", "x")), "Datumet kan inte vara i framtiden.");
        assertRefused(s.post("/deltagare/" + d + "/uppfoljning", Map.of("uuid", uuid,
                "datum", "2026-11-23" + "0".repeat(50), "notering_intern", "x")), "Skriv ett riktigt datum");
    }

    @Test
    void klartSenastIMoteslagetMasteLiggaInomEttArBakOchFemArFram() {
        long d = TestData.deltagareIFas(app, "planerad", 1);
        HttpSession s = app.session().loginStaff("koordinator");
        String page = s.get("/deltagare/" + d + "/motelage").body();
        Map<String, String> form = new LinkedHashMap<>();
        Matcher m = INPUT.matcher(page);
        while (m.find()) {
            if (!m.group(1).equals("_csrf")) {
                form.putIfAbsent(m.group(1), m.group(2).replace("&amp;", "&"));
            }
        }
        assertTrue(form.containsKey("p0_datum"), "the plan has an item: " + form.keySet());
        for (String datum : new String[] {"+999999999-12-31", "-999999999-01-01", "2032-01-01"}) {
            form.put("p0_datum", datum);
            assertRefused(s.post("/deltagare/" + d + "/motelage", form), "Skriv ett datum för punkt 1");
        }
    }

    @Test
    void fodelsearOchSamtyckesdatumHarRimligaGranser() {
        HttpSession s = app.session().loginStaff("handlaggare");
        s.get("/anmalan");
        Map<String, String> form = new LinkedHashMap<>(Map.of("fornamn", "Gräns", "efternamn", "Testsson",
                "kon", "kvinna", "samtyckeDatum", "2026-11-20", "samtyckeHur", "skriftligt",
                "sammanfattning", "Behöver stöd", "forsorjning", "ingen", "informerad", "ja"));
        form.put("samtycke", "1");
        for (String ar : new String[] {"99999999999999999999", "-2147483649", "1899", "2026", "1e3", "19 87"}) {
            form.put("fodelsear", ar);
            assertRefused(s.post("/anmalan", form), "Skriv födelseåret med fyra siffror");
        }
        form.put("fodelsear", "1987");
        for (String datum : new String[] {"+999999999-12-31", "-999999999-01-01", "2024-11-20"}) {
            form.put("samtyckeDatum", datum);
            assertRefused(s.post("/anmalan", form), "Skriv datumet för samtycket");
        }
    }
}
