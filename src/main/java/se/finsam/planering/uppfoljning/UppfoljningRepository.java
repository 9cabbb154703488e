package se.finsam.planering.uppfoljning;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** Follow-up events: appended, never updated. Each client UUID is stored once. */
public final class UppfoljningRepository {

    public enum Resultat { SPARAD, REDAN_SPARAD, ANNAN_DELTAGARE }

    /** An item of the participant's current plan, with its current status. */
    public record Punkt(long id, String text, String organisation, String ansvarig, boolean deltagarensEget,
                        LocalDate klartSenast, String status, String orsak) {
        public String statusEllerStart() {
            return status == null ? "ej_paborjad" : status;
        }
    }

    /** One event in an item's timeline. */
    public record Handelse(long uppfoljningId, long planpunktId, LocalDate datum, Instant tid, String status,
                           String orsak, String av, Long korrigerar) {
    }

    /** One follow-up as a whole, for the participant's history. */
    public record Post(long id, LocalDate datum, Instant tid, String av, String forsorjning, String sysselsattning,
                       String noteringDeltagare, String noteringIntern, String nastaSteg, boolean eskalera,
                       Long korrigerar) {
    }

    private final Jdbi jdbi;

    private static Long nullableLong(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    public UppfoljningRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<Punkt> punkter(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT pp.id, pp.text, o.namn AS organisation, a.namn AS ansvarig, pp.ansvarig_deltagaren,
                               pp.klart_senast, s.status, s.orsak
                        FROM planering p JOIN planpunkt pp ON pp.planering_id = p.id
                        LEFT JOIN organisation o ON o.id = pp.ansvarig_organisation_id
                        LEFT JOIN anvandare a ON a.id = pp.ansvarig_anvandare_id
                        LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
                        WHERE p.deltagare_id = :d AND pp.borttagen IS NULL
                        ORDER BY pp.ordning, pp.id""")
                .bind("d", deltagareId)
                .map((rs, ctx) -> new Punkt(rs.getLong("id"), rs.getString("text"), rs.getString("organisation"),
                        rs.getString("ansvarig"), rs.getBoolean("ansvarig_deltagaren"),
                        LocalDate.parse(rs.getString("klart_senast")), rs.getString("status"), rs.getString("orsak")))
                .list());
    }

    /** Every status event of the participant's items, newest first, grouped by item. */
    public Map<Long, List<Handelse>> tidslinjer(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT u.id, us.planpunkt_id, u.datum, u.ordningstid AS tid,
                               us.status, us.orsak, a.namn AS av, u.korrigerar_id
                        FROM uppfoljning u
                        JOIN uppfoljning_status us ON us.uppfoljning_id = u.id
                        JOIN anvandare a ON a.id = u.registrerad_av
                        WHERE u.deltagare_id = :d
                        ORDER BY tid DESC, u.id DESC""")
                .bind("d", deltagareId)
                .map((rs, ctx) -> new Handelse(rs.getLong(1), rs.getLong(2), LocalDate.parse(rs.getString(3)),
                        Instant.parse(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                        nullableLong(rs, 8)))
                .list())
                .stream().collect(Collectors.groupingBy(Handelse::planpunktId, java.util.LinkedHashMap::new,
                        Collectors.toList()));
    }

    public List<Post> poster(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT u.id, u.datum, u.ordningstid AS tid, a.namn, u.forsorjning,
                               u.sysselsattning, u.notering_deltagare, u.notering_intern, u.nasta_steg, u.eskalera,
                               u.korrigerar_id
                        FROM uppfoljning u JOIN anvandare a ON a.id = u.registrerad_av
                        WHERE u.deltagare_id = :d AND u.typ = 'uppfoljning'
                        ORDER BY tid DESC, u.id DESC""")
                .bind("d", deltagareId)
                .map((rs, ctx) -> new Post(rs.getLong(1), LocalDate.parse(rs.getString(2)),
                        Instant.parse(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getBoolean(10),
                        nullableLong(rs, 11)))
                .list());
    }

    /** The participant a follow-up event belongs to, for corrections. */
    public Optional<Long> deltagareFor(long uppfoljningId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT deltagare_id FROM uppfoljning WHERE id = :u")
                .bind("u", uppfoljningId).mapTo(Long.class).findOne());
    }

    public Optional<LocalDate> planeringSkapad(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT skapad FROM planering WHERE deltagare_id = :d")
                .bind("d", deltagareId).mapTo(String.class).findOne().map(s -> LocalDate.parse(s.substring(0, 10))));
    }

    /**
     * Stores the event and its statuses in one transaction. The UUID's unique index makes a retry
     * of the same record a no-op, however often and however late it arrives.
     */
    public Resultat spara(Uppfoljning u, long anvandareId, Instant nu) {
        return jdbi.inTransaction(h -> {
            int inserted = h.createUpdate("""
                            INSERT INTO uppfoljning (uuid, deltagare_id, typ, datum, registrerad, registrerad_av,
                                                     klient_tid, forsorjning, sysselsattning, notering_deltagare,
                                                     notering_intern, nasta_steg, eskalera, korrigerar_id)
                            VALUES (:uuid, :d, :typ, :datum, :nu, :av, :klient, :forsorjning, :syss, :notD, :notI,
                                    :nasta, :esk, :korr)
                            ON CONFLICT (uuid) DO NOTHING""")
                    .bind("uuid", u.uuid()).bind("d", u.deltagareId()).bind("typ", u.typ()).bind("datum", u.datum())
                    .bind("nu", nu).bind("av", anvandareId).bind("klient", u.klientTid())
                    .bind("forsorjning", u.forsorjning()).bind("syss", u.sysselsattning())
                    .bind("notD", u.noteringDeltagare()).bind("notI", u.noteringIntern())
                    .bind("nasta", u.nastaSteg()).bind("esk", u.eskalera()).bind("korr", u.korrigerar())
                    .execute();
            if (inserted == 0) {
                long owner = h.createQuery("SELECT deltagare_id FROM uppfoljning WHERE uuid = :uuid")
                        .bind("uuid", u.uuid()).mapTo(Long.class).one();
                return owner == u.deltagareId() ? Resultat.REDAN_SPARAD : Resultat.ANNAN_DELTAGARE;
            }
            long id = h.createQuery("SELECT id FROM uppfoljning WHERE uuid = :uuid").bind("uuid", u.uuid())
                    .mapTo(Long.class).one();
            var batch = h.prepareBatch("""
                    INSERT INTO uppfoljning_status (uppfoljning_id, planpunkt_id, status, orsak)
                    VALUES (:u, :p, :s, :o)""");
            for (Uppfoljning.Status s : u.statusar()) {
                batch.bind("u", id).bind("p", s.planpunktId()).bind("s", s.status()).bind("o", s.orsak()).add();
            }
            if (!u.statusar().isEmpty()) {
                batch.execute();
            }
            return Resultat.SPARAD;
        });
    }
}
