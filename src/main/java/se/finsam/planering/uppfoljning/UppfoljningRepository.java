package se.finsam.planering.uppfoljning;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import se.finsam.planering.db.Dialekt;
import se.finsam.planering.planering.PlaneringRepository;

/** Follow-up events: appended, never updated. Each client UUID is stored once. */
public final class UppfoljningRepository {

    public enum Resultat { SPARAD, REDAN_SPARAD, ANNAN_DELTAGARE }

    /** One event in an item's timeline. */
    public record Handelse(long uppfoljningId, long planpunktId, LocalDate datum, Instant tid, String status,
                           String orsak, String av, @ColumnName("korrigerar_id") Long korrigerar) {
    }

    /** One follow-up as a whole, for the participant's history. */
    public record Post(long id, LocalDate datum, Instant tid, String av, String forsorjning, String sysselsattning,
                       String noteringDeltagare, String noteringIntern, String nastaSteg, boolean eskalera,
                       @ColumnName("korrigerar_id") Long korrigerar) {
    }

    private final Jdbi jdbi;
    private final PlaneringRepository planering;

    public UppfoljningRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.planering = new PlaneringRepository(jdbi);
        for (Class<?> rad : List.of(Avslutad.class, Handelse.class, Post.class, UppfoljningRoutes.Val.class, PlanIUppfoljning.class,
                GjordUppfoljning.class, UppfoljningOversikt.Fastnad.class, UppfoljningOversikt.Eskalering.class)) {
            jdbi.registerRowMapper(ConstructorMapper.factory(rad));
        }
    }

    /**
     * The order of a participant's events, newest first: the time it happened on its device (bounded, see the
     * {@code ordningstid} column), then receipt. The same order decides an item's current status in the view
     * {@code planpunkt_aktuell_status}, so notes, timelines and statuses never disagree on what came last.
     */
    public static String senastForst(String uppfoljning) {
        return uppfoljning + ".ordningstid DESC, " + uppfoljning + ".registrerad DESC, " + uppfoljning + ".id DESC";
    }

    /** The items of the participant's current plan with their current status. */
    public List<PlaneringRepository.Planpunkt> punkter(long deltagareId) {
        return planering.punkter(deltagareId);
    }

    /** The teams the user belongs to, as choices. */
    public List<UppfoljningRoutes.Val> team(long anvandareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT t.id AS varde, t.namn FROM team t JOIN team_medlem m ON m.team_id = t.id
                        WHERE m.anvandare_id = :u ORDER BY t.namn""")
                .bind("u", anvandareId).mapTo(UppfoljningRoutes.Val.class).list());
    }

    /** Every organisation, as choices. */
    public List<UppfoljningRoutes.Val> organisationer() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id AS varde, namn FROM organisation ORDER BY namn")
                .mapTo(UppfoljningRoutes.Val.class).list());
    }

    /** Every status event of the participant's items, newest first, grouped by item. */
    public Map<Long, List<Handelse>> tidslinjer(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT u.id AS uppfoljning_id, us.planpunkt_id, u.datum, u.ordningstid AS tid,
                               us.status, us.orsak, a.namn AS av, u.korrigerar_id
                        FROM uppfoljning u
                        JOIN uppfoljning_status us ON us.uppfoljning_id = u.id
                        JOIN anvandare a ON a.id = u.registrerad_av
                        WHERE u.deltagare_id = :d
                        ORDER BY\s""" + senastForst("u"))
                .bind("d", deltagareId)
                .mapTo(Handelse.class)
                .list())
                .stream().collect(Collectors.groupingBy(Handelse::planpunktId, java.util.LinkedHashMap::new,
                        Collectors.toList()));
    }

    public List<Post> poster(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT u.id, u.datum, u.ordningstid AS tid, a.namn AS av, u.forsorjning,
                               u.sysselsattning, u.notering_deltagare, u.notering_intern, u.nasta_steg, u.eskalera,
                               u.korrigerar_id
                        FROM uppfoljning u JOIN anvandare a ON a.id = u.registrerad_av
                        WHERE u.deltagare_id = :d AND u.typ = 'uppfoljning'
                        ORDER BY\s""" + senastForst("u"))
                .bind("d", deltagareId)
                .mapTo(Post.class)
                .list());
    }

    // ---- the overview of what needs attention after the meeting ----

    /** A participant whose plan was handed over and is not closed, with what the follow-up schedule needs. */
    public record PlanIUppfoljning(long deltagareId, String namn, String team, String uppfoljningManader,
                                   LocalDate motesdatum) {
    }

    /** One follow-up (not a correction) done for a participant, dated. */
    public record GjordUppfoljning(long deltagareId, LocalDate datum) {
    }

    /** A closed participant whose checks after avslut may be due: the avslut date and the months already checked. */
    public record Avslutad(long deltagareId, String namn, String team, LocalDate avslutDatum, String gjorda) {
        public List<Integer> gjordaManader() {
            return gjorda == null ? List.of()
                    : java.util.Arrays.stream(gjorda.split(",")).map(Integer::parseInt).toList();
        }
    }

    /**
     * Participants closed within the last two years (not as felregistrering, not cleared by gallring) in the
     * chosen teams, with the months (6, 12) already checked after avslut.
     */
    public List<Avslutad> avslutadeForEfterkontroll(UppfoljningOversikt.Filter filter, LocalDate idag) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT d.id AS deltagare_id, coalesce(sy.namn, d.kod) AS namn, t.namn AS team,
                               av.datum AS avslut_datum,
                               (SELECT string_agg(CAST(e.manader AS TEXT), ',') FROM efterkontroll e
                                 WHERE e.deltagare_id = d.id) AS gjorda
                        FROM avslut av JOIN deltagare d ON d.id = av.deltagare_id JOIN team t ON t.id = d.team_id
                        JOIN (<synliga>) sy ON sy.deltagare_id = d.id
                        WHERE d.team_id IN (<teams>) AND av.orsak <> 'felregistrering' AND d.gallrad IS NULL
                          AND av.datum >= :fran""")
                .define("synliga", filter.synliga().sql()).bindList("teams", List.copyOf(filter.teamIds()))
                .bind("fran", idag.minusMonths(24).toString())
                .mapTo(Avslutad.class)
                .list());
    }

    /** The participants of the overview: handed over, not closed, within the filter. */
    /*
     * The unary plus keeps SQLite from looking up a handläggare's items by person for every plan (with thousands
     * of items to her name that took 0.4 s for one team); each plan's own items are found by plan instead.
     */
    private static final String URVAL = """
             FROM planering p JOIN deltagare d ON d.id = p.deltagare_id JOIN team t ON t.id = d.team_id
            JOIN (<synliga>) sy ON sy.deltagare_id = d.id
            WHERE p.overlamnad IS NOT NULL AND d.team_id IN (<teams>)
              AND NOT EXISTS (SELECT 1 FROM avslut a WHERE a.deltagare_id = d.id)
              AND (:egen IS NULL
                   OR EXISTS (SELECT 1 FROM anmalan an WHERE an.deltagare_id = d.id AND an.remitterande_id = :egen)
                   OR EXISTS (SELECT 1 FROM planpunkt x WHERE x.planering_id = p.id AND x.borttagen IS NULL
                              AND +x.ansvarig_anvandare_id = :egen))
              AND (:org IS NULL OR EXISTS (SELECT 1 FROM planpunkt y WHERE y.planering_id = p.id
                              AND y.borttagen IS NULL AND y.ansvarig_organisation_id = :org))""";

    public List<PlanIUppfoljning> planerIUppfoljning(UppfoljningOversikt.Filter filter) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT d.id AS deltagare_id, coalesce(sy.namn, d.kod) AS namn,
                               t.namn AS team, t.uppfoljning_manader,
                               substr(coalesce((SELECT m.start FROM mote m WHERE m.id = p.mote_id), p.overlamnad), 1, 10)
                                   AS motesdatum
                        """ + URVAL)
                .define("synliga", filter.synliga().sql()).bindList("teams", List.copyOf(filter.teamIds()))
                .bind("egen", filter.egenAnvandare()).bind("org", filter.organisationId())
                .mapTo(PlanIUppfoljning.class)
                .list());
    }

    /** The dates of the follow-ups done for the participants of {@link #planerIUppfoljning}, per participant. */
    public Map<Long, List<LocalDate>> gjordaUppfoljningar(UppfoljningOversikt.Filter filter) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT u.deltagare_id, u.datum FROM uppfoljning u
                        WHERE u.typ = 'uppfoljning' AND u.korrigerar_id IS NULL
                          AND u.deltagare_id IN (SELECT d.id\s""" + URVAL + ")")
                .define("synliga", filter.synliga().sql()).bindList("teams", List.copyOf(filter.teamIds()))
                .bind("egen", filter.egenAnvandare()).bind("org", filter.organisationId())
                .mapTo(GjordUppfoljning.class)
                .collect(Collectors.groupingBy(GjordUppfoljning::deltagareId,
                        Collectors.mapping(GjordUppfoljning::datum, Collectors.toList()))));
    }

    /**
     * The stuck items of {@link #fastnade}, in the engine's dialect; {@code <synliga>} and {@code <teams>} are
     * defined per call.
     */
    public static String fastnade(Dialekt dialekt) {
        return """
            SELECT d.id AS deltagare_id, coalesce(sy.namn, d.kod) AS namn,
                   t.namn AS team, pp.id AS planpunkt_id, pp.text, o.namn AS organisation,
                   a.namn AS ansvarig, pp.klart_senast, coalesce(ls.status, 'ej_paborjad') AS status,
                   coalesce(lu.ordningstid, p.overlamnad) AS sedan, ls.orsak,
                   CASE WHEN ls.status = 'fastnat' THEN 'fastnat'
                        WHEN pp.klart_senast < :idag THEN 'forsenad'
                        ELSE 'ingen_andring' END AS skal
            FROM planering p JOIN deltagare d ON d.id = p.deltagare_id JOIN team t ON t.id = d.team_id
            JOIN (<synliga>) sy ON sy.deltagare_id = d.id
            JOIN planpunkt pp ON pp.planering_id = p.id AND pp.borttagen IS NULL
            LEFT JOIN organisation o ON o.id = pp.ansvarig_organisation_id
            LEFT JOIN anvandare a ON a.id = pp.ansvarig_anvandare_id
            -- The latest event of the item comes from the view; status and time are read from the rows of
            -- that event, so the view looks the event up once per item rather than once per column.
            LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
            LEFT JOIN uppfoljning lu ON lu.id = s.uppfoljning_id
            LEFT JOIN uppfoljning_status ls ON ls.uppfoljning_id = lu.id AND ls.planpunkt_id = pp.id
            WHERE p.overlamnad IS NOT NULL AND d.team_id IN (<teams>)
              AND NOT EXISTS (SELECT 1 FROM avslut av WHERE av.deltagare_id = d.id)
              AND coalesce(ls.status, 'ej_paborjad') NOT IN ('genomford', 'avslagen')
              AND (ls.status = 'fastnat' OR pp.klart_senast < :idag
                   OR coalesce(lu.ordningstid, p.overlamnad)
                      < %s)
              AND (:egen IS NULL OR pp.ansvarig_anvandare_id = :egen)
              AND (:org IS NULL OR pp.ansvarig_organisation_id = :org)""".formatted(
                dialekt.tidDagarFore(":nu", "t.fastnat_veckor * 7"));
    }

    /** Open items that are stuck, past their date, or unchanged for the team's number of weeks. */
    public List<UppfoljningOversikt.Fastnad> fastnade(UppfoljningOversikt.Filter filter, LocalDate idag, Instant nu) {
        return jdbi.withHandle(h -> h.createQuery(fastnade(Dialekt.av(h)))
                .define("synliga", filter.synliga().sql()).bindList("teams", List.copyOf(filter.teamIds()))
                .bind("idag", idag).bind("nu", nu)
                .bind("egen", filter.egenAnvandare()).bind("org", filter.organisationId())
                .mapTo(UppfoljningOversikt.Fastnad.class)
                .list());
    }

    /** Follow-ups lifted to the koordinator and not yet handled, while no later follow-up has been recorded. */
    public List<UppfoljningOversikt.Eskalering> eskaleringar(UppfoljningOversikt.Filter filter) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT u.id AS uppfoljning_id, d.id AS deltagare_id, coalesce(sy.namn, d.kod) AS namn,
                               t.namn AS team, u.datum, a.namn AS av, u.nasta_steg, u.notering_intern AS varfor,
                               (SELECT string_agg(rtrim(pp.text, '.') || ': ' || us.orsak, ' · ')
                                FROM uppfoljning_status us JOIN planpunkt pp ON pp.id = us.planpunkt_id
                                WHERE us.uppfoljning_id = u.id AND us.orsak IS NOT NULL) AS orsaker
                        FROM uppfoljning u JOIN deltagare d ON d.id = u.deltagare_id JOIN team t ON t.id = d.team_id
                        JOIN (<synliga>) sy ON sy.deltagare_id = d.id
                        JOIN anvandare a ON a.id = u.registrerad_av
                        WHERE u.eskalera = 1 AND d.team_id IN (<teams>)
                          AND NOT EXISTS (SELECT 1 FROM avslut x WHERE x.deltagare_id = d.id)
                          AND NOT EXISTS (SELECT 1 FROM eskalering_hanterad eh WHERE eh.uppfoljning_id = u.id)
                          AND NOT EXISTS (SELECT 1 FROM uppfoljning senare WHERE senare.deltagare_id = u.deltagare_id
                                          AND senare.typ = 'uppfoljning' AND senare.id > u.id)
                        ORDER BY u.datum DESC, u.id DESC""")
                .define("synliga", filter.synliga().sql()).bindList("teams", List.copyOf(filter.teamIds()))
                .mapTo(UppfoljningOversikt.Eskalering.class)
                .list());
    }

    /** The participant a follow-up event belongs to, for corrections. */
    public Optional<Long> deltagareFor(long uppfoljningId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT deltagare_id FROM uppfoljning WHERE id = :u")
                .bind("u", uppfoljningId).mapTo(Long.class).findOne());
    }

    /** Whether the follow-up was lifted to the koordinator. */
    public boolean eskalerad(long uppfoljningId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT eskalera FROM uppfoljning WHERE id = :u")
                .bind("u", uppfoljningId).mapTo(Boolean.class).findOne().orElse(false));
    }

    /** The koordinator's answer to an escalation: a new row, so the escalation itself stays as it was. */
    public void eskaleringHanterad(long uppfoljningId, long anvandareId, String notering, Instant nu) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO eskalering_hanterad (uppfoljning_id, hanterad, hanterad_av, notering)
                        VALUES (:u, :nu, :av, :not)""")
                .bind("u", uppfoljningId).bind("nu", nu).bind("av", anvandareId).bind("not", notering).execute());
    }

    /** When the participant's closure was recorded, if it was. */
    public Optional<Instant> avslutad(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT registrerad FROM avslut WHERE deltagare_id = :d")
                .bind("d", deltagareId).mapTo(String.class).findOne().map(Instant::parse));
    }

    public Optional<LocalDate> planeringSkapad(long deltagareId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT skapad FROM planering WHERE deltagare_id = :d")
                .bind("d", deltagareId).mapTo(String.class).findOne().map(s -> LocalDate.parse(s.substring(0, 10))));
    }

    /**
     * Stores the event and its statuses in one transaction. A retry of the same record (the same UUID)
     * is a no-op, however often and however late it arrives.
     */
    public Resultat spara(Uppfoljning u, long anvandareId, Instant nu) {
        return jdbi.inTransaction(h -> {
            int inserted = h.createUpdate("""
                            INSERT INTO uppfoljning (uuid, deltagare_id, typ, datum, registrerad, registrerad_av,
                                                     klient_tid, forsorjning, sysselsattning, notering_deltagare,
                                                     notering_intern, nasta_steg, eskalera, korrigerar_id,
                                                     steg_mot_arbete)
                            SELECT :uuid, :d, :typ, :datum, :nu, :av, :klient, :forsorjning, :syss, :notD, :notI,
                                   :nasta, :esk, :korr, :steg
                            WHERE NOT EXISTS (SELECT 1 FROM uppfoljning WHERE uuid = :uuid)""")
                    .bind("uuid", u.uuid()).bind("d", u.deltagareId()).bind("typ", u.typ()).bind("datum", u.datum())
                    .bind("nu", nu).bind("av", anvandareId).bind("klient", u.klientTid())
                    .bind("forsorjning", u.forsorjning()).bind("syss", u.sysselsattning())
                    .bind("notD", u.noteringDeltagare()).bind("notI", u.noteringIntern())
                    .bind("nasta", u.nastaSteg()).bind("esk", u.eskalera() ? 1 : 0).bind("korr", u.korrigerar())
                    .bind("steg", u.stegMotArbete()).execute();
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
