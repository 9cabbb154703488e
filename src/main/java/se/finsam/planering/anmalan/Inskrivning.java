package se.finsam.planering.anmalan;

import java.time.LocalDate;
import se.finsam.planering.varden.Varden;
import se.finsam.planering.web.Formular;

/**
 * The outcome data recorded at inskrivning: highest completed education, how long the person has lived on public
 * support, sysselsättning before, and whether she had an employment at start. Recorded on the anmälan (where the
 * referrer may leave a value for the team to fill in) and editable until the plan is handed over. The inskrivning
 * date is the date of the first team meeting, derived from the meetings and stored nowhere else.
 */
public record Inskrivning(String utbildning, String tidForsorjning, String sysselsattning,
                          String anstallningVidStart) {

    public static final Inskrivning TOM = new Inskrivning("", "", "", "");

    /** Reads the four fields; an empty one is an error only when {@code kravs}; a code outside its set always. */
    public static Inskrivning las(Formular f, boolean kravs) {
        String[] falt = {"utbildning", "tidForsorjning", "sysselsattning", "anstallningVidStart"};
        java.util.List<java.util.List<String>> mangder = java.util.List.of(Varden.UTBILDNING, Varden.TID_FORSORJNING,
                Varden.SYSSELSATTNING, Varden.JA_NEJ_OKANT);
        String[] varden = new String[4];
        for (int i = 0; i < 4; i++) {
            varden[i] = f.val(falt[i], mangder.get(i), "inskrivning.fel." + falt[i]);
            if (kravs && varden[i].isEmpty()) {
                f.fel(falt[i], "inskrivning.fel." + falt[i]);
            }
        }
        return new Inskrivning(varden[0], varden[1], varden[2], varden[3]);
    }

    /** The value to store: null for "not recorded". */
    static String lagra(String v) {
        return v == null || v.isEmpty() ? null : v;
    }

    /** What the staff page shows: the values, the derived inskrivning date and whether they may still change. */
    public record Visning(Inskrivning varden, LocalDate inskrivningsdatum, boolean andringsbar) {
        public boolean komplett() {
            return !varden.utbildning().isEmpty() && !varden.tidForsorjning().isEmpty()
                    && !varden.sysselsattning().isEmpty() && !varden.anstallningVidStart().isEmpty();
        }
    }
}
