package se.finsam.planering.statistik;

import se.finsam.planering.testsupport.TestData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestApp;

/**
 * Periods of whole, ended months for everyone who sees adjusted figures. Two requests whose people differ by one
 * person (periods ending on two days, or the same period asked on two days while the month is under way) get the
 * same answer; what two allowed periods differ by is whole months of people. The koordinator's own teams keep exact
 * days.
 */
class HelaManaderTest extends AppTest {

    private static final LocalDate NYAR = LocalDate.of(2026, 1, 1);
    private static long teamId;

    /**
     * A team of 140 imported participants, one referred every other day from 5 January 2026 (so no two on one day),
     * started a week later; those referred before July closed 100 days after referral, to work, studies or further
     * rehabilitation in turn.
     */
    @BeforeAll
    static void importera() {
        teamId = TestData.teamSomKista(app, "Vällingby månader");
        StringBuilder rader = new StringBuilder();
        int[] fodd = {2000, 1990, 1975, 1963};
        String[] orsak = {"arbete", "studier", "fortsatt_rehabilitering"};
        for (int i = 0; i < 140; i++) {
            LocalDate anmald = LocalDate.of(2026, 1, 5).plusDays(2L * i);
            String avslut = "";
            if (anmald.isBefore(LocalDate.of(2026, 7, 1))) {
                String o = orsak[i % 3];
                avslut = anmald.plusDays(100) + ";" + o + ";" + (o.equals("arbete") ? "lon" : o.equals("studier")
                        ? "studiemedel" : "ingen") + ";ingen;" + (o.equals("fortsatt_rehabilitering")
                        ? "annan_insats_rehabilitering" : "arbete_studier");
            }
            rader.append(rad("MAN-" + i, i % 2 == 0 ? "kvinna" : "man", fodd[(i / 2) % 4], anmald, avslut));
        }
        importera(rader.toString());
        // Fixed keys, so the run is the same every time; the app draws them at random when a participant is created.
        Random slump = new Random(49);
        app.jdbi().useHandle(h -> {
            for (long d : h.createQuery("SELECT id FROM deltagare ORDER BY id").mapTo(Long.class).list()) {
                h.createUpdate("UPDATE deltagare SET cellnyckel = :k WHERE id = :id").bind("k", slump.nextInt(256))
                        .bind("id", d).execute();
            }
        });
    }

    @AfterEach
    void klockanTillbaka() {
        app.clock().set(TestApp.START);
    }

    /** A row of the person-level file: started a week after referral when that day has come, else not yet. */
    private static String rad(String kod, String kon, int fodd, LocalDate anmald, String avslut) {
        String slut = avslut.isEmpty() ? ";;;;" : avslut;
        LocalDate start = anmald.plusDays(7);
        String inskriven = start.isAfter(LocalDate.now(app.clock())) ? "" : start.toString();
        return kod + ";Vällingby månader;" + kon + ";" + fodd + ";" + anmald + ";af;" + inskriven
                + ";forsorjningsstod;ingen;gymnasial;3_4;nej;;" + slut + ";;;;;;;;\r\n";
    }

    /** Rows of the person-level file imported into the team through the koordinator's import, as she would. */
    private static void importera(String rader) {
        String fil = "\uFEFF" + String.join(";", StatistikRoutes.PERSONFIL_KOLUMNER) + "\r\n" + rader;
        HttpSession k = app.session().loginStaff("koordinator");
        k.get("/statistik/import");
        var granskning = k.postFil("/statistik/import", Map.of("team", String.valueOf(teamId)), "manader.csv",
                "text/csv", fil.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, granskning.statusCode(), HttpSession.html(granskning).text());
        assertEquals(302, k.post("/statistik/import/spara", HttpSession.formData(HttpSession.html(granskning),
                "form[action=/statistik/import/spara]")).statusCode());
    }

    /** The exact table, as the koordinator's own figures count it. */
    private static int[][] exakt(LocalDate fran, LocalDate till, String tabell) {
        return DifferensattackTest.exakt(app, fran, till, teamId, tabell);
    }

    private static int summa(int[][] tabell) {
        return tabell[tabell.length - 1][tabell[0].length - 1];
    }

    /** Every table of the page (cells, shares and charts), the key figures and the times: the figures it shows. */
    private static String siffrorna(Document sida) {
        return sida.select("section.nyckeltal, section.statistik-tabell").outerHtml();
    }

