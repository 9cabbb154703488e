package se.finsam.planering.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who read or changed a participant's data, and every login event. Append-only.
 *
 * <p>Changes, refusals and login events are written at once, on the request's thread. Reads, the bulk of
 * the rows (every page about a person), are queued and written by one writer thread in batches, one
 * transaction per batch (group commit), so a page view does not wait for a write. The queue is written out
 * before anything reads the log, and on shutdown; a crash of the process (not of the machine alone: SQLite
 * has what was committed) can lose at most the reads of the last moment, never a change.
 */
public final class AuditLog implements AutoCloseable {

    public enum Handling { LAS, ANDRA, NEKAD, INLOGGNING, INLOGGNING_MISSLYCKAD, INLOGGNING_SPARRAD, UTLOGGNING, AKTIVERING }

    public record Post(Instant tid, Long anvandareId, String anvandareNamn, String handling, Long deltagareId,
                       String vad) {
    }

    private static final Logger LOG = LoggerFactory.getLogger("audit");

    /** The reads waiting for the writer; beyond this many, a request writes its own row (nothing is dropped). */
    private static final int KO_MAX = 50_000;
    /** The writer's rhythm: it writes what has queued up this often. What a crash can lose is this much of reads. */
    private static final long INTERVALL_MS = 200;

