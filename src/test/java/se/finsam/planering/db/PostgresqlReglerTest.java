package se.finsam.planering.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.testsupport.PostgresqlKluster;

/**
 * The rules SQLite's triggers enforce hold on PostgreSQL too, in its own migrations: value sets, one current
 * contact per authority, the append-only tables and gallring's one way past them, the data and session versions,
 * and the audit log's hash chain. Each is tried against a real server, as the application connects to it.
 */
@Tag("postgresql")
class PostgresqlReglerTest {

    private static Databas databas;
    private static String namn;
    private static Jdbi jdbi;

    @BeforeAll
    static void starta() {
        namn = PostgresqlKluster.get().nyDatabas(null);
        databas = Databas.connect(PostgresqlKluster.get().adress(namn));
        jdbi = databas.jdbi();
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO organisation (id, kod, typ, namn, kan_hjalpa_med) VALUES (1, 'af', 'af', 'Arbetsförmedlingen', 'Jobb')");
            h.execute("INSERT INTO team (id, namn, motesplats) VALUES (1, 'Team', 'Rum 1')");
            h.execute("INSERT INTO anvandare (id, anvandarnamn, namn, roll, organisation_id, skapad)"
                    + " VALUES (1, 'Eva.Handlaggare', 'Eva', 'handlaggare', 1, '2026-01-01T08:00:00Z')");
            h.execute("INSERT INTO anvandare (id, namn, roll, skapad) VALUES (2, 'Deltagaren', 'deltagare', '2026-01-01T08:00:00Z')");
            h.execute("INSERT INTO deltagare (id, kod, team_id, anvandare_id, fornamn, efternamn, fodelsear, kon, skapad)"
                    + " VALUES (1, 'D-1', 1, 2, 'Amina', 'Hassan', 1990, 'kvinna', '2026-01-01T08:00:00Z')");
            h.execute("INSERT INTO uppfoljning (id, uuid, deltagare_id, typ, datum, registrerad, registrerad_av, notering_intern)"
                    + " VALUES (1, 'u-1', 1, 'uppfoljning', '2026-02-01', '2026-02-01T09:00:00Z', 1, 'intern text')");
            Databas.fortsattIdentiteter(h);
        });
    }

    @AfterAll
    static void stang() {
        databas.close();
        PostgresqlKluster.get().taBort(namn);
    }

    private static String sqlstate(Runnable r) {
        RuntimeException e = assertThrows(RuntimeException.class, r::run);
        Throwable t = e;
        while (t != null && !(t instanceof PSQLException)) {
            t = t.getCause();
        }
        assertNotNull(t, "a PostgreSQL error: " + e);
        return ((PSQLException) t).getSQLState() + " " + t.getMessage();
    }

    @Test
    void motornArPostgresqlOchMigreringenArAktuell() {
        assertEquals(Motor.POSTGRESQL, databas.motor());
        assertEquals(Motor.POSTGRESQL, Motor.av(jdbi));
        assertTrue(Databas.aktuell(databas.pool(), Motor.POSTGRESQL));
        assertEquals(null, databas.kontrollera(), "the applied migrations match the files");
    }

    @Test
    void ingenJustInTimeKompileringAvFragorna() {
        assertEquals("off", jdbi.withHandle(h -> h.createQuery("SHOW jit").mapTo(String.class).one()));
    }

    @Test
    void vardemangderOchEnAktuellKontaktPerMyndighet() {
        String fel = sqlstate(() -> jdbi.useHandle(h -> h.execute(
                "UPDATE deltagare SET kon = 'okand' WHERE id = 1")));
        assertTrue(fel.startsWith("23514") && fel.contains("deltagare.kon: code not in vardemangd kon"), fel);
        jdbi.useHandle(h -> h.execute("INSERT INTO kontaktperson (deltagare_id, organisation_id, anvandare_id, fran_datum)"
                + " VALUES (1, 1, 1, '2026-01-02')"));
        fel = sqlstate(() -> jdbi.useHandle(h -> h.execute(
                "INSERT INTO kontaktperson (deltagare_id, organisation_id, namn, fran_datum) VALUES (1, 1, 'Ny', '2026-01-03')")));
        assertTrue(fel.startsWith("23505") && fel.contains("kontaktperson_en_aktuell"), fel);
        // A user name is the same whatever its case, as with SQLite's COLLATE NOCASE.
        long eva = jdbi.withHandle(h -> h.createQuery("SELECT id FROM anvandare WHERE anvandarnamn = 'eva.handlaggare'")
                .mapTo(Long.class).one());
        assertEquals(1L, eva);
        fel = sqlstate(() -> jdbi.useHandle(h -> h.execute("INSERT INTO anvandare (anvandarnamn, namn, roll, organisation_id, skapad)"
                + " VALUES ('EVA.HANDLAGGARE', 'Eva 2', 'handlaggare', 1, '2026-01-01T08:00:00Z')")));
        assertTrue(fel.startsWith("23505"), fel);
    }

    @Test
    void bokstavligaFlaggorOchIdentiteterEfterGivnaId() {
        // A Java boolean goes into an INTEGER 0/1 column and into a condition alike.
        jdbi.useHandle(h -> h.createUpdate("UPDATE anvandare SET pin_avstangd = :b WHERE id = 2").bind("b", true).execute());
        assertEquals(1, (int) jdbi.withHandle(h -> h.createQuery("SELECT pin_avstangd FROM anvandare WHERE id = 2")
                .mapTo(Integer.class).one()));
        assertEquals(1L, (long) jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM anvandare WHERE :b AND id = 2")
                .bind("b", true).mapTo(Long.class).one()));
        // Rows were written with ids of their own; the next one without goes on after them.
        long id = jdbi.withHandle(h -> h.createUpdate("INSERT INTO team (namn, motesplats) VALUES ('Team 2', 'Rum 2')")
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        assertTrue(id > 1, "id after the given ones: " + id);
    }

    @Test
    void bestandigaTabellerMedGallringensEndaVag() {
        String fel = sqlstate(() -> jdbi.useHandle(h -> h.execute("UPDATE uppfoljning SET notering_intern = NULL WHERE id = 1")));
        assertTrue(fel.startsWith("23001") && fel.contains("uppfoljning is append-only"), fel);
        fel = sqlstate(() -> jdbi.useHandle(h -> h.execute("DELETE FROM uppfoljning WHERE id = 1")));
        assertTrue(fel.startsWith("23001"), fel);
        long korning = jdbi.withHandle(h -> h.createUpdate("INSERT INTO gallring_run (startad, beslut, utford_av)"
                        + " VALUES ('2026-03-01T01:00:00Z', 'Beslut 1', 'test')")
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        // Marked for another participant, or outside the active run, the rule still holds.
        fel = sqlstate(() -> jdbi.useTransaction(h -> Gallringslage.medan(korning, 99, -1, () -> {
            h.execute("UPDATE gallring_run SET aktiv = 1 WHERE id = ?", korning);
            return h.execute("UPDATE uppfoljning SET notering_intern = NULL WHERE id = 1");
        })));
        assertTrue(fel.startsWith("23001"), fel);
        fel = sqlstate(() -> jdbi.useTransaction(h -> Gallringslage.medan(korning, 1, -1,
                () -> h.execute("UPDATE uppfoljning SET notering_intern = NULL WHERE id = 1"))));
        assertTrue(fel.startsWith("23001"), "the run is not active: " + fel);
        // Her own row, in the active run, on the clearing thread: cleared.
        jdbi.useTransaction(h -> Gallringslage.medan(korning, 1, -1, () -> {
            h.execute("UPDATE gallring_run SET aktiv = 1 WHERE id = ?", korning);
            h.execute("UPDATE uppfoljning SET notering_intern = NULL WHERE id = 1");
            return h.execute("UPDATE gallring_run SET aktiv = 0 WHERE id = ?", korning);
        }));
        String kvar = jdbi.withHandle(h -> h.createQuery("SELECT notering_intern FROM uppfoljning WHERE id = 1")
                .mapTo(String.class).one());
        assertEquals(null, kvar);
        // The marks end with the clearing: the next statement on the thread is held to the rule again.
        fel = sqlstate(() -> jdbi.useTransaction(h -> {
            Gallringslage.medan(korning, 1, -1, () -> h.execute("UPDATE gallring_run SET aktiv = 1 WHERE id = ?", korning));
            h.execute("UPDATE uppfoljning SET nasta_steg = 'x' WHERE id = 1");
        }));
        assertTrue(fel.startsWith("23001"), fel);
    }

    @Test
    void datautgavanOchSessionsutgavanStiger() {
        long fore = jdbi.withHandle(h -> h.createQuery("SELECT nr FROM datautgava").mapTo(Long.class).one());
        jdbi.useHandle(h -> h.execute("UPDATE team SET motesplats = 'Rum 3' WHERE id = 1"));
        long efter = jdbi.withHandle(h -> h.createQuery("SELECT nr FROM datautgava").mapTo(Long.class).one());
        assertTrue(efter > fore, fore + " -> " + efter);
        long sessionFore = jdbi.withHandle(h -> h.createQuery("SELECT nr FROM sessionsutgava").mapTo(Long.class).one());
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO session (token_hash, anvandare_id, skapad, senast_aktiv) VALUES ('t', 1, 'a', 'a')");
            h.execute("UPDATE session SET senast_aktiv = 'b' WHERE token_hash = 't'");
        });
        assertEquals(sessionFore, (long) jdbi.withHandle(h -> h.createQuery("SELECT nr FROM sessionsutgava").mapTo(Long.class).one()),
                "a session's activity is no change to what it opens");
        jdbi.useHandle(h -> h.execute("DELETE FROM session WHERE token_hash = 't'"));
        assertTrue(jdbi.withHandle(h -> h.createQuery("SELECT nr FROM sessionsutgava").mapTo(Long.class).one()) > sessionFore);
    }

    @Test
    void granskningsloggensKedjaSkrivsOchHallerPaPostgresql() throws Exception {
        Handelselogg logg = new Handelselogg(jdbi, java.time.Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"),
                java.time.ZoneOffset.UTC));
        logg.log(1L, Handelselogg.Handling.LAS, 1L, "test", "127.0.0.1");
        logg.log(1L, Handelselogg.Handling.ANDRA, 1L, "test 2", "127.0.0.1");
        Handelselogg.skrivKlart(jdbi);
        var kedjan = Handelselogg.kontrolleraKedjan(jdbi, Map.of());
        assertTrue(kedjan.hel(), kedjan.text());
        assertTrue(kedjan.rader() >= 2, kedjan.text());
        String fel = sqlstate(() -> jdbi.useHandle(h -> h.execute("UPDATE audit_log SET vad = 'annat'")));
        assertTrue(fel.startsWith("23001") && fel.contains("audit_log is append-only"), fel);
        fel = sqlstate(() -> jdbi.useHandle(h -> h.execute("DELETE FROM audit_log")));
        assertTrue(fel.startsWith("23001"), fel);
        logg.close();
    }
}
