package se.finsam.planering.kontakt;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * The staff directory, the authorities, and each participant's kontaktpersoner. A change of contact closes the
 * old row (till_datum) and adds a new one, so the history stays and the current list is always the open rows.
 */
public final class KontaktRepository {

    public record Organisation(long id, String kod, String typ, String namn) {
    }

    /** A staff member as the pickers show them. */
    public record Personal(long id, String namn, String titel, long organisationId, String organisation,
                           String roll) {
    }

    public record Kontakt(long id, long organisationId, String organisation, Long anvandareId, String namn,
                          String titel, String telefon, String epost, String telefontider, String telefontid,
                          @ColumnName("fran_datum") LocalDate fran, @ColumnName("till_datum") LocalDate till) {
        public boolean extern() {
            return anvandareId == null;
        }

        /** The telephone hours as days and times, or null (then {@code telefontider} may hold old free text). */
        public Telefontid tider() {
            return Telefontid.avKod(telefontid);
        }
    }

    /** A new contact: either someone from the staff directory or an external person. */
    public record NyKontakt(long organisationId, Long anvandareId, String namn, String titel, String telefon,
                            String epost, Telefontid telefontid) {
    }

    private final Jdbi jdbi;

    public KontaktRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        for (Class<?> rad : List.of(Organisation.class, Personal.class, Kontakt.class, Koordinator.class)) {
            jdbi.registerRowMapper(ConstructorMapper.factory(rad));
        }
    }

    /** The active authorities a new plan item, contact or samtycke can name, in a stable order. */
    public List<Organisation> organisationer() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, kod, typ, namn FROM organisation WHERE aktiv = 1 ORDER BY id")
                .mapTo(Organisation.class)
                .list());
    }

    /** Active staff of the given teams (the directory the pickers offer), by organisation and name. */
    public List<Personal> personal(Collection<Long> teamIds) {
        if (teamIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT DISTINCT a.id, a.namn, a.titel, a.organisation_id, o.namn AS organisation, a.roll
                        FROM anvandare a JOIN organisation o ON o.id = a.organisation_id
                        JOIN team_medlem m ON m.anvandare_id = a.id
                        WHERE m.team_id IN (<teams>) AND a.aktiv = 1
                          AND a.roll IN ('handlaggare', 'teamrepresentant', 'koordinator')
                        ORDER BY a.organisation_id, a.namn""")
                .bindList("teams", List.copyOf(teamIds))
                .mapTo(Personal.class)
                .list());
    }

    /** Active staff outside the given team, who may stand in as substitutes at its meetings. */
    public List<Personal> personalUtanfor(long teamId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT a.id, a.namn, a.titel, a.organisation_id, o.namn AS organisation, a.roll
                        FROM anvandare a JOIN organisation o ON o.id = a.organisation_id
                        WHERE a.aktiv = 1 AND a.roll IN ('handlaggare', 'teamrepresentant', 'koordinator')
                          AND NOT EXISTS (SELECT 1 FROM team_medlem m WHERE m.anvandare_id = a.id AND m.team_id = :t)
                        ORDER BY a.organisation_id, a.namn""")
                .bind("t", teamId)
                .mapTo(Personal.class)
                .list());
    }

    public Optional<Personal> personal(long anvandareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT a.id, a.namn, a.titel, a.organisation_id, o.namn AS organisation, a.roll
                        FROM anvandare a JOIN organisation o ON o.id = a.organisation_id
                        WHERE a.id = :id AND a.aktiv = 1 AND a.roll IN ('handlaggare', 'teamrepresentant', 'koordinator')""")
                .bind("id", anvandareId)
                .mapTo(Personal.class)
                .findOne());
    }

    /** The team's koordinator as the participant reaches them: for whom to call and the calendar organizer. */
    public record Koordinator(String namn, String telefon, String epost) {
    }

    public Optional<Koordinator> koordinator(long teamId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT a.namn, a.telefon, a.epost FROM anvandare a
                        JOIN team_medlem m ON m.anvandare_id = a.id
                        WHERE m.team_id = :t AND a.roll = 'koordinator' AND a.aktiv = 1
                        ORDER BY a.id LIMIT 1""")
                .bind("t", teamId)
                .mapTo(Koordinator.class)
                .findOne());
    }

    /** The participant's current contacts: one list, per authority, the directory's details filled in. */
    public List<Kontakt> aktuella(long deltagareId) {
        return lista(deltagareId, "k.till_datum IS NULL");
    }

    /** Contacts that have been replaced, newest first. */
    public List<Kontakt> historik(long deltagareId) {
        return lista(deltagareId, "k.till_datum IS NOT NULL");
    }

    private List<Kontakt> lista(long deltagareId, String villkor) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT k.id, k.organisation_id, o.namn AS organisation, k.anvandare_id,
                               coalesce(a.namn, k.namn) AS namn, coalesce(a.titel, k.titel) AS titel,
                               coalesce(a.telefon, k.telefon) AS telefon, coalesce(a.epost, k.epost) AS epost,
                               CASE WHEN a.id IS NOT NULL THEN a.telefontider ELSE k.telefontider END AS telefontider,
                               CASE WHEN a.id IS NOT NULL THEN <atid> ELSE <ktid> END AS telefontid,
                               k.fran_datum, k.till_datum
                        FROM kontaktperson k JOIN organisation o ON o.id = k.organisation_id
                        LEFT JOIN anvandare a ON a.id = k.anvandare_id
                        WHERE k.deltagare_id = :d AND <villkor>
                        ORDER BY k.organisation_id, k.till_datum DESC NULLS LAST, k.id DESC""")
                .define("villkor", villkor)
                .define("atid", Telefontid.sql("a")).define("ktid", Telefontid.sql("k"))
                .bind("d", deltagareId)
                .mapTo(Kontakt.class)
                .list());
    }


    /** Replaces the authority's current contact (if any) from today, keeping the old one as history. */
    public void byt(long deltagareId, NyKontakt ny, LocalDate idag) {
        jdbi.useTransaction(h -> byt(h, deltagareId, ny, idag));
    }

    public static void byt(Handle h, long deltagareId, NyKontakt ny, LocalDate idag) {
        h.createUpdate("""
                        UPDATE kontaktperson SET till_datum = CASE WHEN fran_datum > :idag THEN fran_datum ELSE :idag END
                        WHERE deltagare_id = :d AND organisation_id = :o AND till_datum IS NULL""")
                .bind("idag", idag).bind("d", deltagareId).bind("o", ny.organisationId()).execute();
        h.createUpdate("""
                        INSERT INTO kontaktperson (deltagare_id, organisation_id, anvandare_id, namn, titel, telefon,
                                                   epost, telefontid_dagar, telefontid_fran, telefontid_till,
                                                   ordinarie_handlaggare, fran_datum)
                        VALUES (:d, :o, :a, :namn, :titel, :tel, :epost, :dagar, :fran, :till, 1, :idag)""")
                .bind("d", deltagareId).bind("o", ny.organisationId()).bind("a", ny.anvandareId())
                .bind("namn", ny.anvandareId() == null ? ny.namn() : null)
                .bind("titel", ny.anvandareId() == null ? ny.titel() : null)
                .bind("tel", ny.anvandareId() == null ? ny.telefon() : null)
                .bind("epost", ny.anvandareId() == null ? ny.epost() : null)
                .bind("dagar", ny.anvandareId() == null && ny.telefontid() != null ? ny.telefontid().dagar() : null)
                .bind("fran", ny.anvandareId() == null && ny.telefontid() != null ? ny.telefontid().fran().toString() : null)
                .bind("till", ny.anvandareId() == null && ny.telefontid() != null ? ny.telefontid().till().toString() : null)
                .bind("idag", idag).execute();
    }

    /** Ends the authority's current contact without a successor. */
    public void avsluta(long deltagareId, long kontaktId, LocalDate idag) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE kontaktperson SET till_datum = CASE WHEN fran_datum > :idag THEN fran_datum ELSE :idag END
                        WHERE id = :k AND deltagare_id = :d AND till_datum IS NULL""")
                .bind("idag", idag).bind("k", kontaktId).bind("d", deltagareId).execute());
    }

    /** The named current contact at an authority, used when an item names only the authority. */
    public Optional<Long> aktuellHandlaggare(Handle h, long deltagareId, long organisationId) {
        return h.createQuery("""
                        SELECT anvandare_id FROM kontaktperson
                        WHERE deltagare_id = :d AND organisation_id = :o AND till_datum IS NULL
                          AND anvandare_id IS NOT NULL ORDER BY id DESC LIMIT 1""")
                .bind("d", deltagareId).bind("o", organisationId).mapTo(Long.class).findOne();
    }
}
