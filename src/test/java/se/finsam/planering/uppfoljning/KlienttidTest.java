package se.finsam.planering.uppfoljning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.finsam.planering.uppfoljning.UppfoljningHttpTest.api;
import static se.finsam.planering.uppfoljning.UppfoljningHttpTest.count;
import static se.finsam.planering.uppfoljning.UppfoljningHttpTest.json;
import static se.finsam.planering.uppfoljning.UppfoljningHttpTest.punkt;
import static se.finsam.planering.uppfoljning.UppfoljningHttpTest.status;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;
import se.finsam.planering.db.Databas;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/** The time a device says a follow-up was recorded: bounded, so a wrong clock cannot break or freeze anything. */
class KlienttidTest extends AppTest {

    @TempDir
    Path dir;

    private static String iso(Instant t) {
        return t.toString();
    }

    @Test
    void enhetstidLangtFranServernsTidVagrasMedEttSkalSomUtkorgenVisar() {
        long d = TestData.deltagareIFas(app, "uppfoljning", 0);
        long p = punkt(d, 0);
        HttpSession s = app.session().loginStaff("koordinator");
        Instant nu = app.clock().instant();
        int fore = count("SELECT count(*) FROM uppfoljning WHERE deltagare_id = ?", d);
        for (String tid : List.of("9999-12-31T23:59:59Z", "+1000000000-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z",
                iso(nu.plus(Duration.ofMinutes(11))), iso(nu.minus(Duration.ofDays(61))), "1970-01-01T00:00:00Z")) {
            HttpResponse<String> r = api(s, json(d, UUID.randomUUID().toString(), Map.of("datum", "2026-11-23",
                    "klient_tid", tid, "status_" + p, "genomford", "fore_" + p, "ej_paborjad")));
            assertEquals(400, r.statusCode(), tid + " -> " + r.body());
            assertTrue(r.body().contains("Kontrollera klockan på enheten"), tid + " -> " + r.body());
            assertFalse(r.body().contains("Exception"));
        }
        assertEquals(fore, count("SELECT count(*) FROM uppfoljning WHERE deltagare_id = ?", d), "nothing stored");

        // A clock a few minutes fast, and a record kept on the device for weeks, are both fine.
        assertEquals(201, api(s, json(d, UUID.randomUUID().toString(), Map.of("datum", "2026-11-23",
                "klient_tid", iso(nu.plus(Duration.ofMinutes(9))), "notering_intern", "Klockan går före")))
                .statusCode());
        assertEquals(201, api(s, json(d, UUID.randomUUID().toString(), Map.of("datum", "2026-11-20",
                "klient_tid", iso(nu.minus(Duration.ofDays(59))), "notering_intern", "Låg i utkorgen"))).statusCode());
    }

