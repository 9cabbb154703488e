package se.finsam.planering.uppfoljning;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * When follow-ups fall due: at the team's offsets in months from the meeting (default 1, 3 and 6).
 * An occasion counts as done when a follow-up was recorded from two weeks before it was due.
 */
public final class Uppfoljningsschema {

    /** How early a follow-up may be recorded and still count for an occasion. */
    public static final int TIDIGAST_DAGAR_FORE = 14;

    public record Tillfalle(int manader, LocalDate forfaller, LocalDate genomford) {
        public boolean klar() {
            return genomford != null;
        }
    }

    private Uppfoljningsschema() {
    }

    /** Parses a team's setting such as "1,3,6"; anything unreadable gives the default. */
    public static List<Integer> offsets(String setting) {
        try {
            List<Integer> months = Arrays.stream(setting.split(","))
                    .map(String::strip).filter(s -> !s.isEmpty()).map(Integer::parseInt)
                    .filter(m -> m > 0 && m <= 60).sorted().distinct().toList();
            return months.isEmpty() ? List.of(1, 3, 6) : months;
        } catch (RuntimeException e) {
            return List.of(1, 3, 6);
        }
    }

    /** Each occasion, matched in order with the follow-ups recorded (their dates, any order). */
    public static List<Tillfalle> schema(LocalDate motesdatum, List<Integer> offsets, List<LocalDate> uppfoljningar) {
        List<LocalDate> kvar = new ArrayList<>(uppfoljningar);
        kvar.sort(null);
        List<Tillfalle> result = new ArrayList<>();
        for (int manader : offsets) {
            LocalDate due = motesdatum.plusMonths(manader);
            LocalDate earliest = due.minusDays(TIDIGAST_DAGAR_FORE);
            LocalDate done = kvar.stream().filter(d -> !d.isBefore(earliest)).findFirst().orElse(null);
            if (done != null) {
                kvar.remove(done);
            }
            result.add(new Tillfalle(manader, due, done));
        }
        return result;
    }

    /** The first occasion not yet done, if any. */
    public static Optional<Tillfalle> nasta(List<Tillfalle> schema) {
        return schema.stream().filter(t -> !t.klar()).findFirst();
    }
}
