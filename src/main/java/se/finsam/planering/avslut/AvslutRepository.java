package se.finsam.planering.avslut;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import se.finsam.planering.uppfoljning.UppfoljningRoutes.Val;

/**
 * The closure of a participant's case: recorded once, with who takes over, and a decision for every item of the
 * plan that was still open or waiting for a kvittens.
 */
public final class AvslutRepository {

    /** What the koordinator records at closure; {@code fortsattningOrganisationId} may be missing. */
    public record NyttAvslut(long deltagareId, LocalDate datum, String orsak, String forsorjning,
                             String sysselsattning, String stegMotArbete,
                             Long fortsattningOrganisationId, String fortsattningAnsvarig, Long fortsattningAnvandareId,
                             String nastaSteg, boolean ingenFortsattning) {
    }

    /**
     * An item that needs a decision at closure: not done and not rejected, or handed over and still without an
     * answer. {@code vantarPa} names whom an open handover waits for.
     */
    public record OppenPunkt(long id, String text, boolean deltagaren, String organisation, String ansvarig,
                             String status, String orsak, LocalDate klartSenast, String vantarPa,
                             Instant vantarSedan) {
        public String statusKod() {
            return status == null ? "ej_paborjad" : status;
        }
    }

    /** A member of staff in the förbund who can take something over. */
    public record Person(long id, String namn, String organisation) {
        /** How the person is written in the choice list and in the field. */
        public String etikett() {
            return namn + " (" + organisation + ")";
        }
    }

    /** The decision for one item: handed over to a person (staff or typed), or closed as not done with a reason. */
    public record Beslut(long planpunktId, boolean overlamnad, Long tillAnvandareId, String tillText, String orsak) {
    }

    /** A recorded decision, as the closed participant's page shows it. */
    public record SparatBeslut(long planpunktId, String text, String beslut, String till, String orsak,
                               String vantadePa) {
    }

    /** The answer to saving: stored, already closed, or items that appeared without a decision meanwhile. */
    public record Resultat(boolean sparad, boolean redanAvslutad, List<Long> utanBeslut) {
    }

    private static final String OPPNA = """
            SELECT pp.id, pp.text, pp.ansvarig_deltagaren AS deltagaren, o.namn AS organisation,
                   a.namn AS ansvarig, ls.status, ls.orsak, pp.klart_senast,
                   (SELECT v.namn FROM overlamning ov JOIN anvandare v ON v.id = ov.till_id
                     WHERE ov.planpunkt_id = pp.id AND ov.kvitterad IS NULL AND ov.avvisad IS NULL
                     ORDER BY ov.id DESC LIMIT 1) AS vantar_pa,
                   (SELECT ov.skapad FROM overlamning ov
                     WHERE ov.planpunkt_id = pp.id AND ov.kvitterad IS NULL AND ov.avvisad IS NULL
                     ORDER BY ov.id DESC LIMIT 1) AS vantar_sedan
            FROM planering p JOIN planpunkt pp ON pp.planering_id = p.id AND pp.borttagen IS NULL
            LEFT JOIN organisation o ON o.id = pp.ansvarig_organisation_id
            LEFT JOIN anvandare a ON a.id = pp.ansvarig_anvandare_id
            LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
            LEFT JOIN uppfoljning_status ls ON ls.uppfoljning_id = s.uppfoljning_id AND ls.planpunkt_id = pp.id
            WHERE p.deltagare_id = :d
              AND (coalesce(ls.status, 'ej_paborjad') NOT IN ('genomford', 'avslagen')
                   OR EXISTS (SELECT 1 FROM overlamning ov WHERE ov.planpunkt_id = pp.id
                              AND ov.kvitterad IS NULL AND ov.avvisad IS NULL))
            ORDER BY pp.ordning, pp.id""";

    private final Jdbi jdbi;