    @Test
    void formularetVagrarEnhetstidLangtFramOchBehallerTexten() {
        long d = TestData.deltagareIFas(app, "uppfoljning", 1);
        HttpSession s = app.session().loginStaff("koordinator");
        String page = s.get("/deltagare/" + d + "/uppfoljning").body();
        String uuid = HttpSession.value(page, "input[name=uuid]");
        HttpResponse<String> r = s.post("/deltagare/" + d + "/uppfoljning", new HashMap<>(Map.of("uuid", uuid,
                "datum", "2026-11-23", "klient_tid", "+1000000000-12-31T23:59:59Z",
                "notering_intern", "Skrivet på en enhet med fel klocka")));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("Kontrollera klockan på enheten"), r.body());
        assertTrue(r.body().contains("Skrivet på en enhet med fel klocka"), "typed text is kept");
        assertEquals(0, count("SELECT count(*) FROM uppfoljning WHERE uuid = ?", uuid));
    }

    /**
     * Rows stored before device times were checked stay (follow-ups are append-only): a status from a
     * clock set to the year 9999 no longer decides for ever, and a year beyond what Java can show no
     * longer breaks the pages.
     */
    @Test
    void gamlaRaderMedOrimligEnhetstidFryserInteStatusOchBryterIngaSidor() {
        long d = TestData.deltagareIFas(app, "uppfoljning", 2);
        long p = punkt(d, 0);
        long q = punkt(d, 1);
        Instant nu = app.clock().instant();
        lagraSomFore(d, p, "fastnat", "9999-12-31T23:59:59Z", nu);
        lagraSomFore(d, q, "pagar", "+1000000000-12-31T23:59:59Z", nu);
        assertEquals("fastnat", status(p));

        HttpSession s = app.session().loginStaff("koordinator");
        for (String path : List.of("/deltagare/" + d + "/uppfoljning", "/deltagare/" + d, "/uppfoljning",
                "/uppfoljning?alla=1")) {
            HttpResponse<String> r = s.get(path);
            assertEquals(200, r.statusCode(), path + " -> " + r.body());
        }
        String user = TestData.kontoMedPin(app, d, "864209");
        HttpSession deltagaren = app.session();
        assertEquals(302, deltagaren.post("/logga-in/deltagare", Map.of("anvandarnamn", user, "pin", "864209"))
                .statusCode());
        assertEquals(200, deltagaren.get("/min-planering").statusCode());

        // Twenty minutes later someone records the item as done: that is now its status.
        app.clock().advance(Duration.ofMinutes(20));
        assertEquals(201, api(s, json(d, UUID.randomUUID().toString(), Map.of("datum", "2026-11-23",
                "klient_tid", iso(app.clock().instant()), "status_" + p, "genomford", "fore_" + p, "fastnat",
                "status_" + q, "genomford", "fore_" + q, "pagar"))).statusCode());
        assertEquals("genomford", status(p), "a device clock in the year 9999 does not pin the status");
        assertEquals("genomford", status(q));
        assertEquals(200, s.get("/deltagare/" + d + "/uppfoljning").statusCode());
    }

    /** As the server stored a follow-up before device times were checked. */
    private static void lagraSomFore(long d, long punkt, String status, String klientTid, Instant registrerad) {
        app.jdbi().useTransaction(h -> {
            long staff = h.createQuery("SELECT id FROM anvandare WHERE anvandarnamn = 'handlaggare'")
                    .mapTo(Long.class).one();
            long id = h.createUpdate("""
                            INSERT INTO uppfoljning (uuid, deltagare_id, typ, datum, registrerad, registrerad_av,
                                                     klient_tid, notering_intern)
                            VALUES (:u, :d, 'uppfoljning', '2026-11-23', :r, :s, :k, 'x')""")
                    .bind("u", UUID.randomUUID().toString()).bind("d", d).bind("r", registrerad).bind("s", staff)
                    .bind("k", klientTid).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("INSERT INTO uppfoljning_status VALUES (:u, :p, :st, :o)")
                    .bind("u", id).bind("p", punkt).bind("st", status)
                    .bind("o", status.equals("fastnat") ? "Väntar" : null).execute();
        });
    }

    @Test
    void ordningstidenArEnhetstidenInomFonstretAnnarsMottagningstiden() {
        // A database from before the bound, with rows a broken clock wrote, migrated to the current schema.
        Path file = dir.resolve("fore.db");
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + file);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("3").load().migrate();
        Jdbi gammal = Jdbi.create(ds);
        gammal.useHandle(h -> {
            h.execute("INSERT INTO team (id, namn, motesplats) VALUES (1, 'Jobbtorg Test', 'Testgatan 1')");
            h.execute("""
                    INSERT INTO deltagare (id, kod, team_id, fornamn, efternamn, fodelsear, kon, skapad)
                    VALUES (1, 'T-1', 1, 'Test', 'Testsson', 1990, 'kvinna', '2026-01-01T00:00:00Z')""");
            h.execute("INSERT INTO anvandare (id, namn, roll, skapad)"
                    + " VALUES (1, 'Deltagare', 'deltagare', '2026-01-01T00:00:00Z')");
            String insert = "INSERT INTO uppfoljning (id, uuid, deltagare_id, typ, datum, registrerad, registrerad_av,"
                    + " klient_tid) VALUES (?, ?, 1, 'uppfoljning', '2026-11-23', '2026-11-23T08:00:00Z', 1, ?)";
            Object[][] rows = {{1, "9999-12-31T23:59:59Z"}, {2, "+1000000000-12-31T23:59:59Z"}, {3, null},
                    {4, "2026-11-23T07:00:00Z"}, {5, "2000-01-01T00:00:00Z"}};
            for (Object[] row : rows) {
                h.execute(insert, row[0], UUID.randomUUID().toString(), row[1]);
            }
        });
        Jdbi jdbi = Databas.open(file);
        List<String> tider = jdbi.withHandle(h -> h.createQuery("SELECT ordningstid FROM uppfoljning ORDER BY id")
                .mapTo(String.class).list());
        assertEquals(List.of("2026-11-23T08:10:00Z", "2026-11-23T08:00:00Z", "2026-11-23T08:00:00Z",
                "2026-11-23T07:00:00Z", "2026-09-24T08:00:00Z"), tider);
    }

    /** The view stays one SQLite can fold into the query: only the participant's items are looked up. */
    @Test
    void aktuellStatusSlasUppViaIndexUtanAttVynBerakns() {
        long d = TestData.deltagareIFas(app, "uppfoljning", 3);
        List<String> plan = app.jdbi().withHandle(h -> h.createQuery("""
                        EXPLAIN QUERY PLAN
                        SELECT pp.id, s.status, s.sedan FROM planering p JOIN planpunkt pp ON pp.planering_id = p.id
                        LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
                        WHERE p.deltagare_id = :d AND pp.borttagen IS NULL""")
                .bind("d", d).map((rs, ctx) -> rs.getString("detail")).list());
        String text = String.join("\n", plan);
        assertFalse(text.contains("MATERIALIZE"), text);
        assertFalse(text.matches("(?s).*\\bSCAN (pp|us|u|s|uppfoljning|uppfoljning_status|planpunkt)\\b.*"), text);
        assertTrue(text.contains("uppfoljning_status_planpunkt"), "statuses are found by item: " + text);
    }

    /** The overview finds each item's latest event through the same view, folded in and looked up by item. */
    @Test
    void oversiktenSlarUppSenasteHandelsenViaVynPerPunkt() {
        List<Long> team = app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM team").mapTo(Long.class).list());
        List<String> plan = app.jdbi().withHandle(h -> h.createQuery("EXPLAIN QUERY PLAN " + UppfoljningRepository.fastnade(se.finsam.planering.db.Dialekt.SQLITE))
                .define("synliga", "SELECT id AS deltagare_id, NULL AS namn FROM deltagare")
                .bindList("teams", team).bind("idag", "2026-11-23").bind("nu", Instant.parse("2026-11-23T10:00:00Z"))
                .bind("egen", (Long) null).bind("org", (Long) null)
                .map((rs, ctx) -> rs.getString("detail")).list());
        String text = String.join("\n", plan);
        assertFalse(text.contains("MATERIALIZE"), text);
        assertFalse(text.matches("(?s).*\\bSCAN (us|u|lu|ls|uppfoljning|uppfoljning_status)\\b.*"), text);
        assertTrue(text.contains("uppfoljning_status_planpunkt"), "events are found by item: " + text);
    }
}
