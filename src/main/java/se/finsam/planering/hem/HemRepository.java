package se.finsam.planering.hem;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import se.finsam.planering.deltagare.DeltagareRepository.Rad;

/** The counts the admin's start page shows: users, teams and organisations, never case content. */
public final class HemRepository {

    private final Jdbi jdbi;

    public HemRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        jdbi.registerRowMapper(ConstructorMapper.factory(HemRoutes.Antal.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(Rad.class));
    }

    public HemRoutes.AdminStart adminStart() {
        return jdbi.withHandle(h -> new HemRoutes.AdminStart(
                h.createQuery("SELECT roll AS namn, count(*) AS antal FROM anvandare GROUP BY roll ORDER BY roll")
                        .mapTo(HemRoutes.Antal.class).list(),
                h.createQuery("""
                                SELECT t.namn, count(m.anvandare_id) AS antal FROM team t
                                LEFT JOIN team_medlem m ON m.team_id = t.id GROUP BY t.id, t.namn ORDER BY t.namn""")
                        .mapTo(HemRoutes.Antal.class).list(),
                h.createQuery("""
                                SELECT o.namn, count(a.id) AS antal FROM organisation o
                                LEFT JOIN anvandare a ON a.organisation_id = o.id AND a.roll <> 'deltagare'
                                GROUP BY o.id, o.namn ORDER BY o.namn""")
                        .mapTo(HemRoutes.Antal.class).list()));
    }

    /** One page of the start page's participant list, and how many the whole list holds. */
    public record Sida(List<Rad> rader, int antal) {
    }

    /**
     * The start page's participant list, a page at a time: the koordinator's team(s), newest referral first, or
     * (with {@code handlaggare}) the participants a handläggare referred or holds current items for, by name.
     * Only participants {@code synliga} lets the user see are counted or listed. {@code sok} keeps those whose
     * name or code contains it, in any case (compared in Java: SQLite's lower() knows only ASCII); a protected
     * identity is found by its code only.
     */
    public Sida deltagare(se.finsam.planering.atkomst.DeltagarAtkomst.Synliga synliga, Long handlaggare, String sok,
                          int forsta, int antal) {
        String villkor = handlaggare == null ? "" : """
                  AND (EXISTS (SELECT 1 FROM anmalan a WHERE a.deltagare_id = d.id AND a.remitterande_id = :u)
                       OR EXISTS (SELECT 1 FROM planering p JOIN planpunkt pp ON pp.planering_id = p.id
                                  WHERE p.deltagare_id = d.id AND pp.ansvarig_anvandare_id = :u
                                    AND pp.borttagen IS NULL))
                """;
        String ordning = handlaggare == null ? "d.id DESC" : "sy.namn IS NULL, sy.namn, d.kod, d.id";
        return jdbi.withHandle(h -> {
            var rows = h.createQuery("""
                            SELECT d.id, d.kod, sy.namn, t.namn AS team, f.fas, d.fodelsear
                            FROM (<synliga>) sy JOIN deltagare d ON d.id = sy.deltagare_id JOIN team t ON t.id = d.team_id
                            JOIN deltagare_fas f ON f.deltagare_id = d.id
                            WHERE 1 = 1 <villkor>
                            ORDER BY <ordning> <grans>""")
                    .define("synliga", synliga.sql()).define("villkor", villkor).define("ordning", ordning)
                    .define("grans", sok == null ? "LIMIT :n OFFSET :forsta" : "");
            if (handlaggare != null) {
                rows.bind("u", handlaggare);
            }
            if (sok != null) {
                String s = sok.toLowerCase(java.util.Locale.ROOT);
                List<Rad> traffar = rows.mapTo(Rad.class).stream()
                        .filter(r -> (r.namn() != null && r.namn().toLowerCase(java.util.Locale.ROOT).contains(s))
                                || r.kod().toLowerCase(java.util.Locale.ROOT).contains(s))
                        .toList();
                return new Sida(traffar.subList(Math.min(forsta, traffar.size()),
                        Math.min(forsta + antal, traffar.size())), traffar.size());
            }
            var count = h.createQuery("""
                            SELECT count(*) FROM (<synliga>) sy JOIN deltagare d ON d.id = sy.deltagare_id
                            WHERE 1 = 1 <villkor>""")
                    .define("synliga", synliga.sql()).define("villkor", villkor);
            if (handlaggare != null) {
                count.bind("u", handlaggare);
            }
            return new Sida(rows.bind("n", antal).bind("forsta", forsta).mapTo(Rad.class).list(),
                    count.mapTo(Integer.class).one());
        });
    }

    /** Open plan items whose owner has been deactivated, for the koordinator to hand on. */
    public java.util.List<se.finsam.planering.personal.SlutadAnsvarig.Punkt> slutadeAnsvariga(
            se.finsam.planering.atkomst.DeltagarAtkomst.Synliga synliga, java.util.Collection<Long> teamIds) {
        return se.finsam.planering.personal.SlutadAnsvarig.iTeam(jdbi, synliga, teamIds);
    }
}
