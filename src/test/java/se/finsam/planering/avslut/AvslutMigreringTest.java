package se.finsam.planering.avslut;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.finsam.planering.db.Databas;

/** A database from before V33: the open handovers of participants already closed are closed by the migration. */
class AvslutMigreringTest {

    @TempDir
    Path dir;

    @Test
    void oppnaOverlamningarAvAvslutadeDeltagareStangsMedEttSkal() {
        Path file = dir.resolve("v30.db");
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("30").load().migrate();
        Jdbi v30 = Jdbi.create(url);
        v30.useHandle(h -> {
            h.execute("""
                    INSERT INTO organisation (id, kod, typ, namn, kan_hjalpa_med)
                    VALUES (1, 'FK', 'fk', 'Försäkringskassan', 'Ersättning')""");
            h.execute("INSERT INTO team (id, namn, motesplats) VALUES (1, 'Jobbtorg Test', 'Testgatan 1')");
            h.execute("""
                    INSERT INTO anvandare (id, anvandarnamn, namn, roll, organisation_id, skapad) VALUES
                        (1, 'k', 'Koordinator', 'koordinator', 1, '2026-01-01T00:00:00Z'),
                        (2, 'h', 'Handläggare', 'handlaggare', 1, '2026-01-01T00:00:00Z')""");
            h.execute("""
                    INSERT INTO deltagare (id, kod, team_id, fodelsear, kon, skyddad_identitet, skapad) VALUES
                        (1, 'T-1', 1, 1990, 'kvinna', 1, '2026-01-01T00:00:00Z'),
                        (2, 'T-2', 1, 1991, 'man', 1, '2026-01-01T00:00:00Z')""");
            h.execute("""
                    INSERT INTO planering (id, deltagare_id, mal, skapad, andrad, andrad_av, overlamnad) VALUES
                        (1, 1, 'Mål', '2026-02-01T10:00:00Z', '2026-02-01T10:00:00Z', 1, '2026-02-01T11:00:00Z'),
                        (2, 2, 'Mål', '2026-02-01T10:00:00Z', '2026-02-01T10:00:00Z', 1, '2026-02-01T11:00:00Z')""");
            h.execute("""
                    INSERT INTO planpunkt (id, planering_id, ordning, text, typ, ansvarig_organisation_id,
                                           ansvarig_anvandare_id, klart_senast, skapad) VALUES
                        (1, 1, 1, 'Utred', 'beslut', 1, 2, '2026-04-01', '2026-02-01T10:00:00Z'),
                        (2, 1, 2, 'Ansök', 'beslut', 1, 2, '2026-04-01', '2026-02-01T10:00:00Z'),
                        (3, 2, 1, 'Utred', 'beslut', 1, 2, '2026-04-01', '2026-02-01T10:00:00Z')""");
            h.execute("""
                    INSERT INTO overlamning (id, planpunkt_id, till_id, skapad, kvitterad) VALUES
                        (1, 1, 2, '2026-02-01T11:00:00Z', NULL),
                        (2, 2, 2, '2026-02-01T11:00:00Z', '2026-02-03T09:00:00Z'),
                        (3, 3, 2, '2026-02-01T11:00:00Z', NULL)""");
            h.execute("""
                    INSERT INTO avslut (deltagare_id, datum, orsak, forsorjning, ingen_fortsattning, registrerad,
                                        registrerad_av)
                    VALUES (1, '2026-06-01', 'avbrutit', 'ingen', 1, '2026-06-01T10:00:00Z', 1)""");
        });

        Jdbi migrerad = Databas.open(file);
        List<Long> kvar = migrerad.withHandle(h -> h.createQuery("SELECT id FROM overlamning ORDER BY id")
                .mapTo(Long.class).list());
        assertEquals(List.of(2L, 3L), kvar, "the closed participant's open handover is closed; the rest stay");
        List<Map<String, Object>> beslut = migrerad.withHandle(h -> h.createQuery("""
                        SELECT deltagare_id, planpunkt_id, beslut, orsak, vantade_pa_id, vantade_sedan, registrerad_av
                        FROM avslut_punkt""").mapToMap().list());
        assertEquals(1, beslut.size());
        var b = beslut.get(0);
        assertEquals(1, ((Number) b.get("planpunkt_id")).intValue());
        assertEquals("stangd", b.get("beslut"));
        assertEquals("Deltagaren avslutad", b.get("orsak"));
        assertEquals(2, ((Number) b.get("vantade_pa_id")).intValue(), "whom it waited for is kept");
        assertEquals("2026-02-01T11:00:00Z", b.get("vantade_sedan"));
        assertEquals(null, b.get("registrerad_av"), "closed by the migration, not by a person");
    }
}
