package se.finsam.planering.statistik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

class StatistikRoutesTest extends AppTest {

    private List<String> koder() {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT kod FROM deltagare").mapTo(String.class).list());
    }

    private long teamId(String namn) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM team WHERE namn = :n").bind("n", namn)
                .mapTo(Long.class).one());
    }

    @Test
    void styrgruppenSerSiffrorUtanPersoner() {
        HttpSession s = app.session().loginStaff("styrgrupp");
        HttpResponse<String> svar = s.get("/statistik?ar=2026");
        assertEquals(200, svar.statusCode());
        Document sida = HttpSession.html(svar);
        assertFalse(sida.select("#tabell-nationell table").isEmpty());
        assertFalse(sida.select("svg[role=img][aria-label]").isEmpty(), "charts with a text alternative");
        String text = sida.text();
        for (String kod : koder()) {
            assertFalse(svar.body().contains(kod), "no participant code on the page: " + kod);
        }
        assertFalse(svar.body().contains("/deltagare/"));
        for (Element td : sida.select("section.statistik-tabell:not(#tabell-tider) td.tal:not(.andel)")) {
            Integer v = Smacellsskydd.tal(td.text());
            assertTrue(td.text().isEmpty() || (v != null && (v == 0 || v >= Cellnyckel.MINSTA_VISADE)),
                    "no 1 or 2 shown: " + td.text());
        }
        assertTrue(text.contains("Jobbtorg Kista"), "all teams can be chosen");

        HttpResponse<String> csv = s.get("/statistik/statistik.csv?ar=2026");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("content-type").orElse("").startsWith("text/csv"));
        assertTrue(csv.body().startsWith("\uFEFF"), "byte order mark for Excel");
        for (String kod : koder()) {
            assertFalse(csv.body().contains(kod), "no participant code in the export: " + kod);
        }
    }

    @Test
    void xlsxHarEttBladPerTabellMedSammaSiffrorSomCsv() throws IOException {
        HttpSession s = app.session().loginStaff("styrgrupp");
        var svar = s.bytes("/statistik/statistik.xlsx?ar=2026");
        assertEquals(200, svar.statusCode());
        assertTrue(svar.headers().firstValue("content-type").orElse("").contains("spreadsheetml"));
        String csvText = s.get("/statistik/statistik.csv?ar=2026").body().substring(1);
        List<CSVRecord> poster = CSVFormat.EXCEL.builder().setDelimiter(';').get().parse(new StringReader(csvText))
                .getRecords();
        Document sida = s.page("/statistik?ar=2026");
        try (var bok = new org.dhatim.fastexcel.reader.ReadableWorkbook(
                new java.io.ByteArrayInputStream(svar.body()))) {
            List<String> blad = bok.getSheets().map(org.dhatim.fastexcel.reader.Sheet::getName).toList();
            List<String> tabeller = sida.select("section.statistik-tabell[id^=tabell-]").eachAttr("id").stream()
                    .map(id -> id.substring("tabell-".length())).filter(id -> !id.equals("tider")).toList();
            assertEquals("oversikt", blad.get(0), "the key figure and the band set first");
            assertEquals(tabeller, blad.subList(1, blad.size() - 1), "one sheet per table, in the page's order");
            // the national follow-up's totals row in the workbook equals the CSV's
            var nationell = bok.getSheets().filter(b -> b.getName().equals("nationell")).findFirst().orElseThrow();
            List<org.dhatim.fastexcel.reader.Row> rader = nationell.read();
            var summa = rader.get(rader.size() - 2);
            List<String> iBoken = new java.util.ArrayList<>();
            for (int k = 1; k < summa.getCellCount() - 1; k++) {
                iBoken.add(summa.getCellText(k).replaceAll("\\.0$", ""));
            }
            String rubrik = sida.select("#tabell-nationell h3").text();
            int i = 0;
            while (!poster.get(i).get(0).equals(rubrik)) {
                i++;
            }
            CSVRecord csvSumma = poster.get(i + 5);
            assertEquals(csvSumma.toList().subList(1, csvSumma.size() - 1), iBoken);
        }
        assertEquals(403, app.session().loginStaff("handlaggare").bytes("/statistik/statistik.xlsx?ar=2026")
                .statusCode());
    }

    @Test
    void csvHarSammaSiffrorSomSidan() throws IOException {
        HttpSession s = app.session().loginStaff("styrgrupp");
        Document sida = s.page("/statistik?ar=2026");
        List<String> sidansSumma = sida.select("#tabell-nationell tbody tr").last().select("td").eachText();
        String body = s.get("/statistik/statistik.csv?ar=2026").body().substring(1);
        List<CSVRecord> poster = CSVFormat.EXCEL.builder().setDelimiter(';').get().parse(new StringReader(body))
                .getRecords();
        String rubrik = sida.select("#tabell-nationell h3").text();
        int i = 0;
        while (!poster.get(i).get(0).equals(rubrik)) {
            i++;
        }
        // Title, population, base, header, the one row, then the totals row (its last cell the share, 100,0).
        CSVRecord summa = poster.get(i + 5);
        assertEquals(sidansSumma.subList(0, sidansSumma.size() - 1), summa.toList().subList(1, summa.size() - 1));
    }

    @Test
    void koordinatornSerBaraEgnaTeam() {
        HttpSession s = app.session().loginStaff("koordinator");
        HttpResponse<String> svar = s.get("/statistik?ar=2026");
        assertEquals(200, svar.statusCode());
        List<String> team = HttpSession.html(svar).select("#team option[value]:not([value=''])").eachText();
        assertEquals(List.of("Jobbtorg Kista"), team);
        long farsta = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT t.id FROM team t JOIN team_medlem m ON m.team_id = t.id JOIN anvandare a ON a.id = m.anvandare_id"
                        + " WHERE a.anvandarnamn = 'koordinator.farsta'").mapTo(Long.class).one());
        assertEquals(400, s.get("/statistik?team=" + farsta).statusCode());
        assertEquals(400, s.get("/statistik/statistik.csv?team=" + farsta).statusCode());
        assertEquals(200, s.get("/statistik?team=" + teamId("Jobbtorg Kista")).statusCode());

        int egna = app.jdbi().withHandle(h -> h.createQuery("""
                SELECT count(*) FROM deltagare d JOIN anmalan a ON a.deltagare_id = d.id
                LEFT JOIN avslut av ON av.deltagare_id = d.id
                WHERE d.team_id = :t AND a.datum <= '2026-12-31' AND (av.id IS NULL OR av.datum >= '2026-01-01')
                  AND (av.orsak IS NULL OR av.orsak <> 'felregistrering')""")
                .bind("t", teamId("Jobbtorg Kista")).mapTo(Integer.class).one());
        String summa = HttpSession.html(svar).select("#tabell-nationell tbody tr").last().select("td:not(.andel)").last()
                .text();
        assertEquals(Integer.toString(egna), summa, "her own teams' exact count");
    }

    /** The demo has people referred again after an earlier avslut, so the styrgrupp's table of them has counts. */
    @Test
    void anmaldaIgenSynsIDemodatan() {
        Document sida = app.session().loginStaff("styrgrupp").page("/statistik");
        List<String> igen = sida.select("#tabell-aterkommande tbody tr").first().select("td.tal:not(.andel)")
                .eachText();
        assertTrue(Integer.parseInt(igen.get(igen.size() - 1)) > 0, "referred again: " + igen);
        List<String> orsak = sida.select("#tabell-aterkommande_orsak tbody tr").last().select("td.tal:not(.andel)")
                .eachText();
        assertTrue(Integer.parseInt(orsak.get(orsak.size() - 1)) > 0, "by the earlier avslut's reason: " + orsak);
    }

    @Test
    void andraRollerFarInteSeStatistik() {
        for (String user : List.of("handlaggare", "teamrep.af", "admin")) {
            HttpSession s = app.session().loginStaff(user);
            assertEquals(403, s.get("/statistik").statusCode(), user);
            assertEquals(403, s.get("/statistik/statistik.csv").statusCode(), user);
        }
    }

    @Test
    void felaktigPeriodGerTydligtFel() {
        HttpSession s = app.session().loginStaff("styrgrupp");
        HttpResponse<String> svar = s.get("/statistik?ar=tjugo");
        assertEquals(400, svar.statusCode());
        assertTrue(HttpSession.html(svar).select("[role=alert]").text().contains("Perioden gick inte att förstå"));
        assertEquals(400, s.get("/statistik?fran=2026-05-01&till=2026-01-01").statusCode());
        assertEquals(400, s.get("/statistik?ar=2026&kvartal=5").statusCode());
    }
}
