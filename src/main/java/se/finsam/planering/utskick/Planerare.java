package se.finsam.planering.utskick;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.auth.AnvandarRepository;
import se.finsam.planering.overlamning.Arbetsdagar;

/**
 * Makes the messages that fall due with time: her meeting two days before and on the morning, her plan changed
 * (at most one a day, none once she has read it), a kvittens still missing after two working days, the weekly
 * digest of items due within 7 days or overdue (Monday, or daily, as she chose), and the koordinator's digest of
 * her day (every working day; only Mondays or never if she chose so). Each cause has a key
 * ({@code utskick.nyckel}), so looking again makes nothing twice; what changes happen to (a handover, a meeting
 * moved or cancelled) are written by the database's triggers in the change's own transaction.
 */
public final class Planerare {

    /** Before this hour (local time) nothing is planned for the morning; the morning messages go at 08:00. */
    static final int MORGON = 8;
    /** Working days after a handover before its missing kvittens is told to the recipient. */
    static final int KVITTENS_ARBETSDAGAR = 2;

    private final Jdbi jdbi;
    private final Clock clock;
    private final AnvandarRepository anvandare;
    private final Dagsantal dagsantal;
    /** The day each koordinator's digest was last looked at, so the counts are made once a day. */
    private final Map<Long, LocalDate> dagsantalSett = new ConcurrentHashMap<>();

