package se.finsam.planering.hem;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import se.finsam.planering.atkomst.DeltagarAtkomst;
import se.finsam.planering.db.Dialekt;
import se.finsam.planering.uppfoljning.UppfoljningRepository;

/**
 * The rows of the work lists that are read straight from the database: handovers (waiting for a kvittens),
 * escalations, stuck items and a handläggare's items due soon. Each row names the person who must act, with her
 * phone and e-mail. Only participants {@code synliga} lets the user see, and never a closed participant.
 */
public final class ArbetslistaRepository {

    /** A row as read; {@link Arbetslistor} adds what is judged from the date (overdue, new). */
    record Rad(long id, long deltagareId, String kod, String namn, Long personId, String person, String telefon,
               String epost, Long organisationId, String organisation, String text, String detalj, LocalDate datum,
               Instant tid, int kvittensArbetsdagar, String typ, Long moteId, String mote) {
    }

    /** A participant's team, for the team filter and column of every list. */
    record Team(long id, String namn) {
    }

    private static final String EJ_AVSLUTAD = "NOT EXISTS (SELECT 1 FROM avslut av WHERE av.deltagare_id = d.id)";

    /** Handovers without an answer, with the receiver as the person who must act. */
    private static final String OVERLAMNINGAR = """
            SELECT o.id, d.id AS deltagare_id, d.kod, sy.namn, a.id AS person_id, a.namn AS person,
                   a.telefon, a.epost, a.organisation_id, org.namn AS organisation, pp.text, NULL AS detalj,
                   pp.klart_senast AS datum, o.skapad AS tid, t.kvittens_arbetsdagar, NULL AS typ,
                   p.mote_id, (SELECT m.start FROM mote m WHERE m.id = p.mote_id) AS mote
            FROM overlamning o
            JOIN planpunkt pp ON pp.id = o.planpunkt_id AND pp.borttagen IS NULL
            JOIN planering p ON p.id = pp.planering_id
            JOIN deltagare d ON d.id = p.deltagare_id
            JOIN (<synliga>) sy ON sy.deltagare_id = d.id
            JOIN team t ON t.id = d.team_id
            JOIN anvandare a ON a.id = o.till_id
            LEFT JOIN organisation org ON org.id = a.organisation_id
            WHERE o.kvitterad IS NULL AND o.avvisad IS NULL AND\s""" + EJ_AVSLUTAD;

    private final Jdbi jdbi;

    public ArbetslistaRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private static Long nullbar(ResultSet rs, String kolumn) throws SQLException {
        long v = rs.getLong(kolumn);
        return rs.wasNull() ? null : v;
    }

    private static Rad rad(ResultSet rs) throws SQLException {
        String datum = rs.getString("datum");
        String tid = rs.getString("tid");
        return new Rad(rs.getLong("id"), rs.getLong("deltagare_id"), rs.getString("kod"), rs.getString("namn"),
                nullbar(rs, "person_id"), rs.getString("person"), rs.getString("telefon"), rs.getString("epost"),
                nullbar(rs, "organisation_id"), rs.getString("organisation"), rs.getString("text"),
                rs.getString("detalj"), datum == null ? null : LocalDate.parse(datum.substring(0, 10)),
                tid(tid), rs.getInt("kvittens_arbetsdagar"), rs.getString("typ"), nullbar(rs, "mote_id"),
                rs.getString("mote"));
    }

    /** A stored time: ISO instants, or (in older rows) a date and time in UTC without the zone. */
    private static Instant tid(String varde) {
        if (varde == null) {
            return null;
        }
        try {
            return Instant.parse(varde);
        } catch (java.time.format.DateTimeParseException e) {
            return java.time.LocalDateTime.parse(varde.replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC);
        }
    }

    /** Items handed to this person that wait for her kvittens. */
    List<Rad> attKvittera(DeltagarAtkomst.Synliga synliga, long anvandareId) {
        return jdbi.withHandle(h -> h.createQuery(OVERLAMNINGAR + " AND o.till_id = :u")
                .define("synliga", synliga.sql()).bind("u", anvandareId)
                .map((rs, ctx) -> rad(rs)).list());
    }