    /** Each table's cells as the page shows them, by the table's id. */
    private static Map<String, String[][]> tabeller(Document sida) {
        Map<String, String[][]> ut = new LinkedHashMap<>();
        for (Element sektion : sida.select("section.statistik-tabell[id^=tabell-]")) {
            List<String[]> rader = new ArrayList<>();
            for (Element tr : sektion.select("tbody tr")) {
                rader.add(tr.select("td.tal:not(.andel)").eachText().toArray(String[]::new));
            }
            ut.put(sektion.id().substring("tabell-".length()), rader.toArray(String[][]::new));
        }
        return ut;
    }

    /**
     * The differencing attack of the report, over every pair of periods from New Year ending on consecutive days of
     * the year's ended months on which exactly one more person is referred: the styrgrupp's answers for the two
     * requests are the same, in every table (the linked ones too) and in the CSV and xlsx.
     */
    @Test
    void tvaPerioderSomSkiljerSigMedEnPersonGerSammaSvar() throws Exception {
        HttpSession styrgrupp = app.session().loginStaff("styrgrupp");
        int par = 0;
        int parInomEnManad = 0;
        String forraCsv = null;
        LocalDate forraDag = null;
        for (LocalDate dag = LocalDate.of(2026, 1, 2); !dag.isAfter(LocalDate.of(2026, 10, 31)); dag = dag.plusDays(1)) {
            String csv = styrgrupp.get("/statistik/statistik.csv?fran=" + NYAR + "&till=" + dag + "&team=" + teamId)
                    .body();
            if (forraCsv != null && summa(exakt(NYAR, dag, "anmalda")) - summa(exakt(NYAR, forraDag, "anmalda")) == 1) {
                par++;
                if (dag.getMonth() == forraDag.getMonth()) {
                    parInomEnManad++;
                    assertEquals(forraCsv, csv, "periods ending " + forraDag + " and " + dag);
                } else {
                    assertNotEquals(forraCsv, csv, "a new month is a new period");
                }
            }
            forraCsv = csv;
            forraDag = dag;
        }
        assertTrue(par >= 140, "one person more on every other day: " + par);
        assertTrue(parInomEnManad >= 130, "" + parInomEnManad);

        // One such pair in full: the page and the workbook too, and the page says which whole months it shows.
        LocalDate fore = LocalDate.of(2026, 6, 17);
        LocalDate efter = LocalDate.of(2026, 6, 18);
        assertEquals(1, summa(exakt(NYAR, efter, "anmalda")) - summa(exakt(NYAR, fore, "anmalda")));
        Document sidaFore = styrgrupp.page("/statistik?fran=" + NYAR + "&till=" + fore + "&team=" + teamId);
        Document sidaEfter = styrgrupp.page("/statistik?fran=" + NYAR + "&till=" + efter + "&team=" + teamId);
        assertEquals(siffrorna(sidaFore), siffrorna(sidaEfter));
        assertTrue(siffrorna(sidaEfter).contains("tabell-avslutsorsak") && siffrorna(sidaEfter).contains("tabell-steg"));
        assertEquals("Perioden gäller hela månader: 1 jan–30 jun 2026.",
                sidaEfter.selectFirst("#helamanader p").text());
        assertTrue(sidaEfter.select("#helamanader").text().contains("Du valde 1 jan–18 jun 2026."),
                sidaEfter.select("#helamanader").text());
        assertEquals(xlsx(styrgrupp, fore), xlsx(styrgrupp, efter));
    }

    /** Every sheet's cells as text, so two workbooks compare by what they say and not by when they were written. */
    private static List<String> xlsx(HttpSession s, LocalDate till) throws Exception {
        HttpResponse<byte[]> svar = s.bytes("/statistik/statistik.xlsx?fran=" + NYAR + "&till=" + till + "&team="
                + teamId);
        assertEquals(200, svar.statusCode());
        List<String> ut = new ArrayList<>();
        try (var bok = new org.dhatim.fastexcel.reader.ReadableWorkbook(
                new java.io.ByteArrayInputStream(svar.body()))) {
            for (var blad : bok.getSheets().toList()) {
                ut.add("# " + blad.getName());
                for (var rad : blad.read()) {
                    List<String> celler = new ArrayList<>();
                    for (int k = 0; k < rad.getCellCount(); k++) {
                        celler.add(rad.getCellText(k));
                    }
                    ut.add(String.join(";", celler));
                }
            }
        }
        return ut;
    }

