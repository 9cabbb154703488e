package se.finsam.planering.planering;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Reads and writes the planering as the meeting edits it. Saving is optimistic: it succeeds only if nobody saved
 * since the editor was opened (the version), otherwise nothing is written and the caller shows both versions.
 */
public final class PlaneringEditorRepository {

    /** Who is responsible, as the editor's picker encodes it: "deltagaren", "org:ID" or "anv:ID". */
    public record PlanpunktUtkast(Long id, String text, String typ, String ansvar, LocalDate klartSenast) {
    }

    /** The latest handover of an item: who it went to and what they answered. */
    public record Overlamningsstatus(String till, Instant skapad, Instant kvitterad, Instant avvisad, String orsak) {
    }

    public record SparadPlanpunkt(long id, String text, String typ, String ansvar, LocalDate klartSenast,
                              String ansvarigText, Overlamningsstatus overlamning) {
    }

    public record Sparad(long id, String mal, String teamanteckning, int version, Instant andrad, String andradAv,
                         Instant overlamnad, List<SparadPlanpunkt> punkter) {
    }

    public enum Resultat { SPARAD, KONFLIKT }

    /** The planering row as the editor reads it; its items are read separately. */
    public record SparadRad(long id, String mal, String teamanteckning, int version, Instant andrad, String andradAv,
                            Instant overlamnad) {
    }

    /** One item row with who is responsible and its latest handover, if any ({@code skapad} is then set). */
    public record PlanpunktRad(long id, String text, String typ, boolean ansvarigDeltagaren, Long ansvarigOrganisationId,
                           Long ansvarigAnvandareId, LocalDate klartSenast, String org, String person, String till,
                           Instant skapad, Instant kvitterad, Instant avvisad, String avvisadOrsak) {

        SparadPlanpunkt sparad() {
            String ansvar = ansvarigDeltagaren ? "deltagaren"
                    : ansvarigAnvandareId != null ? "anv:" + ansvarigAnvandareId
                    : "org:" + ansvarigOrganisationId;
            String ansvarigText = ansvarigDeltagaren ? null : org + (person == null ? "" : ", " + person);
            Overlamningsstatus ov = skapad == null ? null
                    : new Overlamningsstatus(till, skapad, kvitterad, avvisad, avvisadOrsak);
            return new SparadPlanpunkt(id, text, typ, ansvar, klartSenast, ansvarigText, ov);
        }
    }

    private final Jdbi jdbi;

    public PlaneringEditorRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        jdbi.registerRowMapper(ConstructorMapper.factory(SparadRad.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(PlanpunktRad.class));
    }

