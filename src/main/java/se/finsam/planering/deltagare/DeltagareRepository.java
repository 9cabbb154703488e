package se.finsam.planering.deltagare;

import se.finsam.planering.atkomst.DeltagarAtkomst;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** Participants as staff lists and overviews show them. */
public final class DeltagareRepository {

    /** One row in a staff list. Name is null for protected identities: show the code instead. */
    public record Rad(long id, String kod, String namn, String team, String fas, int fodelsear) {
        public String visningsnamn() {
            return namn != null ? namn : kod;
        }
    }

    /** What a staff member sees at the top of a participant's page. */
    public record Oversikt(long id, String kod, long teamId, String team, String fornamn, String efternamn,
                           int fodelsear, String kon, String telefon, String epost, String sprak, boolean tolkbehov,
                           String tolksprak, boolean skyddadIdentitet, String fas, String sammanfattning,
                           String forsorjning, LocalDate anmald) {
        public String visningsnamn() {
            return skyddadIdentitet ? kod : fornamn + " " + efternamn;
        }
    }

    public record FasAntal(String team, String fas, int antal) {
    }

    private final Jdbi jdbi;

    public DeltagareRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        for (Class<?> rad : List.of(Rad.class, Oversikt.class, FasAntal.class)) {
            jdbi.registerRowMapper(ConstructorMapper.factory(rad));
        }
    }

    /** When the participant last confirmed "Jag har läst". */
    public Optional<java.time.Instant> senastLast(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT max(last) FROM lasbekraftelse WHERE deltagare_id = :d")
                .bind("d", deltagareId).mapTo(java.time.Instant.class).findOne());
    }

    public Optional<Long> teamOf(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT team_id FROM deltagare WHERE id = :id")
                .bind("id", deltagareId).mapTo(Long.class).findOne());
    }

    public Optional<Oversikt> oversikt(long id) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT d.id, d.kod, d.team_id, t.namn AS team, d.fornamn, d.efternamn, d.fodelsear, d.kon,
                               d.telefon, d.epost, d.sprak, d.tolkbehov, d.tolksprak, d.skyddad_identitet, f.fas,
                               a.sammanfattning, a.forsorjning, a.datum AS anmald
                        FROM deltagare d
                        JOIN team t ON t.id = d.team_id
                        JOIN deltagare_fas f ON f.deltagare_id = d.id
                        LEFT JOIN anmalan a ON a.deltagare_id = d.id
                        WHERE d.id = :id""")
                .bind("id", id)
                .mapTo(Oversikt.class)
                .findOne());
    }

    /** One list row per participant the user may see; the callers add conditions and order. */
    private static final String RAD_SQL = """
            SELECT d.id, d.kod, sy.namn, t.namn AS team, f.fas, d.fodelsear
            FROM (<synliga>) sy JOIN deltagare d ON d.id = sy.deltagare_id JOIN team t ON t.id = d.team_id
            JOIN deltagare_fas f ON f.deltagare_id = d.id
            WHERE 1 = 1
            """;

    /** Every participant the user may see, newest referral first. */
    public List<Rad> synliga(DeltagarAtkomst.Synliga synliga, int limit) {
        return jdbi.withHandle(h -> h.createQuery(RAD_SQL + """
                        ORDER BY d.id DESC LIMIT :n""")
                .define("synliga", synliga.sql()).bind("n", limit)
                .mapTo(Rad.class)
                .list());
    }

    /** Of those the user may see, the participants they referred or hold current items for. */
    public List<Rad> forHandlaggare(DeltagarAtkomst.Synliga synliga, long anvandareId) {
        return jdbi.withHandle(h -> h.createQuery(RAD_SQL + """
                          AND (EXISTS (SELECT 1 FROM anmalan a WHERE a.deltagare_id = d.id AND a.remitterande_id = :u)
                               OR EXISTS (SELECT 1 FROM planering p JOIN planpunkt pp ON pp.planering_id = p.id
                                          WHERE p.deltagare_id = d.id AND pp.ansvarig_anvandare_id = :u
                                            AND pp.borttagen IS NULL))
                        ORDER BY sy.namn IS NULL, sy.namn""")
                .define("synliga", synliga.sql()).bind("u", anvandareId)
                .mapTo(Rad.class)
                .list());
    }

    /** The organisations the participant's samtycke covers today (given, not withdrawn). */
    public java.util.Set<Long> samtyckeOrganisationer(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT DISTINCT organisation_id FROM samtycke
                        WHERE deltagare_id = :d AND aterkallat_datum IS NULL""")
                .bind("d", deltagareId).mapTo(Long.class).collect(java.util.stream.Collectors.toSet()));
    }

    /**
     * Counts per team and stage: the only view of participants that statistics roles get. A team without
     * participants is one row with no stage and the count 0, so that it is still listed.
     */
    public List<FasAntal> fasPerTeam(java.util.Collection<Long> teamIds) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT t.namn AS team, f.fas, count(f.fas) AS antal FROM team t
                        LEFT JOIN deltagare d ON d.team_id = t.id
                        LEFT JOIN deltagare_fas f ON f.deltagare_id = d.id
                        <filter>
                        GROUP BY t.namn, f.fas ORDER BY t.namn""")
                .define("filter", teamIds == null ? "" : "WHERE t.id IN (" + joinIds(teamIds) + ")")
                .mapTo(FasAntal.class)
                .list());
    }

    private static String joinIds(java.util.Collection<Long> ids) {
        return ids.isEmpty() ? "NULL" : String.join(",", ids.stream().map(String::valueOf).toList());
    }

    /**
     * The language of what the participant receives (letters, calendar files): the account's, which she can
     * change herself, else the one given at anmälan; Swedish when that is not one of the interface's languages.
     */
    public String sprak(long deltagareId) {
        String sprak = jdbi.withHandle(h -> h.createQuery("""
                        SELECT coalesce(a.sprak, d.sprak) FROM deltagare d
                        LEFT JOIN anvandare a ON a.id = d.anvandare_id WHERE d.id = :d""")
                .bind("d", deltagareId).mapTo(String.class).findOne().orElse("sv"));
        return se.finsam.planering.sprak.Texter.supported(sprak) ? sprak : "sv";
    }
}