    /**
     * The month under way grows by a person at a time, so asking the same period on two days would show each new
     * person: the styrgrupp's page, its CSV and the year page stay the same all through December while a person is
     * referred every day, and the month appears once it is over, as a whole month of people.
     */
    @Test
    void denPagaendeManadenRaknasForstNarDenArSlut() {
        String forstaSidan = null;
        String forstaCsv = null;
        String forstaArssidan = null;
        Map<String, String[][]> forraTabeller = null;
        Document sistaSidan = null;
        for (int d = 1; d <= 12; d++) {
            LocalDate idag = LocalDate.of(2026, 12, d);
            app.clock().set(Instant.parse(idag + "T08:00:00Z"));
            importera(rad("DEC-" + d, d % 2 == 0 ? "kvinna" : "man", 1990 + d, idag, ""));
            HttpSession styrgrupp = app.session().loginStaff("styrgrupp");
            String fraga = "?fran=" + NYAR + "&till=" + idag + "&team=" + teamId;
            Document sida = styrgrupp.page("/statistik" + fraga);
            String siffror = siffrorna(sida) + siffrorna(styrgrupp.page("/statistik?team=" + teamId));
            String csv = styrgrupp.get("/statistik/statistik.csv" + fraga).body();
            String arssidan = styrgrupp.page("/statistik/ar/2026").select("main table").outerHtml();
            Map<String, String[][]> tabeller = tabeller(sida);
            if (forstaSidan == null) {
                forstaSidan = siffror;
                forstaCsv = csv;
                forstaArssidan = arssidan;
            }
            assertEquals(forstaSidan, siffror, idag.toString());
            assertEquals(forstaCsv, csv, idag.toString());
            assertEquals(forstaArssidan, arssidan, idag.toString());
            if (forraTabeller != null) {
                for (var t : tabeller.entrySet()) {
                    assertTrue(java.util.Arrays.deepEquals(forraTabeller.get(t.getKey()), t.getValue()),
                            t.getKey() + " " + idag);
                }
            }
            forraTabeller = tabeller;
            sistaSidan = sida;
        }
        assertTrue(app.session().loginStaff("styrgrupp").page("/statistik/ar/2026").select("#helamanader").text()
                .contains("Året innan räknas för samma månader, 1 jan–30 nov 2025"));
        assertTrue(sistaSidan.select("#helamanader").text().contains(
                "Den pågående månaden räknas först när den är slut, så perioden slutar 30 nov 2026."),
                sistaSidan.select("#helamanader").text());
        // On a day in January the year 2026 is whole: December comes in as twelve people at once.
        app.clock().set(Instant.parse("2027-01-04T08:00:00Z"));
        HttpSession styrgrupp = app.session().loginStaff("styrgrupp");
        Document januari = styrgrupp.page("/statistik?team=" + teamId);
        assertEquals("Perioden gäller hela månader: 1 jan–31 dec 2026.", januari.selectFirst("#helamanader p").text(),
                "in January the styrgrupp starts on the year that has ended months");
        assertEquals(12, summa(exakt(NYAR, LocalDate.of(2026, 12, 31), "anmalda"))
                - summa(exakt(NYAR, LocalDate.of(2026, 11, 30), "anmalda")));
        Document helaAret = styrgrupp.page("/statistik?fran=" + NYAR + "&till=2026-12-12&team=" + teamId);
        assertNotEquals(forstaSidan, siffrorna(helaAret) + siffrorna(januari));
        assertEquals(siffrorna(helaAret), siffrorna(januari));

        // A period with no ended month yet is an ordinary choice: said plainly, no figures, no error.
        HttpResponse<String> ingen = styrgrupp.get("/statistik?fran=2027-01&till=2027-01&team=" + teamId);
        assertEquals(200, ingen.statusCode());
        Document ingenSida = HttpSession.html(ingen);
        assertTrue(ingenSida.select("#helamanader").text().startsWith("Perioden har ingen hel månad som är slut än."));
        assertTrue(ingenSida.select("section.statistik-tabell").isEmpty());
        HttpResponse<String> ingenCsv = styrgrupp.get("/statistik/statistik.csv?fran=2027-01&till=2027-01");
        assertEquals(200, ingenCsv.statusCode());
        assertTrue(ingenCsv.body().contains("Perioden har ingen hel månad som är slut än."));
    }

