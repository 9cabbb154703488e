package se.finsam.planering.overlamning;

import java.time.DayOfWeek;
import java.time.LocalDate;

/** Working days are Monday to Friday. Public holidays are not counted out (a deliberate simplification). */
public final class Arbetsdagar {

    private Arbetsdagar() {
    }

    /** How many working days have passed after {@code fran} up to and including {@code till}. */
    public static int mellan(LocalDate fran, LocalDate till) {
        int n = 0;
        for (LocalDate d = fran.plusDays(1); !d.isAfter(till); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                n++;
            }
        }
        return n;
    }
}
