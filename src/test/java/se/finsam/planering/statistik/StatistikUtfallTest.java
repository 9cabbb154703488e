package se.finsam.planering.statistik;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.TestData;

/**
 * The outcome tables computed from known participants, cell by cell (suppression included), and the rule that the
 * current check after avslut is the newest one no correction replaces, read from the real database.
 */
class StatistikUtfallTest extends AppTest {

    private static final LocalDate FRAN = LocalDate.of(2026, 1, 1);
    private static final LocalDate TILL = LocalDate.of(2026, 6, 30);

    private static StatistikRepository.Rad rad(String kon, String anmald, String mote, String avslutad, String orsak,
                                               StatistikRepository.Utfall u) {
        return new StatistikRepository.Rad(0, 1, kon, 1990, anmald, "forsorjningsstod", "AF", avslutad, orsak,
                avslutad == null ? null : "lon", mote, null, u);
    }

    private static StatistikRepository.Utfall utfall(String syssFore, String syssEfter, String steg, boolean igen,
                                                     Integer nadd6, String fors6, String syss6) {
        return new StatistikRepository.Utfall("gymnasial", "3_4", syssFore, "nej", syssEfter, steg, igen, nadd6,
                fors6, syss6, null, null, null);
    }

    @Test
    void utfallstabellernaFranKandaDeltagare() {
        List<StatistikRepository.Rad> rader = new ArrayList<>();
        // Six women referred last year, first meeting in the period, closed in it to work: checked at 6 months.
        for (int i = 0; i < 6; i++) {
            rader.add(rad("kvinna", "2025-12-01", "2026-01-1" + i, "2026-03-01", "arbete",
                    utfall("ingen", "arbete", "arbete_studier", false, 1, "lon", "arbete")));
        }
        // Seven men referred in the period, met in it, closed in it to further rehabilitation: two not reached,
        // five not yet checked; two of them referred again after an earlier avslut.
        for (int i = 0; i < 7; i++) {
            rader.add(rad("man", "2026-02-01", "2026-02-15", "2026-05-01", "fortsatt_rehabilitering",
                    utfall("arbetssokande", "ingen", "annan_insats_rehabilitering", i < 2, i < 2 ? 0 : null,
                            null, null)));
        }
        // One woman referred in the period whose first meeting is after it: referred, not enrolled; nothing recorded.
        rader.add(rad("kvinna", "2026-06-20", "2026-07-02", null, null, StatistikRepository.Utfall.INGET));

        Statistik.Resultat s = Statistik.berakna(FRAN, TILL, rader, List.of(), k -> k);

        // Enrolled = first meeting in the period: 6 women, 7 men; referred = 7 men and the one woman.
        assertArrayEquals(new String[] {"0", "6", "0", "0", "6"}, s.tabell("inskrivna").celler()[0]);
        assertArrayEquals(new String[] {"0", "7", "0", "0", "7"}, s.tabell("inskrivna").celler()[1]);
        assertArrayEquals(new String[] {"0", "1", "0", "0", "1"}, s.tabell("anmalda").celler()[0]);

        Statistik.Tabell syss = s.tabell("sysselsattning");
        assertEquals(List.of("sysselsattning.arbetssokande", "sysselsattning.ingen"), syss.rader());
        assertEquals(List.of("sysselsattning.arbete", "sysselsattning.ingen"), syss.kolumner());
        assertArrayEquals(new String[] {"0", "7", "7"}, syss.celler()[0]);
        assertArrayEquals(new String[] {"6", "0", "6"}, syss.celler()[1]);

        Statistik.Tabell fors6 = s.tabell("forsorjning6");
        assertEquals(List.of("forsorjning.lon", "forsorjning.ej_nadd", "forsorjning.ingen_kontroll"), fors6.kolumner());
        // 6 to work, 2 not reached, 5 not checked
        assertArrayEquals(new String[] {"6", "2", "5", "13"}, fors6.celler()[0]);
        assertEquals(List.of("sysselsattning.ej_nadd", "sysselsattning.ingen_kontroll"),
                s.tabell("sysselsattning6").kolumner().subList(1, 3));
        assertEquals(List.of("forsorjning.ingen_kontroll"), s.tabell("forsorjning12").kolumner());

        Statistik.Tabell steg = s.tabell("steg");
        assertEquals(List.of("steg.arbete_studier", "steg.annan_insats_rehabilitering"), steg.rader());
        assertArrayEquals(new String[] {"6", "0", "0", "6"}, steg.celler()[0]);
        assertArrayEquals(new String[] {"0", "7", "0", "7"}, steg.celler()[1]);

        Statistik.Tabell utbildning = s.tabell("utbildning");
        assertEquals(List.of("utbildning.gymnasial"), utbildning.rader(), "the woman not enrolled is not counted");
        assertArrayEquals(new String[] {"6", "7", "0", "13"}, utbildning.celler()[0]);

        // the two men referred in the period after an earlier avslut
        assertArrayEquals(new String[] {"0", "2", "0", "2"}, s.tabell("aterkommande").celler()[0]);
    }

    @Test
    void denAktuellaKontrollenArDenSomIngenRattelseErsatter() {
        long d = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").utanKonto().hamta();
        app.jdbi().useTransaction(h -> {
            long k = h.createQuery("SELECT id FROM anvandare WHERE anvandarnamn = 'koordinator'")
                    .mapTo(Long.class).one();
            h.createUpdate("""
                            INSERT INTO avslut (deltagare_id, datum, orsak, forsorjning, ingen_fortsattning,
                                                registrerad, registrerad_av, sysselsattning, steg_mot_arbete)
                            VALUES (:d, '2026-03-02', 'arbete', 'lon', 1, '2026-03-02T10:00:00Z', :k, 'arbete',
                                    'arbete_studier')""").bind("d", d).bind("k", k).execute();
            long forsta = h.createUpdate("""
                            INSERT INTO efterkontroll (deltagare_id, manader, nadd, forsorjning, sysselsattning, datum,
                                                       registrerad_av, registrerad)
                            VALUES (:d, 6, 1, 'lon', 'arbete', '2026-09-02', :k, '2026-09-02T10:00:00Z')""")
                    .bind("d", d).bind("k", k).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("""
                            INSERT INTO efterkontroll (deltagare_id, manader, nadd, datum, registrerad_av, registrerad,
                                                       ersatter_id)
                            VALUES (:d, 6, 0, '2026-09-03', :k, '2026-09-03T10:00:00Z', :f)""")
                    .bind("d", d).bind("k", k).bind("f", forsta).execute();
        });
        StatistikRepository repo = new StatistikRepository(app.jdbi());
        long team = app.jdbi().withHandle(h -> h.createQuery("SELECT team_id FROM deltagare WHERE id = :d")
                .bind("d", d).mapTo(Long.class).one());
        StatistikRepository.Rad rad = repo.rader(FRAN, LocalDate.of(2026, 12, 31), Set.of(team)).stream().filter(r -> r.id() == d)
                .findFirst().orElseThrow();
        assertEquals(0, rad.utfall().nadd6(), "the correction (not reached) is the current check");
        assertEquals(null, rad.utfall().forsorjning6());
        assertEquals("arbete_studier", rad.utfall().steg());
    }
}
