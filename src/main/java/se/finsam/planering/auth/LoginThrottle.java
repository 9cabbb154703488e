package se.finsam.planering.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Slows down and bounds guessing. Failures are counted per account name, per address and, for
 * participants, in one budget shared by every participant login.
 *
 * <ul>
 *   <li>A staff account: from the {@value #FREE_ATTEMPTS}th failure on, locked for a time that doubles with
 *       each further failure, up to {@link #MAX_LOCK}; forgotten after a day without failures.</li>
 *   <li>A participant account: the same for the 3rd and 4th failure, and from the
 *       {@value #DELTAGARE_MAX_FAILURES}th on locked until she chooses a new PIN with a new activation code
 *       from the koordinator. Never forgotten by time.</li>
 *   <li>An address: locked later ({@value #ADDRESS_FREE_ATTEMPTS} failures), and the lock only stops accounts
 *       that have failed themselves: a shared office network keeps working for everyone who types right.</li>
 *   <li>All participant logins together: at most {@value #DELTAGARE_BUDGET_PER_HOUR} failures an hour.</li>
 * </ul>
 *
 * An attempt is counted before its password is checked (see {@link #begin}), so a guess that never
 * finishes, or many sent at once, are counted all the same. A success takes its count back.
 */
public final class LoginThrottle {

    public static final int FREE_ATTEMPTS = 3;
    public static final int ADDRESS_FREE_ATTEMPTS = FREE_ATTEMPTS * 5;
    public static final int DELTAGARE_MAX_FAILURES = 5;
    public static final int DELTAGARE_BUDGET_PER_HOUR = 100;
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    private static final Duration FORGET_AFTER = Duration.ofDays(1);
    private static final Duration BUDGET_WINDOW = Duration.ofHours(1);
    private static final String BUDGET_KEY = "budget:deltagare";
    /** Keys hold typed names; a name longer than this can be no account's. */
    private static final int MAX_KEY_NAME = 100;

    /** How a kind of key counts and locks. */
    public enum Regel {
        PERSONAL(FREE_ATTEMPTS, Integer.MAX_VALUE, true),
        DELTAGARE(FREE_ATTEMPTS, DELTAGARE_MAX_FAILURES, false),
        ADRESS(ADDRESS_FREE_ATTEMPTS, Integer.MAX_VALUE, true);

        final int freeAttempts;
        final int lockedUntilNewPinAfter;
        final boolean forgets;

        Regel(int freeAttempts, int lockedUntilNewPinAfter, boolean forgets) {
            this.freeAttempts = freeAttempts;
            this.lockedUntilNewPinAfter = lockedUntilNewPinAfter;
            this.forgets = forgets;
        }
    }

    /** A lock: how long it lasts, or that it lasts until a new PIN is chosen. */
    public record Sparr(Duration kvar, boolean tillsNyPin) {
    }

    /**
     * The outcome of {@link #begin}: refused with a lock (nothing was counted), or admitted, counted, and
     * carrying the lock its failure leaves behind (if any).
     */
    public record Forsok(Optional<Sparr> nekad, Optional<Sparr> sparrOmFel, boolean nyttSparrOmFel,
                         String kontoNyckel, String adressNyckel, boolean budget) {
        public boolean admitted() {
            return nekad.isEmpty();
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;

    public LoginThrottle(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        jdbi.registerRowMapper(ConstructorMapper.factory(Misslyckanden.class));
    }

    public static String kontoNyckel(Regel regel, String username) {
        String name = username.toLowerCase(java.util.Locale.ROOT);
        if (name.length() > MAX_KEY_NAME) {
            name = name.substring(0, MAX_KEY_NAME);
        }
        return (regel == Regel.DELTAGARE ? "deltagare:" : "konto:") + name;
    }

    public static String adressNyckel(String address) {
        return "ip:" + address;
    }

    /**
     * A quick look, without counting anything, whether this attempt would be refused: used before waiting
     * for the expensive password check, and checked again atomically by {@link #begin}.
     */
    public Optional<Sparr> wouldRefuse(String kontoNyckel, Regel regel, String adressNyckel, boolean budget) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> refusal(h, now, kontoNyckel, regel, adressNyckel, budget));
    }

    /**
     * Checks the locks and, if the attempt may go on, counts it as a failure of the account, the address and
     * (for participants) the shared budget, all in one transaction: of many attempts sent at once, only as
     * many as the rules allow get through to the password check.
     */
    public Forsok begin(String kontoNyckel, Regel regel, String adressNyckel, boolean budget) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            Optional<Sparr> refused = refusal(h, now, kontoNyckel, regel, adressNyckel, budget);
            if (refused.isPresent()) {
                return new Forsok(refused, Optional.empty(), false, kontoNyckel, adressNyckel, budget);
            }
            int accountFailures = count(h, now, kontoNyckel, regel);
            Optional<Sparr> accountLock = store(h, now, kontoNyckel, accountFailures + 1, regel);
            Optional<Sparr> addressLock = store(h, now, adressNyckel, count(h, now, adressNyckel, Regel.ADRESS) + 1,
                    Regel.ADRESS);
            if (budget) {
                spendBudget(h, now);
            }
            Optional<Sparr> lock = accountLock.isPresent() ? accountLock : addressLock;
            return new Forsok(Optional.empty(), lock, lock.isPresent(), kontoNyckel, adressNyckel, budget);
        });
    }

    /** The password was right: the account starts afresh and the address and budget get their count back. */
    public void succeeded(Forsok forsok) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM login_attempt WHERE nyckel = :k").bind("k", forsok.kontoNyckel()).execute();
            forgive(h, forsok.adressNyckel(), Regel.ADRESS.freeAttempts);
            if (forsok.budget()) {
                forgive(h, BUDGET_KEY, Integer.MAX_VALUE);
            }
        });
    }

    private Optional<Sparr> refusal(Handle h, Instant now, String kontoNyckel, Regel regel, String adressNyckel,
                                    boolean budget) {
        Optional<Sparr> account = lock(h, now, kontoNyckel, regel);
        if (account.isPresent()) {
            return account;
        }
        if (lock(h, now, adressNyckel, Regel.ADRESS).isPresent() && count(h, now, kontoNyckel, regel) > 0) {
            return lock(h, now, adressNyckel, Regel.ADRESS);
        }
        return budget ? budgetSpent(h, now) : Optional.empty();
    }

    // ---- single keys (the activation form counts per address only) ----

    /** How long the key is still locked, if it is. */
    public Optional<Duration> lockedFor(String key) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> lock(h, now, key, Regel.PERSONAL)).map(Sparr::kvar);
    }

    /** Records a failure and returns the lock it caused, if any. */
    public Optional<Duration> recordFailure(String key) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> store(h, now, key, count(h, now, key, Regel.PERSONAL) + 1, Regel.PERSONAL))
                .map(Sparr::kvar);
    }

    public void reset(String key) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM login_attempt WHERE nyckel = :k").bind("k", key).execute());
    }

    // ---- the rules ----

    static Duration lockFor(int failures, int freeAttempts) {
        if (failures < freeAttempts) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - freeAttempts, 10);
        Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
        return lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock;
    }

    /**
     * The most failed participant logins an attacker gets through in a day, whatever the number of
     * addresses and accounts used: the shared budget, 24 times.
     */
    public static int deltagareGuessesPerDay() {
        return DELTAGARE_BUDGET_PER_HOUR * (int) (Duration.ofDays(1).toHours() / BUDGET_WINDOW.toHours());
    }

    /** The failures stored under one key: how many, the latest, and any lock. */
    public record Misslyckanden(int misslyckade, Instant senaste, Instant sparradTill) {
    }

    private static Optional<Misslyckanden> misslyckanden(Handle h, String key) {
        return h.createQuery("SELECT misslyckade, senaste, sparrad_till FROM login_attempt WHERE nyckel = :k")
                .bind("k", key)
                .mapTo(Misslyckanden.class)
                .findOne();
    }

    private static int count(Handle h, Instant now, String key, Regel regel) {
        return misslyckanden(h, key)
                .map(m -> regel.forgets && m.senaste().plus(FORGET_AFTER).isBefore(now) ? 0 : m.misslyckade())
                .orElse(0);
    }

    private static Optional<Sparr> lock(Handle h, Instant now, String key, Regel regel) {
        return misslyckanden(h, key).flatMap(m -> {
            if (m.misslyckade() >= regel.lockedUntilNewPinAfter) {
                return Optional.of(new Sparr(Duration.ZERO, true));
            }
            Instant until = m.sparradTill();
            if (until == null || !until.isAfter(now)) {
                return Optional.<Sparr>empty();
            }
            return Optional.of(new Sparr(Duration.between(now, until), false));
        });
    }

    private static Optional<Sparr> store(Handle h, Instant now, String key, int failures, Regel regel) {
        boolean untilNewPin = failures >= regel.lockedUntilNewPinAfter;
        Duration lock = untilNewPin ? Duration.ZERO : lockFor(failures, regel.freeAttempts);
        Instant until = lock.isZero() ? null : now.plus(lock);
        h.createUpdate("""
                        INSERT INTO login_attempt (nyckel, misslyckade, senaste, sparrad_till) VALUES (:k, :f, :n, :u)
                        ON CONFLICT (nyckel) DO UPDATE SET misslyckade = :f, senaste = :n, sparrad_till = :u""")
                .bind("k", key).bind("f", failures).bind("n", now).bind("u", until).execute();
        if (untilNewPin) {
            return Optional.of(new Sparr(Duration.ZERO, true));
        }
        return lock.isZero() ? Optional.empty() : Optional.of(new Sparr(lock, false));
    }

    private static void forgive(Handle h, String key, int freeAttempts) {
        h.createUpdate("""
                        UPDATE login_attempt SET misslyckade = max(misslyckade - 1, 0),
                               sparrad_till = CASE WHEN misslyckade - 1 < :free THEN NULL ELSE sparrad_till END
                        WHERE nyckel = :k""")
                .bind("k", key).bind("free", freeAttempts).execute();
    }

    /** The budget counts in windows of an hour; the window starts with its first failure ({@code senaste}). */
    private static Optional<Sparr> budgetSpent(Handle h, Instant now) {
        return misslyckanden(h, BUDGET_KEY).flatMap(m -> {
            Instant windowEnd = m.senaste().plus(BUDGET_WINDOW);
            return m.misslyckade() >= DELTAGARE_BUDGET_PER_HOUR && windowEnd.isAfter(now)
                    ? Optional.of(new Sparr(Duration.between(now, windowEnd), false))
                    : Optional.<Sparr>empty();
        });
    }

    private static void spendBudget(Handle h, Instant now) {
        h.createUpdate("""
                        INSERT INTO login_attempt (nyckel, misslyckade, senaste) VALUES (:k, 1, :n)
                        ON CONFLICT (nyckel) DO UPDATE SET
                            misslyckade = CASE WHEN senaste > :start THEN misslyckade + 1 ELSE 1 END,
                            senaste = CASE WHEN senaste > :start THEN senaste ELSE :n END""")
                .bind("k", BUDGET_KEY).bind("n", now).bind("start", now.minus(BUDGET_WINDOW)).execute();
    }
}
