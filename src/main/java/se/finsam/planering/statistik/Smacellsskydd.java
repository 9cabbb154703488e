package se.finsam.planering.statistik;

import java.util.ArrayList;
import java.util.List;

/**
 * Hides small counts in a table of counts so that no person can be singled out.
 *
 * <p>Every count from 1 to 4 is hidden ("&lt;5"), totals included. Then, in every row and every column of the table
 * with its totals, a line with exactly one hidden cell also hides its smallest other non-zero cell, so the hidden one
 * cannot be worked out by subtracting from the total. This is repeated until no line has a lone hidden cell. Zeros
 * are shown: a zero says nothing about a person.
 */
public final class Smacellsskydd {

    public static final int GRANS = 5;
    public static final String LITEN = "<5";
    public static final String DOLD = "x";

    private Smacellsskydd() {
    }

    /** The table with its totals (last row and last column), each cell a shown number, "<5" or "x". */
    public static String[][] skydda(int[][] varden) {
        int rader = varden.length;
        int kolumner = rader == 0 ? 0 : varden[0].length;
        int[][] m = new int[rader + 1][kolumner + 1];
        for (int r = 0; r < rader; r++) {
            for (int k = 0; k < kolumner; k++) {
                m[r][k] = varden[r][k];
                m[r][kolumner] += varden[r][k];
                m[rader][k] += varden[r][k];
                m[rader][kolumner] += varden[r][k];
            }
        }
        int[][] lage = new int[rader + 1][kolumner + 1]; // 0 shown, 1 small, 2 hidden to protect a small one
        for (int r = 0; r <= rader; r++) {
            for (int k = 0; k <= kolumner; k++) {
                if (m[r][k] > 0 && m[r][k] < GRANS) {
                    lage[r][k] = 1;
                }
            }
        }
        boolean andrat = true;
        while (andrat) {
            andrat = false;
            for (int r = 0; r <= rader; r++) {
                List<int[]> linje = new ArrayList<>();
                for (int k = 0; k <= kolumner; k++) {
                    linje.add(new int[] {r, k});
                }
                andrat |= skyddaLinje(m, lage, linje);
            }
            for (int k = 0; k <= kolumner; k++) {
                List<int[]> linje = new ArrayList<>();
                for (int r = 0; r <= rader; r++) {
                    linje.add(new int[] {r, k});
                }
                andrat |= skyddaLinje(m, lage, linje);
            }
        }
        String[][] ut = new String[rader + 1][kolumner + 1];
        for (int r = 0; r <= rader; r++) {
            for (int k = 0; k <= kolumner; k++) {
                ut[r][k] = switch (lage[r][k]) {
                    case 1 -> LITEN;
                    case 2 -> DOLD;
                    default -> Integer.toString(m[r][k]);
                };
            }
        }
        return ut;
    }

    /** True if a cell was hidden because the line had only one hidden cell. */
    private static boolean skyddaLinje(int[][] m, int[][] lage, List<int[]> linje) {
        int dolda = 0;
        int[] minsta = null;
        for (int[] c : linje) {
            if (lage[c[0]][c[1]] != 0) {
                dolda++;
            } else if (m[c[0]][c[1]] > 0 && (minsta == null || m[c[0]][c[1]] < m[minsta[0]][minsta[1]])) {
                minsta = c;
            }
        }
        if (dolda == 1 && minsta != null) {
            lage[minsta[0]][minsta[1]] = 2;
            return true;
        }
        return false;
    }

    /** The number a shown cell stands for, or null for a hidden one. */
    public static Integer tal(String cell) {
        return LITEN.equals(cell) || DOLD.equals(cell) ? null : Integer.valueOf(cell);
    }
}
