package se.finsam.planering.uppfoljning;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import se.finsam.planering.atkomst.DeltagareAccess;

/**
 * What needs attention after the meeting: follow-ups due and overdue (from each team's schedule),
 * items that are stuck, and escalations. For a koordinator the whole team; for others their own.
 */
public final class UppfoljningOversikt {

    /** How far ahead "due" looks. */
    public static final int DAGAR_FRAMAT = 14;

    /** Always within what the user may see ({@code synliga}); {@code teamIds} narrows it to chosen teams. */
    public record Filter(DeltagareAccess.Synliga synliga, Collection<Long> teamIds, Long organisationId,
                         Long egenAnvandare, String sortering) {
    }

    public record Forfallen(long deltagareId, String namn, String team, int manader, LocalDate forfaller,
                            long dagarForsenad) {
    }

    public record Fastnad(long deltagareId, String namn, String team, long planpunktId, String text,
                          String organisation, String ansvarig, LocalDate klartSenast, String status, Instant sedan,
                          String skal, String orsak) {
    }

    /** A follow-up lifted to the koordinator: why (the internal note and the items' reasons) and what comes next. */
    public record Eskalering(long uppfoljningId, long deltagareId, String namn, String team, LocalDate datum, String av,
                             String nastaSteg, String varfor, String orsaker) {
    }

    public record Resultat(List<Forfallen> forsenade, List<Forfallen> kommande, List<Fastnad> fastnade,
                           List<Eskalering> eskaleringar) {
    }

    private final Jdbi jdbi;

