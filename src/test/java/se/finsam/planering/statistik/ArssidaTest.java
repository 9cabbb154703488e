package se.finsam.planering.statistik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

/** The styrgrupp's year on one page: the figures, the previous year, the targets, the exports. */
class ArssidaTest extends AppTest {

    private static List<CSVRecord> poster(String csv) throws java.io.IOException {
        return CSVFormat.EXCEL.builder().setDelimiter(';').get().parse(new StringReader(csv.substring(1)))
                .getRecords();
    }

    private static String cell(Document sida, String matt, int kolumn) {
        return sida.select("#matt-" + matt + " td").get(kolumn).text();
    }

    @Test
    void styrgruppenSerAretJusteratMedForraAretOchTeamen() throws Exception {
        HttpSession s = app.session().loginStaff("styrgrupp");
        Document statistik = s.page("/statistik?ar=2026");
        assertEquals("/statistik/ar/2026", statistik.select("#arslank").attr("href"), "linked from /statistik");
        HttpResponse<String> svar = s.get("/statistik/ar/2026");
        assertEquals(200, svar.statusCode());
        Document sida = HttpSession.html(svar);
        assertEquals("Året 2026 i korthet", sida.select("h1").text());
        assertTrue(sida.select("#skydd").text().contains("justerade med cellnyckelmetoden"));
        assertEquals(List.of("Mått", "2026", "2025", "Mål", "Mot målet"), sida.select("#ar-tabell thead th")
                .eachText());
        for (String kod : app.jdbi().withHandle(h -> h.createQuery("SELECT kod FROM deltagare")
                .mapTo(String.class).list())) {
            assertFalse(svar.body().contains(kod), kod);
        }
        // every team a row, and the total
        List<String> team = app.jdbi().withHandle(h -> h.createQuery("SELECT namn FROM team ORDER BY namn")
                .mapTo(String.class).list());
        assertEquals(team, sida.select("#team-tabell tbody th").eachText());
        assertFalse(sida.select("svg.diagram[role=img][aria-label]").isEmpty(), "a chart with its table");

        // The adjusted count: the same people give the same number as the statistics page's table of the year.
        assertEquals(statistik.select("#tabell-inskrivna p.population").text().replaceAll(".*: ", ""),
                cell(sida, "startade", 0));

        // The CSV holds the same figures as the page.
        List<CSVRecord> csv = poster(s.get("/statistik/ar/2026.csv").body());
        CSVRecord startade = csv.stream().filter(r -> r.get(0).equals("Startade under året (inskrivna)"))
                .findFirst().orElseThrow();
        assertEquals(cell(sida, "startade", 0), startade.get(1));
        assertEquals(cell(sida, "startade", 1), startade.get(2));
        assertEquals(200, s.get("/statistik/ar/2026.xlsx").statusCode());
    }

    @Test
    void administratornSatterMalSomSynsMotAret() {
        HttpSession admin = app.session().loginStaff("admin");
        Document form = admin.page("/admin/statistikmal?ar=2026");
        Map<String, String> data = HttpSession.formData(form, "form[action=/admin/statistikmal][method=post]");
        data.put("arbete_studier", "trettiofem");
        HttpResponse<String> fel = admin.post("/admin/statistikmal", data);
        assertEquals(400, fel.statusCode());
        assertTrue(HttpSession.html(fel).text().contains("Skriv en andel i procent mellan 0 och 100"));
        data.put("arbete_studier", "35");
        data.put("dagar_anmalan_mote", "14,5");
        HttpResponse<String> sparat = admin.post("/admin/statistikmal", data);
        assertEquals(302, sparat.statusCode(), HttpSession.html(sparat).text());
        assertEquals(403, app.session().loginStaff("styrgrupp").get("/admin/statistikmal").statusCode());

        Document sida = app.session().loginStaff("styrgrupp").page("/statistik/ar/2026");
        assertEquals("35 %", cell(sida, "arbete_studier", 2));
        assertEquals("14,5 dagar", cell(sida, "dagar_anmalan_mote", 2));
        String varde = cell(sida, "arbete_studier", 0);
        String bedomning = cell(sida, "arbete_studier", 3);
        if (!varde.equals("–")) {
            double v = Double.parseDouble(varde.replace(" %", "").replace(',', '.'));
            assertEquals(v >= 35 ? "Uppnått" : "Inte uppnått", bedomning);
        }
        assertTrue(app.session().loginStaff("styrgrupp").page("/statistik/ar/2025").select("#matt-arbete_studier td")
                .get(2).text().isEmpty(), "targets are per year");
    }

    @Test
    void koordinatornSerExaktaTalForSinaTeam() {
        HttpSession k = app.session().loginStaff("koordinator");
        Document sida = k.page("/statistik/ar/2026");
        int startade = app.jdbi().withHandle(h -> h.createQuery("""
                SELECT count(*) FROM deltagare d JOIN team_medlem m ON m.team_id = d.team_id
                JOIN anvandare a ON a.id = m.anvandare_id
                LEFT JOIN avslut av ON av.deltagare_id = d.id
                WHERE a.anvandarnamn = 'koordinator' AND (av.orsak IS NULL OR av.orsak <> 'felregistrering')
                  AND (SELECT substr(min(mo.start), 1, 4) FROM mote_deltagare md JOIN mote mo ON mo.id = md.mote_id
                        WHERE md.deltagare_id = d.id AND mo.status <> 'installt') = '2026'""")
                .mapTo(Integer.class).one());
        assertEquals(Integer.toString(startade), cell(sida, "startade", 0));
        assertEquals(List.of("Jobbtorg Kista"), sida.select("#team-tabell tbody th").eachText());
        assertEquals(400, k.get("/statistik/ar/tjugo").statusCode());
    }
}
