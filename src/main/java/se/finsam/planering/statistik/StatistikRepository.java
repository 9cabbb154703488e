package se.finsam.planering.statistik;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import se.finsam.planering.db.Dialekt;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** The rows the statistics are computed from: one per participant active in a period, and their plan items. */
public final class StatistikRepository {

    /**
     * A participant whose time in the team overlaps the period. Dates are ISO days; null when not (yet) there.
     * {@code stegUppfoljning} is the step towards work of her latest follow-up up to the period's end that recorded
     * one; {@code nyckel} her cell key ({@link Cellnyckel}).
     */
    public record Rad(long id, long teamId, String kon, int fodelsear, String anmalanDatum, String forsorjningFore,
                      String remitterandeOrganisation, String avslutDatum, String avslutOrsak,
                      String forsorjningAvslut, String forstaMote, String forstaKvittens, Utfall utfall,
                      String stegUppfoljning, int nyckel) {
        public Rad(long id, long teamId, String kon, int fodelsear, String anmalanDatum, String forsorjningFore,
                   String remitterandeOrganisation, String avslutDatum, String avslutOrsak,
                   String forsorjningAvslut, String forstaMote, String forstaKvittens, Utfall utfall) {
            this(id, teamId, kon, fodelsear, anmalanDatum, forsorjningFore, remitterandeOrganisation, avslutDatum,
                    avslutOrsak, forsorjningAvslut, forstaMote, forstaKvittens, utfall, null, 0);
        }

        public Rad(long id, long teamId, String kon, int fodelsear, String anmalanDatum, String forsorjningFore,
                   String remitterandeOrganisation, String avslutDatum, String avslutOrsak,
                   String forsorjningAvslut, String forstaMote, String forstaKvittens) {
            this(id, teamId, kon, fodelsear, anmalanDatum, forsorjningFore, remitterandeOrganisation, avslutDatum,
                    avslutOrsak, forsorjningAvslut, forstaMote, forstaKvittens, Utfall.INGET);
        }
    }

    /**
     * The outcome values of a participant (null: not recorded): at inskrivning, at avslut, whether she was
     * referred again after an earlier avslut, and the current check 6 and 12 months after avslut ({@code nadd6}
     * null: no check; 0: not reached); for one referred again, the reason of the avslut her new referral follows.
     */
    public record Utfall(String utbildning, String tidForsorjning, String sysselsattningFore,
                         String anstallningVidStart, String sysselsattningAvslut, String steg, boolean aterkommande,
                         Integer nadd6, String forsorjning6, String sysselsattning6,
                         Integer nadd12, String forsorjning12, String sysselsattning12, String tidigareOrsak) {
        public static final Utfall INGET = new Utfall(null, null, null, null, null, null, false, null, null, null,
                null, null, null, null);

        /** Without the reason of an earlier avslut (she was not referred again, or it does not matter). */
        public Utfall(String utbildning, String tidForsorjning, String sysselsattningFore,
                      String anstallningVidStart, String sysselsattningAvslut, String steg, boolean aterkommande,
                      Integer nadd6, String forsorjning6, String sysselsattning6,
                      Integer nadd12, String forsorjning12, String sysselsattning12) {
            this(utbildning, tidForsorjning, sysselsattningFore, anstallningVidStart, sysselsattningAvslut, steg,
                    aterkommande, nadd6, forsorjning6, sysselsattning6, nadd12, forsorjning12, sysselsattning12, null);
        }
    }

    /** A row as the query gives it; {@link #rad()} folds it into {@link Rad}. */
    public record RadMedUtfall(long id, long teamId, String kon, int fodelsear, String anmalanDatum,
                               String forsorjningFore, String remitterandeOrganisation, String avslutDatum,
                               String avslutOrsak, String forsorjningAvslut, String forstaMote, String forstaKvittens,
                               String utbildning, String tidForsorjning, String sysselsattningFore,
                               String anstallningVidStart, String sysselsattningAvslut, String steg,
                               boolean aterkommande, Integer nadd6, String forsorjning6, String sysselsattning6,
                               Integer nadd12, String forsorjning12, String sysselsattning12,
                               String stegUppfoljning, Integer cellnyckel, String tidigareOrsak) {
        /**
         * The row, its texts taken from {@code delade}: the same value (a code, a day) is one string for all rows.
         * A region's year is tens of thousands of rows, each with some twenty texts from small sets; the rows are
         * held until the page is counted, and shared strings keep them to a fraction of the memory a server at
         * {@code -Xmx128m} would otherwise spend copying them from one collection to the next.
         */
        Rad rad(Map<String, String> delade) {
            java.util.function.UnaryOperator<String> d = v -> v == null ? null : delade.computeIfAbsent(v, x -> x);
            return new Rad(id, teamId, d.apply(kon), fodelsear, d.apply(anmalanDatum), d.apply(forsorjningFore),
                    d.apply(remitterandeOrganisation), d.apply(avslutDatum), d.apply(avslutOrsak),
                    d.apply(forsorjningAvslut), d.apply(forstaMote), d.apply(forstaKvittens),
                    new Utfall(d.apply(utbildning), d.apply(tidForsorjning), d.apply(sysselsattningFore),
                            d.apply(anstallningVidStart), d.apply(sysselsattningAvslut), d.apply(steg), aterkommande,
                            nadd6, d.apply(forsorjning6), d.apply(sysselsattning6), nadd12, d.apply(forsorjning12),
                            d.apply(sysselsattning12), d.apply(tidigareOrsak)), d.apply(stegUppfoljning),
                    cellnyckel == null ? 0 : cellnyckel);
        }
    }

