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
 * <p>Every request with a session reads both, so the server reads them over a connection of their own with
 * the statement prepared once: a few microseconds instead of a pooled handle and a new statement each time.
 */
public final class Datautgava implements AutoCloseable {

    /** Both numbers, read together in one statement. */
    public record Utgavor(long data, long sessioner) {
    }

    /** The request attribute holding the data version read when the request's session was looked up. */
    private static final String ATTRIBUT = "finsam.datautgava";
    private static final String SQL = "SELECT d.nr, s.nr FROM datautgava d, sessionsutgava s";

    /** Opens the own connection; null to read through Jdbi (tools and tests). */
    private final java.util.concurrent.Callable<Connection> oppna;
    private final Jdbi jdbi;
    private Connection anslutning;
    private PreparedStatement fraga;

    public Datautgava(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.oppna = null;
    }

    public Datautgava(Databas database) {
        this.jdbi = database.jdbi();
        this.oppna = () -> database.pool().getDataSource().getConnection();
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
        synchronized (this) {
            // A connection that failed (the file was replaced by a restore, say) is opened again once.
            for (int forsok = 1; ; forsok++) {
                try {
                    if (fraga == null) {
                        anslutning = oppna.call();
                        fraga = anslutning.prepareStatement(SQL);
                    }
                    try (ResultSet rs = fraga.executeQuery()) {
                        if (!rs.next()) {
                            throw new SQLException("The version tables are empty");
                        }
                        return new Utgavor(rs.getLong(1), rs.getLong(2));
                    }
                } catch (Exception e) {
                    close();
                    if (forsok == 2) {
                        throw new IllegalStateException("Could not read the data version", e);
                    }
                }
            }
        }
    }

    @Override
    public synchronized void close() {
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