    public Planerare(Jdbi jdbi, Clock clock, AnvandarRepository anvandare, Dagsantal dagsantal) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.anvandare = anvandare;
        this.dagsantal = dagsantal;
    }

    /** Plans what is due now; returns how many new messages it made. */
    public int planera() {
        Instant nu = clock.instant();
        ZoneId zon = clock.getZone();
        LocalDate idag = LocalDate.ofInstant(nu, zon);
        Instant morgon = idag.atTime(MORGON, 0).atZone(zon).toInstant();
        int nya = jdbi.inTransaction(h -> motesPaminnelser(h, nu, idag, morgon, zon)
                + planAndrad(h, nu, idag) + kvittensSaknas(h, nu, idag) + veckosammanfattning(h, nu, idag, zon));
        return nya + dagssammanfattning(nu, idag, zon);
    }

    private int motesPaminnelser(Handle h, Instant nu, LocalDate idag, Instant morgon, ZoneId zon) {
        String sql = """
                INSERT INTO utskick (nyckel, typ, team_id, deltagare_id, sak_id, skapad, planerad)
                SELECT :typ || ':' || md.id || ':' || md.tid, :typ, d.team_id, d.id, md.id, :nu, :planerad
                FROM mote_deltagare md JOIN mote m ON m.id = md.mote_id JOIN deltagare d ON d.id = md.deltagare_id
                WHERE m.status = 'planerat' AND md.tid >= :fran AND md.tid < :till AND d.gallrad IS NULL
                  AND NOT EXISTS (SELECT 1 FROM avslut a WHERE a.deltagare_id = d.id)
                ON CONFLICT DO NOTHING""";
        int n = h.createUpdate(sql).bind("typ", "mote_paminnelse").bind("nu", nu).bind("planerad", morgon)
                .bind("fran", idag.plusDays(2).atStartOfDay()).bind("till", idag.plusDays(3).atStartOfDay())
                .execute();
        LocalDateTime nuLokalt = LocalDateTime.ofInstant(nu, zon);
        n += h.createUpdate(sql).bind("typ", "mote_morgon").bind("nu", nu).bind("planerad", morgon)
                .bind("fran", nuLokalt).bind("till", idag.plusDays(1).atStartOfDay()).execute();
        return n;
    }

    private int planAndrad(Handle h, Instant nu, LocalDate idag) {
        return h.createUpdate("""
                INSERT INTO utskick (nyckel, typ, team_id, deltagare_id, skapad, planerad)
                SELECT 'plan_andrad:' || x.id || ':' || :idag, 'plan_andrad', x.team_id, x.id, :nu, NULL
                FROM (SELECT y.id, y.team_id, CASE WHEN y.andrad > y.svar THEN y.andrad ELSE y.svar END AS senast
                      FROM (SELECT d.id, d.team_id, p.andrad,
                                   coalesce((SELECT max(u.registrerad) FROM uppfoljning u
                                     JOIN uppfoljning_status us ON us.uppfoljning_id = u.id
                                     JOIN planpunkt pp ON pp.id = us.planpunkt_id
                                     WHERE u.deltagare_id = d.id AND pp.ansvarig_deltagaren = 1
                                       AND u.registrerad_av <> d.anvandare_id), '') AS svar
                            FROM deltagare d JOIN planering p ON p.deltagare_id = d.id
                            WHERE d.anvandare_id IS NOT NULL AND d.gallrad IS NULL AND p.overlamnad IS NOT NULL
                              AND p.andrad_av <> d.anvandare_id
                              AND NOT EXISTS (SELECT 1 FROM avslut a WHERE a.deltagare_id = d.id)) y) x
                WHERE x.senast > :veckaSedan
                  AND x.senast > coalesce((SELECT max(l.last) FROM lasbekraftelse l WHERE l.deltagare_id = x.id), '')
                  AND x.senast > coalesce((SELECT max(u.skapad) FROM utskick u WHERE u.deltagare_id = x.id
                                            AND u.typ = 'plan_andrad' AND u.anvandare_id IS NULL), '')
                ON CONFLICT DO NOTHING""")
                .bind("idag", idag.toString()).bind("nu", nu).bind("veckaSedan", nu.minus(Duration.ofDays(7)))
                .execute();
    }

    private record OppenOverlamning(long id, Instant skapad) {
    }

    private int kvittensSaknas(Handle h, Instant nu, LocalDate idag) {
        List<OppenOverlamning> oppna = h.createQuery("""
                        SELECT o.id, o.skapad FROM overlamning o
                        WHERE o.kvitterad IS NULL AND o.avvisad IS NULL AND o.skapad >= :grans
                          AND NOT EXISTS (SELECT 1 FROM utskick u WHERE u.nyckel = 'kvittens_saknas:' || o.id)""")
                .bind("grans", nu.minus(Duration.ofDays(30)))
                .map((rs, ctx) -> new OppenOverlamning(rs.getLong(1), Instant.parse(rs.getString(2)))).list();
        int n = 0;
        for (OppenOverlamning o : oppna) {
            if (Arbetsdagar.mellan(LocalDate.ofInstant(o.skapad(), clock.getZone()), idag) >= KVITTENS_ARBETSDAGAR) {
                n += h.createUpdate("""
                                INSERT INTO utskick (nyckel, typ, team_id, deltagare_id, anvandare_id, sak_id,
                                                     skapad, planerad)
                                SELECT 'kvittens_saknas:' || o.id, 'kvittens_saknas', d.team_id, d.id, o.till_id, o.id,
                                       :nu, NULL
                                FROM overlamning o JOIN planpunkt pp ON pp.id = o.planpunkt_id
                                JOIN planering p ON p.id = pp.planering_id JOIN deltagare d ON d.id = p.deltagare_id
                                WHERE o.id = :o
                                ON CONFLICT DO NOTHING""")
                        .bind("nu", nu).bind("o", o.id()).execute();
            }
        }
        return n;
    }

    /** The items of a staff member due within 7 days or overdue, not done: what her digest counts. */
    static final String PUNKTER_ATT_GORA = """
            SELECT count(*) FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
            WHERE pp.ansvarig_anvandare_id = :a AND pp.borttagen IS NULL AND p.overlamnad IS NOT NULL
              AND pp.klart_senast <= :grans
              AND coalesce((SELECT s.status FROM planpunkt_aktuell_status s WHERE s.planpunkt_id = pp.id),
                           'ej_paborjad') NOT IN ('genomford', 'avslagen')
              AND NOT EXISTS (SELECT 1 FROM avslut av WHERE av.deltagare_id = p.deltagare_id)""";

    /** How many items the staff member has due within 7 days or overdue. */
    public int punkterAttGora(long anvandareId) {
        return jdbi.withHandle(h -> h.createQuery(PUNKTER_ATT_GORA).bind("a", anvandareId)
                .bind("grans", LocalDate.now(clock).plusDays(7)).mapTo(Integer.class).one());
    }

    private int veckosammanfattning(Handle h, Instant nu, LocalDate idag, ZoneId zon) {
        DayOfWeek dag = idag.getDayOfWeek();
        if (dag == DayOfWeek.SATURDAY || dag == DayOfWeek.SUNDAY) {
            return 0;
        }
        String vecka = idag.get(IsoFields.WEEK_BASED_YEAR) + "-V" + idag.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        Instant mandag = idag.with(DayOfWeek.MONDAY).atTime(7, 0).atZone(zon).toInstant();
        Instant idag7 = idag.atTime(7, 0).atZone(zon).toInstant();
        // Her items are counted only when she wants this digest and it is not yet planned for the period: in one
        // CASE, which settles the order, since conditions beside the count (a NOT EXISTS, or one on the left-joined
        // choice) may otherwise be applied after the count has been made for every staff member.
        String sql = """
                INSERT INTO utskick (nyckel, typ, team_id, anvandare_id, skapad, planerad)
                SELECT :typ || ':' || a.id || ':' || :period, :typ,
                       (SELECT min(m.team_id) FROM team_medlem m WHERE m.anvandare_id = a.id), a.id, :nu, :planerad
                FROM anvandare a LEFT JOIN utskick_val v ON v.anvandare_id = a.id
                WHERE a.aktiv = 1 AND a.roll IN ('handlaggare', 'teamrepresentant', 'koordinator')
                  AND EXISTS (SELECT 1 FROM team_medlem m WHERE m.anvandare_id = a.id)
                  AND CASE WHEN coalesce(v.sammanfattning, 'vecka') <> :frekvens THEN 0
                           WHEN EXISTS (SELECT 1 FROM utskick u WHERE u.nyckel = :typ || ':' || a.id || ':' || :period)
                           THEN 0 ELSE (""" + PUNKTER_ATT_GORA.replace(":a", "a.id") + ") END > 0\nON CONFLICT DO NOTHING";
        int n = h.createUpdate(sql).bind("typ", "veckosammanfattning").bind("period", vecka).bind("nu", nu)
                .bind("planerad", mandag).bind("frekvens", "vecka").bind("grans", idag.plusDays(7)).execute();
        n += h.createUpdate(sql).bind("typ", "dagsammanfattning_punkter").bind("period", idag.toString())
                .bind("nu", nu).bind("planerad", idag7).bind("frekvens", "dag").bind("grans", idag.plusDays(7))
                .execute();
        return n;
    }

    private int dagssammanfattning(Instant nu, LocalDate idag, ZoneId zon) {
        DayOfWeek dag = idag.getDayOfWeek();
        if (dag == DayOfWeek.SATURDAY || dag == DayOfWeek.SUNDAY || dagsantal == null) {
            return 0;
        }
        List<Long> koordinatorer = jdbi.withHandle(h -> h.createQuery("""
                        SELECT a.id FROM anvandare a LEFT JOIN utskick_val v ON v.anvandare_id = a.id
                        WHERE a.roll = 'koordinator' AND a.aktiv = 1
                          AND (coalesce(v.sammanfattning, 'dag') = 'dag' OR (v.sammanfattning = 'vecka' AND :mandag = 1))
                          AND NOT EXISTS (SELECT 1 FROM utskick u WHERE u.nyckel = 'dagssammanfattning:' || a.id || ':' || :d)""")
                .bind("d", idag.toString()).bind("mandag", dag == DayOfWeek.MONDAY ? 1 : 0).mapTo(Long.class).list());
        Instant planerad = idag.atTime(7, 0).atZone(zon).toInstant();
        int n = 0;
        for (long id : koordinatorer) {
            if (idag.equals(dagsantalSett.get(id))) {
                continue;
            }
            Anvandare k = anvandare.load(id).orElse(null);
            if (k == null || k.teamIds().isEmpty()) {
                dagsantalSett.put(id, idag);
                continue;
            }
            int summa = dagsantal.antal(k).stream().mapToInt(Dagsantal.Rad::antal).sum()
                    + new UtskickRepository(jdbi).koordinatorAntal(id, nu).stream().mapToInt(Dagsantal.Rad::antal).sum();
            if (summa > 0) {
                long team = k.teamIds().stream().min(Long::compare).orElseThrow();
                n += jdbi.withHandle(h -> h.createUpdate("""
                                INSERT INTO utskick (nyckel, typ, team_id, anvandare_id, skapad, planerad)
                                VALUES ('dagssammanfattning:' || :a || ':' || :d, 'dagssammanfattning', :t, :a, :nu, :p)
                                ON CONFLICT DO NOTHING""")
                        .bind("a", id).bind("d", idag.toString()).bind("t", team).bind("nu", nu).bind("p", planerad)
                        .execute());
            }
            // Noted only once the day's digest is written (or not needed): a pass running beside this one finds
            // either the row or nothing noted, never a note without its row.
            dagsantalSett.put(id, idag);
        }
        return n;
    }
}