    /**
     * The plan items of such participants with one responsible (organisation name, or null for the participant)
     * and one status: how many, and the sum of their cell keys (mod 256), each item carrying its participant's key.
     */
    public record Punkter(String ansvarig, String status, int antal, int nyckel) {
    }

    /**
     * Who belongs to the period, over a participant {@code d}: referred on or before its last day and not closed
     * before its first, by the days her row keeps of her referral and avslut (the latter '' for an avslut made
     * because she was registered by mistake, so that she belongs to no period).
     */
    private static final String I_PERIODEN = " " + """
            d.statistik_fran <= :till AND (d.statistik_till IS NULL OR d.statistik_till >= :fran)
              AND (:allaTeam = 1 OR d.team_id IN (<team>))""";

    /** The period's plan items {@code pp} (not removed, made by its last day) and their participants {@code d}. */
    private static final String PERIODENS_PLANPUNKTER = """
            FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
            JOIN deltagare d ON d.id = p.deltagare_id
            WHERE pp.borttagen IS NULL AND pp.skapad < :dagenEfter AND""" + I_PERIODEN;

    /**
     * A plan item's status on the period's last day from its kept columns, for an item whose status before the
     * latest (if any) was set on or before that day: not started when it has none, or its only one came later.
     */
    private static final String STATUS_SOM_HALLS = """
            CASE WHEN pp.senaste_status IS NULL THEN 'ej_paborjad'
                 WHEN pp.senaste_status_datum <= :till THEN pp.senaste_status
                 WHEN pp.foregaende_status IS NULL THEN 'ej_paborjad'
                 ELSE pp.foregaende_status END""";

    /** How many of a period's participants are read from the database at a time. */
    private static final int RADER_PER_OMGANG = 2000;

    private final Jdbi jdbi;

    public StatistikRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Participants referred on or before the last day and not closed before the first day, by id (sorted here: the
     * database would sort the wide rows on disk); team null for all.
     */
    public List<Rad> rader(LocalDate fran, LocalDate till, Set<Long> team) {
        Map<String, String> delade = new java.util.HashMap<>();
        return jdbi.withHandle(h -> Dialekt.av(h).iOmgangar(h, () -> {
            h.registerRowMapper(ConstructorMapper.factory(RadMedUtfall.class));
            return h.createQuery("""
                            SELECT d.id, d.team_id, d.kon, d.fodelsear, a.datum AS anmalan_datum,
                                   a.utbildning, a.tid_forsorjning, a.sysselsattning AS sysselsattning_fore,
                                   a.anstallning_vid_start, av.sysselsattning AS sysselsattning_avslut,
                                   av.steg_mot_arbete AS steg, d.tidigare_deltagare_id IS NOT NULL AS aterkommande,
                                   e6.nadd AS nadd6, e6.forsorjning AS forsorjning6,
                                   e6.sysselsattning AS sysselsattning6, e12.nadd AS nadd12,
                                   e12.forsorjning AS forsorjning12, e12.sysselsattning AS sysselsattning12,
                                   a.forsorjning AS forsorjning_fore, o.namn AS remitterande_organisation,
                                   av.datum AS avslut_datum, av.orsak AS avslut_orsak,
                                   av.forsorjning AS forsorjning_avslut,
                                   d.forsta_mote, substr(d.forsta_kvittens, 1, 10) AS forsta_kvittens,
                                   CASE WHEN d.senaste_steg_datum IS NULL OR d.senaste_steg_datum <= :till
                                        THEN d.senaste_steg
                                        ELSE (SELECT u.steg_mot_arbete FROM uppfoljning u
                                               WHERE u.deltagare_id = d.id AND u.steg_mot_arbete IS NOT NULL
                                                 AND u.datum <= :till
                                                 AND NOT EXISTS (SELECT 1 FROM uppfoljning x
                                                                  WHERE x.korrigerar_id = u.id)
                                               ORDER BY u.datum DESC, u.registrerad DESC, u.id DESC LIMIT 1)
                                        END AS steg_uppfoljning,
                                   d.cellnyckel,
                                   CASE WHEN d.tidigare_deltagare_id IS NOT NULL
                                        THEN (SELECT ta.orsak FROM avslut ta
                                               WHERE ta.deltagare_id = d.tidigare_deltagare_id) END
                                       AS tidigare_orsak
                            FROM deltagare d JOIN anmalan a ON a.deltagare_id = d.id
                            JOIN organisation o ON o.id = a.remitterande_organisation_id
                            LEFT JOIN avslut av ON av.deltagare_id = d.id
                            LEFT JOIN efterkontroll e6 ON e6.deltagare_id = d.id AND e6.manader = 6
                                 AND NOT EXISTS (SELECT 1 FROM efterkontroll x WHERE x.ersatter_id = e6.id)
                            LEFT JOIN efterkontroll e12 ON e12.deltagare_id = d.id AND e12.manader = 12
                                 AND NOT EXISTS (SELECT 1 FROM efterkontroll x WHERE x.ersatter_id = e12.id)
                            WHERE """ + I_PERIODEN)
                    .bind("fran", fran.toString()).bind("till", till.toString())
                    .bind("allaTeam", team == null ? 1 : 0)
                    .bindList("team", team == null || team.isEmpty() ? List.of(-1L) : List.copyOf(team))
                    .setFetchSize(RADER_PER_OMGANG)
                    .mapTo(RadMedUtfall.class).stream().map(r -> r.rad(delade))
                    .sorted(java.util.Comparator.comparingLong(Rad::id)).toList();
        }));
    }

