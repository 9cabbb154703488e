package se.finsam.planering.db;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Work that must run on one server at a time when several share one database: the message sender (or a message
 * could go twice) and the nightly gallring. Each job has a lease row; a server runs the job only while it holds
 * the lease, renews it on every pass, and lets go when it stops. A server that dies holding it is taken over
 * once its lease has run out. The same SQL runs on SQLite and PostgreSQL: one conditional upsert, whose row
 * count says whether this server holds the lease.
 *
 * <p>Times are the servers' own clocks, so they must agree (NTP) to within a small part of a lease.
 */
public final class Ensamjobb {

    /** The message sender: renewed every pass (at most ten seconds apart), taken over a minute after a crash. */
    public static final String UTSKICK = "utskick";
    public static final Duration UTSKICK_LAS = Duration.ofMinutes(1);
    /** The nightly gallring: held for the night, so that a second server starting the same run skips it. */
    public static final String GALLRING = "gallring";
    public static final Duration GALLRING_LAS = Duration.ofHours(6);

    private final Jdbi jdbi;
    private final Clock clock;
    private final String jag;

    public Ensamjobb(Jdbi jdbi, Clock clock) {
        this(jdbi, clock, ProcessHandle.current().pid() + "@" + vardnamn() + "/" + UUID.randomUUID());
    }

    Ensamjobb(Jdbi jdbi, Clock clock, String jag) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.jag = jag.length() > 200 ? jag.substring(0, 200) : jag;
    }

    /** Who this server is in the lease rows. */
    public String jag() {
        return jag;
    }

    /**
     * Takes or renews the lease of {@code jobb} for {@code langd}: true when this server holds it now, false when
     * another server holds it and its lease has not run out.
     */
    public boolean ta(String jobb, Duration langd) {
        Instant nu = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO ensamjobb (jobb, innehavare, till) VALUES (:jobb, :jag, :till)
                        ON CONFLICT (jobb) DO UPDATE SET innehavare = excluded.innehavare, till = excluded.till
                        WHERE ensamjobb.innehavare = excluded.innehavare OR ensamjobb.till < :nu""")
                .bind("jobb", jobb)
                .bind("jag", jag)
                .bind("till", nu.plus(langd))
                .bind("nu", nu)
                .execute()) == 1;
    }

    /** Lets go of {@code jobb} if this server holds it, so that another may take it at once. */
    public void slapp(String jobb) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM ensamjobb WHERE jobb = :jobb AND innehavare = :jag")
                .bind("jobb", jobb)
                .bind("jag", jag)
                .execute());
    }

    private static String vardnamn() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "okand";
        }
    }
}
