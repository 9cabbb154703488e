package se.finsam.planering.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.WeakHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What differs between the two database engines, SQLite and PostgreSQL, where one SQL text cannot serve both.
 * Everything else is written once, in SQL that both run (see docs/utveckling.md, "Two engines: writing SQL").
 *
 * <p>The methods that return SQL return fragments built only from the expressions the caller passes, which are
 * column names and named parameters written in the code, never values: values are always bound.
 */
public sealed interface Dialekt permits Dialekt.Sqlite, Dialekt.Postgresql {

    /** SQLite, the embedded default. */
    Dialekt SQLITE = new Sqlite();
    /** PostgreSQL. */
    Dialekt POSTGRESQL = new Postgresql();

    /** The engine's name as in a JDBC URL: {@code sqlite} or {@code postgresql}. */
    String namn();

    /**
     * The ISO date ({@code yyyy-MM-dd}) that lies {@code manader} months before the ISO date {@code datum}; both
     * are SQL expressions (the months one an integer column or parameter). Used where the number of months
     * comes from a row; when it is a constant, compute the date in Java and bind it.
     */
    String datumManaderFore(String datum, String manader);

    /**
     * The instant ({@code yyyy-MM-ddTHH:mm:ssZ}, as instants are stored) that lies {@code dagar} days before the
     * instant {@code tid}; both SQL expressions, the days one an integer. For a number of days taken from a row.
     */
    String tidDagarFore(String tid, String dagar);

    /**
     * A condition that is true when the text expression {@code kod} is a code of the form {@code ABC-123}: a
     * capital ASCII letter first, and somewhere after it a hyphen followed by a digit.
     */
    String arLopnummerkod(String kod);

    /** The digits right after the first hyphen in the text expression {@code kod}, as an integer (0 when none). */
    String talEfterBindestreck(String kod);

    /**
     * Writes what the engine's own log holds into the database and empties the log, so that no copy of a cleared
     * page stays in it: SQLite's write-ahead log file. False when another connection still holds it (try again
     * later). PostgreSQL's write-ahead log belongs to the server (and its archive), so there it is a no-op.
     */
    boolean tomLoggen(Handle handle);

    /**
     * Gives back the space of removed rows, outside any transaction: SQLite drops free pages when there are any
     * (VACUUM; its secure_delete has already zeroed removed content); PostgreSQL vacuums, after which the space
     * of dead rows is reused. Returns whether anything was done that calls for {@link #tomLoggen} again.
     */
    boolean frigorUtrymme(Handle handle);

    /**
     * Makes every transaction of {@code jdbi} wait for the ones before it, as SQLite's {@code BEGIN IMMEDIATE}
     * does: the transactions here read and then write (the next participant code, "already closed?", "already
     * booked?"), and run side by side they could both read the same and then both write. SQLite is opened that
     * way; on PostgreSQL each transaction first takes one transaction-level advisory lock, shared by every
     * instance on the database, waiting at most as long as SQLite's busy timeout. Reads outside transactions
     * are not affected. Installing it twice is the same as once.
     */
    void ordnaTransaktioner(Jdbi jdbi);

    /**
     * Runs {@code lasning}, a read of many rows on {@code handle}, so that a query with a fetch size set gets its
     * rows from the database a lot at a time as they are read, instead of all of them at once before the first:
     * a page that counts a region's year would otherwise hold tens of megabytes of raw rows beside the rows it
     * makes of them. SQLite's driver always reads that way. PostgreSQL's does only inside a transaction, so there
     * the read runs in a read-only one of its own, begun and ended on the connection, outside
     * {@link #ordnaTransaktioner}'s lock, which is for transactions that write.
     */
    <T> T iOmgangar(Handle handle, java.util.function.Supplier<T> lasning);

    /** The dialect of an engine. */
    static Dialekt av(Motor motor) {
        return motor == Motor.POSTGRESQL ? POSTGRESQL : SQLITE;
    }

    /** The dialect of an open database, by the engine it was opened with; kept for its Jdbi too. */
    static Dialekt av(Databas databas) {
        Dialekt dialekt = av(databas.motor());
        synchronized (Dialekter.CACHE) {
            Dialekter.CACHE.put(databas.jdbi(), dialekt);
        }
        return dialekt;
    }

    /**
     * The dialect of the database behind {@code jdbi}: the engine it was opened with when it came from
     * {@link #av(Databas)}, else told from a connection once per Jdbi.
     */
    static Dialekt av(Jdbi jdbi) {
        synchronized (Dialekter.CACHE) {
            Dialekt kand = Dialekter.CACHE.get(jdbi);
            if (kand != null) {
                return kand;
            }
        }
        Dialekt dialekt = jdbi.withHandle(Dialekt::av);
        synchronized (Dialekter.CACHE) {
            Dialekter.CACHE.put(jdbi, dialekt);
        }
        return dialekt;
    }

    /** The dialect of the database {@code handle} is connected to. */
    static Dialekt av(Handle handle) {
        return av(handle.getConnection());
    }

    /** The dialect of the database {@code connection} is connected to, by the engine its driver names. */
    static Dialekt av(Connection connection) {
        try {
            return av(Motor.av(connection));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database engine this is", e);
        }
    }

    /** The dialect for a JDBC URL ({@code jdbc:sqlite:...} or {@code jdbc:postgresql:...}). */
    static Dialekt avUrl(String jdbcUrl) {
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        throw new IllegalStateException("Not a database engine this server runs on: " + jdbcUrl);
    }

