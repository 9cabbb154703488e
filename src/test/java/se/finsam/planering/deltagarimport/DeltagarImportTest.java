package se.finsam.planering.deltagarimport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
        return app.jdbi().inTransaction(h -> {
            long t = h.createUpdate("""
                            INSERT INTO team (namn, motesplats, motesveckodag, motestid, motesintervall_veckor,
                                              uppfoljning_manader, kvittens_arbetsdagar, fastnat_veckor, forbund,
                                              moteslangd_minuter, aktiv)
                            SELECT :n, motesplats, motesveckodag, motestid, motesintervall_veckor, uppfoljning_manader,
                                   kvittens_arbetsdagar, fastnat_veckor, forbund, moteslangd_minuter, aktiv
                            FROM team WHERE namn = 'Jobbtorg Kista'""")
                    .bind("n", namn).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("""
                            INSERT INTO team_medlem (team_id, anvandare_id)
                            SELECT :t, id FROM anvandare WHERE anvandarnamn = 'koordinator'""").bind("t", t).execute();
            return t;
        });
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
        String export = k.get("/statistik/personfil.csv?ar=2026&team=" + kista).body();
        // new codes, since codes are unique across teams
        String[] rader = export.substring(1).split("\r\n");
        StringBuilder fil = new StringBuilder("\uFEFF").append(rader[0]).append("\r\n");
        for (int i = 1; i < rader.length; i++) {
            fil.append("IMP-").append(rader[i].replace(";IMP-", ";")).append("\r\n");
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
}
