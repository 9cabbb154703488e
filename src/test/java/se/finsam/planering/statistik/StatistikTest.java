package se.finsam.planering.statistik;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every table computed from a known set of participants, cell by cell. */
class StatistikTest {

    private static final LocalDate FRAN = LocalDate.of(2026, 1, 1);
    private static final LocalDate TILL = LocalDate.of(2026, 6, 30);

    private static StatistikRepository.Rad rad(String kon, int fodd, String anmald, String avslutad, String orsak,
                                               String fore, String efter, String org, String mote) {
        return new StatistikRepository.Rad(0, 1, kon, fodd, anmald, fore, org, avslutad, orsak, efter, mote, null);
    }

    @Test
    void aldersbandVidGranserna() {
        Statistik.Bandset tioar = Statistik.Bandset.TIOAR;
        assertEquals("under30", tioar.band(1997, FRAN), "turns 29 in 2026");
        assertEquals("30_39", tioar.band(1996, FRAN), "turns 30 during the period: counted as 30");
        assertEquals("30_39", tioar.band(1987, FRAN));
        assertEquals("40_49", tioar.band(1986, FRAN));
        assertEquals("40_49", tioar.band(1977, FRAN));
        assertEquals("50plus", tioar.band(1976, FRAN));

        Statistik.Bandset nationell = Statistik.Bandset.NATIONELL;
        assertEquals(Statistik.Bandset.UTANFOR, nationell.band(2011, FRAN), "15");
        assertEquals("16_29", nationell.band(2010, FRAN));
        assertEquals("16_29", nationell.band(1997, FRAN));
        assertEquals("30_44", nationell.band(1996, FRAN));
        assertEquals("30_44", nationell.band(1982, FRAN));
        assertEquals("45_59", nationell.band(1981, FRAN));
        assertEquals("45_59", nationell.band(1967, FRAN));
        assertEquals("60_64", nationell.band(1966, FRAN));
        assertEquals("60_64", nationell.band(1962, FRAN));
        assertEquals(Statistik.Bandset.UTANFOR, nationell.band(1961, FRAN), "65");

        Statistik.Bandset aldre = Statistik.Bandset.NATIONELL_ALDRE;
        assertEquals("under30", aldre.band(1997, FRAN));
        assertEquals("30_59", aldre.band(1996, FRAN));
        assertEquals("30_59", aldre.band(1967, FRAN));
        assertEquals("60plus", aldre.band(1966, FRAN));
    }

    @Test
    void tabellernaFranKandaDeltagare() {
        List<StatistikRepository.Rad> rader = new ArrayList<>();
        // Six women aged 30-39 enrolled in the period, still ongoing.
        for (int i = 0; i < 6; i++) {
            rader.add(rad("kvinna", 1996, "2026-02-0" + (i + 1), null, null, "forsorjningsstod", null, "AF", null));
        }
        // Seven men under 30, enrolled before the period, closed in it: five to work, two to studies.
        for (int i = 0; i < 7; i++) {
            rader.add(rad("man", 1997, "2025-10-01", "2026-03-01", i < 5 ? "arbete" : "studier",
                    "forsorjningsstod", i < 5 ? "lon" : "studiemedel", "FK", "2025-10-11"));
        }
        // One man of 50 enrolled in the period and closed after it.
        rader.add(rad("man", 1976, "2026-05-01", "2026-08-01", "annat", "sjukpenning", "annan", "AF", null));

        Statistik.Resultat s = Statistik.berakna(FRAN, TILL, Statistik.Bandset.TIOAR, rader, List.of(), k -> k);

        String[][] inskrivna = s.tabell("anmalda").celler();
        // Rows kvinna, man, annat, total; columns under30, 30_39, 40_49, 50plus, total.
        // Exact counts (the koordinator's own teams); the adjusted ones are CellnyckelTest's.
        assertArrayEquals(new String[] {"0", "6", "0", "0", "6"}, inskrivna[0]);
        assertArrayEquals(new String[] {"0", "0", "0", "1", "1"}, inskrivna[1]);
        assertArrayEquals(new String[] {"0", "0", "0", "0", "0"}, inskrivna[2]);
        assertArrayEquals(new String[] {"0", "6", "0", "1", "7"}, inskrivna[3]);

        String[][] pagaende = s.tabell("pagaende").celler();
        assertEquals("6", pagaende[0][1]);
        assertEquals("1", pagaende[1][3], "the man closed after the period is ongoing at its end");

        String[][] avslutade = s.tabell("avslutade").celler();
        assertArrayEquals(new String[] {"7", "0", "0", "0", "7"}, avslutade[1]);
        assertArrayEquals(new String[] {"7", "0", "0", "0", "7"}, avslutade[3]);

        Statistik.Tabell forsorjning = s.tabell("forsorjning");
        assertEquals(List.of("forsorjning.forsorjningsstod"), forsorjning.rader());
        assertEquals(List.of("forsorjning.lon", "forsorjning.studiemedel"), forsorjning.kolumner());
        assertArrayEquals(new String[] {"5", "2", "7"}, forsorjning.celler()[0]);

        Statistik.Tabell orsak = s.tabell("avslutsorsak");
        assertEquals(List.of("avslutsorsak.arbete", "avslutsorsak.studier"), orsak.rader());
        assertArrayEquals(new String[] {"0", "5", "0", "5"}, orsak.celler()[0]);
        assertArrayEquals(new String[] {"0", "2", "0", "2"}, orsak.celler()[1]);
        assertNull(s.andelArbeteStudier(), "nobody started in the period: no base");

        Statistik.Tabell remiss = s.tabell("remitterande");
        assertEquals(List.of("AF"), remiss.rader(), "only the ones enrolled in the period");
        assertArrayEquals(new String[] {"6", "1", "0", "7"}, remiss.celler()[0]);

        assertArrayEquals(new String[] {"6", "8", "0", "14"}, s.tabell("nationell").celler()[0]);

        Statistik.Tid anmalanMote = s.tider().get(0);
        assertEquals(7, anmalanMote.antal());
        assertEquals(10.0, anmalanMote.median());
        assertEquals(141.0, s.tider().get(2).median(), "2025-10-11 to 2026-03-01");
        assertNull(s.tider().get(1).median(), "no handover acknowledged");
    }

    @Test
    void kvartiler() {
        assertEquals(2.0, Statistik.kvantil(List.of(1L, 2L, 3L, 4L, 5L), 0.25));
        assertEquals(3.0, Statistik.kvantil(List.of(1L, 2L, 3L, 4L, 5L), 0.5));
        assertEquals(2.5, Statistik.kvantil(List.of(1L, 2L, 3L, 4L), 0.5));
    }
}
