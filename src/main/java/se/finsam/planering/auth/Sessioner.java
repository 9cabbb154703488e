package se.finsam.planering.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Server-side sessions in SQLite: they survive a restart and can be ended for a user everywhere.
 * The cookie holds 256 random bits; the table only their hash, so a copy of the database logs nobody in.
 */
public final class Sessioner {

    /** {@code andraFaktorKravs}: a koordinator or admin has logged in with a password but not passed the second factor. */
    public record Session(String tokenHash, long anvandareId, boolean pinSaknas, boolean andraFaktorKravs) {
    }

    /** A working day: however active, a staff member logs in again the next day. */
    public static final Duration MAX_LIFE_PERSONAL = Duration.ofHours(12);
    /** A participant reads her plan for minutes; a phone left logged in, lent or lost, is the bigger risk. */
    public static final Duration MAX_LIFE_DELTAGARE = Duration.ofHours(2);

    /** Writing the last-seen time on every request would cost a write per page; once a minute is enough. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    /** A stored session with its account's role, which decides its longest life. */
    public record Rad(long anvandareId, Instant senastAktiv, boolean pinSaknas, Instant skapad, String roll,
                      boolean andraFaktorKravs) {
    }

    /** A looked-up session and the session version it was read at. */
    private record Minne(Rad rad, long utgava) {
    }

    /** Sessions in memory: a few hundred bytes each; past this many (a login flood) memory starts over. */
    private static final int MINNE_MAX = 10_000;

    private final java.util.concurrent.ConcurrentHashMap<String, Minne> minnet =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration timeout;

    public Sessioner(Jdbi jdbi, Clock clock, Duration timeout) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.timeout = timeout;
        jdbi.registerRowMapper(ConstructorMapper.factory(Rad.class));
    }

    public Duration timeout() {
        return timeout;
    }

    /** Creates a session and returns the token for the cookie. */
    public String create(long anvandareId, boolean pinSaknas) {
        return create(anvandareId, pinSaknas, false);
    }

    /** Creates a session that, with {@code andraFaktorKravs}, opens nothing but the second-factor pages. */
    public String create(long anvandareId, boolean pinSaknas, boolean andraFaktorKravs) {
        String token = randomToken();
        Instant now = clock.instant();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO session (token_hash, anvandare_id, skapad, senast_aktiv, pin_saknas, andra_faktor_kravs)
                        VALUES (:t, :a, :n, :n, :p, :f)""")
                .bind("t", hash(token)).bind("a", anvandareId).bind("n", now).bind("p", pinSaknas ? 1 : 0)
                .bind("f", andraFaktorKravs ? 1 : 0).execute());
        return token;
    }

    /**
     * The live session for a cookie token; an expired one (inactive too long, or older than its role's
     * maximum life) is removed and not returned.
     */
    public Optional<Session> find(String token) {
        return find(token, utgava());
    }

    /**
     * The same, where the caller has just read the session version ({@link #utgava()}, or together with the data
     * version): a session looked up before at that version is taken from memory instead of the database.
     */
    public Optional<Session> find(String token, long sessionsutgava) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        String tokenHash = hash(token);
        Instant now = clock.instant();
        Minne minne = minnet.get(tokenHash);
        Rad row;
        if (minne != null && minne.utgava() == sessionsutgava) {
            row = minne.rad();
        } else {
            row = jdbi.withHandle(h -> h.createQuery("""
                            SELECT s.anvandare_id, s.senast_aktiv, s.pin_saknas, s.skapad, a.roll, s.andra_faktor_kravs
                            FROM session s JOIN anvandare a ON a.id = s.anvandare_id WHERE s.token_hash = :t""")
                    .bind("t", tokenHash)
                    .map((rs, c) -> new Rad(rs.getLong(1), Instant.parse(rs.getString(2)), rs.getBoolean(3),
                            Instant.parse(rs.getString(4)), rs.getString(5), rs.getBoolean(6)))
                    .findOne()
                    .orElse(null));
            if (row == null) {
                minnet.remove(tokenHash);
                return Optional.empty();
            }
            komIhag(tokenHash, row, sessionsutgava);
        }
        Instant lastSeen = row.senastAktiv();
        Duration maxLife = "deltagare".equals(row.roll()) ? MAX_LIFE_DELTAGARE : MAX_LIFE_PERSONAL;
        if (lastSeen.plus(timeout).isBefore(now) || !row.skapad().plus(maxLife).isAfter(now)) {
            if (minne != null && minne.utgava() == sessionsutgava) {
                // What memory holds may be older than the table: ask the table before ending the session.
                minnet.remove(tokenHash);
                return find(token, sessionsutgava);
            }
            minnet.remove(tokenHash);
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM session WHERE token_hash = :t")
                    .bind("t", tokenHash).execute());
            return Optional.empty();
        }
        if (lastSeen.plus(TOUCH_INTERVAL).isBefore(now)) {
            jdbi.useHandle(h -> h.createUpdate("UPDATE session SET senast_aktiv = :n WHERE token_hash = :t")
                    .bind("n", now).bind("t", tokenHash).execute());
            komIhag(tokenHash, new Rad(row.anvandareId(), now, row.pinSaknas(), row.skapad(), row.roll(),
                    row.andraFaktorKravs()), sessionsutgava);
        }
        return Optional.of(new Session(tokenHash, row.anvandareId(), row.pinSaknas(), row.andraFaktorKravs()));
    }

    /** The session version: it grows when a session is removed or changes what it opens. */
    public long utgava() {
        return jdbi.withHandle(h -> h.createQuery("SELECT nr FROM sessionsutgava").map((rs, c) -> rs.getLong(1))
                .one());
    }

    private void komIhag(String tokenHash, Rad rad, long utgava) {
        if (minnet.size() >= MINNE_MAX) {
            minnet.clear();
        }
        minnet.put(tokenHash, new Minne(rad, utgava));
    }

    public void pinSet(String tokenHash) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE session SET pin_saknas = 0 WHERE token_hash = :t")
                .bind("t", tokenHash).execute());
    }

    /** The second factor is passed: the session opens what the account's role may see. */
    public void andraFaktorKlar(String tokenHash) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE session SET andra_faktor_kravs = 0 WHERE token_hash = :t")
                .bind("t", tokenHash).execute());
    }

    public void delete(String tokenHash) {
        minnet.remove(tokenHash);
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM session WHERE token_hash = :t").bind("t", tokenHash).execute());
    }

    /** How many of the account's sessions are still in use (active within the timeout). */
    public int levande(long anvandareId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM session WHERE anvandare_id = :a AND senast_aktiv >= :c")
                .bind("a", anvandareId).bind("c", clock.instant().minus(timeout)).mapTo(Integer.class).one());
    }

    /** Ends every session of an account, wherever it is logged in. Returns how many there were. */
    public int deleteAllFor(long anvandareId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM session WHERE anvandare_id = :a")
                .bind("a", anvandareId).execute());
    }

    /** Removes sessions that have expired; called now and then so the table does not grow. */
    public int deleteExpired() {
        Instant now = clock.instant();
        Duration longest = MAX_LIFE_PERSONAL.compareTo(MAX_LIFE_DELTAGARE) > 0 ? MAX_LIFE_PERSONAL : MAX_LIFE_DELTAGARE;
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM session WHERE senast_aktiv < :c OR skapad < :old")
                .bind("c", now.minus(timeout)).bind("old", now.minus(longest)).execute());
    }

    static String randomToken() {
        return Token.nytt();
    }

    static String hash(String token) {
        return Token.sha256(token);
    }
}
