package se.finsam.planering.statistik;

/**
 * Disclosure control by cell keys, the method of the Australian Bureau of Statistics: every participant has a fixed
 * random key from 0 to 255, stored with her. A cell's key is the sum of its participants' keys modulo 256, and a
 * fixed table maps the cell's count and key to the count shown. The same people therefore always give the same
 * shown count, whatever table, period or team they are asked for; a count that differs by one person gets an
 * unrelated adjustment, so subtracting two shown counts no longer gives the person.
 *
 * <p>The table, in 256ths (the share of cell keys that give each count):
 * <ul>
 *     <li>0 is shown as 0 (an empty cell holds nobody to protect);</li>
 *     <li>1 as 0 (170) or 3 (86); 2 as 0 (85) or 3 (171): a 1 or a 2 is never shown;</li>
 *     <li>3 as 0 (27), 3 (165), 4 (48) or 5 (16);</li>
 *     <li>4 as 3 (72), 4 (128), 5 (40) or 6 (16);</li>
 *     <li>n of 5 or more as n−2 (16), n−1 (48), n (128), n+1 (48) or n+2 (16).</li>
 * </ul>
 * On average the shown count is the true one (within a hundredth); half of all cells of five or more are shown
 * exactly, and none is moved by more than 2. Totals are cells of their own, adjusted by their own key, so a table's
 * cells need not add up to its shown total.
 */
public final class Cellnyckel {

    /** Keys run from 0 to {@code NYCKLAR - 1}. */
    public static final int NYCKLAR = 256;
    /** The largest adjustment of a count. */
    public static final int STORSTA_ANDRING = 2;
    /** The smallest count other than 0 that is ever shown. */
    public static final int MINSTA_VISADE = 3;

    /** Per true count 1, 2, 3, 4 and 5-or-more: the shown counts (or adjustments, last row) and their 256ths. */
    private static final int[][] VARDEN = {{0, 3}, {0, 3}, {0, 3, 4, 5}, {3, 4, 5, 6}, {-2, -1, 0, 1, 2}};
    private static final int[][] ANDELAR = {{170, 86}, {85, 171}, {27, 165, 48, 16}, {72, 128, 40, 16},
            {16, 48, 128, 48, 16}};

    private Cellnyckel() {
    }

    /** A cell key: the sum of the participants' keys, modulo 256. */
    public static int summa(int nyckel, int tillagg) {
        return Math.floorMod(nyckel + tillagg, NYCKLAR);
    }

    /** The count shown for a cell of {@code antal} participants whose keys sum to {@code nyckel} (mod 256). */
    public static int justera(int antal, int nyckel) {
        if (antal <= 0) {
            return 0;
        }
        int rad = Math.min(antal, 5) - 1;
        // The key is spread so that neighbouring keys do not give neighbouring rows of the table the same offset.
        int k = Math.floorMod(nyckel * 167 + 89, NYCKLAR);
        int grans = 0;
        for (int i = 0; i < ANDELAR[rad].length; i++) {
            grans += ANDELAR[rad][i];
            if (k < grans) {
                return rad == 4 ? antal + VARDEN[rad][i] : VARDEN[rad][i];
            }
        }
        throw new IllegalStateException("the table's shares must sum to " + NYCKLAR);
    }
}