    public Optional<Sparad> las(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT p.id, p.mal, p.teamanteckning, p.version, p.andrad, a.namn AS andrad_av, p.overlamnad
                        FROM planering p JOIN anvandare a ON a.id = p.andrad_av WHERE p.deltagare_id = :d""")
                .bind("d", deltagareId)
                .mapTo(SparadRad.class)
                .findOne()
                .map(p -> new Sparad(p.id(), p.mal(), p.teamanteckning(), p.version(), p.andrad(), p.andradAv(),
                        p.overlamnad(), punkter(h, p.id()))));
    }

    private static List<SparadPlanpunkt> punkter(Handle h, long planeringId) {
        return h.createQuery("""
                        SELECT pp.id, pp.text, pp.typ, pp.ansvarig_deltagaren, pp.ansvarig_organisation_id,
                               pp.ansvarig_anvandare_id, pp.klart_senast, o.namn AS org, a.namn AS person,
                               ov.till, ov.skapad, ov.kvitterad, ov.avvisad, ov.avvisad_orsak
                        FROM planpunkt pp
                        LEFT JOIN organisation o ON o.id = pp.ansvarig_organisation_id
                        LEFT JOIN anvandare a ON a.id = pp.ansvarig_anvandare_id
                        LEFT JOIN (SELECT x.planpunkt_id, t.namn AS till, x.skapad, x.kvitterad, x.avvisad,
                                          x.avvisad_orsak
                                   FROM overlamning x JOIN anvandare t ON t.id = x.till_id
                                   WHERE x.id = (SELECT max(y.id) FROM overlamning y
                                                 WHERE y.planpunkt_id = x.planpunkt_id)) ov
                               ON ov.planpunkt_id = pp.id
                        WHERE pp.planering_id = :p AND pp.borttagen IS NULL
                        ORDER BY pp.ordning, pp.id""")
                .bind("p", planeringId)
                .mapTo(PlanpunktRad.class)
                .list().stream().map(PlanpunktRad::sparad).toList();
    }

    /**
     * Saves the goal, the internal note and the given items in the given order; removes the items named in
     * {@code borttagna}. Items not mentioned are left as they are, so a save never removes what someone else added.
     */
    public Resultat spara(long deltagareId, Long moteId, int version, String mal, String teamanteckning,
                          List<PlanpunktUtkast> punkter, List<Long> borttagna, long anvandareId, Instant nu) {
        return jdbi.inTransaction(h -> {
            Optional<Long> befintlig = h.createQuery("SELECT id FROM planering WHERE deltagare_id = :d")
                    .bind("d", deltagareId).mapTo(Long.class).findOne();
            long planeringId;
            if (befintlig.isEmpty()) {
                if (version != 0) {
                    return Resultat.KONFLIKT;
                }
                planeringId = h.createUpdate("""
                                INSERT INTO planering (deltagare_id, mote_id, mal, teamanteckning, version, skapad,
                                                       andrad, andrad_av)
                                VALUES (:d, :m, :mal, :not, 1, :nu, :nu, :av)""")
                        .bind("d", deltagareId).bind("m", moteId).bind("mal", mal).bind("not", teamanteckning)
                        .bind("nu", nu).bind("av", anvandareId)
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            } else {
                planeringId = befintlig.get();
                int andrade = h.createUpdate("""
                                UPDATE planering SET mal = :mal, teamanteckning = :not, version = version + 1,
                                                     andrad = :nu, andrad_av = :av
                                WHERE id = :id AND version = :v""")
                        .bind("mal", mal).bind("not", teamanteckning).bind("nu", nu).bind("av", anvandareId)
                        .bind("id", planeringId).bind("v", version).execute();
                if (andrade == 0) {
                    return Resultat.KONFLIKT;
                }
            }
            for (Long bort : borttagna) {
                h.createUpdate("""
                                UPDATE planpunkt SET borttagen = :nu
                                WHERE id = :id AND planering_id = :p AND borttagen IS NULL""")
                        .bind("nu", nu).bind("id", bort).bind("p", planeringId).execute();
            }
            int ordning = 0;
            for (PlanpunktUtkast p : punkter) {
                ordning++;
                Long org = null;
                Long anv = null;
                boolean deltagaren = p.ansvar().equals("deltagaren");
                if (p.ansvar().startsWith("org:")) {
                    org = Long.parseLong(p.ansvar().substring(4));
                } else if (p.ansvar().startsWith("anv:")) {
                    anv = Long.parseLong(p.ansvar().substring(4));
                    org = h.createQuery("SELECT organisation_id FROM anvandare WHERE id = :a").bind("a", anv)
                            .mapTo(Long.class).one();
                }
                int uppdaterade = 0;
                if (p.id() != null) {
                    uppdaterade = h.createUpdate("""
                                    UPDATE planpunkt SET ordning = :o, text = :text, typ = :typ,
                                           ansvarig_deltagaren = :dl, ansvarig_organisation_id = :org,
                                           ansvarig_anvandare_id = :anv, klart_senast = :datum
                                    WHERE id = :id AND planering_id = :p AND borttagen IS NULL""")
                            .bind("o", ordning).bind("text", p.text()).bind("typ", p.typ()).bind("dl", deltagaren ? 1 : 0)
                            .bind("org", org).bind("anv", anv).bind("datum", p.klartSenast()).bind("id", p.id())
                            .bind("p", planeringId).execute();
                }
                // A new item, or one someone else removed meanwhile: what was typed is kept as a new item.
                if (uppdaterade == 0) {
                    h.createUpdate("""
                                    INSERT INTO planpunkt (planering_id, ordning, text, typ, ansvarig_deltagaren,
                                                           ansvarig_organisation_id, ansvarig_anvandare_id,
                                                           klart_senast, skapad)
                                    VALUES (:p, :o, :text, :typ, :dl, :org, :anv, :datum, :nu)""")
                            .bind("p", planeringId).bind("o", ordning).bind("text", p.text()).bind("typ", p.typ())
                            .bind("dl", deltagaren ? 1 : 0).bind("org", org).bind("anv", anv)
                            .bind("datum", p.klartSenast()).bind("nu", nu).execute();
                }
            }
            return Resultat.SPARAD;
        });
    }
}
