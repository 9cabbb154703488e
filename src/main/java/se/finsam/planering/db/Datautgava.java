package se.finsam.planering.db;

import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.Jdbi;

/**
 * The data version: a number that triggers raise with every change to what pages show (not with reads,
 * logins or log rows). Read it before the data it vouches for: a page built afterwards is at least that new.
 * Beside it, the session version grows when a session ends or changes what it opens.
 *
 * <p>Every request with a session reads both, so the server reads them over connections of their own with
 * the statement prepared once: a few microseconds instead of a pooled handle and a new statement each time.
 * There are {@link #LASARE} such readers, one per core of the small server this is built for: with a single
 * one, every request queued on one lock, and a thread descheduled while holding it stalled all the others
 * (a JFR profile under 32 connections showed waits of over 10 ms on it).
 *
 * <p>Requests share reads. A request may use any read that began after it arrived: its answer is at least as
 * new as the data when the request came, which is all a fresh read would promise. So a request that finds both
 * readers busy waits for the next read to finish rather than queueing for a reader of its own, and one read
 * answers every request that came while the one before it ran. On PostgreSQL, where each read is a round trip
 * and a statement in another process, this makes the reads far fewer than the requests under load (see
 * {@code docs/prestanda.md}).
 */
public final class Datautgava implements AutoCloseable {

    /** Both numbers, read together in one statement. */
    public record Utgavor(long data, long sessioner) {
    }

    /** The request attribute holding the data version read when the request's session was looked up. */
    private static final String ATTRIBUT = "finsam.datautgava";
    private static final String SQL = "SELECT d.nr, s.nr FROM datautgava d, sessionsutgava s";

    /** Opens a reader's connection; null to read through Jdbi (tools and tests). */
    private final java.util.concurrent.Callable<Connection> oppna;
    private final Jdbi jdbi;
    /** Readers not in use; a request takes one and gives it back. */
    private final java.util.concurrent.ArrayBlockingQueue<Lasare> lediga =
            new java.util.concurrent.ArrayBlockingQueue<>(LASARE);
    static final int LASARE = 2;

    /**
     * A read and the last ticket handed out before it began: it answers every request holding that ticket or an
     * earlier one, for they all arrived before it read.
     */
    private record Lasning(long start, Utgavor utgavor) {
    }

    /** Tickets, one per request in order of arrival. */
    private final java.util.concurrent.atomic.AtomicLong ankomster = new java.util.concurrent.atomic.AtomicLong();
    /** The read that began last of those finished. */
    private volatile Lasning senaste;
    private static final java.lang.invoke.VarHandle SENASTE;
    /** Requests waiting for a read or a reader; they wait on {@code vakt}. */
    private final java.util.concurrent.atomic.AtomicInteger venter = new java.util.concurrent.atomic.AtomicInteger();
    private final Object vakt = new Object();
    private final java.util.concurrent.atomic.LongAdder lasningar = new java.util.concurrent.atomic.LongAdder();

