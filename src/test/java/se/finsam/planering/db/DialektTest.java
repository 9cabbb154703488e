package se.finsam.planering.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.TestApp;

/**
 * The dialect seam on the engine the tests run on: it is told from the connection, and each fragment it gives
 * computes in SQL what the same rule computes in Java.
 */
class DialektTest {

    private static TestApp app;
    private static Jdbi jdbi;
    private static Dialekt dialekt;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        jdbi = app.jdbi();
        dialekt = Dialekt.av(jdbi);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void dialektenArDenMotornsSomTesternaKorPa() {
        String motor = System.getProperty("finsam.motor", "sqlite");
        assertEquals(motor.toLowerCase(java.util.Locale.ROOT), dialekt.namn());
        assertSame(dialekt, jdbi.withHandle(Dialekt::av), "the same dialect from a handle as from its Jdbi");
        assertSame(Dialekt.SQLITE, Dialekt.avUrl("jdbc:sqlite:/tmp/x.db"));
        assertSame(Dialekt.POSTGRESQL, Dialekt.avUrl("jdbc:postgresql://localhost:5432/finsam"));
        assertThrows(IllegalStateException.class, () -> Dialekt.avUrl("jdbc:mysql://localhost/finsam"));
    }

    @Test
    void enLasningIOmgangarLamnarAnslutningenSomDenVar() throws java.sql.SQLException {
        long alla = app.tal("SELECT count(*) FROM deltagare");
        jdbi.useHandle(h -> {
            java.sql.Connection c = h.getConnection();
            List<Long> id = dialekt.iOmgangar(h, () -> {
                try {
                    // PostgreSQL's driver reads in lots only inside a transaction; SQLite's always does.
                    assertEquals(dialekt == Dialekt.SQLITE, c.getAutoCommit());
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
                return h.createQuery("SELECT id FROM deltagare ORDER BY id").setFetchSize(7).mapTo(Long.class)
                        .list();
            });
            assertEquals(alla, id.size(), "every row, lot after lot");
            assertEquals(true, c.getAutoCommit());
            assertEquals(false, c.isReadOnly());
            h.execute("UPDATE team SET namn = namn WHERE id = (SELECT min(id) FROM team)");
        });
    }

    @Test
    void manaderForeEttDatumSomIJava() {
        LocalDate idag = LocalDate.parse("2026-11-23");
        for (int manader : List.of(0, 1, 6, 12, 24, 25)) {
            String sql = jdbi.withHandle(h -> h.createQuery("SELECT " + dialekt.datumManaderFore(":d", ":m"))
                    .bind("d", idag.toString()).bind("m", manader).mapTo(String.class).one());
            assertEquals(idag.minusMonths(manader).toString(), sql, manader + " months");
        }
    }

    @Test
    void dagarForeEnTidpunktSomIJava() {
        java.time.Instant nu = java.time.Instant.parse("2026-11-23T08:15:30Z");
        for (int dagar : List.of(0, 7, 14, 28, 400)) {
            String sql = jdbi.withHandle(h -> h.createQuery("SELECT " + dialekt.tidDagarFore(":nu", ":dagar"))
                    .bind("nu", nu.toString()).bind("dagar", dagar).mapTo(String.class).one());
            assertEquals(nu.minus(java.time.Duration.ofDays(dagar)).toString(), sql, dagar + " days");
        }
    }

    @Test
    void lopnummerkoderKannsIgenOchOrdnasEfterTalet() {
        List<String> koder = jdbi.withHandle(h -> h.createQuery("""
                        SELECT k.kod FROM (SELECT 'KIS-0042' AS kod UNION ALL SELECT 'KIS-0100' UNION ALL SELECT 'KIS-7'
                                           UNION ALL SELECT 'annat' UNION ALL SELECT 'kis-9999'
                                           UNION ALL SELECT 'KIS-' UNION ALL SELECT '9-123') k
                        WHERE\s""" + dialekt.arLopnummerkod("k.kod") + " ORDER BY "
                        + dialekt.talEfterBindestreck("k.kod") + " DESC")
                .mapTo(String.class).list());
        assertEquals(List.of("KIS-0100", "KIS-0042", "KIS-7"), koder);
    }

    /**
     * Two transactions that each read a number and write it back one higher: the second waits for the first, so
     * neither increment is lost (SQLite begins each transaction IMMEDIATE; PostgreSQL takes the advisory lock).
     * The first waits a while for the second to read; when the second cannot begin meanwhile, it writes 2.
     */
    @Test
    void transaktionerGarEnAtGangen() throws Exception {
        dialekt.ordnaTransaktioner(jdbi);
        jdbi.useHandle(h -> {
            h.execute("CREATE TABLE dialekt_raknare (n INTEGER NOT NULL)");
            h.execute("INSERT INTO dialekt_raknare (n) VALUES (0)");
        });
        java.util.concurrent.CountDownLatch forstaHarLast = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch andraHarLast = new java.util.concurrent.CountDownLatch(1);
        Thread forsta = new Thread(() -> jdbi.useTransaction(h -> {
            int n = h.createQuery("SELECT n FROM dialekt_raknare").mapTo(Integer.class).one();
            forstaHarLast.countDown();
            try {
                andraHarLast.await(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            h.createUpdate("UPDATE dialekt_raknare SET n = :n").bind("n", n + 1).execute();
        }));
        forsta.start();
        forstaHarLast.await();
        jdbi.useTransaction(h -> {
            int n = h.createQuery("SELECT n FROM dialekt_raknare").mapTo(Integer.class).one();
            andraHarLast.countDown();
            h.createUpdate("UPDATE dialekt_raknare SET n = :n").bind("n", n + 1).execute();
        });
        forsta.join();
        int n = jdbi.withHandle(h -> h.createQuery("SELECT n FROM dialekt_raknare").mapTo(Integer.class).one());
        assertEquals(2, n, "both increments are kept");
    }
}
