package se.finsam.planering.statistik;

import se.finsam.planering.testsupport.TestData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

/**
 * The differencing attack: ask for two periods that differ by a little, subtract the published tables, and read off
 * one person wherever a cell moves by exactly one. It works on the figures as the page published them before (exact
 * counts with small cells suppressed), and it no longer works on what the styrgrupp sees now.
 */
class DifferensattackTest extends AppTest {

    private static final LocalDate AR = LocalDate.of(2026, 1, 1);
    private static List<StatistikRepository.Team> team;

    /**
     * A team of 160 imported participants, one referred every other day of 2026 (women and men in turn, across the
     * age bands), started ten days after referral; the first 100 closed 120 days after referral, one in ten to
     * studies, half to work.
     */
    @BeforeAll
    static void importeraOchFastaNycklar() {
        long id = TestData.teamSomKista(app, "Vällingby prov");
        StringBuilder fil = new StringBuilder("\uFEFF").append(String.join(";", StatistikRoutes.PERSONFIL_KOLUMNER))
                .append("\r\n");
        int[] fodd = {2000, 1990, 1975, 1963};
        String[] orsak = {"arbete", "arbete", "arbete", "arbete", "arbete", "studier", "fortsatt_rehabilitering",
                "fortsatt_rehabilitering", "fortsatt_rehabilitering", "avbrutit"};
        for (int i = 0; i < 160; i++) {
            LocalDate anmald = LocalDate.of(2026, 1, 5).plusDays(2L * i);
            fil.append("DIFF-").append(i).append(";Vällingby prov;").append(i % 2 == 0 ? "kvinna" : "man")
                    .append(';').append(fodd[(i / 2) % 4]).append(';').append(anmald).append(";af;")
                    .append(anmald.plusDays(10)).append(";forsorjningsstod;ingen;gymnasial;3_4;nej;;");
            if (i < 100) {
                String o = orsak[i % 10];
                fil.append(anmald.plusDays(120)).append(';').append(o).append(';')
                        .append(o.equals("arbete") ? "lon" : o.equals("studier") ? "studiemedel" : "ingen")
                        .append(";ingen;").append(o.equals("arbete") || o.equals("studier") ? "arbete_studier"
                                : o.equals("avbrutit") ? "inget" : "annan_insats_rehabilitering");
            } else {
                fil.append(";;;;");
            }
            fil.append(";;;;;;;;\r\n");
        }
        HttpSession k = app.session().loginStaff("koordinator");
        k.get("/statistik/import");
        var granskning = k.postFil("/statistik/import", java.util.Map.of("team", String.valueOf(id)),
                "vallingby.csv", "text/csv", fil.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(200, granskning.statusCode(), HttpSession.html(granskning).text());
        assertEquals(302, k.post("/statistik/import/spara", HttpSession.formData(HttpSession.html(granskning),
                "form[action=/statistik/import/spara]")).statusCode());
        // Fixed keys, so the run is the same every time; the app draws them at random when a participant is created.
        Random slump = new Random(27);
        app.jdbi().useHandle(h -> {
            for (long d : h.createQuery("SELECT id FROM deltagare ORDER BY id").mapTo(Long.class).list()) {
                h.createUpdate("UPDATE deltagare SET cellnyckel = :k WHERE id = :id").bind("k", slump.nextInt(256))
                        .bind("id", d).execute();
            }
        });
        team = new StatistikRepository(app.jdbi()).team(null).stream().filter(t -> t.id() == id).toList();
        // The attacks look at periods up to November; adjusted figures count only months that have ended.
        app.clock().set(java.time.Instant.parse("2027-01-11T08:00:00Z"));
    }

    /** The table of those referred (kön by age band), cells and totals, as the earlier page showed it. */
    private static String[][] tidigareSida(LocalDate fran, LocalDate till, long teamId, String tabell) {
        StatistikRepository repo = new StatistikRepository(app.jdbi());
        Statistik.Resultat r = Statistik.berakna(fran, till, Statistik.Bandset.NATIONELL, Statistik.Skydd.EXAKT,
                repo.rader(fran, till, java.util.Set.of(teamId)), List.of(), k -> k);
        return Smacellsskydd.skydda(r.tabell(tabell).varden());
    }

    /** The exact table of a team, as the koordinator's own figures count it. */
    static int[][] exakt(se.finsam.planering.testsupport.TestApp app, LocalDate fran, LocalDate till, long teamId,
                         String tabell) {
        String[][] c = Statistik.berakna(fran, till, Statistik.Bandset.NATIONELL, Statistik.Skydd.EXAKT,
                new StatistikRepository(app.jdbi()).rader(fran, till, java.util.Set.of(teamId)), List.of(), k -> k)
                .tabell(tabell).celler();
        int[][] ut = new int[c.length][c[0].length];
        for (int r = 0; r < c.length; r++) {
            for (int k = 0; k < c[0].length; k++) {
                ut[r][k] = Integer.parseInt(c[r][k]);
            }
        }
        return ut;
    }

    /** The table as the styrgrupp's page shows it now. */
    private static Document styrgruppensSida(HttpSession s, LocalDate fran, LocalDate till, long teamId) {
        return s.page("/statistik?fran=" + fran + "&till=" + till + "&team=" + teamId);
    }

    private static String[][] tabell(Document sida, String tabell) {
        List<String[]> rader = new ArrayList<>();
        for (Element tr : sida.select("#tabell-" + tabell + " tbody tr")) {
            rader.add(tr.select("td.tal:not(.andel)").eachText().toArray(String[]::new));
        }
        return rader.toArray(String[][]::new);
    }

    /**
     * The cells the attacker reads as "exactly one person more": the grand total and the cell both moved by one
     * and every other inner cell stayed (all of them shown as numbers). Each as {row, column}.
     */
    private static List<int[]> ettStegPaEnPerson(String[][] fore, String[][] efter) {
        List<int[]> ut = new ArrayList<>();
        if (fore.length != efter.length || fore.length == 0 || fore[0].length != efter[0].length) {
            return ut;
        }
        int sr = fore.length - 1;
        int sk = fore[0].length - 1;
        Integer totalFore = Smacellsskydd.tal(fore[sr][sk]);
        Integer totalEfter = Smacellsskydd.tal(efter[sr][sk]);
        if (totalFore == null || totalEfter == null || totalEfter - totalFore != 1) {
            return ut;
        }
        int[] andrad = null;
        for (int r = 0; r < sr; r++) {
            for (int k = 0; k < sk; k++) {
                Integer a = Smacellsskydd.tal(fore[r][k]);
                Integer b = Smacellsskydd.tal(efter[r][k]);
                if (a == null || b == null) {
                    if (!fore[r][k].equals(efter[r][k])) {
                        return ut;
                    }
                    continue;
                }
                if (b - a == 1 && andrad == null) {
                    andrad = new int[] {r, k};
                } else if (b - a != 0) {
                    return ut;
                }
            }
        }
        if (andrad != null) {
            ut.add(andrad);
        }
        return ut;
    }

    @Test
    void enDagsSkillnadGavEnPersonFrAnTidigareMenInteNu() {
        HttpSession styrgrupp = app.session().loginStaff("styrgrupp");
        int avslojade = 0;
        int felaktiga = 0;
        int fragor = 0;
        int likaSidor = 0;
        for (StatistikRepository.Team t : team) {
            // Periods from New Year ending on consecutive days, as the attack in the report: 26 and 27 November.
            for (LocalDate dag = LocalDate.of(2026, 9, 2); !dag.isAfter(LocalDate.of(2026, 11, 23));
                 dag = dag.plusDays(1)) {
                String[][] fore = tidigareSida(AR, dag.minusDays(1), t.id(), "anmalda");
                String[][] efter = tidigareSida(AR, dag, t.id(), "anmalda");
                for (int[] c : ettStegPaEnPerson(fore, efter)) {
                    int[][] a = exakt(app, AR, dag.minusDays(1), t.id(), "anmalda");
                    int[][] b = exakt(app, AR, dag, t.id(), "anmalda");
                    if (b[c[0]][c[1]] - a[c[0]][c[1]] == 1) {
                        avslojade++;
                    } else {
                        felaktiga++;
                    }
                }
            }
            // The same pairs asked of the styrgrupp's page now: a period is widened to whole months, so two days of
            // one month give the same page and nothing to subtract.
            String[][] fore = tabell(styrgruppensSida(styrgrupp, AR, LocalDate.of(2026, 10, 1), t.id()), "anmalda");
            for (LocalDate dag = LocalDate.of(2026, 10, 2); !dag.isAfter(LocalDate.of(2026, 10, 31));
                 dag = dag.plusDays(1)) {
                String[][] efter = tabell(styrgruppensSida(styrgrupp, AR, dag, t.id()), "anmalda");
                fragor++;
                if (java.util.Arrays.deepEquals(fore, efter)) {
                    likaSidor++;
                }
                assertTrue(ettStegPaEnPerson(fore, efter).isEmpty(), t.namn() + " " + dag);
                fore = efter;
            }
        }
        assertTrue(avslojade >= 5, "the attack works on the earlier page: " + avslojade + " persons read off");
        assertEquals(0, felaktiga, "and every one it read off was right");
        assertEquals(fragor, likaSidor, "days within one month give the same page now");
    }

    @Test
    void manadsparOchOverlappandePerioderGerIngetSakertSvar() {
        HttpSession styrgrupp = app.session().loginStaff("styrgrupp");
        int sannaEttsteg = 0;
        int sannaEttstegSomSynsSomEtt = 0;
        int lasesSomEtt = 0;
        int lasesSomEttMenArInteEtt = 0;
        List<LocalDate[][]> par = new ArrayList<>();
        for (int m = 1; m < 11; m++) {
            LocalDate slutFore = LocalDate.of(2026, m, 1).plusMonths(1).minusDays(1);
            LocalDate slutEfter = LocalDate.of(2026, m + 1, 1).plusMonths(1).minusDays(1);
            // adjacent months added to a period from New Year, and overlapping quarters one month apart
            par.add(new LocalDate[][] {{AR, slutFore}, {AR, slutEfter}});
            if (m <= 9) {
                LocalDate start = LocalDate.of(2026, m, 1);
                par.add(new LocalDate[][] {{start, start.plusMonths(2).minusDays(1)},
                        {start, start.plusMonths(3).minusDays(1)}});
            }
        }
        for (StatistikRepository.Team t : team) {
            for (LocalDate[][] p : par) {
                Document sidaFore = styrgruppensSida(styrgrupp, p[0][0], p[0][1], t.id());
                Document sidaEfter = styrgruppensSida(styrgrupp, p[1][0], p[1][1], t.id());
                for (String tabell : List.of("anmalda", "avslutade", "inskrivna")) {
                    String[][] fore = tabell(sidaFore, tabell);
                    String[][] efter = tabell(sidaEfter, tabell);
                    int[][] a = exakt(app, p[0][0], p[0][1], t.id(), tabell);
                    int[][] b = exakt(app, p[1][0], p[1][1], t.id(), tabell);
                    if (a.length != fore.length || b.length != efter.length || a[0].length != b[0].length) {
                        continue;
                    }
                    for (int r = 0; r < a.length; r++) {
                        for (int k = 0; k < a[0].length; k++) {
                            int sann = b[r][k] - a[r][k];
                            int visad = Integer.parseInt(efter[r][k]) - Integer.parseInt(fore[r][k]);
                            if (sann == 1) {
                                sannaEttsteg++;
                                if (visad == 1) {
                                    sannaEttstegSomSynsSomEtt++;
                                }
                            }
                            if (visad == 1) {
                                lasesSomEtt++;
                                if (sann != 1) {
                                    lasesSomEttMenArInteEtt++;
                                }
                            }
                        }
                    }
                }
            }
        }
        assertTrue(sannaEttsteg >= 20, "enough one-person steps to attack: " + sannaEttsteg);
        assertTrue(sannaEttstegSomSynsSomEtt < sannaEttsteg * 0.6,
                "most one-person steps do not show as one: " + sannaEttstegSomSynsSomEtt + " of " + sannaEttsteg);
        assertTrue(lasesSomEttMenArInteEtt >= lasesSomEtt * 0.3,
                "a step that shows as one is often not one: " + lasesSomEttMenArInteEtt + " of " + lasesSomEtt);
    }

    @Test
    void sammaPersonerGerSammaTalILankadeTabeller() {
        HttpSession styrgrupp = app.session().loginStaff("styrgrupp");
        int harleddaSmaTidigare = 0;
        int harleddaRattNu = 0;
        int harleddaNu = 0;
        for (StatistikRepository.Team t : team) {
            // every month of the year, and every period of three months
            for (int i = 0; i < 22; i++) {
                LocalDate fran = LocalDate.of(2026, 1 + i % 11, 1);
                LocalDate till = fran.plusMonths(i < 11 ? 1 : 3).minusDays(1);
                if (till.getYear() > 2026) {
                    continue;
                }
                Document sida = styrgruppensSida(styrgrupp, fran, till, t.id());
                if (sida.select("#tabell-avslutade tbody tr").isEmpty()) {
                    continue;
                }
                // The same people, the closed of the period, counted by three tables: one shown total.
                String avslutade = sumCell(sida, "avslutade");
                assertEquals(avslutade, sumCell(sida, "avslutsorsak"), t.namn() + " " + fran + " " + till);
                assertEquals(avslutade, sumCell(sida, "steg"), t.namn() + " " + fran + " " + till);
                assertEquals(avslutade, sida.select("#tabell-avslutade p.population").text()
                        .replaceAll(".*Bas för andelarna: ", ""));

                // Work or studies by the steps table, less work by the reasons table: the studies, said to be few.
                StatistikRepository repo = new StatistikRepository(app.jdbi());
                Statistik.Resultat r = Statistik.berakna(fran, till, Statistik.Bandset.NATIONELL,
                        Statistik.Skydd.EXAKT, repo.rader(fran, till, java.util.Set.of(t.id())), List.of(), k -> k);
                int studier = radsumma(r.tabell("avslutsorsak"), "avslutsorsak.studier");
                int arbete = radsumma(r.tabell("avslutsorsak"), "avslutsorsak.arbete");
                int stegArbeteStudier = radsumma(r.tabell("steg"), "steg.arbete_studier");
                if (studier > 0 && studier < 5 && arbete >= 5 && stegArbeteStudier == arbete + studier) {
                    harleddaSmaTidigare++;
                    Integer visatSteg = radsummaPaSidan(sida, "steg", "Arbete eller studier");
                    Integer visatArbete = radsummaPaSidan(sida, "avslutsorsak", "Arbete");
                    if (visatSteg != null && visatArbete != null) {
                        harleddaNu++;
                        if (visatSteg - visatArbete == studier) {
                            harleddaRattNu++;
                        }
                    }
                }
            }
        }
        assertTrue(harleddaSmaTidigare >= 3, "the earlier page let the few studies be worked out: "
                + harleddaSmaTidigare);
        assertTrue(harleddaRattNu < harleddaNu, "now the subtraction misses: right in " + harleddaRattNu + " of "
                + harleddaNu);
    }

    private static String sumCell(Document sida, String tabell) {
        return sida.select("#tabell-" + tabell + " tbody tr").last().select("td.tal:not(.andel)").last().text();
    }

    private static int radsumma(Statistik.Tabell t, String rad) {
        int i = t.rader().indexOf(rad);
        if (i < 0) {
            return 0;
        }
        return Integer.parseInt(t.celler()[i][t.kolumner().size()]);
    }

    private static Integer radsummaPaSidan(Document sida, String tabell, String rad) {
        for (Element tr : sida.select("#tabell-" + tabell + " tbody tr")) {
            if (tr.selectFirst("th").text().equals(rad)) {
                return Integer.valueOf(tr.select("td.tal:not(.andel)").last().text());
            }
        }
        return null;
    }
}