    /**
     * Plan items (not removed) of the period's participants, counted by responsible and by latest status up to the
     * last day: the item's kept latest status when it was set on or before that day, else the latest one of its
     * history up to it; the kept status before the latest one when that was set on or before the day and the
     * latest after it. Only items changed twice since the period's end are looked up in the history. The two kinds
     * are counted apart, so that the first, nearly all items, are grouped by their kept columns alone, and the
     * second is found through the index of the date of the status before the latest.
     */
    public List<Punkter> planpunkter(LocalDate fran, LocalDate till, Set<Long> team) {
        return jdbi.withHandle(h -> {
            h.registerRowMapper(ConstructorMapper.factory(Punkter.class));
            return h.createQuery("""
                            SELECT CASE WHEN g.deltagaren = 1 THEN NULL ELSE o.namn END AS ansvarig, g.status,
                                   sum(g.antal) AS antal, sum(g.nyckel) % 256 AS nyckel
                            FROM (SELECT pp.ansvarig_organisation_id AS org, pp.ansvarig_deltagaren AS deltagaren,
                                         """ + STATUS_SOM_HALLS + """
                                         AS status, count(*) AS antal, sum(coalesce(d.cellnyckel, 0)) AS nyckel
                                  """ + PERIODENS_PLANPUNKTER + """
                                    AND (pp.foregaende_status_datum IS NULL OR pp.foregaende_status_datum <= :till)
                                  GROUP BY 1, 2, 3
                                  UNION ALL
                                  SELECT pp.ansvarig_organisation_id, pp.ansvarig_deltagaren,
                                         coalesce((SELECT us.status FROM uppfoljning_status us
                                                     JOIN uppfoljning u ON u.id = us.uppfoljning_id
                                                    WHERE us.planpunkt_id = pp.id AND u.datum <= :till
                                                    ORDER BY u.datum DESC, u.registrerad DESC, u.id DESC
                                                    LIMIT 1), 'ej_paborjad'),
                                         1, coalesce(d.cellnyckel, 0)
                                  """ + PERIODENS_PLANPUNKTER + """
                                    AND pp.foregaende_status_datum > :till) g
                            LEFT JOIN organisation o ON o.id = g.org
                            GROUP BY CASE WHEN g.deltagaren = 1 THEN NULL ELSE o.namn END, g.status""")
                    .bind("fran", fran.toString()).bind("till", till.toString())
                    .bind("dagenEfter", till.plusDays(1).toString())
                    .bind("allaTeam", team == null ? 1 : 0)
                    .bindList("team", team == null || team.isEmpty() ? List.of(-1L) : List.copyOf(team))
                    .mapTo(Punkter.class).list();
        });
    }

    /** The teams a figure may be chosen for, by id and name; null for all teams. */
    public List<Team> team(Set<Long> bara) {
        return jdbi.withHandle(h -> {
            h.registerRowMapper(ConstructorMapper.factory(Team.class));
            return h.createQuery("SELECT id, namn FROM team ORDER BY namn").mapTo(Team.class).list()
                    .stream().filter(t -> bara == null || bara.contains(t.id())).toList();
        });
    }

    public record Team(long id, String namn) {
    }

