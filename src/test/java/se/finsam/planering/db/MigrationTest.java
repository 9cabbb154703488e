package se.finsam.planering.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
    void migrationerSkaparHelaDatamodellenIEnTomDatabas() {
        Jdbi jdbi = Database.open(dir.resolve("tom.db"));
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
        Jdbi jdbi = Database.open(dir.resolve("pragma.db"));
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
        Jdbi forsta = Database.open(file);
        List<Map<String, Object>> historikFore = historik(forsta);
        List<Map<String, Object>> schemaFore = schema(forsta);
        Flyway flyway = Flyway.configure().dataSource("jdbc:sqlite:" + file.toAbsolutePath(), null, null)
                .locations("classpath:db/migration").load();
        int migrations = flyway.info().all().length;
        assertTrue(migrations >= 1, "the migrations are found on the class path");
        assertEquals(migrations, historikFore.size(), "every migration was applied once: " + historikFore);

        Jdbi andra = Database.open(file);
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
        Jdbi jdbi = Database.open(dir.resolve("check.db"));
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO team (id, namn, motesplats) VALUES (1, 'Jobbtorg Test', 'Testgatan 1')");
            // The same statement with allowed values goes in: the refusals below are the constraints, not typos.
            h.execute("""
                    INSERT INTO deltagare (kod, team_id, fornamn, efternamn, fodelsear, kon, skapad)
                    VALUES ('T-0', 1, 'Test', 'Testsson', 1990, 'annat', '2026-01-01T00:00:00Z')""");
            // kön outside the national statistics' value set
            String kon = brytsAv(h, SQLiteErrorCode.SQLITE_CONSTRAINT_CHECK, """
                    INSERT INTO deltagare (kod, team_id, fornamn, efternamn, fodelsear, kon, skapad)
                    VALUES ('T-1', 1, 'Test', 'Testsson', 1990, 'okand', '2026-01-01T00:00:00Z')""");
            assertTrue(kon.contains("kon"), kon);
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
}
