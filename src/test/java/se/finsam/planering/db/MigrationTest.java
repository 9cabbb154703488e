package se.finsam.planering.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class MigrationTest {

    @TempDir
    Path dir;

    @Test
    void denSenasteMigreringenArDenSomStartenJamforMed() throws Exception {
        int newest;
        try (var files = java.nio.file.Files.list(Path.of("src/main/resources/db/migration"))) {
            newest = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        }
        assertEquals(newest, Databas.SENASTE_MIGRERING,
                "Databas.SENASTE_MIGRERING must name the newest migration, or start-up runs Flyway every time");
    }

    /** The version numbers of a migration folder. */
    private static java.util.SortedSet<Integer> versioner(String mapp) throws Exception {
        try (var files = java.nio.file.Files.list(Path.of("src/main/resources/db", mapp))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    @Test
    void varjeMigreringEfterPostgresqlsGrundlinjeFinnsForBadaMotorerna() throws Exception {
        // PostgreSQL starts from one baseline with SQLite's V1..V43 built in; every later change is a migration
        // with the same number in both folders, so that both engines reach the same schema at the same version.
        var sqlite = versioner("migration");
        var postgresql = versioner("postgresql");
        assertEquals(43, postgresql.first(), "PostgreSQL's first migration is the baseline V43");
        assertEquals(sqlite.tailSet(43), postgresql, "the migrations from V43 on, in db/migration and db/postgresql");
    }

    @Test
    void enAktuellDatabasStartarUtanFlywayOchEnOmigreradMigreras() throws Exception {
        Path file = dir.resolve("aktuell.db");
        try (Databas first = Databas.connect(file)) {
            assertTrue(Databas.aktuell(first.pool(), first.motor()), "after migrating, the database is current");
            assertEquals(null, first.kontrollera(), "the applied migrations match the files");
            // A history that ends before the newest migration is not current: start-up migrates it.
            first.jdbi().useHandle(h -> h.execute("UPDATE flyway_schema_history SET success = 0 WHERE version = ?",
                    String.valueOf(Databas.SENASTE_MIGRERING)));
            assertFalse(Databas.aktuell(first.pool(), first.motor()));
        }
    }

    @Test
    void datautgavanVaxerMedEnAndringMenInteMedEnLasning() {
        Jdbi jdbi = Databas.open(dir.resolve("utgava.db"));
        Datautgava utgava = new Datautgava(jdbi);
        long fore = utgava.nu();
        jdbi.useHandle(h -> h.execute("INSERT INTO audit_log (tid, handling, vad) VALUES ('2026-12-01T10:00:00Z', 'las', 'x')"));
        assertEquals(fore, utgava.nu(), "a log row does not make pages stale");
        jdbi.useHandle(h -> h.execute("INSERT INTO organisation (kod, typ, namn, kan_hjalpa_med) VALUES ('testorg', 'annan', 'Testorg', 'Allt')"));
        assertTrue(utgava.nu() > fore, "a change does");
    }

    @Test
    void migrationerSkaparHelaDatamodellenIEnTomDatabas() {
        Jdbi jdbi = Databas.open(dir.resolve("tom.db"));
        List<String> tables = jdbi.withHandle(h -> h.createQuery(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")
                .mapTo(String.class).list());
        for (String expected : List.of("organisation", "team", "anvandare", "team_medlem", "deltagare", "samtycke",
                "anmalan", "kontaktperson", "mote", "mote_deltagare", "mote_narvaro", "planering", "planpunkt",
                "overlamning", "uppfoljning", "uppfoljning_status", "avslut", "lasbekraftelse", "aktiveringskod",
                "session", "login_attempt", "audit_log", "deltagare_fas", "planpunkt_aktuell_status")) {
            assertTrue(tables.contains(expected), "missing table or view " + expected + " in " + tables);
        }
    }

    @Test
    void sqliteKorMedWalFramtvingadeNycklarOchVantetid() {
        Jdbi jdbi = Databas.open(dir.resolve("pragma.db"));
        jdbi.useHandle(h -> {
            assertEquals("wal", h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
            assertEquals(1, h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one());
            assertEquals(5000, h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one());
        });
    }

    private static List<Map<String, Object>> historik(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT installed_rank, version, checksum, installed_on, success FROM flyway_schema_history
                ORDER BY installed_rank""").mapToMap().list());
    }

    private static List<Map<String, Object>> schema(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
                .mapToMap().list());
    }

    @Test
    void migrationerKanKorasIgenUtanAttNagotAndras() {
        Path file = dir.resolve("igen.db");
        Jdbi forsta = Databas.open(file);
        List<Map<String, Object>> historikFore = historik(forsta);
        List<Map<String, Object>> schemaFore = schema(forsta);
        Flyway flyway = Flyway.configure().dataSource("jdbc:sqlite:" + file.toAbsolutePath(), null, null)
                .locations("classpath:db/migration").load();
        int migrations = flyway.info().all().length;
        assertTrue(migrations >= 1, "the migrations are found on the class path");
        assertEquals(migrations, historikFore.size(), "every migration was applied once: " + historikFore);

        Jdbi andra = Databas.open(file);
        assertEquals(0, flyway.migrate().migrationsExecuted, "nothing left to apply");
        assertEquals(historikFore, historik(andra), "the history is untouched by the rerun");
        assertEquals(schemaFore, schema(andra), "the schema is untouched by the rerun");
    }

    /** Runs an insert that must break the named kind of constraint, and returns SQLite's message. */
    private static String brytsAv(Handle h, SQLiteErrorCode constraint, String sql) {
        UnableToExecuteStatementException e = assertThrows(UnableToExecuteStatementException.class,
                () -> h.execute(sql));
        SQLiteException cause = assertInstanceOf(SQLiteException.class, e.getCause(), e.toString());
        assertEquals(constraint, cause.getResultCode(), cause.getMessage());
        return cause.getMessage();
    }

    @Test
    void databasenVagrarVardenUtanforVardemangderna() {
        Jdbi jdbi = Databas.open(dir.resolve("check.db"));
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO team (id, namn, motesplats) VALUES (1, 'Jobbtorg Test', 'Testgatan 1')");
            // The same statement with allowed values goes in: the refusals below are the constraints, not typos.
            h.execute("""
                    INSERT INTO deltagare (kod, team_id, fornamn, efternamn, fodelsear, kon, skapad)
                    VALUES ('T-0', 1, 'Test', 'Testsson', 1990, 'annat', '2026-01-01T00:00:00Z')""");
            // kön outside the national statistics' value set (the table vardemangd holds it)
            String kon = brytsAv(h, SQLiteErrorCode.SQLITE_CONSTRAINT_TRIGGER, """
                    INSERT INTO deltagare (kod, team_id, fornamn, efternamn, fodelsear, kon, skapad)
                    VALUES ('T-1', 1, 'Test', 'Testsson', 1990, 'okand', '2026-01-01T00:00:00Z')""");
            assertTrue(kon.contains("deltagare.kon: code not in vardemangd kon"), kon);
            // protected identity must not carry a name
            String skyddad = brytsAv(h, SQLiteErrorCode.SQLITE_CONSTRAINT_CHECK, """
                    INSERT INTO deltagare (kod, team_id, fornamn, efternamn, fodelsear, kon, skyddad_identitet, skapad)
                    VALUES ('T-2', 1, 'Test', 'Testsson', 1990, 'man', 1, '2026-01-01T00:00:00Z')""");
            assertTrue(skyddad.contains("skyddad_identitet"), skyddad);
            // a team that does not exist
            brytsAv(h, SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY, """
                    INSERT INTO deltagare (kod, team_id, fornamn, efternamn, fodelsear, kon, skapad)
                    VALUES ('T-3', 99, 'Test', 'Testsson', 1990, 'man', '2026-01-01T00:00:00Z')""");
            h.execute("""
                    INSERT INTO deltagare (kod, team_id, fodelsear, kon, skyddad_identitet, skapad)
                    VALUES ('T-4', 1, 1990, 'kvinna', 1, '2026-01-01T00:00:00Z')""");
            assertEquals(List.of("T-0", "T-4"), h.createQuery("SELECT kod FROM deltagare ORDER BY kod")
                    .mapTo(String.class).list(), "only the allowed rows were stored");
        });
    }

    @Test
    void granskningsloggOchUppfoljningarGarInteAttAndraEllerTaBort() {
        Jdbi jdbi = Databas.open(dir.resolve("append.db"));
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO team (id, namn, motesplats) VALUES (1, 'Jobbtorg Test', 'Testgatan 1')");
            h.execute("""
                    INSERT INTO anvandare (id, anvandarnamn, namn, roll, skapad)
                    VALUES (1, 'admin', 'Admin', 'admin', '2026-01-01T00:00:00Z')""");
            h.execute("""
                    INSERT INTO deltagare (id, kod, team_id, fodelsear, kon, skyddad_identitet, skapad)
                    VALUES (1, 'T-1', 1, 1990, 'kvinna', 1, '2026-01-01T00:00:00Z')""");
            h.execute("""
                    INSERT INTO planering (id, deltagare_id, mal, skapad, andrad, andrad_av)
                    VALUES (1, 1, 'Ett jobb', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1)""");
            h.execute("""
                    INSERT INTO planpunkt (id, planering_id, ordning, text, typ, ansvarig_deltagaren, klart_senast, skapad)
                    VALUES (1, 1, 1, 'Söka jobb', 'eget_steg', 1, '2026-03-01', '2026-01-01T00:00:00Z')""");
            h.execute("""
                    INSERT INTO audit_log (id, tid, anvandare_id, handling, deltagare_id, vad)
                    VALUES (1, '2026-01-01T00:00:00Z', 1, 'las', 1, 'plan')""");
            h.execute("""
                    INSERT INTO uppfoljning (id, uuid, deltagare_id, typ, datum, registrerad, registrerad_av)
                    VALUES (1, 'u-1', 1, 'uppfoljning', '2026-01-02', '2026-01-02T00:00:00Z', 1)""");
            h.execute("INSERT INTO uppfoljning_status (uppfoljning_id, planpunkt_id, status) VALUES (1, 1, 'pagar')");

            for (String sql : List.of(
                    "UPDATE audit_log SET vad = 'ändrat' WHERE id = 1",
                    "DELETE FROM audit_log WHERE id = 1",
                    "UPDATE uppfoljning SET notering_intern = 'ändrat' WHERE id = 1",
                    "DELETE FROM uppfoljning WHERE id = 1",
                    "UPDATE uppfoljning_status SET status = 'genomford' WHERE uppfoljning_id = 1",
                    "DELETE FROM uppfoljning_status WHERE uppfoljning_id = 1")) {
                String refused = brytsAv(h, SQLiteErrorCode.SQLITE_CONSTRAINT_TRIGGER, sql);
                assertTrue(refused.contains("append-only"), refused);
            }
            assertEquals("plan", h.createQuery("SELECT vad FROM audit_log WHERE id = 1").mapTo(String.class).one());
            assertEquals("pagar", h.createQuery("SELECT status FROM uppfoljning_status").mapTo(String.class).one());

            // INSERT OR REPLACE deletes the row it conflicts with without firing the DELETE triggers: refused.
            for (String sql : List.of(
                    "INSERT OR REPLACE INTO audit_log (id, tid, anvandare_id, handling, deltagare_id, vad)"
                            + " VALUES (1, '2026-01-01T00:00:00Z', 1, 'las', 1, 'omskrivet')",
                    "REPLACE INTO uppfoljning (id, uuid, deltagare_id, typ, datum, registrerad, registrerad_av,"
                            + " notering_intern) VALUES (1, 'u-1', 1, 'uppfoljning', '2026-01-02',"
                            + " '2026-01-02T00:00:00Z', 1, 'omskrivet')",
                    "INSERT OR REPLACE INTO uppfoljning (id, uuid, deltagare_id, typ, datum, registrerad, registrerad_av)"
                            + " VALUES (7, 'u-1', 1, 'uppfoljning', '2026-01-09', '2026-01-09T00:00:00Z', 1)",
                    "INSERT OR REPLACE INTO uppfoljning_status (uppfoljning_id, planpunkt_id, status, orsak)"
                            + " VALUES (1, 1, 'avslagen', 'omskrivet')")) {
                String refused = brytsAv(h, SQLiteErrorCode.SQLITE_CONSTRAINT_TRIGGER, sql);
                assertTrue(refused.contains("append-only"), refused);
            }
            h.execute("INSERT INTO konto_andring (id, tid, anvandare_id, vad) VALUES (1, '2026-01-01T00:00:00Z', 1, 'x')");
            assertTrue(brytsAv(h, SQLiteErrorCode.SQLITE_CONSTRAINT_TRIGGER, "INSERT OR REPLACE INTO konto_andring"
                    + " (id, tid, anvandare_id, vad) VALUES (1, '2026-01-01T00:00:00Z', 1, 'y')").contains("append-only"));
            // The checks at 6 and 12 months: no REPLACE on the id, nor on ersatter_id (UNIQUE), which would
            // delete the correction that names the same check.
            h.execute("INSERT INTO efterkontroll (id, deltagare_id, manader, nadd, datum, registrerad_av, registrerad)"
                    + " VALUES (1, 1, 6, 0, '2026-07-01', 1, '2026-07-01T00:00:00Z')");
            h.execute("INSERT INTO efterkontroll (id, deltagare_id, manader, nadd, datum, registrerad_av, registrerad,"
                    + " ersatter_id) VALUES (2, 1, 6, 0, '2026-07-02', 1, '2026-07-02T00:00:00Z', 1)");
            for (String sql : List.of(
                    "UPDATE efterkontroll SET datum = '2026-01-01' WHERE id = 1",
                    "DELETE FROM efterkontroll WHERE id = 2",
                    "INSERT OR REPLACE INTO efterkontroll (id, deltagare_id, manader, nadd, datum, registrerad_av,"
                            + " registrerad) VALUES (1, 1, 6, 0, '2026-01-01', 1, '2026-01-01T00:00:00Z')",
                    "REPLACE INTO efterkontroll (id, deltagare_id, manader, nadd, datum, registrerad_av, registrerad,"
                            + " ersatter_id) VALUES (2, 1, 6, 0, '2026-01-01', 1, '2026-01-01T00:00:00Z', 1)",
                    "INSERT OR REPLACE INTO efterkontroll (id, deltagare_id, manader, nadd, datum, registrerad_av,"
                            + " registrerad, ersatter_id) VALUES (9, 1, 6, 0, '2026-01-01', 1, '2026-01-01T00:00:00Z', 1)",
                    "INSERT OR REPLACE INTO efterkontroll (deltagare_id, manader, nadd, datum, registrerad_av,"
                            + " registrerad, ersatter_id) VALUES (1, 6, 0, '2026-01-01', 1, '2026-01-01T00:00:00Z', 1)")) {
                String refused = brytsAv(h, SQLiteErrorCode.SQLITE_CONSTRAINT_TRIGGER, sql);
                assertTrue(refused.contains("append-only"), refused);
            }
            assertEquals(List.of("1 2026-07-01 -", "2 2026-07-02 1"), h.createQuery(
                    "SELECT id || ' ' || datum || ' ' || coalesce(ersatter_id, '-') FROM efterkontroll ORDER BY id")
                    .mapTo(String.class).list());
            // A correction of a check not yet corrected is still taken.
            h.execute("INSERT INTO efterkontroll (id, deltagare_id, manader, nadd, datum, registrerad_av, registrerad,"
                    + " ersatter_id) VALUES (3, 1, 6, 0, '2026-07-03', 1, '2026-07-03T00:00:00Z', 2)");
            assertEquals("plan", h.createQuery("SELECT vad FROM audit_log WHERE id = 1").mapTo(String.class).one());
            assertEquals(List.of("u-1"), h.createQuery("SELECT uuid || coalesce(notering_intern, '') FROM uppfoljning")
                    .mapTo(String.class).list());
            assertEquals("pagar", h.createQuery("SELECT status FROM uppfoljning_status").mapTo(String.class).one());

            // A gallring_run row marked active is no way in any more: it cannot be inserted active, and made
            // active afterwards it opens nothing, since only the application's gallring thread is let through.
            assertTrue(brytsAv(h, SQLiteErrorCode.SQLITE_CONSTRAINT_TRIGGER, """
                    INSERT INTO gallring_run (id, startad, beslut, utford_av, aktiv)
                    VALUES (1, '2030-01-01T00:00:00Z', 'Dokumenthanteringsplan 2029:1', 'test', 1)""")
                    .contains("inactive"));
            h.execute("""
                    INSERT INTO gallring_run (id, startad, beslut, utford_av)
                    VALUES (1, '2030-01-01T00:00:00Z', 'Dokumenthanteringsplan 2029:1', 'test')""");
            h.execute("UPDATE gallring_run SET aktiv = 1 WHERE id = 1");
            for (String sql : List.of(
                    "DELETE FROM audit_log WHERE id = 1",
                    "UPDATE audit_log SET anvandare_id = NULL, deltagare_id = NULL, vad = '–', adress = NULL,"
                            + " salt = NULL, gallrad = 1 WHERE id = 1",
                    "DELETE FROM uppfoljning_status WHERE uppfoljning_id = 1",
                    "DELETE FROM uppfoljning WHERE id = 1",
                    "UPDATE uppfoljning SET notering_intern = NULL WHERE id = 1",
                    "DELETE FROM konto_andring WHERE id = 1")) {
                String refused = brytsAv(h, SQLiteErrorCode.SQLITE_CONSTRAINT_TRIGGER, sql);
                assertTrue(refused.contains("append-only"), refused);
            }
            // The gallring thread of the application gets through for the participant it clears, and only her.
            h.execute("INSERT INTO uppfoljning (id, uuid, deltagare_id, typ, datum, registrerad, registrerad_av,"
                    + " notering_intern) VALUES (2, 'u-2', 1, 'uppfoljning', '2026-01-03', '2026-01-03T00:00:00Z', 1,"
                    + " 'hennes text')");
            assertTrue(Gallringslage.medan(1, 2, -1, () -> brytsAv(h, SQLiteErrorCode.SQLITE_CONSTRAINT_TRIGGER,
                    "UPDATE uppfoljning SET notering_intern = NULL WHERE id = 2")).contains("append-only"),
                    "another participant's rows stay refused");
            Gallringslage.medan(1, 1, -1, () -> h.execute("UPDATE uppfoljning SET notering_intern = NULL WHERE id = 2"));
            assertTrue(Gallringslage.medan(1, 1, -1, () -> brytsAv(h, SQLiteErrorCode.SQLITE_CONSTRAINT_TRIGGER,
                    "DELETE FROM uppfoljning WHERE id = 2")).contains("append-only"), "gallring never deletes one");
            h.execute("UPDATE gallring_run SET aktiv = 0 WHERE id = 1");
            assertTrue(Gallringslage.medan(1, 1, -1, () -> brytsAv(h, SQLiteErrorCode.SQLITE_CONSTRAINT_TRIGGER,
                    "UPDATE uppfoljning SET nasta_steg = NULL WHERE id = 2")).contains("append-only"),
                    "not outside an active run");
        });

        // A connection the application did not open (as the sqlite3 shell) lacks the function the triggers
        // call: no UPDATE of the log gets through there, even with the run marked active.
        jdbi.useHandle(h -> h.execute("UPDATE gallring_run SET aktiv = 1 WHERE id = 1"));
        try (var raw = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("append.db").toAbsolutePath());
             var st = raw.createStatement()) {
            java.sql.SQLException e = assertThrows(java.sql.SQLException.class, () -> st.executeUpdate(
                    "UPDATE audit_log SET vad = '–', anvandare_id = NULL, deltagare_id = NULL WHERE id = 1"));
            assertTrue(e.getMessage().contains("finsam_gallring"), e.getMessage());
            assertThrows(java.sql.SQLException.class, () -> st.executeUpdate("DELETE FROM audit_log WHERE id = 1"));
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void enDatabasFranV8MedTvaAktuellaKontakterForSammaMyndighetRattasNarDenMigreras() {
        Path file = dir.resolve("v8.db");
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("8").load()
                .migrate();
        Jdbi v8 = Jdbi.create(url);
        v8.useHandle(h -> {
            h.execute("""
                    INSERT INTO organisation (id, kod, typ, namn, kan_hjalpa_med) VALUES
                        (1, 'FK', 'fk', 'Försäkringskassan', 'Ersättning'),
                        (2, 'AF', 'af', 'Arbetsförmedlingen', 'Arbete')""");
            h.execute("INSERT INTO team (id, namn, motesplats) VALUES (1, 'Jobbtorg Test', 'Testgatan 1')");
            h.execute("""
                    INSERT INTO deltagare (id, kod, team_id, fodelsear, kon, skyddad_identitet, skapad)
                    VALUES (1, 'T-1', 1, 1990, 'kvinna', 1, '2026-01-01T00:00:00Z')""");
            // three open ordinary rows for FK (the last began earliest), one ended row, an open koordinator-like
            // row beside them, and one open row for AF
            h.execute("""
                    INSERT INTO kontaktperson (id, deltagare_id, organisation_id, namn, ordinarie_handlaggare,
                                               fran_datum, till_datum) VALUES
                        (1, 1, 1, 'Ended', 1, '2025-01-01', '2025-06-01'),
                        (2, 1, 1, 'Early', 1, '2025-06-01', NULL),
                        (3, 1, 1, 'Late', 1, '2026-03-01', NULL),
                        (4, 1, 1, 'Newest', 1, '2026-02-01', NULL),
                        (5, 1, 1, 'Beside', 0, '2025-06-01', NULL),
                        (6, 1, 2, 'Alone', 1, '2025-06-01', NULL)""");
        });

        Jdbi migrerad = Databas.open(file);
        List<Map<String, Object>> rader = migrerad.withHandle(h -> h.createQuery(
                "SELECT id, till_datum FROM kontaktperson ORDER BY id").mapToMap().list());
        Map<Integer, Object> tillDatum = new LinkedHashMap<>();
        rader.forEach(r -> tillDatum.put(((Number) r.get("id")).intValue(), r.get("till_datum")));
        Map<Integer, Object> forvantat = new LinkedHashMap<>();
        forvantat.put(1, "2025-06-01");  // history is untouched
        forvantat.put(2, "2026-02-01");  // ended the day the newest began
        forvantat.put(3, "2026-03-01");  // ended on its own first day, which is later
        forvantat.put(4, null);          // the newest stays current
        forvantat.put(5, null);          // not the ordinary handläggare: not part of the rule
        forvantat.put(6, null);          // another authority
        assertEquals(forvantat, tillDatum);

        migrerad.useHandle(h -> {
            String fel = brytsAv(h, SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE, """
                    INSERT INTO kontaktperson (deltagare_id, organisation_id, namn, fran_datum)
                    VALUES (1, 2, 'Second', '2026-01-01')""");
            assertTrue(fel.contains("kontaktperson.deltagare_id, kontaktperson.organisation_id"), fel);
        });
    }
}
