package se.finsam.planering.deltagare;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import se.finsam.planering.atkomst.DeltagarAtkomst;

/**
 * A participant's samtycke per organisation with its history, its withdrawal, and the koordinator's tasks that
 * follow from what the participant does herself (a withdrawal, a request to correct her data).
 */
public final class SamtyckeRepository {

    /**
     * One samtycke row: given (date, how, by whom) and perhaps withdrawn (date, by whom). {@code aterkallatAvHenne}
     * is true when the participant withdrew it herself.
     */
    public record Samtycke(long id, long organisationId, String organisation, LocalDate givetDatum, String hur,
                           String registreradAv, LocalDate aterkallatDatum, String aterkallatAv,
                           boolean aterkallatAvHenne) {
        public boolean giltigt() {
            return aterkallatDatum == null;
        }
    }

    /** An open task for the koordinator, on her start page. Name is null for a protected identity. */
    public record Uppgift(long id, long deltagareId, String kod, String namn, String typ, String organisation,
                          String text, Instant skapad, int punkterHosOrganisationen) {
        public String visningsnamn() {
            return namn != null ? namn : kod;
        }
    }

    /** A request for correction as the participant sees it: what she wrote, when, and whether it is handled. */
    public record Rattelse(long id, String text, Instant skapad, Instant hanterad) {
    }

    private final Jdbi jdbi;

    public SamtyckeRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        for (Class<?> rad : List.of(Samtycke.class, Uppgift.class, Rattelse.class)) {
            jdbi.registerRowMapper(ConstructorMapper.factory(rad));
        }
    }

    /** Every samtycke row of the participant, current ones first within each organisation, newest first. */
    public List<Samtycke> historik(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT s.id, s.organisation_id, o.namn AS organisation, s.givet_datum, s.hur,
                               r.namn AS registrerad_av, s.aterkallat_datum, ak.namn AS aterkallat_av,
                               CASE WHEN ak.id = d.anvandare_id THEN 1 ELSE 0 END AS aterkallat_av_henne
                        FROM samtycke s JOIN organisation o ON o.id = s.organisation_id
                        JOIN deltagare d ON d.id = s.deltagare_id
                        JOIN anvandare r ON r.id = s.registrerad_av
                        LEFT JOIN anvandare ak ON ak.id = s.aterkallat_av
                        WHERE s.deltagare_id = :d
                        ORDER BY o.namn, s.aterkallat_datum IS NOT NULL, s.givet_datum DESC, s.id DESC""")
                .bind("d", deltagareId)
                .mapTo(Samtycke.class)
                .list());
    }

    /** The participant's current samtycke for one organisation, if she has one. */
    public Optional<Samtycke> giltigt(long deltagareId, long organisationId) {
        return historik(deltagareId).stream()
                .filter(s -> s.organisationId() == organisationId && s.giltigt()).findFirst();
    }

    /**
     * Withdraws the current samtycke for one organisation at once and leaves the koordinator a task, in one
     * transaction. False when there was none to withdraw (already withdrawn, or never given).
     */
    public boolean aterkalla(long deltagareId, long organisationId, long anvandareId, LocalDate idag, Instant nu) {
        return jdbi.inTransaction(h -> {
            int andrade = h.createUpdate("""
                            UPDATE samtycke SET aterkallat_datum = CASE WHEN givet_datum > :idag THEN givet_datum ELSE :idag END,
                                aterkallat_av = :av
                            WHERE deltagare_id = :d AND organisation_id = :o AND aterkallat_datum IS NULL""")
                    .bind("idag", idag.toString()).bind("av", anvandareId)
                    .bind("d", deltagareId).bind("o", organisationId)
                    .execute();
            if (andrade == 0) {
                return false;
            }
            h.createUpdate("""
                            INSERT INTO koordinatoruppgift (deltagare_id, typ, organisation_id, skapad, skapad_av)
                            VALUES (:d, 'samtycke_aterkallat', :o, :nu, :av)""")
                    .bind("d", deltagareId).bind("o", organisationId).bind("nu", nu.toString())
                    .bind("av", anvandareId)
                    .execute();
            return true;
        });
    }

    /** The participant asks for something stored about her to be corrected: a task for her koordinator. */
    public long begarRattelse(long deltagareId, String text, long anvandareId, Instant nu) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO koordinatoruppgift (deltagare_id, typ, text, skapad, skapad_av)
                        VALUES (:d, 'rattelse', :t, :nu, :av)""")
                .bind("d", deltagareId).bind("t", text).bind("nu", nu.toString()).bind("av", anvandareId)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /** Her requests for correction, newest first. */
    public List<Rattelse> rattelser(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, text, skapad, hanterad FROM koordinatoruppgift
                        WHERE deltagare_id = :d AND typ = 'rattelse' ORDER BY skapad DESC, id DESC""")
                .bind("d", deltagareId)
                .mapTo(Rattelse.class)
                .list());
    }

    /**
     * The open tasks of the participants the user may see, oldest first. For a withdrawn samtycke it also counts
     * the plan items that organisation still owns, which nobody there can now follow up.
     */
    public List<Uppgift> oppna(DeltagarAtkomst.Synliga synliga) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT k.id, k.deltagare_id, v.kod, v.namn, k.typ, o.namn AS organisation, k.text, k.skapad,
                               (SELECT count(*) FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                                 WHERE p.deltagare_id = k.deltagare_id AND pp.borttagen IS NULL
                                   AND pp.ansvarig_organisation_id = k.organisation_id) AS punkter_hos_organisationen
                        FROM koordinatoruppgift k JOIN (<synliga>) v ON v.deltagare_id = k.deltagare_id
                        LEFT JOIN organisation o ON o.id = k.organisation_id
                        WHERE k.hanterad IS NULL
                        ORDER BY k.skapad, k.id""")
                .define("synliga", synliga.sql())
                .mapTo(Uppgift.class)
                .list());
    }

    /** Marks an open task of this participant handled; false when there is no such open task. */
    public boolean hanterad(long uppgiftId, long deltagareId, long anvandareId, Instant nu) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE koordinatoruppgift SET hanterad = :nu, hanterad_av = :av
                        WHERE id = :id AND deltagare_id = :d AND hanterad IS NULL""")
                .bind("nu", nu.toString()).bind("av", anvandareId).bind("id", uppgiftId).bind("d", deltagareId)
                .execute()) == 1;
    }
}
