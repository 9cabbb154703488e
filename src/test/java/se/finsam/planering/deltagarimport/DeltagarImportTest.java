package se.finsam.planering.deltagarimport;

import se.finsam.planering.testsupport.TestData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import se.finsam.planering.statistik.Statistik;
import se.finsam.planering.statistik.StatistikRepository;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

/**
 * A team's earlier participants imported from a spreadsheet: line-numbered errors, all or nothing, idempotent,
 * CSV as Excel writes it and .xlsx; and the person-level file exported and imported again gives the same
 * statistics.
 */
class DeltagarImportTest extends AppTest {

    private static final String HUVUD = String.join(";", se.finsam.planering.statistik.StatistikRoutes.PERSONFIL_KOLUMNER);

    private static long id(String sql) {
        return app.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** A new, empty team the koordinator belongs to. */
    private static long nyttTeam(String namn) {
        return TestData.teamSomKista(app, namn);
    }

    private static HttpSession koordinator() {
        HttpSession k = app.session().loginStaff("koordinator");
        k.get("/statistik/import");
        return k;
    }

    private static HttpResponse<String> ladda(HttpSession k, long team, String namn, String typ, byte[] fil) {
        k.get("/statistik/import");
        return k.postFil("/statistik/import", Map.of("team", String.valueOf(team)), namn, typ, fil);
    }

    private static HttpResponse<String> bekrafta(HttpSession k, HttpResponse<String> granskning) {
        Document d = HttpSession.html(granskning);
        return k.post("/statistik/import/spara", HttpSession.formData(d, "form[action=/statistik/import/spara]"));
    }

    @Test
    void felenNamnsMedRadOchIngetSparas() {
        long team = nyttTeam("Importteam fel");
        String csv = "\uFEFF" + HUVUD + "\r\n"
                + "IMP-1;X;kvinna;1980;2025-03-01;fk;2025-03-20;sjukpenning;ingen;gymnasial;3_4;nej;;2025-12-01;arbete;lon;arbete;arbete_studier;;;;;;;;\r\n"
                + "IMP-2;X;kvinna;1980;2025-13-01;fk;;sjukpenning;;;;;;;;;;;;;;;;;;\r\n"
                + "IMP-3;X;okand;1980;2025-03-01;fk;;sjukpenning;;;;;;;;;;;;;;;;;;\r\n"
                + "IMP-1;X;man;1980;2025-03-01;af;;forsorjningsstod;;;;;;;;;;;;;;;;;;\r\n"
                + "IMP-5;X;man;1980;2025-03-01;af;2025-02-01;forsorjningsstod;;;;;;;;;;;;;;;;;;\r\n";
        HttpResponse<String> svar = ladda(koordinator(), team, "lista.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(422, svar.statusCode());
        String fel = HttpSession.html(svar).select("section:has(#radfel-rubrik) li").text();
        for (String f : List.of("Rad 3: anmalningsdatum är inget giltigt datum", "Rad 4: kon har ett värde som inte finns: okand",
                "Rad 5: deltagarkoden IMP-1 finns redan tidigare", "Rad 6: inskrivningsdatum kan inte vara före anmalningsdatum")) {
            assertTrue(fel.contains(f), f + " in " + fel);
        }
        assertEquals(0L, id("SELECT count(*) FROM deltagare WHERE team_id = " + team), "nothing saved");
        // a code that exists in another team
        String kista = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT kod FROM deltagare d JOIN team t ON t.id = d.team_id WHERE t.namn = 'Jobbtorg Kista' LIMIT 1")
                .mapTo(String.class).one());
        HttpResponse<String> annat = ladda(koordinator(), team, "lista.csv", "text/csv", (HUVUD + "\n" + kista
                + ";X;kvinna;1980;2025-03-01;fk;;sjukpenning;;;;;;;;;;;;;;;;;;\n").getBytes(StandardCharsets.UTF_8));
        assertTrue(HttpSession.html(annat).text().contains("finns redan i ett annat team"));
        // not her team
        long stad = id("SELECT id FROM team WHERE id NOT IN (SELECT team_id FROM team_medlem tm JOIN anvandare a "
                + "ON a.id = tm.anvandare_id WHERE a.anvandarnamn = 'koordinator') LIMIT 1");
        assertEquals(400, ladda(koordinator(), stad, "lista.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8))
                .statusCode());
        assertEquals(415, ladda(koordinator(), team, "lista.pdf", "application/pdf", new byte[] {1, 2, 3}).statusCode());
        assertEquals(403, app.session().loginStaff("styrgrupp").get("/statistik/import").statusCode());
    }

    @Test
    void exportOchImportGerSammaStatistikOchSammaFilTvaGangerLaggerInteTill() throws Exception {
        long kista = id("SELECT id FROM team WHERE namn = 'Jobbtorg Kista'");
        long team = nyttTeam("Importteam");
        HttpSession k = koordinator();
        // Every participant the team has had, so that a person referred again finds her earlier participation in
        // the file.
        String export = k.get("/statistik/personfil.csv?fran=2000-01-01&till=2026-12-31&team=" + kista).body();
        // new codes, since codes are unique across teams, and the earlier participations above those who follow them
        String[] rader = export.substring(1).split("\r\n");
        int tidigare = se.finsam.planering.statistik.StatistikRoutes.PERSONFIL_KOLUMNER.indexOf("tidigare_deltagarkod");
        StringBuilder fil = new StringBuilder("\uFEFF").append(rader[0]).append("\r\n");
        List<String> foljer = new java.util.ArrayList<>();
        for (int i = 1; i < rader.length; i++) {
            String[] celler = rader[i].split(";", -1);
            celler[0] = "IMP-" + celler[0];
            if (!celler[tidigare].isEmpty()) {
                celler[tidigare] = "IMP-" + celler[tidigare];
                foljer.add(String.join(";", celler));
            } else {
                fil.append(String.join(";", celler)).append("\r\n");
            }
        }
        assertFalse(foljer.isEmpty(), "the demo has people referred again");
        for (String rad : foljer) {
            fil.append(rad).append("\r\n");
        }
        HttpResponse<String> granskning = ladda(k, team, "export.csv", "text/csv",
                fil.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(200, granskning.statusCode(), HttpSession.html(granskning).text());
        assertEquals(302, bekrafta(k, granskning).statusCode());
        assertEquals(rader.length - 1, id("SELECT count(*) FROM deltagare WHERE team_id = " + team));

        StatistikRepository repo = new StatistikRepository(app.jdbi());
        LocalDate fran = LocalDate.of(2026, 1, 1);
        LocalDate till = LocalDate.of(2026, 12, 31);
        Statistik.Resultat original = Statistik.berakna(fran, till, repo.rader(fran, till, Set.of(kista)), List.of(),
                x -> x);
        Statistik.Resultat importerad = Statistik.berakna(fran, till, repo.rader(fran, till, Set.of(team)), List.of(),
                x -> x);
        // Plan items and handovers are not in a person-level file: the plan item table and the time to the
        // first kvittens cannot be carried over. Everything else is the same.
        for (Statistik.Tabell t : original.tabeller()) {
            assertArrayEquals(t.celler(), importerad.tabell(t.id()).celler(), t.id());
            assertEquals(t.rader(), importerad.tabell(t.id()).rader(), t.id());
        }
        assertEquals(original.tider().get(0), importerad.tider().get(0));
        assertEquals(original.tider().get(2), importerad.tider().get(2));

        // the same file again, now as .xlsx: nothing new
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        org.dhatim.fastexcel.Workbook bok = new org.dhatim.fastexcel.Workbook(xlsx, "test", "1.0");
        org.dhatim.fastexcel.Worksheet blad = bok.newWorksheet("personfil");
        String[] filrader = fil.substring(1).split("\r\n");
        for (int r = 0; r < filrader.length; r++) {
            String[] celler = filrader[r].split(";", -1);
            for (int c = 0; c < celler.length; c++) {
                blad.value(r, c, celler[c]);
            }
        }
        bok.finish();
        HttpResponse<String> igen = ladda(k, team, "export.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.toByteArray());
        assertEquals(200, igen.statusCode(), HttpSession.html(igen).text());
        assertTrue(HttpSession.html(igen).text().contains("0 nya deltagare"), HttpSession.html(igen).text());
        assertEquals(302, bekrafta(k, igen).statusCode());
        assertEquals(rader.length - 1, id("SELECT count(*) FROM deltagare WHERE team_id = " + team));
    }

    private static String rad(String kod) {
        return kod + ";;kvinna;1980;2025-03-01;fk;;sjukpenning;;;;;;;;;;;;;;;;;;";
    }

    @Test
    void tiotusenRaderForhandsgranskasOchSparasAllaUtanAttFilenGarGenomSidan() {
        long team = nyttTeam("Importteam stort");
        StringBuilder fil = new StringBuilder("\uFEFF").append(HUVUD).append("\r\n");
        for (int i = 1; i <= DeltagarImport.MAX_RADER; i++) {
            fil.append(rad(String.format("STOR-%05d", i))).append("\r\n");
        }
        HttpSession k = koordinator();
        HttpResponse<String> granskning = ladda(k, team, "stor.csv", "text/csv",
                fil.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(200, granskning.statusCode(), HttpSession.html(granskning).text());
        Document d = HttpSession.html(granskning);
        assertTrue(d.text().replaceAll("[\\s\\u00a0\\u202f]", "").contains("10000nyadeltagare"), d.text());
        Map<String, String> form = HttpSession.formData(d, "form[action=/statistik/import/spara]");
        assertEquals(Set.of("_csrf", "token"), form.keySet(), "only a token goes back, never the file");
        assertTrue(granskning.body().length() < 100_000, "the page does not carry the file: " + granskning.body().length());

        assertEquals(302, bekrafta(k, granskning).statusCode());
        assertEquals(DeltagarImport.MAX_RADER, id("SELECT count(*) FROM deltagare WHERE team_id = " + team));
        assertEquals(DeltagarImport.MAX_RADER, id("SELECT count(*) FROM anmalan a JOIN deltagare d ON d.id = "
                + "a.deltagare_id WHERE d.team_id = " + team + " AND a.datum = '2025-03-01'"));

        // The token is used once.
        HttpResponse<String> igen = bekrafta(k, granskning);
        assertEquals(400, igen.statusCode());
        assertTrue(HttpSession.html(igen).select("#fil-fel").text().contains("gäller inte längre"),
                HttpSession.html(igen).text());
    }

    @Test
    void tokenGallerBaraForKoordinatornSomLaddadeUppFilen() {
        long team = nyttTeam("Importteam token");
        HttpSession k = koordinator();
        HttpResponse<String> granskning = ladda(k, team, "lista.csv", "text/csv",
                (HUVUD + "\n" + rad("TOK-1") + "\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(200, granskning.statusCode(), HttpSession.html(granskning).text());
        String token = HttpSession.formData(HttpSession.html(granskning), "form[action=/statistik/import/spara]")
                .get("token");
        HttpSession annan = app.session().loginStaff("koordinator.farsta");
        annan.get("/statistik/import");
        assertEquals(400, annan.post("/statistik/import/spara", Map.of("token", token)).statusCode());
        assertEquals(0L, id("SELECT count(*) FROM deltagare WHERE team_id = " + team));
        assertEquals(302, bekrafta(k, granskning).statusCode(), "still there for the one who uploaded it");
        assertEquals(1L, id("SELECT count(*) FROM deltagare WHERE team_id = " + team));
    }

    @Test
    void enVantandeFilSlappsEfterEnTimme() {
        se.finsam.planering.testsupport.MutableClock klocka = new se.finsam.planering.testsupport.MutableClock(
                java.time.Instant.parse("2026-11-23T08:00:00Z"), java.time.ZoneId.of("Europe/Stockholm"));
        Uppladdningar uppladdningar = new Uppladdningar(klocka);
        String token = uppladdningar.behall(7, 1, "a.csv", new byte[] {1});
        String annan = uppladdningar.behall(8, 1, "b.csv", new byte[] {2});
        klocka.advance(java.time.Duration.ofMinutes(59));
        assertTrue(uppladdningar.ta(token, 7).isPresent());
        assertTrue(uppladdningar.ta(token, 7).isEmpty(), "used once");
        klocka.advance(java.time.Duration.ofMinutes(2));
        assertEquals(0, uppladdningar.antal(), "let go after an hour");
        assertTrue(uppladdningar.ta(annan, 8).isEmpty());
    }

    @Test
    void ettVardeSomInteSparasArEttFelPaRaden() {
        long team = nyttTeam("Importteam tappat");
        HttpSession k = koordinator();
        String csv = HUVUD + "\n"
                + "TAPP-1;;kvinna;1980;2025-03-01;fk;;sjukpenning;;;;;;;;;;arbete_studier;;;;;;;;\n"
                + "TAPP-2;;kvinna;1980;2025-03-01;fk;;sjukpenning;;;;;;;;;arbete;;;;;;;;;\n"
                + "TAPP-3;;kvinna;1980;2025-03-01;fk;;sjukpenning;;;;;FINNS-INTE;;;;;;;;;;;;;\n"
                + "TAPP-4;;kvinna;1980;2025-03-01;fk;;sjukpenning;;;;;TAPP-5;;;;;;;;;;;;;\n"
                + "TAPP-5;;kvinna;1980;2025-03-01;fk;;sjukpenning;;;;;;2025-06-01;arbete;lon;;;;;;;;;;\n";
        HttpResponse<String> svar = ladda(k, team, "lista.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(422, svar.statusCode());
        String fel = HttpSession.html(svar).select("section:has(#radfel-rubrik) li").text();
        for (String f : List.of("Rad 2: steg_mot_arbete sparas bara för en avslutad deltagare",
                "Rad 3: sysselsattning_efter sparas bara för en avslutad deltagare",
                "Rad 4: tidigare_deltagarkod FINNS-INTE är ingen avslutad deltagare",
                "Rad 5: tidigare_deltagarkod TAPP-5 är ingen avslutad deltagare")) {
            assertTrue(fel.contains(f), f + " in " + fel);
        }
        assertEquals(0L, id("SELECT count(*) FROM deltagare WHERE team_id = " + team));

        HttpResponse<String> okand = ladda(k, team, "lista.csv", "text/csv",
                (HUVUD + ";namn\n" + rad("TAPP-6") + ";Anna\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(422, okand.statusCode());
        assertTrue(HttpSession.html(okand).text().contains("Rad 1: kolumnerna namn finns inte i importen"),
                HttpSession.html(okand).text());
    }

    @Test
    void mallenLaddasNerSomXlsxOchCsvOchIfylldGarDenAttImportera() throws Exception {
        long team = nyttTeam("Importteam mall");
        HttpSession k = koordinator();
        assertTrue(HttpSession.html(k.get("/statistik/import")).select("a[href]").eachAttr("href").containsAll(
                List.of("/statistik/import/mall.xlsx", "/statistik/import/mall.csv", "/statistik/import/koder.csv")));

        HttpResponse<byte[]> xlsx = k.bytes("/statistik/import/mall.xlsx");
        assertEquals(200, xlsx.statusCode());
        List<String> kolumner;
        List<List<String>> koder = new java.util.ArrayList<>();
        try (var bok = new org.dhatim.fastexcel.reader.ReadableWorkbook(new java.io.ByteArrayInputStream(xlsx.body()))) {
            List<org.dhatim.fastexcel.reader.Sheet> blad = bok.getSheets().toList();
            assertEquals(List.of("deltagare", "koder"), blad.stream().map(org.dhatim.fastexcel.reader.Sheet::getName)
                    .toList());
            kolumner = blad.get(0).read().get(0).stream().map(c -> c.getText()).toList();
            for (var r : blad.get(1).read()) {
                koder.add(r.stream().map(c -> c == null ? "" : c.getText()).toList());
            }
        }
        assertEquals(Mall.KOLUMNER, kolumner);
        assertEquals(List.of("kolumn", "kravs", "kod", "betydelse"), koder.get(0));
        assertTrue(koder.contains(List.of("steg_mot_arbete", "nej", "arbete_studier",
                "Steg mot arbete vid avslutet (bara med avslutsdatum): Arbete eller studier")), koder.toString());
        for (var set : Map.of("kon", se.finsam.planering.varden.Varden.KON, "avslutsorsak",
                se.finsam.planering.varden.Varden.AVSLUTSORSAK, "forsorjning_fore",
                se.finsam.planering.varden.Varden.FORSORJNING).entrySet()) {
            assertEquals(set.getValue(), koder.stream().filter(r -> r.get(0).equals(set.getKey())).map(r -> r.get(2))
                    .toList(), set.getKey());
        }

        HttpResponse<String> mallCsv = k.get("/statistik/import/mall.csv");
        assertEquals(200, mallCsv.statusCode());
        assertEquals(List.of(Mall.KOLUMNER), org.apache.commons.csv.CSVFormat.EXCEL.builder().setDelimiter(';').get()
                .parse(new java.io.StringReader(mallCsv.body().substring(1))).getRecords().stream()
                .map(r -> r.toList()).toList());
        HttpResponse<String> koderCsv = k.get("/statistik/import/koder.csv");
        assertEquals(koder, org.apache.commons.csv.CSVFormat.EXCEL.builder().setDelimiter(';').get()
                .parse(new java.io.StringReader(koderCsv.body().substring(1))).getRecords().stream()
                .map(r -> r.toList()).toList());

        // Filled in with codes from the codes sheet: one ended participant and her next period.
        Map<String, String> forst = new java.util.LinkedHashMap<>();
        forst.put("deltagarkod", "MALL-1");
        forst.put("kon", "kvinna");
        forst.put("fodelsear", "1985");
        forst.put("anmalningsdatum", "2025-01-10");
        forst.put("remitterande_organisationstyp", "af");
        forst.put("inskrivningsdatum", "2025-02-01");
        forst.put("forsorjning_fore", "sjukpenning");
        forst.put("sysselsattning_fore", "ingen");
        forst.put("utbildning", "gymnasial");
        forst.put("tid_forsorjning", "1_2");
        forst.put("anstallning_vid_start", "nej");
        forst.put("avslutsdatum", "2025-06-30");
        forst.put("avslutsorsak", "arbete");
        forst.put("forsorjning_efter", "lon");
        forst.put("sysselsattning_efter", "arbete");
        forst.put("steg_mot_arbete", "arbete_studier");
        forst.put("datum_6_man", "2026-01-10");
        forst.put("nadd_6_man", "ja");
        forst.put("forsorjning_6_man", "lon");
        forst.put("sysselsattning_6_man", "arbete");
        Map<String, String> andra = Map.of("deltagarkod", "MALL-2", "kon", "man", "fodelsear", "1990",
                "anmalningsdatum", "2026-03-01", "remitterande_organisationstyp", "socialtjanst",
                "forsorjning_fore", "forsorjningsstod", "tidigare_deltagarkod", "MALL-1");
        for (Map<String, String> rad : List.of(forst, andra)) {
            for (var v : rad.entrySet()) {
                List<String> tillatna = koder.stream().filter(r -> r.get(0).equals(v.getKey())).map(r -> r.get(2))
                        .toList();
                assertTrue(tillatna.size() == 1 || tillatna.contains(v.getValue()), v + " in " + tillatna);
            }
        }
        ByteArrayOutputStream ifylld = new ByteArrayOutputStream();
        org.dhatim.fastexcel.Workbook bok = new org.dhatim.fastexcel.Workbook(ifylld, "test", "1.0");
        org.dhatim.fastexcel.Worksheet blad = bok.newWorksheet("deltagare");
        for (int c = 0; c < kolumner.size(); c++) {
            blad.value(0, c, kolumner.get(c));
            blad.value(1, c, forst.getOrDefault(kolumner.get(c), ""));
            blad.value(2, c, andra.getOrDefault(kolumner.get(c), ""));
        }
        bok.finish();
        HttpResponse<String> granskning = ladda(k, team, "mall.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ifylld.toByteArray());
        assertEquals(200, granskning.statusCode(), HttpSession.html(granskning).text());
        assertEquals(302, bekrafta(k, granskning).statusCode());
        assertEquals(2L, id("SELECT count(*) FROM deltagare WHERE team_id = " + team));
        assertEquals(id("SELECT id FROM deltagare WHERE kod = 'MALL-1'"),
                id("SELECT tidigare_deltagare_id FROM deltagare WHERE kod = 'MALL-2'"));
        assertEquals(1L, id("SELECT count(*) FROM avslut a JOIN deltagare d ON d.id = a.deltagare_id "
                + "WHERE d.kod = 'MALL-1' AND a.steg_mot_arbete = 'arbete_studier' AND a.sysselsattning = 'arbete'"));

        // The CSV template filled in the same way.
        String csv = mallCsv.body() + Mall.KOLUMNER.stream().map(c -> c.equals("deltagarkod") ? "MALL-3"
                : c.equals("tidigare_deltagarkod") ? "" : forst.getOrDefault(c, "")).collect(
                java.util.stream.Collectors.joining(";")) + "\r\n";
        HttpResponse<String> csvGranskning = ladda(k, team, "mall.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, csvGranskning.statusCode(), HttpSession.html(csvGranskning).text());
        assertEquals(302, bekrafta(k, csvGranskning).statusCode());
        assertEquals(3L, id("SELECT count(*) FROM deltagare WHERE team_id = " + team));
    }
}