    public AvslutRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        for (Class<?> rad : List.of(Val.class, OppenPunkt.class, Person.class, SparatBeslut.class)) {
            jdbi.registerRowMapper(ConstructorMapper.factory(rad));
        }
    }

    /** The organisations that can take over, as choices. */
    public List<Val> organisationer() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id AS varde, namn FROM organisation WHERE aktiv = 1 ORDER BY namn")
                .mapTo(Val.class).list());
    }

    public boolean organisationFinns(long organisationId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM organisation WHERE id = :o")
                .bind("o", organisationId).mapTo(Integer.class).one()) > 0;
    }

    /** The plan's items that need a decision before the participant can be closed. */
    public List<OppenPunkt> oppnaPunkter(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery(OPPNA).bind("d", deltagareId).mapTo(OppenPunkt.class).list());
    }

    /** Everyone in the förbund's staff who can take over an item or the continuation, by name. */
    public List<Person> personal() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT a.id, a.namn, o.namn AS organisation
                        FROM anvandare a JOIN organisation o ON o.id = a.organisation_id
                        WHERE a.aktiv = 1 AND a.roll IN ('handlaggare', 'teamrepresentant', 'koordinator')
                        ORDER BY a.namn, o.namn""")
                .mapTo(Person.class).list());
    }

    /** The decisions recorded at the participant's closure, in the plan's order. */
    public List<SparatBeslut> beslut(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT b.planpunkt_id, pp.text, b.beslut,
                               coalesce(a.namn || ' (' || o.namn || ')', b.till_text) AS till, b.orsak,
                               v.namn AS vantade_pa
                        FROM avslut_punkt b JOIN planpunkt pp ON pp.id = b.planpunkt_id
                        LEFT JOIN anvandare a ON a.id = b.till_anvandare_id
                        LEFT JOIN organisation o ON o.id = a.organisation_id
                        LEFT JOIN anvandare v ON v.id = b.vantade_pa_id
                        WHERE b.deltagare_id = :d ORDER BY pp.ordning, pp.id""")
                .bind("d", deltagareId).mapTo(SparatBeslut.class).list());
    }

    /**
     * Stores the closure and the decision for each open item, and closes the participant's open handovers, in one
     * transaction. Nothing is stored when the case was already closed, or when an item that needs a decision has
     * none (someone added or reopened one while the form was open).
     */
    public Resultat spara(NyttAvslut a, List<Beslut> beslut, long anvandareId, Instant nu) {
        return jdbi.inTransaction(h -> {
            boolean redan = h.createQuery("SELECT count(*) FROM avslut WHERE deltagare_id = :d")
                    .bind("d", a.deltagareId()).mapTo(Integer.class).one() > 0;
            if (redan) {
                return new Resultat(false, true, List.of());
            }
            Map<Long, Beslut> perPunkt = beslut.stream()
                    .collect(Collectors.toMap(Beslut::planpunktId, b -> b, (x, y) -> y));
            List<OppenPunkt> oppna = h.createQuery(OPPNA).bind("d", a.deltagareId()).mapTo(OppenPunkt.class).list();
            List<Long> utan = oppna.stream().map(OppenPunkt::id).filter(id -> !perPunkt.containsKey(id)).toList();
            if (!utan.isEmpty()) {
                return new Resultat(false, false, utan);
            }
            h.createUpdate("""
                            INSERT INTO avslut (deltagare_id, datum, orsak, forsorjning, sysselsattning, steg_mot_arbete,
                                                fortsattning_organisation_id, fortsattning_ansvarig,
                                                fortsattning_anvandare_id, nasta_steg,
                                                ingen_fortsattning, registrerad, registrerad_av)
                            VALUES (:deltagareId, :datum, :orsak, :forsorjning, :sysselsattning, :stegMotArbete,
                                    :fortsattningOrganisationId, :fortsattningAnsvarig, :fortsattningAnvandareId,
                                    :nastaSteg, :ingen, :nu, :av)""")
                    .bindMethods(a).bind("ingen", a.ingenFortsattning() ? 1 : 0).bind("nu", nu).bind("av", anvandareId)
                    .execute();
            Set<Long> oppnaIds = oppna.stream().map(OppenPunkt::id).collect(Collectors.toSet());
            for (Beslut b : beslut) {
                if (!oppnaIds.contains(b.planpunktId())) {
                    continue; // done or answered meanwhile: nothing left to decide
                }
                h.createUpdate("""
                                INSERT INTO avslut_punkt (deltagare_id, planpunkt_id, beslut, till_anvandare_id, till_text,
                                                          orsak, vantade_pa_id, vantade_sedan, registrerad, registrerad_av)
                                VALUES (:d, :p, :beslut, :tillId, :tillText, :orsak,
                                        (SELECT till_id FROM overlamning WHERE planpunkt_id = :p
                                           AND kvitterad IS NULL AND avvisad IS NULL ORDER BY id DESC LIMIT 1),
                                        (SELECT skapad FROM overlamning WHERE planpunkt_id = :p
                                           AND kvitterad IS NULL AND avvisad IS NULL ORDER BY id DESC LIMIT 1),
                                        :nu, :av)""")
                        .bind("d", a.deltagareId()).bind("p", b.planpunktId())
                        .bind("beslut", b.overlamnad() ? "overlamnad" : "stangd")
                        .bind("tillId", b.overlamnad() ? b.tillAnvandareId() : null)
                        .bind("tillText", b.overlamnad() && b.tillAnvandareId() == null ? b.tillText() : null)
                        .bind("orsak", b.overlamnad() ? null : b.orsak())
                        .bind("nu", nu).bind("av", anvandareId).execute();
            }
            // No work list keeps a closed participant: every handover still waiting for an answer is closed.
            h.createUpdate("""
                            DELETE FROM overlamning WHERE kvitterad IS NULL AND avvisad IS NULL
                              AND planpunkt_id IN (SELECT pp.id FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                                                   WHERE p.deltagare_id = :d)""")
                    .bind("d", a.deltagareId()).execute();
            return new Resultat(true, false, List.of());
        });
    }
}
