package se.finsam.planering.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Server-side sessions in SQLite: they survive a restart and can be ended for a user everywhere.
 * The cookie holds 256 random bits; the table only their hash, so a copy of the database logs nobody in.
 */
public final class SessionStore {

    public record Session(String tokenHash, long anvandareId, boolean pinSaknas) {
    }

    /** Writing the last-seen time on every request would cost a write per page; once a minute is enough. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration timeout;

    public SessionStore(Jdbi jdbi, Clock clock, Duration timeout) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Creates a session and returns the token for the cookie. */
    public String create(long anvandareId, boolean pinSaknas) {
        String token = randomToken();
        Instant now = clock.instant();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO session (token_hash, anvandare_id, skapad, senast_aktiv, pin_saknas)
                        VALUES (:t, :a, :n, :n, :p)""")
                .bind("t", hash(token)).bind("a", anvandareId).bind("n", now).bind("p", pinSaknas).execute());
        return token;
    }

    /** The live session for a cookie token; an expired one is removed and not returned. */
    public Optional<Session> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        String tokenHash = hash(token);
        Instant now = clock.instant();
        return jdbi.withHandle(h -> {
            var row = h.createQuery("SELECT anvandare_id, senast_aktiv, pin_saknas FROM session WHERE token_hash = :t")
                    .bind("t", tokenHash)
                    .map((rs, ctx) -> new Object[] {rs.getLong(1), Instant.parse(rs.getString(2)), rs.getBoolean(3)})
                    .findOne();
            if (row.isEmpty()) {
                return Optional.<Session>empty();
            }
            Instant lastSeen = (Instant) row.get()[1];
            if (lastSeen.plus(timeout).isBefore(now)) {
                h.createUpdate("DELETE FROM session WHERE token_hash = :t").bind("t", tokenHash).execute();
                return Optional.<Session>empty();
            }
            if (lastSeen.plus(TOUCH_INTERVAL).isBefore(now)) {
                h.createUpdate("UPDATE session SET senast_aktiv = :n WHERE token_hash = :t")
                        .bind("n", now).bind("t", tokenHash).execute();
            }
            return Optional.of(new Session(tokenHash, (Long) row.get()[0], (Boolean) row.get()[2]));
        });
    }

    public void pinSet(String tokenHash) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE session SET pin_saknas = 0 WHERE token_hash = :t")
                .bind("t", tokenHash).execute());
    }

    public void delete(String tokenHash) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM session WHERE token_hash = :t").bind("t", tokenHash).execute());
    }

    /** Removes sessions that have expired; called now and then so the table does not grow. */
    public int deleteExpired() {
        Instant cutoff = clock.instant().minus(timeout);
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM session WHERE senast_aktiv < :c")
                .bind("c", cutoff).execute());
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
