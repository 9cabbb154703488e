package se.finsam.planering.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.finsam.planering.Config;

/** The test support itself: one seeded template copied per app, fixtures found by what they are, pages parsed. */
class TestSupportTest {

    @TempDir
    Path dir;

    private static long count(TestApp app, String sql) {
        return app.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** Counts in a copy of the file opened on its own, with no write-ahead log beside it. */
    private static long countInPlainCopy(Path file, Path dir, String sql) throws Exception {
        Path copy = dir.resolve("kopia-" + System.nanoTime() + ".db");
        Files.copy(file, copy);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void varjeAppFarEnEgenKopiaAvEnGangSeedadDemodata() throws Exception {
        try (TestApp a = TestApp.start(); TestApp b = TestApp.start()) {
            assertNotEquals(a.databas(), b.databas());
            long deltagare = count(a, "SELECT count(*) FROM deltagare");
            assertTrue(deltagare >= 50, "the demo data is there: " + deltagare);
            assertEquals(deltagare, count(b, "SELECT count(*) FROM deltagare"));
            assertEquals(5, count(a, "SELECT count(DISTINCT fas) FROM deltagare_fas"), "every stage is there");
            assertEquals(1, TestApp.templatesMade(Config.DemoMode.SMALL), "seeded once for the run, however many apps start");

            // What one class changes, the next never sees.
            a.jdbi().useHandle(h -> h.execute("DELETE FROM login_attempt"));
            a.jdbi().useHandle(h -> h.execute("UPDATE deltagare SET fodelsear = 1901"));
            assertEquals(deltagare, count(a, "SELECT count(*) FROM deltagare WHERE fodelsear = 1901"));
            assertEquals(0, count(b, "SELECT count(*) FROM deltagare WHERE fodelsear = 1901"));
            try (TestApp c = TestApp.start()) {
                assertEquals(0, count(c, "SELECT count(*) FROM deltagare WHERE fodelsear = 1901"));
            }
        }
    }

    @Test
    void mallenArKomplettIHuvudfilenInnanDenKopieras() throws Exception {
        // The template is a file with a write-ahead log on SQLite; on PostgreSQL it is a database copied whole.
        org.junit.jupiter.api.Assumptions.assumeTrue(TestApp.MOTOR == se.finsam.planering.db.Motor.SQLITE);
        Path template = TestApp.template(Config.DemoMode.SMALL);
        Path wal = template.resolveSibling(template.getFileName() + "-wal");
        assertTrue(!Files.exists(wal) || Files.size(wal) == 0, "no write-ahead log left beside the template");
        try (TestApp app = TestApp.start()) {
            // The main file alone holds the migrations and every seeded row.
            assertEquals(count(app, "SELECT count(*) FROM flyway_schema_history WHERE success"),
                    countInPlainCopy(template, dir, "SELECT count(*) FROM flyway_schema_history WHERE success"));
            for (String table : List.of("deltagare", "planpunkt", "uppfoljning", "anvandare", "aktiveringskod")) {
                long inTemplate = countInPlainCopy(template, dir, "SELECT count(*) FROM " + table);
                assertTrue(inTemplate > 0, table);
                assertEquals(count(app, "SELECT count(*) FROM " + table), inTemplate, table);
            }
        }
    }

    @Test
    void utanDemodataArDatabasenMigreradOchTom() {
        try (TestApp app = TestApp.start(Config.DemoMode.NONE)) {
            assertEquals(0, count(app, "SELECT count(*) FROM organisation"));
            assertTrue(count(app, "SELECT count(*) FROM flyway_schema_history WHERE success") >= 1);
        }
    }

    @Test
    void deltagareHittasPaVadDeArOchLamnasUtEnGang() {
        try (TestApp app = TestApp.start()) {
            long utanFk = TestData.deltagare(app).medSamtyckeBaraTill("SOC", "AF", "REGION", "JOBBTORG").hamta();
            assertEquals(List.of("AF", "JOBBTORG", "REGION", "SOC"), app.jdbi().withHandle(h -> h.createQuery("""
                            SELECT DISTINCT o.kod FROM samtycke s JOIN organisation o ON o.id = s.organisation_id
                            WHERE s.deltagare_id = :d AND s.aterkallat_datum IS NULL ORDER BY o.kod""")
                    .bind("d", utanFk).mapTo(String.class).list()));
            long annanUtanFk = TestData.deltagare(app).utanSamtyckeTill("FK").medSamtyckeTill("AF").hamta();
            assertNotEquals(utanFk, annanUtanFk, "handed out once");
            assertEquals(0, count(app, "SELECT count(*) FROM samtycke s JOIN organisation o ON o.id = s.organisation_id"
                    + " WHERE o.kod = 'FK' AND s.aterkallat_datum IS NULL AND s.deltagare_id = " + annanUtanFk));
            IllegalStateException saknas = assertThrows(IllegalStateException.class,
                    () -> TestData.deltagare(app).medSamtyckeBaraTill("AF").skyddadIdentitet().talar("xx").hamta());
            assertTrue(saknas.getMessage().contains("consenting only to AF, with protected identity, speaking xx"),
                    saknas.getMessage());

            long skyddad = TestData.deltagare(app).skyddadIdentitet().hamta();
            assertEquals(1, count(app, "SELECT skyddad_identitet FROM deltagare WHERE fornamn IS NULL AND id = "
                    + skyddad));
            long arabisktalande = TestData.deltagare(app).talar("ar").hamta();
            assertEquals("ar", app.jdbi().withHandle(h -> h.createQuery("SELECT sprak FROM deltagare WHERE id = :d")
                    .bind("d", arabisktalande).mapTo(String.class).one()));

            Set<Long> givna = new HashSet<>();
            long iUppfoljning = count(app, """
                    SELECT count(*) FROM deltagare d JOIN deltagare_fas f ON f.deltagare_id = d.id
                    JOIN team t ON t.id = d.team_id WHERE t.namn = 'Jobbtorg Kista'
                      AND f.fas = 'uppfoljning' AND d.anvandare_id IS NULL AND d.skyddad_identitet = 0""");
            assertTrue(iUppfoljning >= 3, "enough to hand out: " + iUppfoljning);
            for (int i = 0; i < iUppfoljning; i++) {
                assertTrue(givna.add(TestData.ledigDeltagareIFas(app, "uppfoljning")), "each is handed out once");
            }
            IllegalStateException slut = assertThrows(IllegalStateException.class,
                    () -> TestData.ledigDeltagareIFas(app, "uppfoljning"));
            assertTrue(slut.getMessage().contains("in stage uppfoljning"), slut.getMessage());
        }
    }

    @Test
    void csrfTokenLasesSomEnWebblasareLaserSidan() {
        assertEquals("abc", HttpSession.csrfIn("<form><input value='abc' type=hidden name=_csrf></form>"));
        assertEquals("x&y", HttpSession.csrfIn("<input name=\"_csrf\" value=\"x&amp;y\">"));
        assertNull(HttpSession.csrfIn("<p>name=\"_csrf\" value=\"text, not a field\"</p>"));
    }

    @Test
    void enWebblasartestUtanTaggStartarIngenChromium() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new Browser(null));
        assertTrue(refused.getMessage().contains("@Tag(\"browser\")"), refused.getMessage());
        assertTrue(refused.getMessage().endsWith(TestSupportTest.class.getName()), refused.getMessage());
    }
}