    /** Handovers in the teams still without an answer (whether past the team's limit is judged by the caller). */
    List<Rad> utanKvittens(DeltagarAtkomst.Synliga synliga, Collection<Long> teamIds) {
        if (teamIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery(OVERLAMNINGAR + " AND d.team_id IN (<teams>)")
                .define("synliga", synliga.sql()).bindList("teams", List.copyOf(teamIds))
                .map((rs, ctx) -> rad(rs)).list());
    }

    /**
     * Items answered "not mine" that still wait for the koordinator to name someone else: not handed over again
     * since, an authority's item, of a participant not closed. The person is the one who answered, {@code detalj}
     * her reason and {@code tid} when she answered.
     */
    List<Rad> aterlamnade(DeltagarAtkomst.Synliga synliga, Collection<Long> teamIds) {
        if (teamIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT o.id, d.id AS deltagare_id, d.kod, sy.namn, a.id AS person_id, a.namn AS person,
                               a.telefon, a.epost, a.organisation_id, org.namn AS organisation, pp.text,
                               o.avvisad_orsak AS detalj, substr(o.avvisad, 1, 10) AS datum, o.avvisad AS tid,
                               0 AS kvittens_arbetsdagar, NULL AS typ,
                               p.mote_id, (SELECT m.start FROM mote m WHERE m.id = p.mote_id) AS mote
                        FROM overlamning o
                        JOIN planpunkt pp ON pp.id = o.planpunkt_id AND pp.borttagen IS NULL
                        JOIN planering p ON p.id = pp.planering_id
                        JOIN deltagare d ON d.id = p.deltagare_id
                        JOIN (<synliga>) sy ON sy.deltagare_id = d.id
                        JOIN anvandare a ON a.id = o.till_id
                        LEFT JOIN organisation org ON org.id = a.organisation_id
                        WHERE o.avvisad IS NOT NULL AND pp.ansvarig_deltagaren = 0 AND d.team_id IN (<teams>)
                          AND NOT EXISTS (SELECT 1 FROM overlamning n WHERE n.planpunkt_id = o.planpunkt_id
                                          AND n.id > o.id) AND\s""" + EJ_AVSLUTAD)
                .define("synliga", synliga.sql()).bindList("teams", List.copyOf(teamIds))
                .map((rs, ctx) -> rad(rs)).list());
    }

    /**
     * Participants booked to a meeting that has not been cancelled, the plan not begun ({@code fas} kallad) or
     * begun and not handed over (planerad); {@code datum} is the day of the meeting, {@code typ} the stage.
     */
    List<Rad> bokade(DeltagarAtkomst.Synliga synliga, Collection<Long> teamIds, String fas) {
        if (teamIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT d.id, d.id AS deltagare_id, d.kod, sy.namn, NULL AS person_id, NULL AS person,
                               NULL AS telefon, NULL AS epost, NULL AS organisation_id, NULL AS organisation,
                               m.plats AS text, NULL AS detalj, substr(m.start, 1, 10) AS datum, NULL AS tid,
                               0 AS kvittens_arbetsdagar, f.fas AS typ, m.id AS mote_id, m.start AS mote
                        FROM (<synliga>) sy JOIN deltagare d ON d.id = sy.deltagare_id
                        JOIN deltagare_fas f ON f.deltagare_id = d.id
                        LEFT JOIN mote m ON m.id = (SELECT md.mote_id FROM mote_deltagare md
                                                    JOIN mote mm ON mm.id = md.mote_id
                                                    WHERE md.deltagare_id = d.id AND mm.status <> 'installt'
                                                    ORDER BY md.tid DESC LIMIT 1)
                        WHERE f.fas = :fas AND d.team_id IN (<teams>)""")
                .define("synliga", synliga.sql()).bindList("teams", List.copyOf(teamIds)).bind("fas", fas)
                .map((rs, ctx) -> rad(rs)).list());
    }

    /** Which escalations {@link #eskaleringar} lists: lifted, not handled, no later follow-up, not closed. */
    private static final String ESKALERINGAR_VILLKOR = """
            WHERE u.eskalera = 1 AND d.team_id IN (<teams>) AND\s""" + EJ_AVSLUTAD + """

              AND NOT EXISTS (SELECT 1 FROM eskalering_hanterad eh WHERE eh.uppfoljning_id = u.id)
              AND NOT EXISTS (SELECT 1 FROM uppfoljning senare WHERE senare.deltagare_id = u.deltagare_id
                              AND senare.typ = 'uppfoljning' AND senare.id > u.id)""";

    /** How many rows {@link #eskaleringar} gives, without reading the reasons of each. */
    int antalEskaleringar(DeltagarAtkomst.Synliga synliga, Collection<Long> teamIds) {
        if (teamIds.isEmpty()) {
            return 0;
        }
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM uppfoljning u JOIN deltagare d ON d.id = u.deltagare_id
                        JOIN (<synliga>) sy ON sy.deltagare_id = d.id
                        JOIN anvandare a ON a.id = u.registrerad_av
                        """ + ESKALERINGAR_VILLKOR)
                .define("synliga", synliga.sql()).bindList("teams", List.copyOf(teamIds))
                .mapTo(Integer.class).one());
    }

    /**
     * Follow-ups lifted to the koordinator and not handled, while no later follow-up has been recorded; the person
     * is the one who lifted it. {@code detalj} holds the items' reasons, each as "item: reason".
     */
    List<Rad> eskaleringar(DeltagarAtkomst.Synliga synliga, Collection<Long> teamIds) {
        if (teamIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT u.id, d.id AS deltagare_id, d.kod, sy.namn, a.id AS person_id, a.namn AS person,
                               a.telefon, a.epost, a.organisation_id, org.namn AS organisation,
                               coalesce(u.notering_intern, u.nasta_steg) AS text,
                               (SELECT string_agg(rtrim(pp.text, '.') || ': ' || us.orsak, ' · ')
                                FROM uppfoljning_status us JOIN planpunkt pp ON pp.id = us.planpunkt_id
                                WHERE us.uppfoljning_id = u.id AND us.orsak IS NOT NULL) AS detalj,
                               u.datum, u.registrerad AS tid, 0 AS kvittens_arbetsdagar, NULL AS typ,
                               NULL AS mote_id, NULL AS mote
                        FROM uppfoljning u JOIN deltagare d ON d.id = u.deltagare_id
                        JOIN (<synliga>) sy ON sy.deltagare_id = d.id
                        JOIN anvandare a ON a.id = u.registrerad_av
                        LEFT JOIN organisation org ON org.id = a.organisation_id
                        """ + ESKALERINGAR_VILLKOR)
                .define("synliga", synliga.sql()).bindList("teams", List.copyOf(teamIds))
                .map((rs, ctx) -> rad(rs)).list());
    }

    /**
     * Open items that are stuck, past their date or unchanged for the team's weeks (the follow-up overview's
     * rule), with their responsible person and which rule caught them ({@code typ}: fastnat, forsenad,
     * ingen_andring); {@code egen} keeps a handläggare's own.
     */
    List<Rad> fastnade(DeltagarAtkomst.Synliga synliga, Collection<Long> teamIds, Long egen, LocalDate idag,
                       Instant nu) {
        if (teamIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT f.planpunkt_id AS id, f.deltagare_id, dd.kod, sy.namn, a.id AS person_id,
                               a.namn AS person, a.telefon, a.epost, pp.ansvarig_organisation_id AS organisation_id,
                               f.organisation, f.text, f.orsak AS detalj,
                               CASE WHEN f.skal = 'forsenad' THEN f.klart_senast ELSE substr(f.sedan, 1, 10) END AS datum,
                               f.sedan AS tid, 0 AS kvittens_arbetsdagar, f.skal AS typ,
                               pl.mote_id, (SELECT m.start FROM mote m WHERE m.id = pl.mote_id) AS mote
                        FROM (""" + UppfoljningRepository.fastnade(Dialekt.av(h)) + """
                        ) f JOIN planpunkt pp ON pp.id = f.planpunkt_id JOIN deltagare dd ON dd.id = f.deltagare_id
                        JOIN (<synliga>) sy ON sy.deltagare_id = f.deltagare_id
                        JOIN planering pl ON pl.id = pp.planering_id
                        LEFT JOIN anvandare a ON a.id = pp.ansvarig_anvandare_id""")
                .define("synliga", synliga.sql()).bindList("teams", List.copyOf(teamIds))
                .bind("idag", idag).bind("nu", nu).bind("egen", egen).bind("org", (Long) null)
                .map((rs, ctx) -> rad(rs)).list());
    }

    /** The user's own open items due within {@code dagar} days or overdue, of participants not closed. */
    List<Rad> minaPunkter(DeltagarAtkomst.Synliga synliga, long anvandareId, LocalDate idag, int dagar) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT pp.id, d.id AS deltagare_id, d.kod, sy.namn, a.id AS person_id, a.namn AS person,
                               a.telefon, a.epost, pp.ansvarig_organisation_id AS organisation_id,
                               org.namn AS organisation, pp.text, s.status AS detalj, pp.klart_senast AS datum,
                               NULL AS tid, 0 AS kvittens_arbetsdagar, NULL AS typ,
                               p.mote_id, (SELECT m.start FROM mote m WHERE m.id = p.mote_id) AS mote
                        FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                        JOIN deltagare d ON d.id = p.deltagare_id
                        JOIN (<synliga>) sy ON sy.deltagare_id = d.id
                        JOIN anvandare a ON a.id = pp.ansvarig_anvandare_id
                        LEFT JOIN organisation org ON org.id = pp.ansvarig_organisation_id
                        LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
                        WHERE pp.ansvarig_anvandare_id = :u AND pp.borttagen IS NULL AND p.overlamnad IS NOT NULL
                          AND pp.klart_senast IS NOT NULL AND pp.klart_senast <= :grans
                          AND coalesce(s.status, 'ej_paborjad') NOT IN ('genomford', 'avslagen') AND\s""" + EJ_AVSLUTAD)
                .define("synliga", synliga.sql()).bind("u", anvandareId)
                .bind("grans", idag.plusDays(dagar).toString())
                .map((rs, ctx) -> rad(rs)).list());
    }

    /** The team of every participant the user may see, by participant. */
    Map<Long, Team> team(DeltagarAtkomst.Synliga synliga) {
        Map<Long, Team> svar = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT sy.deltagare_id, t.id, t.namn FROM (<synliga>) sy JOIN team t ON t.id = sy.team_id""")
                .define("synliga", synliga.sql())
                .map((rs, ctx) -> {
                    svar.put(rs.getLong("deltagare_id"), new Team(rs.getLong("id"), rs.getString("namn")));
                    return null;
                }).list());
        return svar;
    }

    /** When the user last opened the list, if ever. */
    Optional<Instant> sedd(long anvandareId, String lista) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT sedd FROM arbetslista_besok WHERE anvandare_id = :u AND lista = :l")
                .bind("u", anvandareId).bind("l", lista).mapTo(String.class).findOne().map(Instant::parse));
    }

    /** Notes that the user has opened the list now. */
    void sett(long anvandareId, String lista, Instant nu) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO arbetslista_besok (anvandare_id, lista, sedd) VALUES (:u, :l, :nu)
                        ON CONFLICT (anvandare_id, lista) DO UPDATE SET sedd = excluded.sedd""")
                .bind("u", anvandareId).bind("l", lista).bind("nu", nu.toString()).execute());
    }
}
