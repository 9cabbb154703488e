package se.finsam.planering.planering;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** A participant's planering and its items with their current status. */
public final class PlaneringRepository {

    public record Planpunkt(long id, int ordning, String text, String typ, boolean ansvarigDeltagaren,
                            String organisation, String ansvarigNamn, LocalDate klartSenast, String status,
                            String orsak, Instant statusSedan) {
        public String statusEllerStart() {
            return status == null ? "ej_paborjad" : status;
        }

        public boolean klar() {
            return "genomford".equals(status);
        }

        /** Past its date and not done or rejected. */
        public boolean forsenad(LocalDate idag) {
            return klartSenast.isBefore(idag) && !"genomford".equals(status) && !"avslagen".equals(status);
        }
    }

    public record Planering(long id, long deltagareId, String mal, int version, Instant andrad, Instant overlamnad,
                            List<Planpunkt> punkter) {
    }

    private final Jdbi jdbi;

    public PlaneringRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<Planering> forDeltagare(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, mal, version, andrad, overlamnad FROM planering WHERE deltagare_id = :d""")
                .bind("d", deltagareId)
                .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5)})
                .findOne()
                .map(row -> {
                    long id = (Long) row[0];
                    List<Planpunkt> punkter = h.createQuery("""
                                    SELECT pp.id, pp.ordning, pp.text, pp.typ, pp.ansvarig_deltagaren,
                                           o.namn AS organisation, a.namn AS ansvarig, pp.klart_senast,
                                           s.status, s.orsak, s.sedan
                                    FROM planpunkt pp
                                    LEFT JOIN organisation o ON o.id = pp.ansvarig_organisation_id
                                    LEFT JOIN anvandare a ON a.id = pp.ansvarig_anvandare_id
                                    LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
                                    WHERE pp.planering_id = :p AND pp.borttagen IS NULL
                                    ORDER BY pp.ordning, pp.id""")
                            .bind("p", id)
                            .map((rs, ctx) -> new Planpunkt(rs.getLong("id"), rs.getInt("ordning"),
                                    rs.getString("text"), rs.getString("typ"), rs.getBoolean("ansvarig_deltagaren"),
                                    rs.getString("organisation"), rs.getString("ansvarig"),
                                    LocalDate.parse(rs.getString("klart_senast")), rs.getString("status"), rs.getString("orsak"),
                                    rs.getString("sedan") == null ? null : Instant.parse(rs.getString("sedan"))))
                            .list();
                    return new Planering(id, deltagareId, (String) row[1], (Integer) row[2],
                            Instant.parse((String) row[3]), row[4] == null ? null : Instant.parse((String) row[4]),
                            punkter);
                }));
    }
}
