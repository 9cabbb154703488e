package se.finsam.planering.enkat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.statistik.Cellnyckel;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * The survey's results by team, kön and age band, in each band set the statistics offer: every count is the cell key
 * method's count of the stored answers, for the styrgrupp and the koordinator alike, on the page, in the CSV and in
 * the xlsx. The answers are given through her own survey page, in 2026, and read in 2027.
 */
class EnkatResultatTest extends AppTest {

    private static final String PIN = "640218";
    /** Per answer given: team, kön, birth year and the step given on the first question. */
    private static final List<Object[]> GIVNA = new ArrayList<>();
    private static int enkat;

    @BeforeAll
    static void svaraOchGaTillNastaAr() {
        List<Long> tillfragade = app.jdbi().withHandle(h -> h.createQuery("""
                SELECT i.deltagare_id FROM enkat_inbjudan i JOIN deltagare d ON d.id = i.deltagare_id
                WHERE i.tillfalle = 'forsta_uppfoljning' AND d.fornamn IS NOT NULL AND d.skyddad_identitet = 0
                ORDER BY (SELECT namn FROM team WHERE id = d.team_id) = 'Jobbtorg Kista' DESC, i.deltagare_id
                LIMIT 14""").mapTo(Long.class).list());
        assertTrue(tillfragade.size() >= 10, "the demo has asked participants: " + tillfragade.size());
        // Spread the answers over the age bands of every set: some in their 30s, 40s and 60s.
        int[] fodd = {1999, 1990, 1984, 1979, 1972, 1962, 1958, 2011, 1955};
        for (int i = 0; i < tillfragade.size(); i++) {
            long d = tillfragade.get(i);
            app.sql("UPDATE deltagare SET fodelsear = ? WHERE id = ?", fodd[i % fodd.length], d);
            String user = TestData.kontoMedPin(app, d, PIN);
            HttpSession hon = app.session();
            hon.get("/logga-in/deltagare");
            assertEquals(302, hon.post("/logga-in/deltagare", Map.of("anvandarnamn", user, "pin", PIN)).statusCode());
            Document sida = hon.page("/min-planering/enkat/forsta_uppfoljning");
            Map<String, String> form = HttpSession.formData(sida, "form.enkat");
            int steg = 1 + i % 4;
            for (Element fieldset : sida.select("form.enkat fieldset")) {
                form.put(fieldset.selectFirst("input[type=radio]").attr("name"), Integer.toString(
                        Math.min(steg, fieldset.select("input[type=radio]").size())));
            }
            assertEquals(302, hon.post("/min-planering/enkat/forsta_uppfoljning", form).statusCode());
            Map<String, Object> p = app.jdbi().withHandle(h -> h.createQuery(
                    "SELECT t.namn, d.kon, d.fodelsear FROM deltagare d JOIN team t ON t.id = d.team_id WHERE d.id = :d")
                    .bind("d", d).mapToMap().one());
            GIVNA.add(new Object[] {p.get("namn"), p.get("kon"), ((Number) p.get("fodelsear")).intValue(), steg});
        }
        enkat = (int) app.tal("SELECT id FROM enkat WHERE tillfalle = 'forsta_uppfoljning' AND aktiv = 1");
        app.clock().set(Instant.parse("2027-01-11T08:00:00Z"));
    }

    /** The band of a set by age reached in 2026, as the national follow-up and the statistics page count it. */
    private static String band(String set, int fodelsear) {
        int alder = 2026 - fodelsear;
        return switch (set) {
            case "nationell" -> alder < 16 || alder > 64 ? "Yngre än 16 eller äldre än 64" : alder < 30 ? "16–29 år"
                    : alder < 45 ? "30–44 år" : alder < 60 ? "45–59 år" : "60–64 år";
            case "nationell_aldre" -> alder < 30 ? "Under 30 år" : alder < 60 ? "30–59 år" : "60 år och äldre";
            default -> alder < 30 ? "Under 30 år" : alder < 40 ? "30–39 år" : alder < 50 ? "40–49 år"
                    : "50 år och äldre";
        };
    }

