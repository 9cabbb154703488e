package se.finsam.planering.db;

import io.javalin.http.Context;
import org.jdbi.v3.core.Jdbi;

/**
 * The data version: a number that triggers raise with every change to what pages show (not with reads,
 * logins or log rows). Read it before the data it vouches for: a page built afterwards is at least that new.
 * Beside it, the session version grows when a session ends or changes what it opens.
 */
public final class Datautgava {

    /** Both numbers, read together in one statement. */
    public record Utgavor(long data, long sessioner) {
    }

    /** The request attribute holding the data version read when the request's session was looked up. */
    private static final String ATTRIBUT = "finsam.datautgava";

    private final Jdbi jdbi;

    public Datautgava(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public long nu() {
        return jdbi.withHandle(h -> h.createQuery("SELECT nr FROM datautgava")
                .map((rs, c) -> rs.getLong(1)).one());
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
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT d.nr, s.nr FROM datautgava d, sessionsutgava s")
                .map((rs, c) -> new Utgavor(rs.getLong(1), rs.getLong(2))).one());
    }
}
