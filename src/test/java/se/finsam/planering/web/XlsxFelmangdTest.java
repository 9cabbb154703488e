package se.finsam.planering.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.finsam.planering.web.XlsxBombTest.Besokare;

/**
 * Small .xlsx files within every limit of the archive that would still build gigabytes from what they hold: one
 * long shared string referenced by every cell of ten thousand rows (each row's errors quoting it), a cell split
 * into rich-text runs or by comments so that no single piece is long, and a sheet part whose name does not end
 * in .xml. Sent to both imports of the server as deployed (its own JVM with a 128 MB heap): each answers with a
 * form error or a preview whose errors are capped, never a server error, and the server answers afterwards.
 */
class XlsxFelmangdTest {

    private static final String LANG = "A" + "x".repeat(31_999);

    @TempDir
    Path dir;

    /** A workbook of the given parts, the first sheet at {@code bladDel}, with shared strings when given. */
    static byte[] arbetsbok(String bladDel, String bladXml, String delade) {
        Map<String, String> delar = new LinkedHashMap<>();
        delar.put("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/" + bladDel + "\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + (delade == null ? "" : "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>")
                + "</Types>");
        delar.put("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "</Relationships>");
        delar.put("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<sheets><sheet name=\"Blad1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        delar.put("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\""
                + bladDel.substring("xl/".length()) + "\"/>"
                + (delade == null ? "" : "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>")
                + "</Relationships>");
        if (delade != null) {
            delar.put("xl/sharedStrings.xml", delade);
        }
        delar.put(bladDel, bladXml);
        ByteArrayOutputStream ut = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(ut)) {
            zip.setLevel(9);
            for (var d : delar.entrySet()) {
                zip.putNextEntry(new ZipEntry(d.getKey()));
                zip.write(d.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ut.toByteArray();
    }

    private static final String BLAD_START = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
    private static final String BLAD_SLUT = "</sheetData></worksheet>";

    private static String kolumn(int i) {
        return String.valueOf((char) ('A' + i));
    }

    private static String textcell(String ref, String text) {
        return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
    }

    /**
     * A header of the given columns and {@code rader} rows below it whose every cell is the one long shared
     * string: a few hundred bytes zipped per thousand rows, and every row's errors quote that string.
     */
    static byte[] deladStrang(List<String> rubriker, int rader) {
        StringBuilder blad = new StringBuilder(BLAD_START).append("<row r=\"1\">");
        for (int i = 0; i < rubriker.size(); i++) {
            blad.append(textcell(kolumn(i) + 1, rubriker.get(i)));
        }
        blad.append("</row>");
        for (int r = 2; r <= rader + 1; r++) {
            blad.append("<row r=\"").append(r).append("\">");
            for (int i = 0; i < rubriker.size(); i++) {
                blad.append("<c r=\"").append(kolumn(i)).append(r).append("\" t=\"s\"><v>0</v></c>");
            }
            blad.append("</row>");
        }
        blad.append(BLAD_SLUT);
        String delade = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"1\" uniqueCount=\"1\">"
                + "<si><t>" + LANG + "</t></si></sst>";
        return arbetsbok("xl/worksheets/sheet1.xml", blad.toString(), delade);
    }

    /** One shared string of three rich-text runs of 20 000 characters each: 60 000 characters in one cell. */
    static byte[] textkorningar() {
        String run = "<r><rPr><b/></rPr><t>" + "y".repeat(20_000) + "</t></r>";
        String delade = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"1\" uniqueCount=\"1\">"
                + "<si>" + run + run + run + "</si></sst>";
        return arbetsbok("xl/worksheets/sheet1.xml", BLAD_START + "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
                + BLAD_SLUT, delade);
    }

    /** One inline cell of 60 000 characters whose text is split by empty comments into pieces of 20 000. */
    static byte[] kommentarer() {
        String bit = "z".repeat(20_000);
        return arbetsbok("xl/worksheets/sheet1.xml", BLAD_START + "<row r=\"1\">"
                + textcell("A1", bit + "<!---->" + bit + "<!---->" + bit) + "</row>" + BLAD_SLUT, null);
    }

    /** The sheet in a part named sheet1.dat, with one cell of 100 000 characters. */
    static byte[] bladUtanXmlNamn() {
        return arbetsbok("xl/worksheets/sheet1.dat", BLAD_START + "<row r=\"1\">" + textcell("A1", "w".repeat(100_000))
                + "</row>" + BLAD_SLUT, null);
    }

    @Test
    void filernaArSmaOchLasesSomDeSkaAvArbetsboksLasaren() throws Exception {
        byte[] delad = deladStrang(List.of("deltagarkod", "kon"), 9_999);
        assertTrue(delad.length < 100 * 1024, "small: " + delad.length);
        // What the workbook reader would build from them, were they let through: the long string in every cell,
        // and each of the split cells whole.
        try (var wb = new org.dhatim.fastexcel.reader.ReadableWorkbook(new java.io.ByteArrayInputStream(delad));
             var rows = wb.getFirstSheet().openStream()) {
            var rad = rows.skip(9_000).findFirst().orElseThrow();
            assertEquals(LANG, rad.getCellText(1));
        }
        for (byte[] fil : List.of(textkorningar(), kommentarer(), bladUtanXmlNamn())) {
            try (var wb = new org.dhatim.fastexcel.reader.ReadableWorkbook(new java.io.ByteArrayInputStream(fil));
                 var rows = wb.getFirstSheet().openStream()) {
                assertTrue(rows.findFirst().orElseThrow().getCellText(0).length() >= 60_000);
            }
            Kalkylblad.Blad blad = Kalkylblad.las("lista.xlsx", fil, 900 * 1024, 10_000);
            assertEquals("import.fel.xlsx.cell", blad.fel());
        }
    }

    private static List<String> radfel(HttpResponse<String> svar) {
        return Jsoup.parse(svar.body()).select("section[aria-labelledby=radfel-rubrik] li").eachText().stream()
                .map(XlsxFelmangdTest::mellanslag).toList();
    }

    private static String mellanslag(String text) {
        return text.replace('\u00a0', ' ').replace('\u202f', ' ');
    }

    @Test
    void badaImporternaSvararMedFormularfelEllerBegransadeFelMed128MbHeap() throws Exception {
        byte[] deltagare = deladStrang(List.of("deltagarkod", "kon", "fodelsear", "anmalningsdatum",
                "remitterande_organisationstyp", "forsorjning_fore", "inskrivningsdatum", "sysselsattning_fore",
                "utbildning", "tid_forsorjning", "anstallning_vid_start", "tidigare_deltagarkod", "avslutsdatum",
                "avslutsorsak", "forsorjning_efter"), 9_999);
        byte[] personal = deladStrang(List.of("namn", "e-post", "organisation", "roll", "team"), 1_000);
        List<byte[]> delade = List.of(textkorningar(), kommentarer(), bladUtanXmlNamn());
        StringBuilder fel = new StringBuilder("namn,e-post,organisation,roll,team\n");
        for (int i = 0; i < 150; i++) {
            fel.append("Person ").append(i).append(",inte-en-adress-").append(i).append(",")
                    .append(i == 0 ? "O".repeat(200) : "Okänd").append(",handlaggare,X\n");
        }

        int port;
        try (ServerSocket ledig = new ServerSocket(0)) {
            port = ledig.getLocalPort();
        }
        Path logg = dir.resolve("server.log");
        Process server = XlsxBombTest.startaMed128Mb(dir, port, logg);
        String bas = "http://localhost:" + port;
        try {
            XlsxBombTest.vantaPaHalsa(bas, server, logg);

            Besokare koordinator = new Besokare(bas).loggaIn("koordinator");
            Document sida = Jsoup.parse(koordinator.get("/statistik/import").body());
            String team = sida.select("select[name=team] option[value]").stream().map(o -> o.attr("value"))
                    .filter(v -> !v.isEmpty()).findFirst().orElseThrow();
            HttpResponse<String> svar = koordinator.postFil("/statistik/import", Map.of("team", team), "lista.xlsx",
                    deltagare);
            assertEquals(422, svar.statusCode(), svar.body().substring(0, Math.min(2000, svar.body().length())));
            List<String> rader = radfel(svar);
            Set<String> radnummer = rader.stream().filter(r -> r.startsWith("Rad "))
                    .map(r -> r.substring(0, r.indexOf(':'))).collect(Collectors.toSet());
            assertEquals(100, radnummer.size(), "the errors of the first 100 rows with errors");
            assertTrue(rader.get(rader.size() - 1).contains("9 899 rader till med fel"), rader.get(rader.size() - 1));
            assertTrue(rader.stream().allMatch(r -> r.length() < 300), "quoted values are cut");
            assertTrue(rader.stream().anyMatch(r -> r.contains("A" + "x".repeat(59) + "…")), rader.get(0));
            assertTrue(svar.body().length() < 1_000_000, "the page is small: " + svar.body().length());

            Besokare admin = new Besokare(bas).loggaIn("admin");
            admin.get("/admin/personal/import");
            svar = admin.postFil("/admin/personal/import", Map.of(), "personal.xlsx", deltagare);
            assertEquals(400, svar.statusCode());
            assertTrue(XlsxBombTest.felVidFil(svar).contains("rader"), XlsxBombTest.felVidFil(svar));
            svar = admin.postFil("/admin/personal/import", Map.of(), "personal.xlsx", personal);
            assertEquals(400, svar.statusCode());
            assertTrue(XlsxBombTest.felVidFil(svar).contains("Rad 2: en cell har mer än"),
                    XlsxBombTest.felVidFil(svar));

            for (byte[] fil : delade) {
                svar = koordinator.postFil("/statistik/import", Map.of("team", team), "lista.xlsx", fil);
                assertEquals(400, svar.statusCode());
                assertTrue(XlsxBombTest.felVidFil(svar).contains("En cell i Excel-filen har mer än 32"),
                        XlsxBombTest.felVidFil(svar));
                svar = admin.postFil("/admin/personal/import", Map.of(), "personal.xlsx", fil);
                assertEquals(400, svar.statusCode());
                assertTrue(XlsxBombTest.felVidFil(svar).contains("En cell i Excel-filen har mer än 32"),
                        XlsxBombTest.felVidFil(svar));
            }

            // The staff import lists the errors of its first 100 rows with errors and counts the rest.
            svar = admin.postFil("/admin/personal/import", Map.of(), "personal.csv",
                    fel.toString().getBytes(StandardCharsets.UTF_8));
            assertEquals(422, svar.statusCode());
            Element ruta = Jsoup.parse(svar.body()).selectFirst(".felsammanfattning");
            Set<String> personrader = ruta.select("li").eachText().stream().map(r -> r.substring(0, r.indexOf(':')))
                    .collect(Collectors.toSet());
            assertEquals(100, personrader.size(), ruta.text());
            assertTrue(mellanslag(ruta.text()).contains("50 rader till med fel"), ruta.text());
            assertTrue(ruta.text().contains("O".repeat(60) + "…") && !ruta.text().contains("O".repeat(61)),
                    "a quoted value is cut: " + ruta.text());

            assertTrue(server.isAlive(), Files.readString(logg));
            assertEquals(200, new Besokare(bas).get("/health").statusCode());
            assertFalse(Files.readString(logg).contains("OutOfMemoryError"), Files.readString(logg));
        } finally {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }
}
