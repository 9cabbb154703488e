package se.finsam.planering.anmalan;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/** Swedish personnummer: typed with or without century and dash, checked with the Luhn check digit. */
public final class Personnummer {

    private Personnummer() {
    }

    /**
     * The number as YYYYMMDD-NNNN, or empty if it is not a valid personnummer. Ten digits get their century
     * from {@code today}: a person is never born in the future, and over a hundred only with a "+".
     */
    public static Optional<String> normalisera(String typed, LocalDate today) {
        if (typed == null) {
            return Optional.empty();
        }
        String s = typed.strip().replace(" ", "");
        boolean plus = s.contains("+");
        String digits = s.replaceAll("[-+]", "");
        if (!digits.matches("\\d{10}|\\d{12}")) {
            return Optional.empty();
        }
        String full;
        if (digits.length() == 12) {
            full = digits;
        } else {
            int yy = Integer.parseInt(digits.substring(0, 2));
            int century = today.getYear() / 100 * 100;
            int year = century + yy;
            if (year > today.getYear()) {
                year -= 100;
            }
            if (plus) {
                year -= 100;
            }
            full = year + digits.substring(2);
        }
        if (!luhnOk(full.substring(2))) {
            return Optional.empty();
        }
        int day = Integer.parseInt(full.substring(6, 8));
        // Samordningsnummer add 60 to the day.
        if (day > 60) {
            day -= 60;
        }
        try {
            LocalDate.of(Integer.parseInt(full.substring(0, 4)), Integer.parseInt(full.substring(4, 6)), day);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.of(full.substring(0, 8) + "-" + full.substring(8));
    }

    public static int fodelsear(String normaliserat) {
        return Integer.parseInt(normaliserat.substring(0, 4));
    }

    /** The Luhn check over the ten digits YYMMDDNNNC. */
    static boolean luhnOk(String tenDigits) {
        int sum = 0;
        for (int i = 0; i < tenDigits.length(); i++) {
            int d = tenDigits.charAt(i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    /** Shown to those who do not need the whole number: the date of birth only. */
    public static String maskerat(String normaliserat) {
        return normaliserat == null ? null : normaliserat.substring(0, 8) + "-****";
    }
}
