package se.finsam.planering.overlamning;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Year;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Working days in Sweden: Monday to Friday, except the public holidays of Jollyday's Swedish calendar. That
 * calendar also holds midsommarafton, julafton and nyårsafton: they are not public holidays by law, but Swedish
 * employers (and the authorities' collective agreements) treat them as days off, so a kvittens is not expected on
 * them either.
 */
public final class Arbetsdagar {

    private static final HolidayManager SVERIGE = HolidayManager.getInstance(
            ManagerParameters.create(HolidayCalendar.SWEDEN));
    private static final Map<Integer, Set<LocalDate>> HELGDAGAR = new ConcurrentHashMap<>();

    private Arbetsdagar() {
    }

    /** Whether the day is a working day: not a Saturday, Sunday or Swedish holiday (incl. the three eves). */
    public static boolean arbetsdag(LocalDate dag) {
        if (dag.getDayOfWeek() == DayOfWeek.SATURDAY || dag.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return false;
        }
        return !HELGDAGAR.computeIfAbsent(dag.getYear(), ar -> SVERIGE.getHolidays(Year.of(ar)).stream()
                .map(Holiday::getDate).collect(Collectors.toUnmodifiableSet())).contains(dag);
    }

    /** How many working days have passed after {@code fran} up to and including {@code till}. */
    public static int mellan(LocalDate fran, LocalDate till) {
        int n = 0;
        for (LocalDate d = fran.plusDays(1); !d.isAfter(till); d = d.plusDays(1)) {
            if (arbetsdag(d)) {
                n++;
            }
        }
        return n;
    }
}
