package se.finsam.planering.statistik;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SmacellsskyddTest {

    @Test
    void storaTalVisasMedSummor() {
        String[][] ut = Smacellsskydd.skydda(new int[][] {{10, 20}, {5, 0}});
        assertArrayEquals(new String[] {"10", "20", "30"}, ut[0]);
        assertArrayEquals(new String[] {"5", "0", "5"}, ut[1]);
        assertArrayEquals(new String[] {"15", "20", "35"}, ut[2]);
    }

    @Test
    void enEnsamLitenCellDoljerOckssaNastMinstaIRadOchKolumn() {
        String[][] ut = Smacellsskydd.skydda(new int[][] {{3, 12, 40}, {20, 30, 50}});
        assertEquals("<5", ut[0][0]);
        // Row 0: 12 is the next smallest; column 0: 20 is the only other one.
        assertEquals("x", ut[0][1]);
        assertEquals("x", ut[1][0]);
        // Row 1 and column 1 now have one hidden cell each, so they hide one more: the lone x in row 1 needs a partner.
        assertLinjerSkyddade(ut);
    }

    @Test
    void enLitenSummaDoljsOckso() {
        String[][] ut = Smacellsskydd.skydda(new int[][] {{1, 2}, {30, 40}});
        assertEquals("<5", ut[0][0]);
        assertEquals("<5", ut[0][1]);
        assertEquals("<5", ut[0][2], "the row total 3 is small too");
        assertLinjerSkyddade(ut);
    }

    @Test
    void ensamLitenCellBlandNollorDoljerSumman() {
        String[][] ut = Smacellsskydd.skydda(new int[][] {{0, 7, 0}, {2, 9, 6}});
        assertEquals("<5", ut[1][0]);
        assertLinjerSkyddade(ut);
        // The only non-zero of column 0 is small, so the column total is small too.
        assertEquals("<5", ut[2][0]);
    }

    @Test
    void tomTabell() {
        String[][] ut = Smacellsskydd.skydda(new int[][] {{0, 0}, {0, 0}});
        assertArrayEquals(new String[] {"0", "0", "0"}, ut[2]);
    }

    @Test
    void ingenDoldCellKanRaknasUtAvEnSumma() {
        // Many shapes; in each, every row and column with a hidden cell has at least two.
        int[][][] tabeller = {
                {{4}},
                {{4, 100}},
                {{1, 1, 1, 1}},
                {{50, 3}, {60, 70}, {0, 0}},
                {{5, 5, 5}, {5, 4, 5}, {5, 5, 5}},
                {{0, 0, 0}, {0, 4, 0}, {0, 0, 0}},
                {{8, 0}, {0, 1}},
        };
        for (int[][] t : tabeller) {
            String[][] ut = Smacellsskydd.skydda(t);
            assertLinjerSkyddade(ut);
            for (int r = 0; r < ut.length; r++) {
                for (int k = 0; k < ut[r].length; k++) {
                    Integer v = Smacellsskydd.tal(ut[r][k]);
                    assertTrue(v == null || v == 0 || v >= 5, "no small number shown: " + v);
                }
            }
        }
    }

    /** In every row and column (totals included) a hidden cell never stands alone unless it is the only non-zero. */
    private static void assertLinjerSkyddade(String[][] ut) {
        for (String[] rad : ut) {
            assertNotEquals(1, dolda(rad), String.join(" ", rad));
        }
        for (int k = 0; k < ut[0].length; k++) {
            String[] kolumn = new String[ut.length];
            for (int r = 0; r < ut.length; r++) {
                kolumn[r] = ut[r][k];
            }
            assertNotEquals(1, dolda(kolumn), String.join(" ", kolumn));
        }
    }

    private static long dolda(String[] linje) {
        return java.util.Arrays.stream(linje).filter(c -> Smacellsskydd.tal(c) == null).count();
    }
}