    /** The förbund's targets for a year, by measure ({@link Arsoversikt#MAL}). */
    public java.util.Map<String, Double> mal(int ar) {
        java.util.Map<String, Double> ut = new java.util.LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT matt, varde FROM statistik_mal WHERE ar = :ar").bind("ar", ar)
                .map((rs, ctx) -> java.util.Map.entry(rs.getString(1), rs.getDouble(2)))
                .forEach(e -> ut.put(e.getKey(), e.getValue())));
        return ut;
    }

    /** Sets the year's targets: a measure with a value is stored, one without is removed. */
    public void sparaMal(int ar, java.util.Map<String, Double> mal, long anvandare, java.time.Instant nu) {
        jdbi.useTransaction(h -> {
            for (String matt : Arsoversikt.MAL) {
                Double v = mal.get(matt);
                if (v == null) {
                    h.createUpdate("DELETE FROM statistik_mal WHERE ar = :ar AND matt = :m").bind("ar", ar)
                            .bind("m", matt).execute();
                } else {
                    h.createUpdate("""
                                    INSERT INTO statistik_mal (ar, matt, varde, andrad, andrad_av)
                                    VALUES (:ar, :m, :v, :nu, :av)
                                    ON CONFLICT (ar, matt) DO UPDATE SET varde = excluded.varde,
                                        andrad = excluded.andrad, andrad_av = excluded.andrad_av""")
                            .bind("ar", ar).bind("m", matt).bind("v", v).bind("nu", nu.toString())
                            .bind("av", anvandare).execute();
                }
            }
        });
    }

    /**
     * One participant of the person-level file: a pseudonym (the participant code), no name, personnummer, contact
     * details or free text; only coded values and dates.
     */
    public record Person(long id, String deltagarkod, String team, String kon, int fodelsear, String anmalanDatum,
                         String remitterandeTyp, String inskrivningDatum, String forsorjningFore,
                         String sysselsattningFore, String utbildning, String tidForsorjning,
                         String anstallningVidStart, String tidigareDeltagarkod, String avslutDatum,
                         String avslutOrsak, String forsorjningEfter, String sysselsattningEfter, String steg,
                         String datum6, Integer nadd6, String forsorjning6, String sysselsattning6, String datum12,
                         Integer nadd12, String forsorjning12, String sysselsattning12) {
    }

    /** The period's participants (as {@link #rader}) of the given teams, as the person-level file lists them. */
    public List<Person> personer(LocalDate fran, LocalDate till, Set<Long> team) {
        return jdbi.withHandle(h -> {
            h.registerRowMapper(ConstructorMapper.factory(Person.class));
            return h.createQuery("""
                            SELECT d.id, d.kod AS deltagarkod, t.namn AS team, d.kon, d.fodelsear,
                                   a.datum AS anmalan_datum, o.typ AS remitterande_typ,
                                   d.forsta_mote AS inskrivning_datum,
                                   a.forsorjning AS forsorjning_fore, a.sysselsattning AS sysselsattning_fore,
                                   a.utbildning, a.tid_forsorjning, a.anstallning_vid_start,
                                   tidigare.kod AS tidigare_deltagarkod, av.datum AS avslut_datum,
                                   av.orsak AS avslut_orsak, av.forsorjning AS forsorjning_efter,
                                   av.sysselsattning AS sysselsattning_efter, av.steg_mot_arbete AS steg,
                                   e6.datum AS datum6, e6.nadd AS nadd6, e6.forsorjning AS forsorjning6,
                                   e6.sysselsattning AS sysselsattning6, e12.datum AS datum12, e12.nadd AS nadd12,
                                   e12.forsorjning AS forsorjning12, e12.sysselsattning AS sysselsattning12
                            FROM deltagare d JOIN anmalan a ON a.deltagare_id = d.id
                            JOIN team t ON t.id = d.team_id
                            JOIN organisation o ON o.id = a.remitterande_organisation_id
                            LEFT JOIN deltagare tidigare ON tidigare.id = d.tidigare_deltagare_id
                            LEFT JOIN avslut av ON av.deltagare_id = d.id
                            LEFT JOIN efterkontroll e6 ON e6.deltagare_id = d.id AND e6.manader = 6
                                 AND NOT EXISTS (SELECT 1 FROM efterkontroll x WHERE x.ersatter_id = e6.id)
                            LEFT JOIN efterkontroll e12 ON e12.deltagare_id = d.id AND e12.manader = 12
                                 AND NOT EXISTS (SELECT 1 FROM efterkontroll x WHERE x.ersatter_id = e12.id)
                            WHERE """ + I_PERIODEN + " ORDER BY t.namn, d.kod")
                    .bind("fran", fran.toString()).bind("till", till.toString())
                    .bind("allaTeam", 0)
                    .bindList("team", team.isEmpty() ? List.of(-1L) : List.copyOf(team))
                    .mapTo(Person.class).list();
        });
    }
}
