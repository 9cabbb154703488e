package se.finsam.planering.statistik;

import se.finsam.planering.testsupport.TestData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

/**
 * A programme's published outcome table rebuilt through the participant import: 98 participants started in 2025,
 * 27 of them closed to work or studies, in the national age bands. Every cell, share included, is compared on the
 * page, in the CSV and in the xlsx, for each band set; and each table states whom it counts.
 */
class PubliceradTabellTest extends AppTest {

    private static final String HUVUD = String.join(";", StatistikRoutes.PERSONFIL_KOLUMNER);
    private static long team;

    /** One expected row: its label, its counts with the row total, the share on the page and in the exports. */
    private record Rad(String etikett, int[] antal, String sidansAndel, String andel) {
    }

    private static Rad rad(String etikett, String sidansAndel, String andel, int... antal) {
        return new Rad(etikett, antal, sidansAndel, andel);
    }

    @BeforeAll
    static void importera() {
        team = TestData.teamSomKista(app, "Programmet");
        StringBuilder fil = new StringBuilder("\uFEFF").append(HUVUD).append("\r\n");
        // Women: 20 aged 22, 18 aged 37, 10 aged 50, 5 aged 62 (age in 2025); 10 closed to work, 7 to studies,
        // 16 to further rehabilitation, 6 dropped out, 14 still ongoing; 30 on försörjningsstöd before, 23 on
        // sjukpenning.
        lagg(fil, "K", "kvinna", new int[] {20, 18, 10, 5}, new int[] {10, 7, 16, 6, 14}, 30, 53);
        // Men: 15, 14, 11, 5 by age; 10 to work, none to studies, 14 to rehabilitation, 5 dropped out, 16 ongoing;
        // 25 on försörjningsstöd, 20 on sjukpenning.
        lagg(fil, "M", "man", new int[] {15, 14, 11, 5}, new int[] {10, 0, 14, 5, 16}, 25, 45);
        // Six women who started in 2024 and closed to work in 2025: closed in the period, not started in it.
        for (int i = 0; i < 6; i++) {
            fil.append("PUB-T").append(i).append(";Programmet;kvinna;1988;2024-05-02;af;2024-05-20;sjukpenning;"
                    + "ingen;gymnasial;3_4;nej;;2025-03-03;arbete;lon;arbete;arbete_studier;;;;;;;;\r\n");
        }
        HttpSession k = app.session().loginStaff("koordinator");
        k.get("/statistik/import");
        HttpResponse<String> granskning = k.postFil("/statistik/import", Map.of("team", String.valueOf(team)),
                "programmet.csv", "text/csv", fil.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(200, granskning.statusCode(), HttpSession.html(granskning).text());
        HttpResponse<String> sparad = k.post("/statistik/import/spara",
                HttpSession.formData(HttpSession.html(granskning), "form[action=/statistik/import/spara]"));
        assertEquals(302, sparad.statusCode());
    }

    private static void lagg(StringBuilder fil, String prefix, String kon, int[] perAlder, int[] perUtfall,
                             int forsorjningsstod, int antal) {
        int[] fodd = {2003, 1988, 1975, 1963};
        String[] orsak = {"arbete", "studier", "fortsatt_rehabilitering", "avbrutit", null};
        String[] efter = {"lon", "studiemedel", "sjukpenning", "ingen", null};
        String[] steg = {"arbete_studier", "arbete_studier", "annan_insats_rehabilitering", "inget", null};
        List<Integer> alder = new ArrayList<>();
        List<Integer> utfall = new ArrayList<>();
        for (int a = 0; a < perAlder.length; a++) {
            for (int i = 0; i < perAlder[a]; i++) {
                alder.add(fodd[a]);
            }
        }
        for (int u = 0; u < perUtfall.length; u++) {
            for (int i = 0; i < perUtfall[u]; i++) {
                utfall.add(u);
            }
        }
        assertEquals(antal, alder.size());
        assertEquals(antal, utfall.size());
        for (int i = 0; i < antal; i++) {
            int u = utfall.get(i);
            fil.append("PUB-").append(prefix).append(i).append(";Programmet;").append(kon).append(';')
                    .append(alder.get(i)).append(";2025-02-03;fk;2025-02-20;")
                    .append(i < forsorjningsstod ? "forsorjningsstod" : "sjukpenning")
                    .append(";ingen;gymnasial;3_4;nej;;");
            if (orsak[u] == null) {
                fil.append(";;;;");
            } else {
                fil.append("2025-10-01;").append(orsak[u]).append(';').append(efter[u]).append(";ingen;")
                        .append(steg[u]);
            }
            fil.append(";;;;;;;;\r\n");
        }
    }

    private static final List<Rad> UTFALL = List.of(
            rad("Arbete", "20 av 98 (20 %)", "20,4", 10, 10, 0, 20),
            rad("Studier", "7 av 98 (7 %)", "7,1", 7, 0, 0, 7),
            rad("Fortsatt rehabilitering eller annan insats", "30 av 98 (31 %)", "30,6", 16, 14, 0, 30),
            rad("Avbrutit", "11 av 98 (11 %)", "11,2", 6, 5, 0, 11),
            rad("Pågående (inte avslutad)", "30 av 98 (31 %)", "30,6", 14, 16, 0, 30),
            rad("Summa", "98 av 98 (100 %)", "100,0", 53, 45, 0, 98));
    private static final List<String> UTFALL_KOLUMNANDELAR = List.of("53 av 98 (54 %)", "45 av 98 (46 %)",
            "0 av 98 (0 %)", "98 av 98 (100 %)");
    private static final List<String> UTFALL_KOLUMNANDELAR_CSV = List.of("54,1", "45,9", "0,0", "100,0");

    private static final List<Rad> FORSORJNING = List.of(
            rad("Försörjningsstöd (ekonomiskt bistånd)", "55 av 98 (56 %)", "56,1", 30, 25, 0, 55),
            rad("Sjukpenning", "43 av 98 (44 %)", "43,9", 23, 20, 0, 43),
            rad("Summa", "98 av 98 (100 %)", "100,0", 53, 45, 0, 98));

    private static List<Rad> konOchAlder(int[] kvinnor, int[] man, int[] summa) {
        return List.of(rad("Kvinna", "53 av 98 (54 %)", "54,1", kvinnor),
                rad("Man", "45 av 98 (46 %)", "45,9", man),
                rad("Annat eller vill inte ange", "0 av 98 (0 %)", "0,0", new int[kvinnor.length]),
                rad("Summa", "98 av 98 (100 %)", "100,0", summa));
    }

    @Test
    void denPubliceradeTabellenINationellaAldersgrupper() throws Exception {
        HttpSession k = app.session().loginStaff("koordinator");
        String fraga = "?ar=2025&team=" + team;
        Document sida = k.page("/statistik" + fraga);
        String csv = k.get("/statistik/statistik.csv" + fraga + "&exakt=1").body().substring(1);
        byte[] xlsx = k.bytes("/statistik/statistik.xlsx" + fraga + "&exakt=1").body();
        String band = "Nationell uppföljning (16–29 år, 30–44 år, 45–59 år, 60–64 år)";

        assertEquals("27 av 98 (28 %)", sida.select("p:contains(avslutades till arbete eller studier) strong")
                .text(), "the published figure: 27 of 98 started closed to work or studies");
        assertEquals(List.of("Startade under perioden som avslutades till arbete eller studier senast periodens slut",
                "27 av 98 (28 %)"), poster(csv).get(2).toList());
        assertBandset(sida, csv, xlsx, band);

        jamfor(sida, csv, xlsx, "startade_utfall", UTFALL, UTFALL_KOLUMNANDELAR, UTFALL_KOLUMNANDELAR_CSV);
        jamfor(sida, csv, xlsx, "forsorjning_fore", FORSORJNING, UTFALL_KOLUMNANDELAR, UTFALL_KOLUMNANDELAR_CSV);
        jamfor(sida, csv, xlsx, "inskrivna", konOchAlder(new int[] {20, 18, 10, 5, 53},
                        new int[] {15, 14, 11, 5, 45}, new int[] {35, 32, 21, 10, 98}),
                List.of("35 av 98 (36 %)", "32 av 98 (33 %)", "21 av 98 (21 %)", "10 av 98 (10 %)",
                        "98 av 98 (100 %)"),
                List.of("35,7", "32,7", "21,4", "10,2", "100,0"));
        assertEquals(List.of("16–29 år", "30–44 år", "45–59 år", "60–64 år", "Summa", "Andel av basen"),
                sida.select("#tabell-inskrivna thead th").eachText().subList(1, 7));
    }

    @Test
    void sidanBorjarMedNyckeltalOchInnehall() {
        HttpSession k = app.session().loginStaff("koordinator");
        Document sida = k.page("/statistik?ar=2025&team=" + team);
        Element nyckeltal = sida.selectFirst("section.nyckeltal");
        assertNotNull(nyckeltal);
        assertEquals(List.of("98", "30", "74"), nyckeltal.select("dd").eachText());
        assertEquals("27 av 98 (28 %)", nyckeltal.select("strong").text());
        assertTrue(nyckeltal.elementSiblingIndex() < sida.selectFirst("section.statistik-tabell").elementSiblingIndex(),
                "key figures before the tables");
        List<String> lankar = sida.select("nav.innehall a").eachAttr("href");
        List<String> sektioner = sida.select("section.statistik-tabell").eachAttr("id").stream()
                .map(id -> "#" + id).toList();
        assertEquals(sektioner, lankar, "a link to every section, in order");
    }

    @Test
    void deAldreNationellaAldersgrupperna() throws Exception {
        HttpSession k = app.session().loginStaff("koordinator");
        String fraga = "?ar=2025&band=nationell_aldre&team=" + team;
        Document sida = k.page("/statistik" + fraga);
        String csv = k.get("/statistik/statistik.csv" + fraga + "&exakt=1").body().substring(1);
        byte[] xlsx = k.bytes("/statistik/statistik.xlsx" + fraga + "&exakt=1").body();
        assertBandset(sida, csv, xlsx, "Äldre nationella tabeller (Under 30 år, 30–59 år, 60 år och äldre)");
        assertEquals("nationell_aldre", sida.select("#band option[selected]").val());
        jamfor(sida, csv, xlsx, "inskrivna", konOchAlder(new int[] {20, 28, 5, 53}, new int[] {15, 25, 5, 45},
                        new int[] {35, 53, 10, 98}),
                List.of("35 av 98 (36 %)", "53 av 98 (54 %)", "10 av 98 (10 %)", "98 av 98 (100 %)"),
                List.of("35,7", "54,1", "10,2", "100,0"));
    }

    @Test
    void tioarsgrupperna() throws Exception {
        HttpSession k = app.session().loginStaff("koordinator");
        String fraga = "?ar=2025&band=tioar&team=" + team;
        Document sida = k.page("/statistik" + fraga);
        String csv = k.get("/statistik/statistik.csv" + fraga + "&exakt=1").body().substring(1);
        byte[] xlsx = k.bytes("/statistik/statistik.xlsx" + fraga + "&exakt=1").body();
        assertBandset(sida, csv, xlsx, "Tioårsgrupper (Under 30 år, 30–39 år, 40–49 år, 50 år och äldre)");
        jamfor(sida, csv, xlsx, "inskrivna", konOchAlder(new int[] {20, 18, 0, 15, 53},
                        new int[] {15, 14, 0, 16, 45}, new int[] {35, 32, 0, 31, 98}),
                List.of("35 av 98 (36 %)", "32 av 98 (33 %)", "0 av 98 (0 %)", "31 av 98 (32 %)",
                        "98 av 98 (100 %)"),
                List.of("35,7", "32,7", "0,0", "31,6", "100,0"));
        // the export links carry the chosen band set
        assertTrue(sida.select("a[href^=/statistik/statistik.csv]").attr("href").contains("band=tioar"));
    }

    @Test
    void enOkandIndelningGerEttTydligtFel() {
        HttpSession k = app.session().loginStaff("koordinator");
        HttpResponse<String> svar = k.get("/statistik?ar=2025&band=femar");
        assertEquals(400, svar.statusCode());
        assertEquals("Den indelningen i åldersgrupper finns inte. Välj en av dem i listan.",
                HttpSession.html(svar).select("p.fel").text());
        assertEquals(400, k.get("/statistik/statistik.csv?ar=2025&band=femar").statusCode());
    }

    @Test
    void varjeTabellSagerVilkaDenRaknar() throws Exception {
        HttpSession k = app.session().loginStaff("koordinator");
        String fraga = "?ar=2025&team=" + team;
        Document sida = k.page("/statistik" + fraga);
        String csv = k.get("/statistik/statistik.csv" + fraga + "&exakt=1").body().substring(1);
        Map<String, String> population = Map.of(
                "anmalda", "anmälda under perioden",
                "inskrivna", "startade under perioden (inskrivna, första teammötet under perioden)",
                "pagaende", "pågående vid periodens slut",
                "avslutade", "avslutade under perioden",
                "forsorjning_fore", "startade under perioden (inskrivna, första teammötet under perioden)",
                "sysselsattning_fore", "startade under perioden (inskrivna, första teammötet under perioden)",
                "utbildning", "startade under perioden (inskrivna, första teammötet under perioden)",
                "tid_forsorjning", "startade under perioden (inskrivna, första teammötet under perioden)",
                "steg", "avslutade under perioden",
                "avslutsorsak", "avslutade under perioden");
        for (var e : population.entrySet()) {
            assertEquals("Räknar: " + e.getValue() + ". Bas för andelarna: " + bas(e.getKey()),
                    sida.select("#tabell-" + e.getKey() + " p.population").text(), e.getKey());
            String rubrik = sida.select("#tabell-" + e.getKey() + " h3").text();
            List<CSVRecord> poster = poster(csv);
            int i = 0;
            while (!poster.get(i).get(0).equals(rubrik)) {
                i++;
            }
            assertEquals(List.of("Räknar", e.getValue()), poster.get(i + 1).toList(), e.getKey());
            assertEquals(List.of("Bas för andelarna", bas(e.getKey())), poster.get(i + 2).toList(), e.getKey());
        }
        for (Element sektion : sida.select("section.statistik-tabell:not(#tabell-tider)")) {
            assertNotNull(sektion.selectFirst("p.population"), sektion.id());
        }
        // Closed in the period: the 68 who started and closed, and the 6 who started in 2024; 26 of them to work.
        assertEquals(List.of("16", "10", "0", "26", "26 av 74 (35 %)"),
                sida.select("#tabell-avslutsorsak tbody tr:first-child td").eachText());
        // Everyone started in the period has her income source before start counted, not only those closed.
        assertEquals("98", bas("forsorjning_fore"));
    }

    private static List<CSVRecord> poster(String csv) throws java.io.IOException {
        return CSVFormat.EXCEL.builder().setDelimiter(';').get().parse(new StringReader(csv)).getRecords();
    }

    private static String bas(String tabell) {
        return switch (tabell) {
            case "anmalda", "inskrivna", "forsorjning_fore", "sysselsattning_fore", "utbildning",
                 "tid_forsorjning" -> "98";
            case "pagaende" -> "30";
            default -> "74";
        };
    }

    private static void assertBandset(Document sida, String csv, byte[] xlsx, String namn) throws Exception {
        assertEquals(namn, sida.select("#bandset").text());
        assertEquals(List.of("Åldersgrupper", namn), poster(csv).get(1).toList());
        try (ReadableWorkbook bok = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            var oversikt = bok.getSheets().filter(b -> b.getName().equals("oversikt")).findFirst().orElseThrow()
                    .read();
            assertEquals(namn, oversikt.get(2).getCellText(1));
            var inskrivna = bok.getSheets().filter(b -> b.getName().equals("inskrivna")).findFirst().orElseThrow()
                    .read();
            assertEquals("Åldersgrupper: " + namn, inskrivna.get(2).getCellText(0));
        }
    }

    /** Every count and share of a table on the page, in the CSV and in the xlsx. */
    private static void jamfor(Document sida, String csv, byte[] xlsx, String id, List<Rad> rader,
                               List<String> kolumnandelar, List<String> kolumnandelarCsv) throws Exception {
        Element sektion = sida.selectFirst("#tabell-" + id);
        assertNotNull(sektion, id);
        var sidrader = sektion.select("tbody tr");
        assertEquals(rader.size(), sidrader.size(), id);
        for (int r = 0; r < rader.size(); r++) {
            Rad v = rader.get(r);
            List<String> celler = new ArrayList<>();
            for (int a : v.antal()) {
                celler.add(Integer.toString(a));
            }
            celler.add(v.sidansAndel());
            assertEquals(v.etikett(), sidrader.get(r).selectFirst("th").text(), id);
            assertEquals(celler, sidrader.get(r).select("td").eachText(), id + " " + v.etikett());
        }
        List<String> fot = sektion.select("tfoot tr td.andel").eachText();
        assertEquals(kolumnandelar, fot, id + " column shares");

        String rubrik = sektion.selectFirst("h3").text();
        List<CSVRecord> poster = CSVFormat.EXCEL.builder().setDelimiter(';').get().parse(new StringReader(csv))
                .getRecords();
        int i = 0;
        while (!poster.get(i).get(0).equals(rubrik)) {
            i++;
        }
        Map<String, List<String>> csvRader = new HashMap<>();
        for (int j = i + 4; j < poster.size() && !poster.get(j).get(0).isEmpty(); j++) {
            csvRader.put(poster.get(j).get(0), poster.get(j).toList().subList(1, poster.get(j).size()));
        }
        for (Rad v : rader) {
            List<String> celler = new ArrayList<>();
            for (int a : v.antal()) {
                celler.add(Integer.toString(a));
            }
            celler.add(v.andel());
            assertEquals(celler, csvRader.get(v.etikett()), id + " CSV " + v.etikett());
        }
        assertEquals(kolumnandelarCsv, csvRader.get("Andel av basen (%)"), id + " CSV column shares");

        try (ReadableWorkbook bok = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            var blad = bok.getSheets().filter(b -> b.getName().equals(id)).findFirst().orElseThrow().read();
            Map<String, List<String>> xlsxRader = new HashMap<>();
            for (var rad : blad) {
                List<String> celler = new ArrayList<>();
                for (int c = 1; c < rad.getCellCount(); c++) {
                    celler.add(rad.getCellText(c));
                }
                xlsxRader.put(rad.getCellText(0), celler);
            }
            for (Rad v : rader) {
                List<String> celler = xlsxRader.get(v.etikett());
                assertNotNull(celler, id + " xlsx " + v.etikett());
                assertEquals(v.antal().length + 1, celler.size(), id + " xlsx " + v.etikett());
                for (int c = 0; c < v.antal().length; c++) {
                    assertEquals(0, new BigDecimal(celler.get(c)).compareTo(BigDecimal.valueOf(v.antal()[c])),
                            id + " xlsx " + v.etikett() + " " + c);
                }
                assertEquals(0, new BigDecimal(celler.get(v.antal().length))
                        .compareTo(new BigDecimal(v.andel().replace(',', '.'))), id + " xlsx share " + v.etikett());
            }
            List<String> andelar = xlsxRader.get("Andel av basen (%)");
            for (int c = 0; c < kolumnandelarCsv.size(); c++) {
                assertEquals(0, new BigDecimal(andelar.get(c))
                        .compareTo(new BigDecimal(kolumnandelarCsv.get(c).replace(',', '.'))), id + " xlsx " + c);
            }
        }
    }
}
