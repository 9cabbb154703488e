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

    /** One attempt to reach the person that did not succeed, with when it was made. */
    public record Forsok(long id, int manader, Instant tidpunkt, String registreradAv) {
    }

    /** A closed participant and the months already checked, for finding the next check due. */
    public record Avslutad(long deltagareId, String namn, LocalDate avslutDatum, String gjorda) {
        public List<Integer> gjordaManader() {
            return gjorda == null ? List.of()
                    : java.util.Arrays.stream(gjorda.split(",")).map(Integer::parseInt).toList();
        }
    }

    /** The next check due: whom, which month and when. */
    public record Nasta(long deltagareId, String namn, int manader, LocalDate forfaller) {
    }

    private final Jdbi jdbi;

    public EfterkontrollRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        for (Class<?> rad : List.of(Rad.class, Avslutet.class, Forsok.class, Avslutad.class)) {
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

    /** Records an attempt to reach the person for the month's check, at this moment. */
    public void forsok(long deltagareId, int manader, long anvandareId, Instant nu) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO efterkontroll_forsok (deltagare_id, manader, tidpunkt, registrerad_av)
                        VALUES (:d, :m, :nu, :av)""")
                .bind("d", deltagareId).bind("m", manader).bind("nu", nu.toString()).bind("av", anvandareId)
                .execute());
    }

    /** The attempts made for the participant's checks, oldest first. */
    public List<Forsok> forsok(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT f.id, f.manader, f.tidpunkt, a.namn AS registrerad_av
                        FROM efterkontroll_forsok f JOIN anvandare a ON a.id = f.registrerad_av
                        WHERE f.deltagare_id = :d ORDER BY f.tidpunkt, f.id""")
                .bind("d", deltagareId).mapTo(Forsok.class).list());
    }

    /**
     * The check that is due next among the participants the user may see in her teams, this one left out: the
     * first month not yet checked (6, then 12) of a closure within two years, due within {@code dagarFramat} days
     * or overdue, the earliest first.
     */
    public java.util.Optional<Nasta> nasta(se.finsam.planering.atkomst.DeltagarAtkomst.Synliga synliga,
                                           java.util.Collection<Long> teamIds, long utom, LocalDate idag,
                                           int dagarFramat) {
        if (teamIds.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<Avslutad> avslutade = jdbi.withHandle(h -> h.createQuery("""
                        SELECT d.id AS deltagare_id, coalesce(sy.namn, d.kod) AS namn, av.datum AS avslut_datum,
                               (SELECT string_agg(CAST(e.manader AS TEXT), ',') FROM efterkontroll e
                                 WHERE e.deltagare_id = d.id) AS gjorda
                        FROM avslut av JOIN deltagare d ON d.id = av.deltagare_id
                        JOIN (<synliga>) sy ON sy.deltagare_id = d.id
                        WHERE d.team_id IN (<teams>) AND av.orsak <> 'felregistrering' AND d.gallrad IS NULL
                          AND av.datum >= :fran AND d.id <> :utom""")
                .define("synliga", synliga.sql()).bindList("teams", List.copyOf(teamIds))
                .bind("fran", idag.minusMonths(24).toString()).bind("utom", utom)
                .mapTo(Avslutad.class).list());
        java.util.Optional<Nasta> basta = java.util.Optional.empty();
        for (Avslutad a : avslutade) {
            for (int m : List.of(6, 12)) {
                if (a.gjordaManader().contains(m)) {
                    continue;
                }
                LocalDate forfaller = a.avslutDatum().plusMonths(m);
                if (!forfaller.isAfter(idag.plusDays(dagarFramat))
                        && (basta.isEmpty() || forfaller.isBefore(basta.get().forfaller()))) {
                    basta = java.util.Optional.of(new Nasta(a.deltagareId(), a.namn(), m, forfaller));
                }
                break;
            }
        }
        return basta;
    }
}