    /** The cache behind {@link #av(Jdbi)}; weak, so a Jdbi that is gone takes its entry along. */
    final class Dialekter {
        private static final Map<Jdbi, Dialekt> CACHE = new WeakHashMap<>();

        private Dialekter() {
        }
    }

    /** PostgreSQL's transactions one at a time: each begins by taking the same advisory lock. */
    final class EnAtGangen extends org.jdbi.v3.core.transaction.DelegatingTransactionHandler {
        /** The lock's key: any fixed number; the application takes no other advisory lock with it. */
        private static final long NYCKEL = 0x46494e53414d01L;

        EnAtGangen(org.jdbi.v3.core.transaction.TransactionHandler delegat) {
            super(delegat);
        }

        @Override
        public org.jdbi.v3.core.transaction.TransactionHandler specialize(Handle handle) throws SQLException {
            return new EnAtGangen(getDelegate().specialize(handle));
        }

        @Override
        public <R, X extends Exception> R inTransaction(Handle handle, org.jdbi.v3.core.HandleCallback<R, X> arbete)
                throws X {
            boolean yttre = !handle.isInTransaction();
            return super.inTransaction(handle, h -> {
                if (yttre) {
                    las(h);
                }
                return arbete.withHandle(h);
            });
        }

        @Override
        public <R, X extends Exception> R inTransaction(Handle handle,
                org.jdbi.v3.core.transaction.TransactionIsolationLevel niva,
                org.jdbi.v3.core.HandleCallback<R, X> arbete) throws X {
            boolean yttre = !handle.isInTransaction();
            return super.inTransaction(handle, niva, h -> {
                if (yttre) {
                    las(h);
                }
                return arbete.withHandle(h);
            });
        }

        private static void las(Handle h) {
            // As long as SQLite's busy timeout; a transaction that waits longer fails instead of hanging.
            h.execute("SET LOCAL lock_timeout = '5s'");
            h.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:nyckel)) l").bind("nyckel", NYCKEL)
                    .mapTo(Integer.class).one();
        }
    }

    final class Sqlite implements Dialekt {
        private Sqlite() {
        }

        @Override
        public String namn() {
            return "sqlite";
        }

        @Override
        public String datumManaderFore(String datum, String manader) {
            return "date(" + datum + ", '-' || (" + manader + ") || ' months')";
        }

        @Override
        public String tidDagarFore(String tid, String dagar) {
            return "strftime('%Y-%m-%dT%H:%M:%SZ', " + tid + ", '-' || (" + dagar + ") || ' days')";
        }

        @Override
        public String arLopnummerkod(String kod) {
            return kod + " GLOB '[A-Z]*-[0-9]*'";
        }

        @Override
        public String talEfterBindestreck(String kod) {
            return "CAST(substr(" + kod + ", instr(" + kod + ", '-') + 1) AS INTEGER)";
        }

        @Override
        public void ordnaTransaktioner(Jdbi jdbi) {
            // The connection begins every transaction IMMEDIATE (see Databas).
        }

        @Override
        public <T> T iOmgangar(Handle handle, java.util.function.Supplier<T> lasning) {
            return lasning.get();
        }

        @Override
        public boolean tomLoggen(Handle h) {
            // Busy (1) when a reader still holds an old snapshot.
            return h.createQuery("PRAGMA wal_checkpoint(TRUNCATE)").mapTo(Integer.class).first() == 0;
        }

        @Override
        public boolean frigorUtrymme(Handle h) {
            long fria = h.createQuery("PRAGMA freelist_count").mapTo(Long.class).one();
            if (fria > 0) {
                h.execute("VACUUM");
                return true;
            }
            return false;
        }

        @Override
        public String toString() {
            return namn();
        }
    }

    final class Postgresql implements Dialekt {
        private Postgresql() {
        }

        @Override
        public String namn() {
            return "postgresql";
        }

        @Override
        public String datumManaderFore(String datum, String manader) {
            return "to_char(CAST(" + datum + " AS date) - make_interval(months => CAST(" + manader
                    + " AS integer)), 'YYYY-MM-DD')";
        }

        @Override
        public String tidDagarFore(String tid, String dagar) {
            // In UTC, as the instants are written: days of 24 hours whatever the session's time zone.
            return "to_char((CAST(" + tid + " AS timestamptz) AT TIME ZONE 'UTC') - make_interval(days => CAST("
                    + dagar + " AS integer)), 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";
        }

        @Override
        public String arLopnummerkod(String kod) {
            return kod + " ~ '^[A-Z].*-[0-9]'";
        }

        @Override
        public String talEfterBindestreck(String kod) {
            return "CAST(coalesce(nullif(substring(" + kod + " from '^[^-]*-([0-9]*)'), ''), '0') AS bigint)";
        }

        @Override
        public <T> T iOmgangar(Handle handle, java.util.function.Supplier<T> lasning) {
            Connection c = handle.getConnection();
            try {
                if (!c.getAutoCommit()) {
                    return lasning.get();
                }
                c.setAutoCommit(false);
                c.setReadOnly(true);
                try {
                    return lasning.get();
                } finally {
                    c.rollback();
                    c.setReadOnly(false);
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("A read in lots failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void ordnaTransaktioner(Jdbi jdbi) {
            if (!(jdbi.getTransactionHandler() instanceof EnAtGangen)) {
                jdbi.setTransactionHandler(new EnAtGangen(jdbi.getTransactionHandler()));
            }
        }

        @Override
        public boolean tomLoggen(Handle h) {
            return true;
        }

        @Override
        public boolean frigorUtrymme(Handle h) {
            h.execute("VACUUM");
            return false;
        }

        @Override
        public String toString() {
            return namn();
        }
    }
}
