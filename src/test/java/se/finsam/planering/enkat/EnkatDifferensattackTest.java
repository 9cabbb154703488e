package se.finsam.planering.enkat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import se.finsam.planering.statistik.Cellnyckel;
import se.finsam.planering.statistik.Smacellsskydd;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * The differencing attack on the survey results: ask for the results at the end of one day and of the next, while
 * participants answer one a day, and read off an answer wherever the published figures move by exactly one. Each
 * answer is given through her own survey page; the year turns in the middle.
 */
class EnkatDifferensattackTest extends AppTest {

    private static final String PIN = "640218";

    private static Set<String> svarsId() {
        return new HashSet<>(app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM enkat_svar")
                .mapTo(String.class).list()));
    }

    /** She answers the first follow-up's questions on her own page, all with the given step. */
    private static void svara(long d, int steg) {
        String user = TestData.kontoMedPin(app, d, PIN);
        HttpSession hon = app.session();
        hon.get("/logga-in/deltagare");
        assertEquals(302, hon.post("/logga-in/deltagare", Map.of("anvandarnamn", user, "pin", PIN)).statusCode());
        Document sida = hon.page("/min-planering/enkat/forsta_uppfoljning");
        Map<String, String> form = HttpSession.formData(sida, "form.enkat");
        for (Element fieldset : sida.select("form.enkat fieldset")) {
            form.put(fieldset.selectFirst("input[type=radio]").attr("name"), Integer.toString(
                    Math.min(steg, fieldset.select("input[type=radio]").size())));
        }
        assertEquals(302, hon.post("/min-planering/enkat/forsta_uppfoljning", form).statusCode());
    }

    private static void dag(LocalDate dag) {
        app.clock().set(dag.atTime(9, 0).toInstant(ZoneOffset.UTC));
    }

    /** Every figure of a results page: the number of answers and every cell of every table. */
    private static List<String> siffror(Document sida) {
        List<String> ut = new ArrayList<>();
        ut.add(sida.selectFirst("#antal").text());
        ut.addAll(sida.select("table.tabell td").eachText());
        return ut;
    }

    @Test
    void svarEttOmDagenGerIngetAttLasaAvVareSigUnderEllerEfterAret() {
        List<Long> tillfragade = app.jdbi().withHandle(h -> h.createQuery("""
                SELECT i.deltagare_id FROM enkat_inbjudan i JOIN deltagare d ON d.id = i.deltagare_id
                WHERE i.tillfalle = 'forsta_uppfoljning' AND d.fornamn IS NOT NULL AND d.skyddad_identitet = 0
                ORDER BY i.deltagare_id LIMIT 16""").mapTo(Long.class).list());
        assertTrue(tillfragade.size() >= 14, "the demo has asked participants: " + tillfragade.size());
        long enkat = app.tal("SELECT id FROM enkat WHERE tillfalle = 'forsta_uppfoljning' AND aktiv = 1");
        String adress = "/enkater?enkat=" + enkat + "&ar=2026";
        // Fixed keys for the new answers, so the run is the same every time; the app draws them at random.
        Random slump = new Random(27);

        int antal = 0;
        String tidigareFore = Smacellsskydd.skydda(new int[][] {{0}})[0][0];
        String visatFore = app.session().loginStaff("styrgrupp").page(adress).selectFirst("#antal").text()
                .replaceAll("\\D", "");
        int tidigaLasta = 0;
        int nuSomEtt = 0;
        int iAr = 12;
        LocalDate d = LocalDate.of(2026, 11, 24);
        for (int i = 0; i < iAr; i++, d = d.plusDays(1)) {
            dag(d);
            Set<String> fore = svarsId();
            svara(tillfragade.get(i), 1 + i % 5);
            Set<String> nya = svarsId();
            nya.removeAll(fore);
            assertEquals(1, nya.size());
            app.sql("UPDATE enkat_svar SET cellnyckel = ? WHERE id = ?", slump.nextInt(256), nya.iterator().next());
            antal++;

            // The page as it was before: the year's number of answers, small ones hidden, the rest exact.
            String tidigare = Smacellsskydd.skydda(new int[][] {{antal}})[0][0];
            Integer a = Smacellsskydd.tal(tidigareFore);
            Integer b = Smacellsskydd.tal(tidigare);
            if (a != null && b != null && b - a == 1) {
                tidigaLasta++;
            }
            tidigareFore = tidigare;

            // The page now, the day after: no distribution while the year runs, and the number adjusted.
            Document sida = app.session().loginStaff("styrgrupp").page(adress);
            assertNotNull(sida.selectFirst("#pagaende"), d.toString());
            assertEquals(0, sida.select("table.tabell").size(), "no answers by question while the year runs");
            String visat = sida.selectFirst("#antal").text().replaceAll("\\D", "");
            int nyckel = (int) app.tal("SELECT coalesce(sum(cellnyckel), 0) % 256 FROM enkat_svar"
                    + " WHERE enkat_id = ? AND ar = 2026", enkat);
            assertEquals(Integer.toString(Cellnyckel.justera(antal, nyckel)), visat, d.toString());
            if (Integer.parseInt(visat) - Integer.parseInt(visatFore) == 1) {
                nuSomEtt++;
            }
            visatFore = visat;
        }
        assertEquals(iAr - 5, tidigaLasta, "the earlier count showed each answer after the fifth as a step of one");
        assertTrue(nuSomEtt < tidigaLasta, "now a new answer shows as a step of one only by chance: " + nuSomEtt
                + " of " + iAr);

        // The year has ended: its results are shown, and later answers (of the new year) never change them, so no
        // two pages of 2026 differ by one answer.
        dag(LocalDate.of(2027, 1, 4));
        Document slut = app.session().loginStaff("styrgrupp").page(adress);
        assertEquals(15, slut.select("table.tabell").size(), "five questions by team, kön and age band");
        List<String> publicerat = siffror(slut);
        String csv = app.session().loginStaff("styrgrupp").get("/enkater/resultat.csv?enkat=" + enkat + "&ar=2026")
                .body();
        d = LocalDate.of(2027, 1, 5);
        for (int i = iAr; i < tillfragade.size(); i++, d = d.plusDays(1)) {
            dag(d);
            svara(tillfragade.get(i), 1 + i % 5);
            HttpSession s = app.session().loginStaff("styrgrupp");
            assertEquals(publicerat, siffror(s.page(adress)), d.toString());
            assertEquals(csv, s.get("/enkater/resultat.csv?enkat=" + enkat + "&ar=2026").body(), d.toString());
            assertEquals(0, s.page("/enkater?enkat=" + enkat + "&ar=2027").select("table.tabell").size());
        }
        assertEquals(tillfragade.size() - iAr, app.tal("SELECT count(*) FROM enkat_svar WHERE ar = 2027"));
        app.clock().set(Instant.parse("2026-11-23T08:00:00Z"));
    }
}
