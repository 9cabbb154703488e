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
 *   <li>An address: locked later ({@value #ADDRESS_FREE_ATTEMPTS} failures); the lock stops accounts that have
 *       failed themselves, and from {@value #ADDRESS_ALL_NAMES_AFTER} failures every name, so one guess per name
 *       is not free. A device that has logged in to the account before (a signed device cookie) is not held by it.</li>
 *   <li>All participant logins together: at most {@value #DELTAGARE_BUDGET_PER_HOUR} failures an hour, from
 *       devices that have not logged in as that participant before; a known device counts its own failures.</li>
 *   <li>An account's second factor: wrong codes counted on their own key (by account id), never taken back by a
 *       right password, locked from the {@value #ANDRA_FAKTOR_FREE_ATTEMPTS}th with waits that double up to an
 *       hour; forgotten when it is passed, when the administrator resets it, or when an invitation link is used.
 *       Enrolling a TOTP app counts its wrong codes on a key of its own.</li>
 * </ul>
 *
 * An attempt is counted before its password is checked (see {@link #begin}), so a guess that never
 * finishes, or many sent at once, are counted all the same. A success takes its count back.
 */
public final class Inloggningsbroms {

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

    /** Wrong second-factor codes before the second factor locks. */
    public static final int ANDRA_FAKTOR_FREE_ATTEMPTS = 5;
    static final Duration ANDRA_FAKTOR_FIRST_LOCK = Duration.ofMinutes(1);
    static final Duration ANDRA_FAKTOR_MAX_LOCK = Duration.ofHours(1);
    /** Passkey logins an address may start before it has to wait. */
    public static final int NYCKELSTART_FREE = 20;
    /**
     * Failures from one address after which its lock holds every name tried from it, also names that have not
     * failed there before: one guess per name is then no longer free.
     */
    public static final int ADDRESS_ALL_NAMES_AFTER = ADDRESS_FREE_ATTEMPTS * 2;

    /** How a kind of key counts and locks. */
    public enum Regel {
        PERSONAL(FREE_ATTEMPTS, Integer.MAX_VALUE, true, FIRST_LOCK, MAX_LOCK),
        DELTAGARE(FREE_ATTEMPTS, DELTAGARE_MAX_FAILURES, false, FIRST_LOCK, MAX_LOCK),
        /**
         * A participant's failures on one device that has logged in as her before (a signed device cookie): counted
         * on their own, so guesses from elsewhere never lock that device out, and the device has as few guesses as
         * her account has.
         */
        ENHET(FREE_ATTEMPTS, DELTAGARE_MAX_FAILURES, false, FIRST_LOCK, MAX_LOCK),
        ADRESS(ADDRESS_FREE_ATTEMPTS, Integer.MAX_VALUE, true, FIRST_LOCK, MAX_LOCK),
        /**
         * Wrong second-factor codes of one account. Counted on their own: a right password does not take them
         * back, only a passed second factor does, and they are never forgotten by time.
         */
        ANDRA_FAKTOR(ANDRA_FAKTOR_FREE_ATTEMPTS, Integer.MAX_VALUE, false, ANDRA_FAKTOR_FIRST_LOCK,
                ANDRA_FAKTOR_MAX_LOCK),
        /** Passkey logins started from one address (each stores a challenge). */
        NYCKELSTART(NYCKELSTART_FREE, Integer.MAX_VALUE, true, FIRST_LOCK, MAX_LOCK);

        final int freeAttempts;
        final int lockedUntilNewPinAfter;
        final boolean forgets;
        final Duration firstLock;
        final Duration maxLock;

        Regel(int freeAttempts, int lockedUntilNewPinAfter, boolean forgets, Duration firstLock, Duration maxLock) {
            this.freeAttempts = freeAttempts;
            this.lockedUntilNewPinAfter = lockedUntilNewPinAfter;
            this.forgets = forgets;
            this.firstLock = firstLock;
            this.maxLock = maxLock;
        }

        /** How long the lock after this many failures lasts (zero: none). */
        Duration lockFor(int failures) {
            if (failures < freeAttempts) {
                return Duration.ZERO;
            }
            int doublings = Math.min(failures - freeAttempts, 20);
            Duration lock = firstLock.multipliedBy(1L << doublings);
            return lock.compareTo(maxLock) > 0 ? maxLock : lock;
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

    public Inloggningsbroms(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        jdbi.registerRowMapper(ConstructorMapper.factory(Misslyckanden.class));
    }

    public static String kontoNyckel(Regel regel, String username) {
        String name = username.toLowerCase(java.util.Locale.ROOT);
        if (name.length() > MAX_KEY_NAME) {
            name = name.substring(0, MAX_KEY_NAME);
        }
        String prefix = switch (regel) {
            case DELTAGARE -> "deltagare:";
            default -> "konto:";
        };
        return prefix + name;
    }

    /**
     * The key of an account's wrong second-factor codes at login. By account id: the second factor is asked for
     * only after the password, so the account is known, and two accounts never share a count.
     */
    public static String andraFaktorNyckel(long anvandareId) {
        return "andrafaktor:" + anvandareId;
    }

    /**
     * The key of wrong codes while an account enrols a TOTP app: its own, so codes tried against the account's
     * second factor at login never hold back the enrolment, and an enrolment never takes them back.
     */
    public static String registreringsNyckel(long anvandareId) {
        return "andrafaktor-registrering:" + anvandareId;
    }

    public static String adressNyckel(String address) {
        return "ip:" + address;
    }

    /** The key of one participant's failures on one of her known devices. */
    public static String enhetsNyckel(long anvandareId, String enhet) {
        return "enhet:" + anvandareId + ":" + enhet;
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
            Optional<Sparr> addressLock = adressNyckel == null ? Optional.empty()
                    : store(h, now, adressNyckel, count(h, now, adressNyckel, Regel.ADRESS) + 1, Regel.ADRESS);
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
            if (forsok.adressNyckel() != null) {
                forgive(h, forsok.adressNyckel(), Regel.ADRESS.freeAttempts);
            }
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
        if (adressNyckel != null) {
            Optional<Sparr> address = lock(h, now, adressNyckel, Regel.ADRESS);
            if (address.isPresent() && (count(h, now, kontoNyckel, regel) > 0
                    || count(h, now, adressNyckel, Regel.ADRESS) >= ADDRESS_ALL_NAMES_AFTER)) {
                return address;
            }
        }
        return budget ? budgetSpent(h, now) : Optional.empty();
    }

    // ---- single keys (the activation form counts per address only) ----

    /** How long the key is still locked, if it is. */
    public Optional<Duration> lockedFor(String key) {
        return lockedFor(key, Regel.PERSONAL);
    }

    public Optional<Duration> lockedFor(String key, Regel regel) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> lock(h, now, key, regel)).map(Sparr::kvar);
    }

    /** Records a failure and returns the lock it caused, if any. */
    public Optional<Duration> recordFailure(String key) {
        return recordFailure(key, Regel.PERSONAL);
    }

    public Optional<Duration> recordFailure(String key, Regel regel) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> store(h, now, key, count(h, now, key, regel) + 1, regel)).map(Sparr::kvar);
    }

    /**
     * One attempt on a single key, counted before it is checked (as {@link #begin} does): refused with the time
     * left while the key is locked; otherwise counted as a failure, so that of many attempts sent at once only as
     * many as the rule allows are checked. A success then takes it back with {@link #reset} (or {@link #lyckades}).
     */
    public Optional<Duration> borja(String key, Regel regel) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            Optional<Sparr> locked = lock(h, now, key, regel);
            if (locked.isPresent()) {
                return locked.map(Sparr::kvar);
            }
            store(h, now, key, count(h, now, key, regel) + 1, regel);
            return Optional.<Duration>empty();
        });
    }

    /**
     * The attempt begun with {@link #borja} succeeded: the key starts afresh. Returns the failures counted before
     * it (the attempt itself not included), so the account holder can be told about them.
     */
    public int lyckades(String key) {
        return jdbi.inTransaction(h -> {
            int before = misslyckanden(h, key).map(Misslyckanden::misslyckade).orElse(1) - 1;
            h.createUpdate("DELETE FROM login_attempt WHERE nyckel = :k").bind("k", key).execute();
            return Math.max(0, before);
        });
    }

    /** The attempt begun with {@link #borja} did not count (it was never checked): takes its count back. */
    public void angra(String key, Regel regel) {
        jdbi.useTransaction(h -> forgive(h, key, regel.freeAttempts));
    }

    /** Forgets every key that starts with a prefix (a participant's devices when she chooses a new PIN). */
    public void resetPrefix(String prefix) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM login_attempt WHERE substr(nyckel, 1, length(:p)) = :p")
                .bind("p", prefix).execute());
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
     * The most wrong codes one attacker who already has an account's password gets checked against its second
     * factor in a given time, sending each as soon as the lock allows: the rule played out.
     */
    public static int andraFaktorGuessesIn(Duration period) {
        Duration elapsed = Duration.ZERO;
        int failures = 0;
        while (elapsed.compareTo(period) < 0) {
            failures++;
            elapsed = elapsed.plus(Regel.ANDRA_FAKTOR.lockFor(failures));
        }
        return failures;
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
        Duration lock = untilNewPin ? Duration.ZERO : regel.lockFor(failures);
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
                        UPDATE login_attempt SET misslyckade = CASE WHEN misslyckade > 0 THEN misslyckade - 1 ELSE 0 END,
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
                            misslyckade = CASE WHEN login_attempt.senaste > :start THEN login_attempt.misslyckade + 1
                                               ELSE 1 END,
                            senaste = CASE WHEN login_attempt.senaste > :start THEN login_attempt.senaste ELSE :n END""")
                .bind("k", BUDGET_KEY).bind("n", now).bind("start", now.minus(BUDGET_WINDOW)).execute();
    }
}