    /** The table's inner cells and totals as shown, by row label and column label. */
    private static Map<String, Integer> celler(Element tabell) {
        List<String> kolumner = tabell.select("thead th").eachText();
        Map<String, Integer> ut = new HashMap<>();
        for (Element tr : tabell.select("tbody tr")) {
            String rad = tr.selectFirst("th").text();
            List<String> tal = tr.select("td.tal:not(.andel)").eachText();
            for (int k = 0; k < tal.size(); k++) {
                ut.put(rad + "|" + kolumner.get(k + 1), Integer.valueOf(tal.get(k)));
            }
        }
        return ut;
    }

    /**
     * What the page must show for the first question by the given background: each step and background's count
     * adjusted by the sum of the cell keys of exactly those answers, read from the stored answers; and the exact
     * counts, which must be those of the answers given.
     */
    private static void jamfor(Element tabell, java.util.function.Function<Object[], String> bakgrund,
                               String sqlBakgrund, Map<String, String> etiketter) {
        Map<String, Integer> visade = celler(tabell);
        Map<String, Integer> givna = new HashMap<>();
        for (Object[] g : GIVNA) {
            givna.merge(g[3] + "|" + bakgrund.apply(g), 1, Integer::sum);
        }
        List<Map<String, Object>> lagrade = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT r.varde, %s AS bakgrund, count(*) AS antal, sum(s.cellnyckel) %% 256 AS nyckel
                        FROM enkat_svarsrad r JOIN enkat_svar s ON s.id = r.svar_id JOIN team t ON t.id = s.team_id
                        WHERE s.enkat_id = :e AND s.ar = 2026
                          AND r.fraga_id = (SELECT id FROM enkat_fraga WHERE enkat_id = :e AND ordning = 1)
                        GROUP BY 1, 2""".formatted(sqlBakgrund))
                .bind("e", enkat).mapToMap().list());
        int celler = 0;
        for (Map<String, Object> l : lagrade) {
            String etikett = etiketter.getOrDefault((String) l.get("bakgrund"), (String) l.get("bakgrund"));
            int varde = ((Number) l.get("varde")).intValue();
            int antal = ((Number) l.get("antal")).intValue();
            assertEquals(givna.get(varde + "|" + etikett), antal, "stored as given: " + varde + " " + etikett);
            String rad = visade.keySet().stream().filter(k -> k.startsWith(varde + " ") && k.endsWith("|" + etikett))
                    .findFirst().orElseThrow(() -> new AssertionError("no cell for " + varde + " " + etikett
                            + " in " + visade.keySet()));
            assertEquals(Cellnyckel.justera(antal, ((Number) l.get("nyckel")).intValue()), visade.get(rad),
                    rad + ": " + antal + " answers");
            celler++;
        }
        assertEquals(givna.size(), celler, "every cell of the answers given");
    }

    @Test
    void perKonOchAldersgruppIVarjeIndelningMedCellnycklar() {
        HttpSession styrgrupp = app.session().loginStaff("styrgrupp");
        Map<String, String> kon = Map.of("kvinna", "Kvinna", "man", "Man", "annat", "Annat eller vill inte ange");
        for (String set : List.of("nationell", "nationell_aldre", "tioar")) {
            Document sida = styrgrupp.page("/enkater?enkat=" + enkat + "&ar=2026&band=" + set);
            assertTrue(sida.selectFirst("#bandset").text().startsWith(Map.of("nationell", "Nationell uppföljning",
                    "nationell_aldre", "Äldre nationella tabeller", "tioar", "Tioårsgrupper").get(set)), set);
            jamfor(sida.selectFirst("table#tabell-f1_kon"), g -> kon.get((String) g[1]), "s.kon", kon);
            String sqlBand = switch (set) {
                case "nationell" -> "s.aldersband";
                case "nationell_aldre" -> "CASE WHEN s.aldersgrupp IN ('under16', '16_29') THEN 'under30'"
                        + " WHEN s.aldersgrupp IN ('60_64', '65plus') THEN '60plus' ELSE '30_59' END";
                default -> "CASE WHEN s.aldersgrupp IN ('under16', '16_29') THEN 'under30'"
                        + " WHEN s.aldersgrupp = '30_39' THEN '30_39'"
                        + " WHEN s.aldersgrupp IN ('40_44', '45_49') THEN '40_49' ELSE '50plus' END";
            };
            Map<String, String> etiketter = Map.ofEntries(Map.entry("16_29", "16–29 år"),
                    Map.entry("30_44", "30–44 år"), Map.entry("45_59", "45–59 år"), Map.entry("60_64", "60–64 år"),
                    Map.entry("utanfor", "Yngre än 16 eller äldre än 64"), Map.entry("under30", "Under 30 år"),
                    Map.entry("30_59", "30–59 år"), Map.entry("60plus", "60 år och äldre"),
                    Map.entry("30_39", "30–39 år"), Map.entry("40_49", "40–49 år"),
                    Map.entry("50plus", "50 år och äldre"));
            jamfor(sida.selectFirst("table#tabell-f1_alder"), g -> band(set, (int) g[2]), sqlBand, etiketter);
            jamfor(sida.selectFirst("table#tabell-f1_team"), g -> (String) g[0], "t.namn", Map.of());
            // The same answers counted three ways: one shown total, and one shown total per step.
            Map<String, Integer> perTeam = celler(sida.selectFirst("table#tabell-f1_team"));
            for (String id : List.of("f1_kon", "f1_alder")) {
                Map<String, Integer> andra = celler(sida.selectFirst("table#tabell-" + id));
                for (var e : perTeam.entrySet()) {
                    if (e.getKey().endsWith("|Summa")) {
                        assertEquals(e.getValue(), andra.get(e.getKey()), id + " " + e.getKey());
                    }
                }
            }
            String population = sida.selectFirst("#population-f1_alder").text();
            assertTrue(population.contains("svar som gavs under 2026") && population.contains("Bas för andelarna: "
                    + perTeam.get("Summa|Summa")), population);
        }
        // The ten-year bands need the 30s and 40s apart, which the national bands do not keep.
        Map<String, Integer> tioar = celler(styrgrupp.page("/enkater?enkat=" + enkat + "&ar=2026&band=tioar")
                .selectFirst("table#tabell-f1_alder"));
        assertTrue(tioar.keySet().stream().anyMatch(k -> k.endsWith("|30–39 år")), tioar.toString());
        assertTrue(tioar.keySet().stream().anyMatch(k -> k.endsWith("|40–49 år")), tioar.toString());

        HttpResponse<String> fel = styrgrupp.get("/enkater?enkat=" + enkat + "&ar=2026&band=femar");
        assertEquals(400, fel.statusCode());
        assertTrue(HttpSession.html(fel).selectFirst("#fel").text().contains("Den indelningen i åldersgrupper finns inte"));
        assertEquals(400, styrgrupp.get("/enkater/resultat.csv?enkat=" + enkat + "&ar=2026&band=femar").statusCode());
    }

    @Test
    void koordinatornSerSammaJusteradeTalForSittTeam() {
        HttpSession styrgrupp = app.session().loginStaff("styrgrupp");
        HttpSession koordinator = app.session().loginStaff("koordinator");
        Element alla = styrgrupp.page("/enkater?enkat=" + enkat + "&ar=2026").selectFirst("table#tabell-f1_team");
        Element hennes = koordinator.page("/enkater?enkat=" + enkat + "&ar=2026").selectFirst("table#tabell-f1_team");
        assertEquals(List.of("Svar", "Jobbtorg Kista", "Summa", "Andel av basen"), hennes.select("thead th").eachText());
        Map<String, Integer> a = celler(alla);
        int kista = 0;
        for (var e : celler(hennes).entrySet()) {
            if (e.getKey().endsWith("|Jobbtorg Kista")) {
                assertEquals(a.get(e.getKey()), e.getValue(), e.getKey());
                kista++;
            }
        }
        assertTrue(kista > 0 && GIVNA.stream().anyMatch(g -> g[0].equals("Jobbtorg Kista")), "Kista answered");
    }

    private static List<CSVRecord> csv(HttpResponse<String> svar) throws IOException {
        assertEquals(200, svar.statusCode(), svar.body());
        assertTrue(svar.body().startsWith("\uFEFF"));
        return CSVFormat.EXCEL.builder().setDelimiter(';').get().parse(new StringReader(svar.body().substring(1)))
                .getRecords();
    }

    @Test
    void exporternaHarSammaJusteradeTabellerOchNamnerIndelningen() throws IOException {
        HttpSession styrgrupp = app.session().loginStaff("styrgrupp");
        Document sida = styrgrupp.page("/enkater?enkat=" + enkat + "&ar=2026&band=tioar");
        Map<String, Integer> kon = celler(sida.selectFirst("table#tabell-f1_kon"));
        Map<String, Integer> alder = celler(sida.selectFirst("table#tabell-f1_alder"));
        String lank = sida.selectFirst("a[href^=/enkater/resultat.csv]").attr("href");
        assertTrue(lank.contains("band=tioar"), lank);

        List<CSVRecord> rader = csv(styrgrupp.get(lank));
        assertEquals("Åldersgrupper", rader.get(2).get(0));
        assertTrue(rader.get(2).get(1).startsWith("Tioårsgrupper"), rader.get(2).get(1));
        assertEquals("Talen är justerade med cellnyckelmetoden.", rader.get(4).get(1));
        // The first question's table by age band: heading, population, base, column heads, the rows.
        int i = 0;
        while (!rader.get(i).get(0).startsWith("Fråga 1:") || !rader.get(i).get(0).endsWith("per åldersgrupp")) {
            i++;
        }
        assertEquals("Bas för andelarna", rader.get(i + 2).get(0));
        assertEquals(Integer.toString(alder.get("Summa|Summa")), rader.get(i + 2).get(1));
        List<String> kolumner = new ArrayList<>();
        rader.get(i + 3).forEach(kolumner::add);
        assertEquals("Andel av basen (%)", kolumner.get(kolumner.size() - 1));
        int j = i + 4;
        for (; !rader.get(j).get(0).equals("Andel av basen (%)"); j++) {
            for (int k = 1; k < kolumner.size() - 1; k++) {
                assertEquals(Integer.toString(alder.get(rader.get(j).get(0) + "|" + kolumner.get(k))),
                        rader.get(j).get(k), rader.get(j).get(0) + " " + kolumner.get(k));
            }
        }
        assertTrue(j > i + 4, "rows read");

        HttpResponse<byte[]> xlsx = styrgrupp.bytes(lank.replace(".csv", ".xlsx"));
        assertEquals(200, xlsx.statusCode());
        try (ReadableWorkbook bok = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            List<Row> oversikt = bok.findSheet("oversikt").orElseThrow().read();
            assertTrue(oversikt.get(3).getCellText(1).startsWith("Tioårsgrupper"), oversikt.get(3).getCellText(1));
            List<Row> blad = bok.findSheet("f1_kon").orElseThrow().read();
            assertTrue(blad.get(2).getCellText(0).startsWith("Åldersgrupper: Tioårsgrupper"), blad.get(2).getCellText(0));
            int h = 0;
            while (!blad.get(h).getCellText(0).equals("Svar")) {
                h++;
            }
            List<String> huvud = new ArrayList<>();
            for (int k = 0; k < blad.get(h).getCellCount(); k++) {
                huvud.add(blad.get(h).getCellText(k));
            }
            int lasta = 0;
            for (int r = h + 1; r < blad.size() && !blad.get(r).getCellText(0).equals("Andel av basen (%)"); r++) {
                for (int k = 1; k < huvud.size() - 1; k++) {
                    assertEquals(Integer.toString(kon.get(blad.get(r).getCellText(0) + "|" + huvud.get(k))),
                            blad.get(r).getCellText(k), blad.get(r).getCellText(0) + " " + huvud.get(k));
                    lasta++;
                }
            }
            assertNotEquals(0, lasta);
        }
        // A year in progress has no tables to export.
        app.clock().set(Instant.parse("2026-12-30T08:00:00Z"));
        try {
            HttpSession s = app.session().loginStaff("styrgrupp");
            assertEquals(400, s.get("/enkater/resultat.csv?enkat=" + enkat + "&ar=2026").statusCode());
            assertEquals(400, s.get("/enkater/resultat.xlsx?enkat=" + enkat + "&ar=2026").statusCode());
        } finally {
            app.clock().set(Instant.parse("2027-01-11T08:00:00Z"));
        }
    }
}