    private record Rad(Instant tid, Long anvandareId, String handling, Long deltagareId, String vad, String adress) {
        /** The same read at the precision the log keeps: whole seconds. */
        Rad medSekund() {
            return new Rad(tid.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), anvandareId, handling,
                    deltagareId, vad, adress);
        }
    }

    /** Lets code that reads the log (with only a Jdbi at hand) have the queued reads written first. */
    public static final class Ko implements org.jdbi.v3.core.config.JdbiConfig<Ko> {
        private Runnable skrivKlart = () -> { };

        @Override
        public Ko createCopy() {
            Ko copy = new Ko();
            copy.skrivKlart = skrivKlart;
            return copy;
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final java.util.concurrent.BlockingQueue<Rad> lasningar =
            new java.util.concurrent.LinkedBlockingQueue<>(KO_MAX);
    private final Thread skrivare;
    private volatile boolean stangd;

    public AuditLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        jdbi.registerRowMapper(ConstructorMapper.factory(Post.class));
        jdbi.getConfig(Ko.class).skrivKlart = this::skrivKlart;
        skrivare = new Thread(this::skrivLoop, "audit-skrivare");
        skrivare.setDaemon(true);
        skrivare.start();
    }

    /** Writes the queued reads before code with only a Jdbi reads the log. */
    public static void skrivKlart(Jdbi jdbi) {
        jdbi.getConfig(Ko.class).skrivKlart.run();
    }

    private void skrivLoop() {
        boolean merVantar = false;
        while (!stangd) {
            try {
                if (!merVantar) {
                    // Group commit: one transaction per interval at most, so under load one commit carries the
                    // reads of hundreds of requests (merged per second) instead of a commit every few. Rows are
                    // taken from the queue only under the lock, where skrivKlart sees every one of them.
                    Thread.sleep(INTERVALL_MS);
                }
                // With nothing new, this still retries the rows of a batch that failed.
                merVantar = skriv();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The rows stay with the batch that failed; try again after a pause rather than lose them.
                LOG.error("Could not write read entries to the audit log; trying again", e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /**
     * Rows taken from the queue and not yet written, with how many identical reads each stands for (guarded
     * by this object's lock). A batch that failed stays here and is written first next time.
     */
    private final java.util.Map<Rad, Integer> misslyckade = new java.util.LinkedHashMap<>();

    /** At most this many rows per transaction, so that nobody waits long for the writer's lock. */
    private static final int BATCH_MAX = 1000;
    /** At most this many queued reads are taken at a time, merged, and then written in batches. */
    private static final int UTTAG_MAX = 20_000;

    /**
     * Writes what is queued. Identical reads in the same second become one row
     * with their number ({@code antal}); the rows go in transactions of at most {@link #BATCH_MAX}.
     */
    private synchronized boolean skriv() {
        if (misslyckade.size() < BATCH_MAX) {
            java.util.List<Rad> uttag = new java.util.ArrayList<>();
            lasningar.drainTo(uttag, UTTAG_MAX);
            for (Rad r : uttag) {
                misslyckade.merge(r.medSekund(), 1, Integer::sum);
            }
        }
        if (misslyckade.isEmpty()) {
            return false;
        }
        // One transaction per call, so that a change waiting to be audited gets the lock in between.
        java.util.List<java.util.Map.Entry<Rad, Integer>> batch = new java.util.ArrayList<>();
        for (var e : misslyckade.entrySet()) {
            batch.add(java.util.Map.entry(e.getKey(), e.getValue()));
            if (batch.size() == BATCH_MAX) {
                break;
            }
        }
        // A batch that fails stays among the waiting rows and is tried again.
        skrivRader(batch);
        batch.forEach(e -> misslyckade.remove(e.getKey()));
        return !misslyckade.isEmpty();
    }

    /** Plain JDBC for the writer: binding a thousand rows through Jdbi costs more than inserting them. */
    private void skrivRader(java.util.List<java.util.Map.Entry<Rad, Integer>> batch) {
        try {
            jdbi.useTransaction((org.jdbi.v3.core.HandleConsumer<java.sql.SQLException>) h -> {
                try (var insert = h.getConnection().prepareStatement("INSERT INTO audit_log"
                        + " (tid, anvandare_id, handling, deltagare_id, vad, adress, antal) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    for (var rad : batch) {
                        Rad r = rad.getKey();
                        insert.setInt(7, rad.getValue());
                        insert.setString(1, r.tid().toString());
                        insert.setObject(2, r.anvandareId());
                        insert.setString(3, r.handling());
                        insert.setObject(4, r.deltagareId());
                        insert.setString(5, r.vad());
                        insert.setString(6, r.adress());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            });
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not write " + batch.size() + " read entries", e);
        }
    }

    /** Reads are queued (while the writer runs); everything else is written at once. */
    private boolean koas(Handling handling) {
        return handling == Handling.LAS && !stangd;
    }

    /** Writes every queued read now; returns when they are in the database. */
    public void skrivKlart() {
        // A batch at a time, so that a change waiting to be audited gets the lock in between.
        boolean merVantar;
        do {
            merVantar = skriv();
        } while (merVantar || !lasningar.isEmpty());
    }

    /** Writes what is queued and stops the writer: on shutdown. */
    @Override
    public void close() {
        stangd = true;
        skrivare.interrupt();
        try {
            skrivare.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        skrivKlart();
    }

    /**
     * Every page about a person writes here, so under load many requests write at once. Taking turns in
     * Java costs microseconds; letting SQLite's busy handler sort it out costs sleeps of whole milliseconds.
     */
    public void log(Long anvandareId, Handling handling, Long deltagareId, String vad, String adress) {
        // Queued reads reach the server log only at debug level: a line per page view is noise there, and the
        // server log is not thinned out with the audit log when a person's data is erased.
        String value = handling.name().toLowerCase(java.util.Locale.ROOT);
        if (koas(handling)
                && lasningar.offer(new Rad(clock.instant(), anvandareId, value, deltagareId, vad, adress))) {
            LOG.debug("{} user={} deltagare={} {} from {}", value, anvandareId, deltagareId, vad, adress);
            return;
        }
        synchronized (this) {
            insert(anvandareId, value, deltagareId, vad, adress);
        }
        LOG.info("{} user={} deltagare={} {} from {}", value, anvandareId, deltagareId, vad, adress);
    }

    /**
     * A list that shows people: one row per person shown, so each of them sees it under "Vem har tittat".
     * Written as one batch in one transaction; a long list costs about as much as a single row.
     */
    public void logMany(Long anvandareId, Handling handling, java.util.Collection<Long> deltagareIds, String vad,
                        String adress) {
        if (deltagareIds.isEmpty()) {
            return;
        }
        String value = handling.name().toLowerCase(java.util.Locale.ROOT);
        java.time.Instant tid = clock.instant();
        java.util.Set<Long> unika = new java.util.LinkedHashSet<>(deltagareIds);
        if (koas(handling)) {
            java.util.Iterator<Long> it = unika.iterator();
            while (it.hasNext() && lasningar.offer(new Rad(tid, anvandareId, value, it.next(), vad, adress))) {
                it.remove();
            }
        }
        if (unika.isEmpty()) {
            LOG.debug("{} user={} {} participants: {} from {}", value, anvandareId, deltagareIds.size(), vad, adress);
            return;
        }
        synchronized (this) {
            jdbi.useTransaction(h -> {
                var batch = h.prepareBatch("INSERT INTO audit_log (tid, anvandare_id, handling, deltagare_id, vad, adress)"
                        + " VALUES (:t, :a, :h, :d, :v, :ip)");
                for (Long d : unika) {
                    batch.bind("t", tid).bind("a", anvandareId).bind("h", value).bind("d", d).bind("v", vad)
                            .bind("ip", adress).add();
                }
                batch.execute();
            });
        }
        LOG.info("{} user={} {} participants: {} from {}", value, anvandareId, deltagareIds.size(), vad, adress);
    }

    private void insert(Long anvandareId, String value, Long deltagareId, String vad, String adress) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO audit_log (tid, anvandare_id, handling, deltagare_id, vad, adress)
                        VALUES (:t, :a, :h, :d, :v, :ip)""")
                .bind("t", clock.instant()).bind("a", anvandareId).bind("h", value).bind("d", deltagareId)
                .bind("v", vad).bind("ip", adress).execute());
    }

    /** The newest entries about one participant, for "who has looked at my data". */
    public List<Post> forDeltagare(long deltagareId, int limit) {
        skrivKlart();
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT l.tid, l.anvandare_id, a.namn AS anvandare_namn, l.handling, l.deltagare_id, l.vad
                        FROM audit_log l LEFT JOIN anvandare a ON a.id = l.anvandare_id
                        WHERE l.deltagare_id = :d ORDER BY l.id DESC LIMIT :n""")
                .bind("d", deltagareId).bind("n", limit)
                .mapTo(Post.class)
                .list());
    }
}
