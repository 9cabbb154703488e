package se.finsam.planering.atkomst;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The lookups the access check needs: which participant (or team) a path parameter concerns. */
public final class AtkomstRepository {

    private final Jdbi jdbi;

    public AtkomstRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Whether the participant is among those the filter lets the user see. */
    boolean synlig(DeltagarAtkomst.Synliga synliga, long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM (<synliga>) sy WHERE sy.deltagare_id = :d)")
                .define("synliga", synliga.sql()).bind("d", deltagareId).mapTo(Boolean.class).one());
    }

    Optional<Long> deltagarensTeam(long deltagareId) {
        return enda("SELECT team_id FROM deltagare WHERE id = :id", deltagareId);
    }

    Optional<Long> motetsTeam(long moteId) {
        return enda("SELECT team_id FROM mote WHERE id = :id", moteId);
    }

    Optional<Long> bokningensDeltagare(long bokningId) {
        return enda("SELECT deltagare_id FROM mote_deltagare WHERE id = :id", bokningId);
    }

    Optional<Long> overlamningensDeltagare(long overlamningId) {
        return enda("""
                SELECT p.deltagare_id FROM overlamning o JOIN planpunkt pp ON pp.id = o.planpunkt_id
                JOIN planering p ON p.id = pp.planering_id WHERE o.id = :id""", overlamningId);
    }

    Optional<Long> uppfoljningensDeltagare(long uppfoljningId) {
        return enda("SELECT deltagare_id FROM uppfoljning WHERE id = :id", uppfoljningId);
    }

    Optional<Long> planpunktensDeltagare(long planpunktId) {
        return enda("""
                SELECT p.deltagare_id FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                WHERE pp.id = :id""", planpunktId);
    }

    private Optional<Long> enda(String sql, long id) {
        return jdbi.withHandle(h -> h.createQuery(sql).bind("id", id).mapTo(Long.class).findOne());
    }
}