    /** The styrgrupp chooses months; a month and days in it give the same figures. */
    @Test
    void styrgruppenValjerManader() {
        HttpSession styrgrupp = app.session().loginStaff("styrgrupp");
        Document manader = styrgrupp.page("/statistik?fran=2026-03&till=2026-06&team=" + teamId);
        assertEquals("month", manader.selectFirst("#fran").attr("type"));
        assertEquals("month", manader.selectFirst("#till").attr("type"));
        assertEquals("2026-03", manader.selectFirst("#fran").val());
        assertEquals("2026-06", manader.selectFirst("#till").val());
        assertEquals("Perioden gäller hela månader: 1 mar–30 jun 2026.", manader.selectFirst("#helamanader p").text());
        assertEquals(1, manader.select("#helamanader p").size(), "whole months chosen: nothing was widened");
        Document dagar = styrgrupp.page("/statistik?fran=2026-03-15&till=2026-06-02&team=" + teamId);
        assertEquals(siffrorna(manader), siffrorna(dagar));
        assertEquals("2026-03", dagar.selectFirst("#fran").val(), "a link with days shows its months");
        assertTrue(dagar.select("#helamanader").text().contains("Du valde 15 mar–2 jun 2026."));
        // A year across New Year is named with both years.
        assertEquals("Perioden gäller hela månader: 1 dec 2025–28 feb 2026.",
                styrgrupp.page("/statistik?fran=2025-12&till=2026-02").selectFirst("#helamanader p").text());

        HttpResponse<String> fel = styrgrupp.get("/statistik?fran=2026-13&till=2026-06");
        assertEquals(400, fel.statusCode());
        assertTrue(HttpSession.html(fel).select("[role=alert]").text().contains("månad som 2026-01"));
    }

    /**
     * The koordinator sees her own teams' exact figures for the very days she asks for; what she may publish (the
     * adjusted export) is for whole, ended months as the styrgrupp's; another team's figures she does not get at
     * all, on the page or in an export, as before.
     */
    @Test
    void koordinatornSerExaktaDagarForSinaTeam() {
        HttpSession k = app.session().loginStaff("koordinator");
        LocalDate fran = LocalDate.of(2026, 3, 15);
        LocalDate till = LocalDate.of(2026, 6, 2);
        String fraga = "?fran=" + fran + "&till=" + till + "&team=" + teamId;
        Document sida = k.page("/statistik" + fraga);
        assertEquals("date", sida.selectFirst("#fran").attr("type"));
        assertEquals(fran.toString(), sida.selectFirst("#fran").val());
        assertNull(sida.selectFirst("#helamanader"));
        assertTrue(sida.select("h2").first().text().contains("2026-03-15 till 2026-06-02"));
        String[][] anmalda = tabeller(sida).get("anmalda");
        String visad = anmalda[anmalda.length - 1][anmalda[0].length - 1];
        assertEquals(Integer.toString(summa(exakt(fran, till, "anmalda"))), visad, "her exact count for those days");
        assertNotEquals(Integer.toString(summa(exakt(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 6, 30),
                "anmalda"))), visad, "which is not the whole months' count");

        String exaktCsv = k.get("/statistik/statistik.csv" + fraga + "&exakt=1").body();
        assertTrue(exaktCsv.startsWith("\uFEFFStatistik;2026-03-15;2026-06-02\r\n"), exaktCsv.substring(0, 60));
        String justeradCsv = k.get("/statistik/statistik.csv" + fraga).body();
        assertTrue(justeradCsv.startsWith("\uFEFFStatistik;2026-03-01;2026-06-30;Perioden gäller hela månader: "
                + "1 mar–30 jun 2026.\r\n"), justeradCsv.substring(0, 80));
        HttpSession styrgrupp = app.session().loginStaff("styrgrupp");
        assertEquals(styrgrupp.get("/statistik/statistik.csv" + fraga).body(), justeradCsv,
                "what she may publish is what the styrgrupp sees");

        long farsta = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT t.id FROM team t JOIN team_medlem m ON m.team_id = t.id JOIN anvandare a ON a.id = m.anvandare_id"
                        + " WHERE a.anvandarnamn = 'koordinator.farsta'").mapTo(Long.class).one());
        for (String vag : List.of("/statistik", "/statistik/statistik.csv", "/statistik/statistik.xlsx")) {
            HttpResponse<String> svar = k.get(vag + "?fran=" + fran + "&till=" + till + "&team=" + farsta);
            assertEquals(400, svar.statusCode(), vag);
            assertFalse(svar.body().contains("tabell-anmalda"), vag);
        }
    }
}
