package se.finsam.planering.planering;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** A participant's planering and its items with their current status. */
public final class PlaneringRepository {

    public record Planpunkt(long id, int ordning, String text, String typ, boolean ansvarigDeltagaren,
                            String organisation, @ColumnName("ansvarig") String ansvarigNamn, LocalDate klartSenast,
                            String status, String orsak, @ColumnName("sedan") Instant statusSedan) {
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

    /** The planering row itself; its items are read separately. */
    public record PlaneringRad(long id, long deltagareId, String mal, int version, Instant andrad,
                               Instant overlamnad) {
    }

    private final Jdbi jdbi;

    public PlaneringRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        jdbi.registerRowMapper(ConstructorMapper.factory(Planpunkt.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(PlaneringRad.class));
    }

    public Optional<Planering> forDeltagare(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, deltagare_id, mal, version, andrad, overlamnad FROM planering
                        WHERE deltagare_id = :d""")
                .bind("d", deltagareId)
                .mapTo(PlaneringRad.class)
                .findOne()
                .map(p -> new Planering(p.id(), p.deltagareId(), p.mal(), p.version(), p.andrad(), p.overlamnad(),
                        punkter(h, deltagareId))));
    }

    /** The items of the participant's current plan, in the plan's order, each with its current status. */
    public List<Planpunkt> punkter(long deltagareId) {
        return jdbi.withHandle(h -> punkter(h, deltagareId));
    }

    private static List<Planpunkt> punkter(Handle h, long deltagareId) {
        return h.createQuery("""
                        SELECT pp.id, pp.ordning, pp.text, pp.typ, pp.ansvarig_deltagaren,
                               o.namn AS organisation, a.namn AS ansvarig, pp.klart_senast,
                               s.status, s.orsak, s.sedan
                        FROM planering p JOIN planpunkt pp ON pp.planering_id = p.id
                        LEFT JOIN organisation o ON o.id = pp.ansvarig_organisation_id
                        LEFT JOIN anvandare a ON a.id = pp.ansvarig_anvandare_id
                        LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
                        WHERE p.deltagare_id = :d AND pp.borttagen IS NULL
                        ORDER BY pp.ordning, pp.id""")
                .bind("d", deltagareId)
                .mapTo(Planpunkt.class)
                .list();
    }
}
