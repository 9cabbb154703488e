package se.finsam.planering.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void migrationerKanKorasIgenUtanAttNagotAndras() {
        Path file = dir.resolve("igen.db");
        Database.open(file);
        Jdbi jdbi = Database.open(file);
        int applied = jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM flyway_schema_history WHERE success = 1").mapTo(Integer.class).one());
        assertTrue(applied >= 1);
    }

    @Test
    void databasenVagrarVardenUtanforVardemangderna() {
        Jdbi jdbi = Database.open(dir.resolve("check.db"));
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO team (id, namn, motesplats) VALUES (1, 'Jobbtorg Test', 'Testgatan 1')");
            // kön outside the national statistics' value set
            assertThrows(Exception.class, () -> h.execute("""
                    INSERT INTO deltagare (kod, team_id, fornamn, efternamn, fodelsear, kon, skapad)
                    VALUES ('T-1', 1, 'Test', 'Testsson', 1990, 'okand', '2026-01-01T00:00:00Z')"""));
            // protected identity must not carry a name
            assertThrows(Exception.class, () -> h.execute("""
                    INSERT INTO deltagare (kod, team_id, fornamn, efternamn, fodelsear, kon, skyddad_identitet, skapad)
                    VALUES ('T-2', 1, 'Test', 'Testsson', 1990, 'man', 1, '2026-01-01T00:00:00Z')"""));
            // a team that does not exist
            assertThrows(Exception.class, () -> h.execute("""
                    INSERT INTO deltagare (kod, team_id, fornamn, efternamn, fodelsear, kon, skapad)
                    VALUES ('T-3', 99, 'Test', 'Testsson', 1990, 'man', '2026-01-01T00:00:00Z')"""));
            h.execute("""
                    INSERT INTO deltagare (kod, team_id, fodelsear, kon, skyddad_identitet, skapad)
                    VALUES ('T-4', 1, 1990, 'kvinna', 1, '2026-01-01T00:00:00Z')""");
        });
    }
}