    public UppfoljningOversikt(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Resultat berakna(Filter filter, LocalDate idag, Instant nu) {
        if (filter.teamIds().isEmpty()) {
            return new Resultat(List.of(), List.of(), List.of(), List.of());
        }
        return jdbi.withHandle(h -> {
            String urval = """
                     FROM planering p JOIN deltagare d ON d.id = p.deltagare_id JOIN team t ON t.id = d.team_id
                    JOIN (<synliga>) sy ON sy.deltagare_id = d.id
                    WHERE p.overlamnad IS NOT NULL AND d.team_id IN (<teams>)
                      AND NOT EXISTS (SELECT 1 FROM avslut a WHERE a.deltagare_id = d.id)
                      AND (:egen IS NULL
                           OR EXISTS (SELECT 1 FROM anmalan an WHERE an.deltagare_id = d.id AND an.remitterande_id = :egen)
                           OR EXISTS (SELECT 1 FROM planpunkt x WHERE x.planering_id = p.id AND x.borttagen IS NULL
                                      AND x.ansvarig_anvandare_id = :egen))
                      AND (:org IS NULL OR EXISTS (SELECT 1 FROM planpunkt y WHERE y.planering_id = p.id
                                      AND y.borttagen IS NULL AND y.ansvarig_organisation_id = :org))""";
            record Rad(long id, String namn, String team, String manader, LocalDate motesdatum) {
            }
            List<Rad> rader = h.createQuery("""
                            SELECT d.id, coalesce(sy.namn, d.kod) AS namn,
                                   t.namn AS team, t.uppfoljning_manader,
                                   substr(coalesce((SELECT m.start FROM mote m WHERE m.id = p.mote_id), p.overlamnad), 1, 10)
                            """ + urval)
                    .define("synliga", filter.synliga().sql()).bindList("teams", List.copyOf(filter.teamIds()))
                    .bind("egen", filter.egenAnvandare()).bind("org", filter.organisationId())
                    .map((rs, ctx) -> new Rad(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            LocalDate.parse(rs.getString(5))))
                    .list();
            Map<Long, List<LocalDate>> gjorda = new HashMap<>();
            h.createQuery("""
                            SELECT u.deltagare_id, u.datum FROM uppfoljning u
                            WHERE u.typ = 'uppfoljning' AND u.korrigerar_id IS NULL
                              AND u.deltagare_id IN (SELECT d.id\s""" + urval + ")")
                    .define("synliga", filter.synliga().sql()).bindList("teams", List.copyOf(filter.teamIds()))
                    .bind("egen", filter.egenAnvandare()).bind("org", filter.organisationId())
                    .map((rs, ctx) -> Map.entry(rs.getLong(1), LocalDate.parse(rs.getString(2))))
                    .forEach(e -> gjorda.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));

            List<Forfallen> forsenade = new ArrayList<>();
            List<Forfallen> kommande = new ArrayList<>();
            for (Rad rad : rader) {
                var schema = Uppfoljningsschema.schema(rad.motesdatum(), Uppfoljningsschema.offsets(rad.manader()),
                        gjorda.getOrDefault(rad.id(), List.of()));
                Uppfoljningsschema.nasta(schema).ifPresent(t -> {
                    long dagar = ChronoUnit.DAYS.between(t.forfaller(), idag);
                    Forfallen f = new Forfallen(rad.id(), rad.namn(), rad.team(), t.manader(), t.forfaller(), dagar);
                    if (dagar > 0) {
                        forsenade.add(f);
                    } else if (-dagar <= DAGAR_FRAMAT) {
                        kommande.add(f);
                    }
                });
            }

            List<Fastnad> fastnade = h.createQuery("""
                            SELECT d.id AS deltagare_id, coalesce(sy.namn, d.kod) AS namn,
                                   t.namn AS team, pp.id AS punkt, pp.text, o.namn AS organisation, a.namn AS ansvarig,
                                   pp.klart_senast, coalesce(s.status, 'ej_paborjad') AS status,
                                   coalesce(lu.ordningstid, p.overlamnad) AS sedan, s.orsak,
                                   CASE WHEN s.status = 'fastnat' THEN 'fastnat'
                                        WHEN pp.klart_senast < :idag THEN 'forsenad'
                                        ELSE 'ingen_andring' END AS skal
                            FROM planering p JOIN deltagare d ON d.id = p.deltagare_id JOIN team t ON t.id = d.team_id
                            JOIN (<synliga>) sy ON sy.deltagare_id = d.id
                            JOIN planpunkt pp ON pp.planering_id = p.id AND pp.borttagen IS NULL
                            LEFT JOIN organisation o ON o.id = pp.ansvarig_organisation_id
                            LEFT JOIN anvandare a ON a.id = pp.ansvarig_anvandare_id
                            -- The item's latest event, found once per item (the view looks it up per column).
                            LEFT JOIN uppfoljning lu ON lu.id = (
                                SELECT u2.id FROM uppfoljning_status us2 JOIN uppfoljning u2 ON u2.id = us2.uppfoljning_id
                                WHERE us2.planpunkt_id = pp.id
                                ORDER BY u2.ordningstid DESC, u2.registrerad DESC, u2.id DESC LIMIT 1)
                            LEFT JOIN uppfoljning_status s ON s.uppfoljning_id = lu.id AND s.planpunkt_id = pp.id
                            WHERE p.overlamnad IS NOT NULL AND d.team_id IN (<teams>)
                              AND NOT EXISTS (SELECT 1 FROM avslut av WHERE av.deltagare_id = d.id)
                              AND coalesce(s.status, 'ej_paborjad') NOT IN ('genomford', 'avslagen')
                              AND (s.status = 'fastnat' OR pp.klart_senast < :idag
                                   OR coalesce(lu.ordningstid, p.overlamnad)
                                      < strftime('%Y-%m-%dT%H:%M:%SZ', :nu, '-' || (t.fastnat_veckor * 7) || ' days'))
                              AND (:egen IS NULL OR pp.ansvarig_anvandare_id = :egen)
                              AND (:org IS NULL OR pp.ansvarig_organisation_id = :org)""")
                    .define("synliga", filter.synliga().sql()).bindList("teams", List.copyOf(filter.teamIds()))
                    .bind("idag", idag).bind("nu", nu)
                    .bind("egen", filter.egenAnvandare()).bind("org", filter.organisationId())
                    .map((rs, ctx) -> new Fastnad(rs.getLong("deltagare_id"), rs.getString("namn"),
                            rs.getString("team"), rs.getLong("punkt"), rs.getString("text"),
                            rs.getString("organisation"), rs.getString("ansvarig"),
                            LocalDate.parse(rs.getString("klart_senast")), rs.getString("status"),
                            Instant.parse(rs.getString("sedan")), rs.getString("skal"), rs.getString("orsak")))
                    .list();

            List<Eskalering> eskaleringar = filter.egenAnvandare() != null ? List.of() : h.createQuery("""
                            SELECT u.id, d.id, coalesce(sy.namn, d.kod) AS namn,
                                   t.namn, u.datum, a.namn, u.nasta_steg, u.notering_intern,
                                   (SELECT group_concat(pp.text || ': ' || us.orsak, ' · ')
                                    FROM uppfoljning_status us JOIN planpunkt pp ON pp.id = us.planpunkt_id
                                    WHERE us.uppfoljning_id = u.id AND us.orsak IS NOT NULL) AS orsaker
                            FROM uppfoljning u JOIN deltagare d ON d.id = u.deltagare_id JOIN team t ON t.id = d.team_id
                            JOIN (<synliga>) sy ON sy.deltagare_id = d.id
                            JOIN anvandare a ON a.id = u.registrerad_av
                            WHERE u.eskalera = 1 AND d.team_id IN (<teams>)
                              AND NOT EXISTS (SELECT 1 FROM avslut av WHERE av.deltagare_id = d.id)
                              AND NOT EXISTS (SELECT 1 FROM eskalering_hanterad eh WHERE eh.uppfoljning_id = u.id)
                              AND NOT EXISTS (SELECT 1 FROM uppfoljning senare WHERE senare.deltagare_id = u.deltagare_id
                                              AND senare.typ = 'uppfoljning' AND senare.id > u.id)
                            ORDER BY u.datum""")
                    .define("synliga", filter.synliga().sql()).bindList("teams", List.copyOf(filter.teamIds()))
                    .map((rs, ctx) -> new Eskalering(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            LocalDate.parse(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9)))
                    .list();

            sort(forsenade, kommande, fastnade, filter.sortering());
            return new Resultat(forsenade, kommande, fastnade, eskaleringar);
        });
    }

    private static void sort(List<Forfallen> forsenade, List<Forfallen> kommande, List<Fastnad> fastnade,
                             String sortering) {
        Comparator<Forfallen> byName = Comparator.comparing(Forfallen::namn, String.CASE_INSENSITIVE_ORDER);
        Comparator<Fastnad> stuckByName = Comparator.comparing(Fastnad::namn, String.CASE_INSENSITIVE_ORDER);
        if ("namn".equals(sortering)) {
            forsenade.sort(byName);
            kommande.sort(byName);
            fastnade.sort(stuckByName);
        } else if ("team".equals(sortering)) {
            forsenade.sort(Comparator.comparing(Forfallen::team).thenComparing(byName));
            kommande.sort(Comparator.comparing(Forfallen::team).thenComparing(byName));
            fastnade.sort(Comparator.comparing(Fastnad::team).thenComparing(stuckByName));
        } else {
            // Most urgent first: longest overdue, soonest due, longest stuck.
            forsenade.sort(Comparator.comparingLong(Forfallen::dagarForsenad).reversed().thenComparing(byName));
            kommande.sort(Comparator.comparing(Forfallen::forfaller).thenComparing(byName));
            fastnade.sort(Comparator.comparing(Fastnad::sedan).thenComparing(stuckByName));
        }
    }
}