    static {
        try {
            SENASTE = java.lang.invoke.MethodHandles.lookup().findVarHandle(Datautgava.class, "senaste",
                    Lasning.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One connection and its prepared statement, used by one thread at a time. */
    private static final class Lasare {
        Connection anslutning;
        PreparedStatement fraga;

        void stang() {
            try {
                if (anslutning != null) {
                    anslutning.close();
                }
            } catch (SQLException ignored) {
                // Closing is all that is left to do with it.
            } finally {
                anslutning = null;
                fraga = null;
            }
        }
    }

    public Datautgava(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.oppna = null;
    }

    public Datautgava(Databas database) {
        this(database.jdbi(), () -> database.pool().getDataSource().getConnection());
    }

    /** Reads over connections that {@code oppna} opens (tests give connections they can hold up). */
    Datautgava(Jdbi jdbi, java.util.concurrent.Callable<Connection> oppna) {
        this.jdbi = jdbi;
        this.oppna = oppna;
        for (int i = 0; i < LASARE; i++) {
            lediga.add(new Lasare());
        }
    }

    public long nu() {
        return las().data();
    }

    /** The data version of this request: the one read at its start when it had a session, else read now. */
    public long nu(Context ctx) {
        Long lastTidigare = ctx.attribute(ATTRIBUT);
        return lastTidigare != null ? lastTidigare : nu();
    }

    /** Both numbers, and the data version remembered for the rest of the request. */
    public Utgavor las(Context ctx) {
        Utgavor utgavor = las();
        ctx.attribute(ATTRIBUT, utgavor.data());
        return utgavor;
    }

    public Utgavor las() {
        if (oppna == null) {
            return jdbi.withHandle(h -> h.createQuery(SQL).map((rs, c) -> new Utgavor(rs.getLong(1), rs.getLong(2)))
                    .one());
        }
        long biljett = ankomster.incrementAndGet();
        Lasning klar = senaste;
        if (klar != null && klar.start() >= biljett) {
            return klar.utgavor();
        }
        boolean raknad = false;
        try {
            for (;;) {
                Lasare lasare = lediga.poll();
                if (lasare != null) {
                    // The reader may have come back from a read that answers this request: it published first.
                    klar = senaste;
                    if (klar != null && klar.start() >= biljett) {
                        lamnaTillbaka(lasare);
                        return klar.utgavor();
                    }
                    return lasMed(lasare);
                }
                synchronized (vakt) {
                    if (!raknad) {
                        venter.incrementAndGet();
                        raknad = true;
                    }
                    klar = senaste;
                    if (klar != null && klar.start() >= biljett) {
                        return klar.utgavor();
                    }
                    if (lediga.isEmpty()) {
                        vakt.wait();
                    }
                }
                klar = senaste;
                if (klar != null && klar.start() >= biljett) {
                    return klar.utgavor();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to read the data version", e);
        } finally {
            if (raknad) {
                venter.decrementAndGet();
            }
        }
    }

    /**
     * Reads with a reader of one's own, for oneself and for every request that arrived before the read began,
     * then gives the reader back and wakes those waiting.
     */
    private Utgavor lasMed(Lasare lasare) {
        // Every ticket up to this one was handed out before the statement runs: those requests may use its answer.
        long start = ankomster.get();
        try {
            Utgavor utgavor = lasDirekt(lasare);
            lasningar.increment();
            Lasning ny = new Lasning(start, utgavor);
            for (Lasning forra = senaste; forra == null || forra.start() < start; forra = senaste) {
                if (SENASTE.compareAndSet(this, forra, ny)) {
                    break;
                }
            }
            return utgavor;
        } finally {
            lamnaTillbaka(lasare);
        }
    }

    /** Returns a reader and wakes the requests waiting for one or for a read. */
    private void lamnaTillbaka(Lasare lasare) {
        lediga.add(lasare);
        if (venter.get() > 0) {
            synchronized (vakt) {
                vakt.notifyAll();
            }
        }
    }

    /** How many times the versions were read from the database (requests that shared a read count once). */
    long lasningar() {
        return lasningar.sum();
    }

    /** How many requests wait for a reader or a read just now. */
    int vantande() {
        return venter.get();
    }

    private Utgavor lasDirekt(Lasare lasare) {
        // A connection that failed (the file was replaced by a restore, say) is opened again once.
        for (int forsok = 1; ; forsok++) {
            try {
                if (lasare.fraga == null) {
                    lasare.anslutning = oppna.call();
                    lasare.fraga = lasare.anslutning.prepareStatement(SQL);
                }
                try (ResultSet rs = lasare.fraga.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("The version tables are empty");
                    }
                    return new Utgavor(rs.getLong(1), rs.getLong(2));
                }
            } catch (Exception e) {
                lasare.stang();
                if (forsok == 2) {
                    throw new IllegalStateException("Could not read the data version", e);
                }
            }
        }
    }

    /** Closes the readers' connections, waiting briefly for readers in use; a reader opens again when used. */
    @Override
    public void close() {
        java.util.List<Lasare> tagna = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < LASARE; i++) {
                Lasare lasare = lediga.poll(1, java.util.concurrent.TimeUnit.SECONDS);
                if (lasare != null) {
                    lasare.stang();
                    tagna.add(lasare);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lediga.addAll(tagna);
            // Requests that found no reader while they were taken wait for one.
            synchronized (vakt) {
                vakt.notifyAll();
            }
        }
    }
}
