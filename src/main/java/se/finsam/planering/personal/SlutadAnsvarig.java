package se.finsam.planering.personal;

import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import se.finsam.planering.atkomst.DeltagarAtkomst;

/**
 * Open plan items whose named owner has left (the account is deactivated), for the koordinator to give a new owner.
 * Open means not removed, not done or refused, and the participant's case not closed.
 */
public final class SlutadAnsvarig {

    public record Punkt(long planpunktId, long deltagareId, String kod, String namn, String punkt, String ansvarig) {
        public String visningsnamn() {
            return namn != null ? namn : kod;
        }
    }

    private SlutadAnsvarig() {
    }

    public static List<Punkt> iTeam(Jdbi jdbi, DeltagarAtkomst.Synliga synliga, Collection<Long> teamIds) {
        if (teamIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT pp.id AS planpunkt_id, d.id AS deltagare_id, d.kod, sy.namn, pp.text AS punkt, a.namn AS ansvarig
                        FROM planpunkt pp
                        JOIN anvandare a ON a.id = pp.ansvarig_anvandare_id AND a.aktiv = 0
                        JOIN planering p ON p.id = pp.planering_id
                        JOIN deltagare d ON d.id = p.deltagare_id
                        JOIN (<synliga>) sy ON sy.deltagare_id = d.id
                        JOIN deltagare_fas f ON f.deltagare_id = d.id AND f.fas <> 'avslutad'
                        LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
                        WHERE pp.borttagen IS NULL AND d.team_id IN (<teams>)
                          AND (s.status IS NULL OR s.status NOT IN ('genomford', 'avslagen'))
                        ORDER BY d.id, pp.ordning""")
                .define("synliga", synliga.sql())
                .bindList("teams", List.copyOf(teamIds))
                .map(ConstructorMapper.of(Punkt.class))
                .list());
    }
}
