package se.finsam.planering.hem;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** The counts the admin's start page shows: users, teams and organisations, never case content. */
public final class HemRepository {

    private final Jdbi jdbi;

    public HemRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        jdbi.registerRowMapper(ConstructorMapper.factory(HemRoutes.Antal.class));
    }

    public HemRoutes.AdminStart adminStart() {
        return jdbi.withHandle(h -> new HemRoutes.AdminStart(
                h.createQuery("SELECT roll AS namn, count(*) AS antal FROM anvandare GROUP BY roll ORDER BY roll")
                        .mapTo(HemRoutes.Antal.class).list(),
                h.createQuery("""
                                SELECT t.namn, count(m.anvandare_id) AS antal FROM team t
                                LEFT JOIN team_medlem m ON m.team_id = t.id GROUP BY t.id ORDER BY t.namn""")
                        .mapTo(HemRoutes.Antal.class).list(),
                h.createQuery("""
                                SELECT o.namn, count(a.id) AS antal FROM organisation o
                                LEFT JOIN anvandare a ON a.organisation_id = o.id AND a.roll <> 'deltagare'
                                GROUP BY o.id ORDER BY o.namn""")
                        .mapTo(HemRoutes.Antal.class).list()));
    }

    /** Open plan items whose owner has been deactivated, for the koordinator to hand on. */
    public java.util.List<se.finsam.planering.personal.SlutadAnsvarig.Punkt> slutadeAnsvariga(
            se.finsam.planering.atkomst.DeltagareAccess.Synliga synliga, java.util.Collection<Long> teamIds) {
        return se.finsam.planering.personal.SlutadAnsvarig.iTeam(jdbi, synliga, teamIds);
    }
}
