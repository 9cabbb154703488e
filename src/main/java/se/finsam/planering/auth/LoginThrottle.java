package se.finsam.planering.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Slows down guessing. Failures are counted per account name and per address; from the
 * {@value #FREE_ATTEMPTS}th failure on, the key is locked for a time that doubles with each
 * further failure, up to {@link #MAX_LOCK}. A success resets the account's count.
 * Counts are forgotten after a day without failures.
 */
public final class LoginThrottle {

    static final int FREE_ATTEMPTS = 3;
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    private static final Duration FORGET_AFTER = Duration.ofDays(1);

    private final Jdbi jdbi;
    private final Clock clock;

    public LoginThrottle(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** How long the key is still locked, if it is. */
    public Optional<Duration> lockedFor(String key) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> h.createQuery("SELECT sparrad_till FROM login_attempt WHERE nyckel = :k")
                .bind("k", key)
                .mapTo(String.class)
                .findOne()
                .map(Instant::parse)
                .filter(until -> until.isAfter(now))
                .map(until -> Duration.between(now, until)));
    }

    /** Records a failure and returns the lock it caused, if any. */
    public Optional<Duration> recordFailure(String key) {
        return recordFailure(key, FREE_ATTEMPTS);
    }

    /** As {@link #recordFailure(String)}, with more failures allowed before the first lock. */
    public Optional<Duration> recordFailure(String key, int freeAttempts) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            int previous = h.createQuery("SELECT misslyckade, senaste FROM login_attempt WHERE nyckel = :k")
                    .bind("k", key)
                    .map((rs, ctx) -> Instant.parse(rs.getString(2)).plus(FORGET_AFTER).isBefore(now) ? 0 : rs.getInt(1))
                    .findOne().orElse(0);
            int failures = previous + 1;
            Duration lock = lockFor(failures, freeAttempts);
            Instant until = lock.isZero() ? null : now.plus(lock);
            h.createUpdate("""
                            INSERT INTO login_attempt (nyckel, misslyckade, senaste, sparrad_till) VALUES (:k, :f, :n, :u)
                            ON CONFLICT (nyckel) DO UPDATE SET misslyckade = :f, senaste = :n, sparrad_till = :u""")
                    .bind("k", key).bind("f", failures).bind("n", now).bind("u", until).execute();
            return lock.isZero() ? Optional.<Duration>empty() : Optional.of(lock);
        });
    }

    public void reset(String key) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM login_attempt WHERE nyckel = :k").bind("k", key).execute());
    }

    static Duration lockFor(int failures, int freeAttempts) {
        if (failures < freeAttempts) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - freeAttempts, 10);
        Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
        return lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock;
    }
}
