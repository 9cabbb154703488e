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
 *
 * <p>Every row joins a SHA-256 hash chain as it is written ({@link Loggkedja}): each write reads the last link
 * inside its own write transaction, so the chain follows the ids whoever writes. If the writer thread dies of
 * an Error, a new one is started with the queue intact; until it runs, {@link #skrivarenGar} is false.
 */
public final class Handelselogg implements AutoCloseable {

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
        private static final Object UTAN_LOGG = new Object();
        private Runnable skrivKlart = () -> { };
        /** The lock every writer of the log holds, so rows join the hash chain one writer at a time. */
        private Object las = UTAN_LOGG;

        @Override
        public Ko createCopy() {
            Ko copy = new Ko();
            copy.skrivKlart = skrivKlart;
            copy.las = las;
            return copy;
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;
    private final java.util.concurrent.BlockingQueue<Rad> lasningar =
            new java.util.concurrent.LinkedBlockingQueue<>(KO_MAX);
    private volatile Thread skrivare;
    private volatile boolean stangd;
    /** For tests: an error the writer throws at its next turn, as a real one would (out of memory). */
    private volatile Error provfel;
    /** How many times the writer has died; each new start waits a little longer (at most a minute). */
    private int dodsfall;

    public Handelselogg(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        jdbi.registerRowMapper(ConstructorMapper.factory(Post.class));
        jdbi.getConfig(Ko.class).skrivKlart = this::skrivKlart;
        jdbi.getConfig(Ko.class).las = this;
        startaSkrivare();
    }

    /**
     * Starts the writer. If it dies of an Error, the queue and the batch it was writing stay here: a new writer
     * is started after a pause and writes them, so nothing is lost. Until then /health answers 503.
     */
    private void startaSkrivare() {
        Thread trad = new Thread(this::skrivLoop, "audit-skrivare");
        trad.setDaemon(true);
        trad.setUncaughtExceptionHandler((t, fel) -> {
            long paus;
            synchronized (lasningar) {
                dodsfall++;
                paus = Math.min(60_000, 1000L << Math.min(6, dodsfall - 1));
            }
            try {
                LOG.error("The audit log's writer died; a new one starts in {} ms with the queue intact", paus, fel);
            } catch (Throwable ignorerad) {
                // Even logging failed; the new writer is started all the same.
            }
            if (!stangd) {
                Thread omstart = new Thread(() -> {
                    try {
                        Thread.sleep(paus);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (!stangd) {
                        startaSkrivare();
                        LOG.info("The audit log's writer runs again");
                    }
                }, "audit-skrivare-omstart");
                omstart.setDaemon(true);
                omstart.start();
            }
        });
        skrivare = trad;
        trad.start();
    }

    /** Whether the writer of queued reads is running (false for a while after it died, until it is back). */
    public boolean skrivarenGar() {
        return stangd || skrivare.isAlive();
    }

    /** For tests: the writer throws {@code fel} at its next turn, as it would a real error. */
    public void provaFel(Error fel) {
        provfel = fel;
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
                Error fel = provfel;
                if (fel != null) {
                    provfel = null;
                    throw fel;
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
        java.util.List<Loggkedja.NyRad> rader = new java.util.ArrayList<>(batch.size());
        for (var rad : batch) {
            Rad r = rad.getKey();
            rader.add(new Loggkedja.NyRad(tid(r.tid()), r.anvandareId(), r.handling(), r.deltagareId(), r.vad(),
                    r.adress(), rad.getValue()));
        }
        skrivIKedjan(jdbi, rader);
    }

    /** The time as the log stores it: ISO-8601, whole seconds. */
    private static String tid(Instant tid) {
        return tid.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    /** Writes rows at the end of the hash chain in one transaction; the caller holds the log's lock. */
    private static void skrivIKedjan(Jdbi jdbi, java.util.List<Loggkedja.NyRad> rader) {
        try {
            jdbi.useTransaction((org.jdbi.v3.core.HandleConsumer<java.sql.SQLException>) h ->
                    Loggkedja.skrivIn(h.getConnection(), rader));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not write " + rader.size() + " audit entries", e);
        }
    }

    /**
     * Writes one row at the end of the chain inside a transaction the caller has open on {@code h} (a change
     * that must be logged together with what it changed). The caller holds the lock of {@link #medLas}.
     */
    public static void skrivI(org.jdbi.v3.core.Handle h, Instant tid, Long anvandareId, Handling handling,
                              Long deltagareId, String vad, String adress) {
        try {
            Loggkedja.skrivIn(h.getConnection(), java.util.List.of(new Loggkedja.NyRad(tid(tid), anvandareId,
                    handling.name().toLowerCase(java.util.Locale.ROOT), deltagareId, vad, adress, 1)));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not write an audit entry", e);
        }
    }

    /**
     * Runs {@code arbete} holding the log's lock, so that rows it writes with {@link #skrivI} follow on the chain
     * in order. Take it before opening the transaction, never inside one.
     */
    public static <T> T medLas(Jdbi jdbi, java.util.function.Supplier<T> arbete) {
        synchronized (jdbi.getConfig(Ko.class).las) {
            return arbete.get();
        }
    }

    /** The chain's last row as "id:hex" (null while the log has no chain), for the server log. */
    public static String kedjansSlut(Jdbi jdbi) {
        skrivKlart(jdbi);
        return jdbi.withHandle(h -> {
            try {
                return Loggkedja.slut(h.getConnection());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("Could not read the audit log", e);
            }
        });
    }

    /** Checks the hash chain of the whole log (queued reads are written first). */
    public static Loggkedja.Resultat kontrolleraKedjan(Jdbi jdbi) {
        return kontrolleraKedjan(jdbi, java.util.Map.of());
    }

    /** Checks the chain, and that each anchor (row id and chain value noted down earlier) still holds. */
    public static Loggkedja.Resultat kontrolleraKedjan(Jdbi jdbi, java.util.Map<Long, byte[]> ankare) {
        skrivKlart(jdbi);
        return jdbi.withHandle(h -> {
            try {
                return Loggkedja.kontrollera(h.getConnection(), ankare);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("Could not read the audit log", e);
            }
        });
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
        String t = tid(tid);
        java.util.List<Loggkedja.NyRad> rader = new java.util.ArrayList<>(unika.size());
        for (Long d : unika) {
            rader.add(new Loggkedja.NyRad(t, anvandareId, value, d, vad, adress, 1));
        }
        synchronized (this) {
            skrivIKedjan(jdbi, rader);
        }
        LOG.info("{} user={} {} participants: {} from {}", value, anvandareId, deltagareIds.size(), vad, adress);
    }

    private void insert(Long anvandareId, String value, Long deltagareId, String vad, String adress) {
        skrivIKedjan(jdbi, java.util.List.of(new Loggkedja.NyRad(tid(clock.instant()), anvandareId, value,
                deltagareId, vad, adress, 1)));
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
