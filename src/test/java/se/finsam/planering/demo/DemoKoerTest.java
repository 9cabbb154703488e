package se.finsam.planering.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.finsam.planering.auth.Losenordshash;
import se.finsam.planering.db.Databas;
import se.finsam.planering.overlamning.Arbetsdagar;

/**
 * The large demo's queues look like a real team's: no closed participant keeps an open handover, a returned item
 * or an open item without a decision; only a few percent of each team's handovers are past the kvittens limit and
 * of its open items stuck or late; few escalations wait; interpreters and letters are prepared.
 */
class DemoKoerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneId.of("Europe/Stockholm"));
    private static final int DELTAGARE = 10_000;

    @TempDir
    Path dir;

    private static long count(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void koernaIDenStoraDemonSerUtSomEttRiktigtTeams() {
        Jdbi jdbi = Databas.open(dir.resolve("large.db"));
        DemoData.seedLarge(jdbi, CLOCK, new Losenordshash(), DELTAGARE);
        LocalDate idag = LocalDate.now(CLOCK);

        Map<String, Long> stangda = new java.util.LinkedHashMap<>();
        stangda.put("open handovers of closed participants", count(jdbi, """
                SELECT count(*) FROM overlamning o JOIN planpunkt pp ON pp.id = o.planpunkt_id
                JOIN planering p ON p.id = pp.planering_id JOIN avslut a ON a.deltagare_id = p.deltagare_id
                WHERE o.kvitterad IS NULL AND o.avvisad IS NULL"""));
        stangda.put("returned items of closed participants", count(jdbi, """
                SELECT count(*) FROM overlamning o JOIN planpunkt pp ON pp.id = o.planpunkt_id
                JOIN planering p ON p.id = pp.planering_id JOIN avslut a ON a.deltagare_id = p.deltagare_id
                WHERE o.avvisad IS NOT NULL AND pp.ansvarig_deltagaren = 0
                  AND NOT EXISTS (SELECT 1 FROM overlamning n WHERE n.planpunkt_id = o.planpunkt_id AND n.id > o.id)"""));
        stangda.put("open items of closed participants without a decision at avslut", count(jdbi, """
                SELECT count(*) FROM planering p JOIN avslut a ON a.deltagare_id = p.deltagare_id
                JOIN planpunkt pp ON pp.planering_id = p.id AND pp.borttagen IS NULL
                LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
                WHERE coalesce(s.status, 'ej_paborjad') NOT IN ('genomford', 'avslagen')
                  AND NOT EXISTS (SELECT 1 FROM avslut_punkt b WHERE b.planpunkt_id = pp.id)"""));
        // Per team: handovers of the last year, those without kvittens, and those past the team's limit.
        List<Map<String, Object>> oppna = jdbi.withHandle(h -> h.createQuery("""
                        SELECT t.namn AS team, o.skapad, t.kvittens_arbetsdagar
                        FROM overlamning o JOIN planpunkt pp ON pp.id = o.planpunkt_id AND pp.borttagen IS NULL
                        JOIN planering p ON p.id = pp.planering_id JOIN deltagare d ON d.id = p.deltagare_id
                        JOIN team t ON t.id = d.team_id
                        WHERE o.kvitterad IS NULL AND o.avvisad IS NULL""").mapToMap().list());
        Map<String, Long> arsvolym = new java.util.TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT t.namn AS team, count(*) AS n FROM overlamning o JOIN planpunkt pp ON pp.id = o.planpunkt_id
                        JOIN planering p ON p.id = pp.planering_id JOIN deltagare d ON d.id = p.deltagare_id
                        JOIN team t ON t.id = d.team_id
                        WHERE o.skapad >= :fran GROUP BY t.namn""").bind("fran", idag.minusYears(1).toString())
                .mapToMap().forEach(r -> arsvolym.put((String) r.get("team"), ((Number) r.get("n")).longValue())));
        Map<String, long[]> perTeam = new java.util.TreeMap<>();
        for (var r : oppna) {
            LocalDate skapad = Instant.parse((String) r.get("skapad")).atZone(CLOCK.getZone()).toLocalDate();
            int grans = ((Number) r.get("kvittens_arbetsdagar")).intValue();
            long[] n = perTeam.computeIfAbsent((String) r.get("team"), k -> new long[2]);
            n[0]++;
            if (Arbetsdagar.mellan(skapad, idag) >= grans) {
                n[1]++;
            }
        }
        Map<String, Long> fastnade = new java.util.TreeMap<>();
        // Stuck as the follow-up overview counts them: open items of participants not closed that are stuck, past
        // their date, or unchanged for the team's number of weeks.
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT t.namn AS team, count(*) AS n
                        FROM planering p JOIN deltagare d ON d.id = p.deltagare_id JOIN team t ON t.id = d.team_id
                        JOIN planpunkt pp ON pp.planering_id = p.id AND pp.borttagen IS NULL
                        LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
                        LEFT JOIN uppfoljning lu ON lu.id = s.uppfoljning_id
                        LEFT JOIN uppfoljning_status ls ON ls.uppfoljning_id = lu.id AND ls.planpunkt_id = pp.id
                        WHERE p.overlamnad IS NOT NULL
                          AND NOT EXISTS (SELECT 1 FROM avslut av WHERE av.deltagare_id = d.id)
                          AND coalesce(ls.status, 'ej_paborjad') NOT IN ('genomford', 'avslagen')
                          AND (ls.status = 'fastnat' OR pp.klart_senast < :idag
                               OR coalesce(lu.ordningstid, p.overlamnad)
                                  < strftime('%Y-%m-%dT%H:%M:%SZ', :nu, '-' || (t.fastnat_veckor * 7) || ' days'))
                        GROUP BY t.namn""")
                .bind("idag", idag.toString()).bind("nu", CLOCK.instant().toString())
                .mapToMap().forEach(r -> fastnade.put((String) r.get("team"), ((Number) r.get("n")).longValue())));
        // Per team: the open items of handed-over plans of participants not closed, those past their date, and the
        // escalations the koordinator has not answered (as her list counts them).
        Map<String, Long> oppnaPunkter = perTeamCount(jdbi, """
                SELECT t.namn AS team, count(*) AS n
                FROM planering p JOIN deltagare d ON d.id = p.deltagare_id JOIN team t ON t.id = d.team_id
                JOIN planpunkt pp ON pp.planering_id = p.id AND pp.borttagen IS NULL
                LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
                WHERE p.overlamnad IS NOT NULL AND NOT EXISTS (SELECT 1 FROM avslut av WHERE av.deltagare_id = d.id)
                  AND coalesce(s.status, 'ej_paborjad') NOT IN ('genomford', 'avslagen')
                GROUP BY t.namn""", idag);
        Map<String, Long> forsenade = perTeamCount(jdbi, """
                SELECT t.namn AS team, count(*) AS n
                FROM planering p JOIN deltagare d ON d.id = p.deltagare_id JOIN team t ON t.id = d.team_id
                JOIN planpunkt pp ON pp.planering_id = p.id AND pp.borttagen IS NULL
                LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
                WHERE p.overlamnad IS NOT NULL AND NOT EXISTS (SELECT 1 FROM avslut av WHERE av.deltagare_id = d.id)
                  AND coalesce(s.status, 'ej_paborjad') NOT IN ('genomford', 'avslagen') AND pp.klart_senast < :idag
                GROUP BY t.namn""", idag);
        Map<String, Long> oppnaDeltagare = perTeamCount(jdbi, """
                SELECT t.namn AS team, count(*) AS n FROM deltagare d JOIN team t ON t.id = d.team_id
                WHERE NOT EXISTS (SELECT 1 FROM avslut av WHERE av.deltagare_id = d.id) GROUP BY t.namn""", idag);
        Map<String, Long> eskaleringar = perTeamCount(jdbi, """
                SELECT t.namn AS team, count(*) AS n
                FROM uppfoljning u JOIN deltagare d ON d.id = u.deltagare_id JOIN team t ON t.id = d.team_id
                WHERE u.eskalera = 1
                  AND NOT EXISTS (SELECT 1 FROM avslut x WHERE x.deltagare_id = d.id)
                  AND NOT EXISTS (SELECT 1 FROM eskalering_hanterad eh WHERE eh.uppfoljning_id = u.id)
                  AND NOT EXISTS (SELECT 1 FROM uppfoljning senare WHERE senare.deltagare_id = u.deltagare_id
                                  AND senare.typ = 'uppfoljning' AND senare.id > u.id)
                GROUP BY t.namn""", idag);
        StringBuilder rapport = new StringBuilder();
        perTeam.forEach((team, n) -> rapport.append(team).append(": ").append(n[0]).append(" utan kvittens, ")
                .append(n[1]).append(" försenade av ").append(arsvolym.getOrDefault(team, 0L))
                .append(" överlämningar senaste året; öppna punkter ").append(oppnaPunkter.getOrDefault(team, 0L))
                .append(", fastnade punkter ").append(fastnade.getOrDefault(team, 0L))
                .append(", punkter efter sitt datum ").append(forsenade.getOrDefault(team, 0L))
                .append("; eskaleringar ").append(eskaleringar.getOrDefault(team, 0L))
                .append(" för ").append(oppnaDeltagare.getOrDefault(team, 0L)).append(" deltagare")
                .append('\n'));
        stangda.forEach((vad, n) -> rapport.append(vad).append(": ").append(n).append('\n'));
        System.out.println(rapport);
        stangda.forEach((vad, n) -> assertEquals(0L, n, vad + "\n" + rapport));
        perTeam.forEach((team, n) -> assertTrue(n[1] * 100 <= 5L * Math.max(1, arsvolym.getOrDefault(team, 0L)),
                "at most a few percent of a year's handovers overdue:\n" + rapport));
        assertEquals(5, oppnaPunkter.size(), rapport.toString());
        oppnaPunkter.forEach((team, n) -> {
            assertTrue(n >= 1_000, "a team at this scale has thousands of open items:\n" + rapport);
            assertTrue(fastnade.getOrDefault(team, 0L) * 100 < 10L * n,
                    "under 10 % of a team's open items stuck, late or unchanged for weeks:\n" + rapport);
            assertTrue(forsenade.getOrDefault(team, 0L) * 100 < 5L * n,
                    "under 5 % of a team's open items past their date:\n" + rapport);
            assertTrue(perTeam.getOrDefault(team, new long[2])[0] * 100 < 10L * n,
                    "under 10 % of a team's open items without kvittens:\n" + rapport);
        });
        oppnaDeltagare.forEach((team, n) -> {
            long e = eskaleringar.getOrDefault(team, 0L);
            assertTrue(e > 0 && e * 100 < 3L * n,
                    "a few escalations wait for the koordinator, not hundreds:\n" + rapport);
        });
    }

    /**
     * Preparing a meeting: for a meeting held, every letter was sent and every interpreter booked; a coming meeting
     * shows both states, so the meeting page has something to say.
     */
    @Test
    void tolkarOchKallelserArBokadeSomHosEttRiktigtTeam() {
        Jdbi jdbi = Databas.open(dir.resolve("tolk.db"));
        DemoData.seedLarge(jdbi, CLOCK, new Losenordshash(), 2_000);
        String idag = LocalDate.now(CLOCK).toString();
        String tolkar = """
                SELECT count(*) FROM mote_deltagare md JOIN mote m ON m.id = md.mote_id
                JOIN deltagare d ON d.id = md.deltagare_id
                WHERE d.tolkbehov = 1 AND substr(m.start, 1, 10) %s '%s' AND md.tolk_bokad %s""";
        assertEquals(0L, count(jdbi, tolkar.formatted("<", idag, "IS NULL")), "held meetings had their interpreters");
        assertTrue(count(jdbi, tolkar.formatted("<", idag, "IS NOT NULL")) > 100);
        assertTrue(count(jdbi, tolkar.formatted(">=", idag, "IS NOT NULL")) > 0, "some interpreters booked");
        assertTrue(count(jdbi, tolkar.formatted(">=", idag, "IS NULL")) > 0, "some still to book");
        assertEquals(0L, count(jdbi, """
                SELECT count(*) FROM mote_deltagare md JOIN mote m ON m.id = md.mote_id
                WHERE substr(m.start, 1, 10) < '%s' AND md.kallelse_skickad IS NULL""".formatted(idag)),
                "every letter of a held meeting was sent");
        assertTrue(count(jdbi, """
                SELECT count(*) FROM mote_deltagare md JOIN mote m ON m.id = md.mote_id
                WHERE substr(m.start, 1, 10) >= '%s' AND md.kallelse_utskriven IS NOT NULL
                  AND md.kallelse_skickad IS NULL""".formatted(idag)) > 0, "some letters printed, not yet sent");
    }

    private static Map<String, Long> perTeamCount(Jdbi jdbi, String sql, LocalDate idag) {
        Map<String, Long> n = new java.util.TreeMap<>();
        jdbi.useHandle(h -> {
            var q = h.createQuery(sql);
            if (sql.contains(":idag")) {
                q.bind("idag", idag.toString());
            }
            q.mapToMap().forEach(r -> n.put((String) r.get("team"), ((Number) r.get("n")).longValue()));
        });
        return n;
    }
}
