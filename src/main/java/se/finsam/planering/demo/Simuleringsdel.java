package se.finsam.planering.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jdbi.v3.core.Handle;
import se.finsam.planering.demo.Referensdata.StaffDef;
import se.finsam.planering.demo.Teamlage.SimuleratMote;

/**
 * What the parts of the simulation share: the clock, the one seeded {@link Random} (every draw
 * comes from it, in a fixed order, so the same clock gives the same data), the row writer and the
 * ids of the reference data once written.
 */
abstract class Simuleringsdel {

    /** Lag (2003:1210) om finansiell samordning. */
    static final long SEED = 20031210L;
    static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

    protected final LocalDate today;
    protected final Instant now;
    protected final Random rnd;
    /**
     * The draws of the large set's everyday work (stuck items that move again, dates revised, items checked by
     * their handläggare): a stream of its own, so that every draw of {@link #rnd}, and so the small demo, stays
     * as it was.
     */
    protected final Random rutin;
    /** SMALL is for showing the app; otherwise the benchmark set. */
    protected final boolean small;
    protected final Radskrivare rader;
    protected final Map<String, Long> orgIds;
    protected final Map<String, Long> staffIds;
    protected final Map<Long, StaffDef> staffById;
    protected final List<Teamlage> teams;
    protected final Omfang omfang;

    Simuleringsdel(Handle handle, Clock clock, boolean small, Omfang omfang) {
        this.today = LocalDate.now(clock);
        this.now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        this.rnd = new Random(SEED);
        this.rutin = new Random(SEED + 1);
        this.small = small;
        this.rader = new Radskrivare(handle);
        this.orgIds = new HashMap<>();
        this.staffIds = new HashMap<>();
        this.staffById = new HashMap<>();
        this.teams = new ArrayList<>();
        this.omfang = omfang;
    }

    /** Another part of the same simulation. */
    Simuleringsdel(Simuleringsdel del) {
        this(del, del.rnd);
    }

    /** Another part of the same simulation that draws from its own stream. */
    Simuleringsdel(Simuleringsdel del, Random egen) {
        this.today = del.today;
        this.now = del.now;
        this.rnd = egen;
        this.rutin = del.rutin;
        this.small = del.small;
        this.rader = del.rader;
        this.orgIds = del.orgIds;
        this.staffIds = del.staffIds;
        this.staffById = del.staffById;
        this.teams = del.teams;
        this.omfang = del.omfang;
    }

    protected int between(int lo, int hi) {
        return lo + rnd.nextInt(hi - lo + 1);
    }

    protected boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    protected <T> T pick(List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    @SafeVarargs
    protected final <T> T pick(T... values) {
        return values[rnd.nextInt(values.length)];
    }

    protected String weighted(Object... valuesAndWeights) {
        double total = 0;
        for (int i = 1; i < valuesAndWeights.length; i += 2) {
            total += ((Number) valuesAndWeights[i]).doubleValue();
        }
        double r = rnd.nextDouble() * total;
        for (int i = 0; i < valuesAndWeights.length; i += 2) {
            r -= ((Number) valuesAndWeights[i + 1]).doubleValue();
            if (r < 0) {
                return (String) valuesAndWeights[i];
            }
        }
        return (String) valuesAndWeights[valuesAndWeights.length - 2];
    }

    protected static Instant at(LocalDate date, int hour, int minute) {
        return date.atTime(hour, minute).atZone(ZONE).toInstant();
    }

    protected Instant during(LocalDate date) {
        return at(date, between(8, 15), between(0, 59));
    }

    protected String withYear(String text) {
        return text.replace("{år}", String.valueOf(today.getYear() - between(1, 5)));
    }

    /** Staff work weekdays: a date on a weekend moves back to the Friday before. */
    protected static LocalDate vardag(LocalDate date) {
        return switch (date.getDayOfWeek()) {
            case SATURDAY -> date.minusDays(1);
            case SUNDAY -> date.minusDays(2);
            default -> date;
        };
    }

    protected LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    protected LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    protected SimuleratMote nearestPast(Teamlage team, LocalDate target) {
        return team.past.stream()
                .min(Comparator.comparingLong(m -> Math.abs(ChronoUnit.DAYS.between(target, m.datum))))
                .orElseThrow();
    }

    protected SimuleratMote pickPast(Teamlage team, LocalDate from, LocalDate to) {
        List<SimuleratMote> candidates = new ArrayList<>();
        for (SimuleratMote m : team.past) {
            if (!m.datum.isBefore(from) && !m.datum.isAfter(to)) {
                candidates.add(m);
            }
        }
        if (candidates.isEmpty()) {
            return nearestPast(team, to);
        }
        return pickWithRoom(candidates);
    }

    protected SimuleratMote pickWithRoom(List<SimuleratMote> candidates) {
        if (small) {
            List<SimuleratMote> free = candidates.stream().filter(m -> m.bokade < 4).toList();
            if (!free.isEmpty()) {
                return pick(free);
            }
        }
        return pick(candidates);
    }

}
