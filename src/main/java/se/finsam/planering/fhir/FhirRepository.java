package se.finsam.planering.fhir;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** What a participant's FHIR bundle is made of, read with her id only. */
public final class FhirRepository {

    public record Person(long id, String kod, String fornamn, String efternamn, String personnummer, int fodelsear,
                         String kon, boolean skyddadIdentitet, long teamId, String team, boolean avslutad) {
    }

    public record Organisation(long id, String kod, String namn, String typ, String telefon) {
    }

    /** A current contact person: from the staff directory or external. */
    public record Kontakt(long id, long organisationId, String namn, String titel, String telefon, String epost) {
    }

    public record Plan(String mal, String skapad, String overlamnad) {
    }

    public record Punkt(long id, String text, String typ, boolean ansvarigDeltagaren, Long organisationId,
                        String klartSenast, String status, String orsak, String senasteNotering) {
    }

    public record Overlamning(long id, long planpunktId, String punkt, Long organisationId, String skapad,
                              String kvitterad, String avvisad, String avvisadOrsak) {
    }

    private final Jdbi jdbi;

    public FhirRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        for (Class<?> rad : List.of(Person.class, Organisation.class, Kontakt.class, Plan.class, Punkt.class,
                Overlamning.class)) {
            jdbi.registerRowMapper(ConstructorMapper.factory(rad));
        }
    }

    public Optional<Person> person(long d) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT d.id, d.kod, d.fornamn, d.efternamn, d.personnummer, d.fodelsear, d.kon,
                               d.skyddad_identitet, t.id AS team_id, t.namn AS team,
                               EXISTS (SELECT 1 FROM avslut a WHERE a.deltagare_id = d.id) AS avslutad
                        FROM deltagare d JOIN team t ON t.id = d.team_id WHERE d.id = :d""")
                .bind("d", d).mapTo(Person.class).findOne());
    }

    /** The organisations her plan items, contacts and handovers name. */
    public List<Organisation> organisationer(long d) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, kod, namn, typ, telefon FROM organisation WHERE id IN (
                            SELECT pp.ansvarig_organisation_id FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                             WHERE p.deltagare_id = :d AND pp.ansvarig_organisation_id IS NOT NULL
                            UNION SELECT organisation_id FROM kontaktperson WHERE deltagare_id = :d AND till_datum IS NULL
                            UNION SELECT a.organisation_id FROM overlamning o JOIN anvandare a ON a.id = o.till_id
                             JOIN planpunkt pp ON pp.id = o.planpunkt_id JOIN planering p ON p.id = pp.planering_id
                             WHERE p.deltagare_id = :d AND a.organisation_id IS NOT NULL)
                        ORDER BY id""")
                .bind("d", d).mapTo(Organisation.class).list());
    }

    public List<Kontakt> kontakter(long d) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT k.id, k.organisation_id, coalesce(a.namn, k.namn) AS namn,
                               coalesce(a.titel, k.titel) AS titel, coalesce(k.telefon, a.telefon) AS telefon,
                               coalesce(k.epost, a.epost) AS epost
                        FROM kontaktperson k LEFT JOIN anvandare a ON a.id = k.anvandare_id
                        WHERE k.deltagare_id = :d AND k.till_datum IS NULL ORDER BY k.id""")
                .bind("d", d).mapTo(Kontakt.class).list());
    }

    public Optional<Plan> plan(long d) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT mal, skapad, overlamnad FROM planering WHERE deltagare_id = :d""")
                .bind("d", d).mapTo(Plan.class).findOne());
    }

    /** Her plan items (not removed) with their current status and the latest note for her. */
    public List<Punkt> punkter(long d) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT pp.id, pp.text, pp.typ, pp.ansvarig_deltagaren, pp.ansvarig_organisation_id AS organisation_id,
                               pp.klart_senast, coalesce(s.status, 'ej_paborjad') AS status, s.orsak,
                               (SELECT u.notering_deltagare FROM uppfoljning u JOIN uppfoljning_status us
                                  ON us.uppfoljning_id = u.id
                                 WHERE us.planpunkt_id = pp.id AND u.notering_deltagare IS NOT NULL
                                 ORDER BY u.ordningstid DESC, u.id DESC LIMIT 1) AS senaste_notering
                        FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                        LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
                        WHERE p.deltagare_id = :d AND pp.borttagen IS NULL ORDER BY pp.ordning, pp.id""")
                .bind("d", d).mapTo(Punkt.class).list());
    }

    public List<Overlamning> overlamningar(long d) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT o.id, o.planpunkt_id, pp.text AS punkt, a.organisation_id, o.skapad, o.kvitterad,
                               o.avvisad, o.avvisad_orsak
                        FROM overlamning o JOIN planpunkt pp ON pp.id = o.planpunkt_id
                        JOIN planering p ON p.id = pp.planering_id JOIN anvandare a ON a.id = o.till_id
                        WHERE p.deltagare_id = :d ORDER BY o.id""")
                .bind("d", d).mapTo(Overlamning.class).list());
    }
}
