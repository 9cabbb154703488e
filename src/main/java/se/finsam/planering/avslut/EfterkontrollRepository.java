package se.finsam.planering.avslut;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * The checks 6 and 12 months after avslut. Append-only: a correction is a new row naming the row it replaces, so
 * the current check of a month is the newest row no other row replaces.
 */
public final class EfterkontrollRepository {

    /** One recorded check; {@code ersatt} when a later row corrects it. */
    public record Rad(long id, int manader, boolean nadd, String forsorjning, String sysselsattning, LocalDate datum,
                      String registreradAv, Instant registrerad, Long ersatterId, boolean ersatt) {
    }

    /** The closure the checks count from. */
    public record Avslutet(LocalDate datum, String orsak) {
    }

    public record Ny(long deltagareId, int manader, boolean nadd, String forsorjning, String sysselsattning,
                     LocalDate datum) {
    }

    private final Jdbi jdbi;

    public EfterkontrollRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        for (Class<?> rad : List.of(Rad.class, Avslutet.class)) {
            jdbi.registerRowMapper(ConstructorMapper.factory(rad));
        }
    }

    public Optional<Avslutet> avslut(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT datum, orsak FROM avslut WHERE deltagare_id = :d")
                .bind("d", deltagareId).mapTo(Avslutet.class).findOne());
    }

    /** Every check of the participant, newest first, corrected ones marked. */
    public List<Rad> rader(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT e.id, e.manader, e.nadd, e.forsorjning, e.sysselsattning, e.datum,
                               a.namn AS registrerad_av, e.registrerad, e.ersatter_id,
                               EXISTS (SELECT 1 FROM efterkontroll x WHERE x.ersatter_id = e.id) AS ersatt
                        FROM efterkontroll e JOIN anvandare a ON a.id = e.registrerad_av
                        WHERE e.deltagare_id = :d ORDER BY e.manader, e.id DESC""")
                .bind("d", deltagareId).mapTo(Rad.class).list());
    }

    /** Records a check; it replaces the current check of the same month, if there is one. */
    public long spara(Ny ny, long anvandareId, Instant nu) {
        return jdbi.inTransaction(h -> {
            Long aktuell = h.createQuery("""
                            SELECT e.id FROM efterkontroll e WHERE e.deltagare_id = :d AND e.manader = :m
                              AND NOT EXISTS (SELECT 1 FROM efterkontroll x WHERE x.ersatter_id = e.id)
                            ORDER BY e.id DESC LIMIT 1""")
                    .bind("d", ny.deltagareId()).bind("m", ny.manader()).mapTo(Long.class).findOne().orElse(null);
            return h.createUpdate("""
                            INSERT INTO efterkontroll (deltagare_id, manader, nadd, forsorjning, sysselsattning, datum,
                                                       registrerad_av, registrerad, ersatter_id)
                            VALUES (:d, :m, :nadd, :f, :s, :datum, :av, :nu, :ersatter)""")
                    .bind("d", ny.deltagareId()).bind("m", ny.manader()).bind("nadd", ny.nadd() ? 1 : 0)
                    .bind("f", ny.nadd() ? ny.forsorjning() : null).bind("s", ny.nadd() ? ny.sysselsattning() : null)
                    .bind("datum", ny.datum().toString()).bind("av", anvandareId).bind("nu", nu.toString())
                    .bind("ersatter", aktuell)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        });
    }
}
