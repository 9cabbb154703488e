package se.finsam.planering.uppfoljning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * The checks 6 and 12 months after avslut on the koordinator's lists, due and overdue by the same rule as the
 * follow-ups during the plan (injected clock), recorded and corrected by the koordinator only.
 */
class EfterkontrollHttpTest extends AppTest {

    private static long avslutad(LocalDate datum, String orsak) {
        long d = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").utanKonto().medNamn().hamta();
        app.jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO avslut (deltagare_id, datum, orsak, forsorjning, ingen_fortsattning, nasta_steg,
                                            fortsattning_ansvarig, registrerad, registrerad_av, sysselsattning,
                                            steg_mot_arbete)
                        SELECT :d, :datum, :orsak, 'sjukpenning', 0, 'Kontakt med FK', 'Lena', :datum || 'T09:00:00Z',
                               id, 'ingen', 'stabil_narvaro' FROM anvandare WHERE anvandarnamn = 'koordinator'""")
                .bind("d", d).bind("datum", datum.toString()).bind("orsak", orsak).execute());
        return d;
    }

    private static List<String> lankar(Document sida, String tabell) {
        return sida.select(tabell + " a").eachAttr("href");
    }

    @Test
    void kontrollernaEfterAvslutForfallerRegistrerasOchRattas() {
        LocalDate idag = LocalDate.now(app.clock());
        long forsenad = avslutad(idag.minusMonths(6).minusDays(3), "fortsatt_rehabilitering");
        long snart = avslutad(idag.minusMonths(6).plusDays(10), "arbete");
        long sent = avslutad(idag.minusMonths(3), "studier");
        long fel = avslutad(idag.minusMonths(7), "felregistrering");
        HttpSession k = app.session().loginStaff("koordinator");
        Document oversikt = k.page("/uppfoljning?alla=1");
        String forsenadLank = "/deltagare/" + forsenad + "/efterkontroll";
        assertTrue(lankar(oversikt, "#forsenade").contains(forsenadLank), "6 months, 3 days overdue");
        assertTrue(oversikt.select("#forsenade tr:has(a[href=" + forsenadLank + "])").text().contains("6 mån efter avslut"));
        assertTrue(lankar(oversikt, "#kommande").contains("/deltagare/" + snart + "/efterkontroll"), "due in 10 days");
        for (long d : List.of(sent, fel)) {
            assertTrue(!oversikt.html().contains("/deltagare/" + d + "/efterkontroll"), "not listed: " + d);
        }
        assertTrue(k.page("/arbetslista?lista=uppfoljningar").select("a[href=" + forsenadLank + "]").size() == 1,
                "the koordinator's work list of follow-ups due too");
        // a handläggare's own list has no checks after avslut
        assertTrue(!app.session().loginStaff("handlaggare").get("/uppfoljning?alla=1").body().contains("/efterkontroll"));

        assertEquals(409, k.get("/deltagare/" + fel + "/efterkontroll").statusCode());
        HttpResponse<String> tomt = k.post(forsenadLank, Map.of("manader", "6", "datum", idag.toString()));
        assertEquals(400, tomt.statusCode());
        assertTrue(HttpSession.html(tomt).select(".falt--fel").text().contains("Välj om ni nådde personen"));
        HttpResponse<String> utanVarden = k.post(forsenadLank, Map.of("manader", "6", "datum", idag.toString(),
                "nadd", "ja"));
        assertEquals(400, utanVarden.statusCode());
        assertTrue(HttpSession.html(utanVarden).select(".falt--fel").text().contains("Välj försörjning nu"));
        assertEquals(400, k.post(forsenadLank, Map.of("manader", "9", "datum", idag.toString(), "nadd", "nej"))
                .statusCode());
        assertEquals(400, k.post(forsenadLank, Map.of("manader", "6", "datum", idag.plusDays(1).toString(),
                "nadd", "nej")).statusCode());
        assertEquals(302, k.post(forsenadLank, Map.of("manader", "6", "datum", idag.toString(), "nadd", "ja",
                "forsorjning", "lon", "sysselsattning", "arbete")).statusCode());
        assertTrue(!lankar(k.page("/uppfoljning?alla=1"), "#forsenade").contains(forsenadLank), "done");

        // a correction is a new row that names the one it replaces
        assertEquals(302, k.post(forsenadLank, Map.of("manader", "6", "datum", idag.toString(), "nadd", "nej"))
                .statusCode());
        List<Map<String, Object>> rader = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT id, nadd, forsorjning, ersatter_id FROM efterkontroll WHERE deltagare_id = :d ORDER BY id""")
                .bind("d", forsenad).mapToMap().list());
        assertEquals(2, rader.size());
        assertNull(rader.get(0).get("ersatter_id"));
        assertEquals(rader.get(0).get("id"), rader.get(1).get("ersatter_id"));
        assertEquals(0, ((Number) rader.get(1).get("nadd")).intValue());
        Document sida = k.page(forsenadLank);
        assertTrue(sida.select("table").text().contains("Gick inte att nå"), sida.select("table").text());
        assertTrue(sida.text().contains("ersatt av en senare uppgift"));

        // others may not
        for (String roll : List.of("handlaggare", "teamrep.fk", "styrgrupp")) {
            HttpSession s = app.session().loginStaff(roll);
            assertEquals(403, s.get(forsenadLank).statusCode(), roll);
            assertEquals(403, s.post(forsenadLank, Map.of("manader", "12", "nadd", "nej")).statusCode(), roll);
        }

        // six months later the 12-month check of the first is overdue
        app.clock().advance(Duration.ofDays(190));
        HttpSession senare = app.session().loginStaff("koordinator");
        Document halvarSenare = senare.page("/uppfoljning?alla=1");
        assertTrue(halvarSenare.select("#forsenade tr:has(a[href=" + forsenadLank + "])").text()
                .contains("12 mån efter avslut"), halvarSenare.select("#forsenade").text());
    }
}
