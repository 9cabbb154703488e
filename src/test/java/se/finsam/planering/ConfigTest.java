package se.finsam.planering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import se.finsam.planering.db.Databasadress;
import se.finsam.planering.db.Motor;
import org.junit.jupiter.api.Test;

/** Settings from the environment: defaults for a first run, and a clear message for a value that cannot be. */
class ConfigTest {

    @Test
    void standardvarden() {
        Config c = Config.fromEnvironment(Map.of());
        assertEquals(7070, c.port());
        assertEquals("http://localhost:7070", c.baseUrl());
        assertEquals(Config.DemoMode.SMALL, c.demo());
        assertEquals(Math.max(8, 4 * Runtime.getRuntime().availableProcessors()), c.threads());
        assertTrue(c.threads() >= 8);
    }

    @Test
    void demodataRegionVaxlasMedSmaOchStoraBokstaver() {
        assertEquals(Config.DemoMode.REGION, Config.fromEnvironment(Map.of("FINSAM_DEMO", "region")).demo());
        assertEquals(Config.DemoMode.REGION, Config.fromEnvironment(Map.of("FINSAM_DEMO", " Region ")).demo());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Config.fromEnvironment(Map.of("FINSAM_DEMO", "regionen")));
        assertEquals("FINSAM_DEMO must be small, large, region or none, was: regionen", e.getMessage());
    }

    @Test
    void tradarKanSattasInomGranserna() {
        assertEquals(8, Config.fromEnvironment(Map.of("FINSAM_THREADS", "8")).threads());
        assertEquals(64, Config.fromEnvironment(Map.of("FINSAM_THREADS", " 64 ")).threads());
        for (String fel : new String[] {"7", "0", "-3", "1001"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Config.fromEnvironment(Map.of("FINSAM_THREADS", fel)));
            assertTrue(e.getMessage().startsWith("FINSAM_THREADS must be between 8 and 1000"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Config.fromEnvironment(Map.of("FINSAM_THREADS", "många")));
        assertEquals("FINSAM_THREADS must be a whole number, was: många", e.getMessage());
    }

    @Test
    void finsamDbArEnSqliteFilEllerEnPostgresqlAdress() {
        Config standard = Config.fromEnvironment(Map.of());
        assertEquals(Motor.SQLITE, standard.databas().motor());
        assertEquals(Path.of("data/finsam.db"), standard.databas().fil());

        Databasadress fil = Config.fromEnvironment(Map.of("FINSAM_DB", "/var/lib/finsam/finsam.db")).databas();
        assertEquals(Motor.SQLITE, fil.motor());
        assertEquals(Path.of("/var/lib/finsam/finsam.db"), fil.fil());
        assertEquals("jdbc:sqlite:/var/lib/finsam/finsam.db", fil.jdbcUrl());

        Databasadress pg = Config.fromEnvironment(Map.of("FINSAM_DB",
                "postgresql://finsam:hemligt%40ord@db.example.se:5433/finsam?sslmode=require")).databas();
        assertEquals(Motor.POSTGRESQL, pg.motor());
        assertEquals(null, pg.fil());
        assertEquals("jdbc:postgresql://db.example.se:5433/finsam?sslmode=require", pg.jdbcUrl());
        assertEquals("finsam", pg.anvandare());
        assertEquals("hemligt@ord", pg.losenord());
        assertFalse(pg.toString().contains("hemligt"), pg.toString());
        IllegalStateException sqliteOnly = assertThrows(IllegalStateException.class, () -> pg.sqliteFil("The backup"));
        assertTrue(sqliteOnly.getMessage().startsWith("The backup exists only for SQLite"), sqliteOnly.getMessage());

        Databasadress utanPort = Databasadress.las("postgres://anna@localhost/finsam");
        assertEquals("jdbc:postgresql://localhost/finsam", utanPort.jdbcUrl());
        assertEquals("anna", utanPort.anvandare());
        assertEquals(null, utanPort.losenord());

        Databasadress jdbc = Databasadress.las("jdbc:postgresql://localhost:5432/finsam?user=a&password=hemligt");
        assertEquals(Motor.POSTGRESQL, jdbc.motor());
        assertEquals("jdbc:postgresql://localhost:5432/finsam?user=a&password=hemligt", jdbc.jdbcUrl());
        assertFalse(jdbc.toString().contains("hemligt"), jdbc.toString());
    }

    @Test
    void enFelaktigDatabasadressSagerVadSomArFelUtanLosenordet() {
        Map<String, String> fel = new java.util.LinkedHashMap<>();
        fel.put("postgresql://finsam:hemligt@/finsam", "FINSAM_DB has no host");
        fel.put("postgresql://finsam:hemligt@localhost:5432", "FINSAM_DB has no database name");
        fel.put("postgresql://finsam:hemligt@localhost:5432/", "FINSAM_DB has no database name");
        fel.put("postgresql://finsam:hemligt@localhost:99999/finsam", "FINSAM_DB has an invalid port");
        fel.put("postgresql://finsam:hemligt@local host/finsam", "FINSAM_DB is not a valid PostgreSQL URL");
        fel.put("mysql://finsam:hemligt@localhost/finsam", "FINSAM_DB must be an SQLite file or a PostgreSQL URL");
        fel.put("jdbc:mysql://localhost/finsam?password=hemligt", "FINSAM_DB must be an SQLite file");
        fel.put("jdbc:postgresql://localhost:5432/?password=hemligt", "FINSAM_DB has no database name");
        fel.put("jdbc:postgresql://finsam:hemligt@localhost/finsam", "FINSAM_DB: a jdbc:postgresql: URL gives user");
        fel.put(" ", "FINSAM_DB is empty");
        fel.forEach((varde, borjan) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Config.fromEnvironment(Map.of("FINSAM_DB", varde)), varde);
            assertTrue(e.getMessage().startsWith(borjan), varde + " gave: " + e.getMessage());
            assertFalse(e.getMessage().contains("hemligt"), "no password in: " + e.getMessage());
        });
    }
}
