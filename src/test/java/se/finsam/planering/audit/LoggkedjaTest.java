package se.finsam.planering.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.finsam.planering.db.Databas;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * The audit log's hash chain: whole after ordinary work and after a gallring run that blanks log rows; broken,
 * at the row that was touched, after someone with the database file edits, deletes, adds or blanks a row with
 * plain SQL (dropping the triggers first, as anyone with the file can). The administrator's events page and the
 * command {@code kontrollera-logg} both say so.
 */
class LoggkedjaTest extends AppTest {

    @TempDir
    Path kopior;

    private static long id(String sql) {
        return app.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** A participant whose plan was closed three years ago, so the next gallring run clears her. */
    private static long avslutadForLangeSedan() {
        long d = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").utanKonto().medNamn().hamta();
        app.jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO avslut (deltagare_id, datum, orsak, forsorjning, ingen_fortsattning, registrerad,
                                            registrerad_av)
                        VALUES (:d, :datum, 'arbete', 'lon', 1, :datum || 'T10:00:00Z',
                                (SELECT id FROM anvandare WHERE anvandarnamn = 'koordinator'))""")
                .bind("d", d).bind("datum", LocalDate.now(app.clock()).minusYears(3).toString()).execute());
        return d;
    }

    /** {@code java ... App kontrollera-logg} in a JVM of its own, on the given file: exit status and output. */
    private static Map.Entry<Integer, String> kommandot(Path fil, String... ankare)
            throws IOException, InterruptedException {
        List<String> kommando = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "se.finsam.planering.App", "kontrollera-logg"));
        kommando.addAll(List.of(ankare));
        ProcessBuilder pb = new ProcessBuilder(kommando);
        pb.environment().put("FINSAM_DB", fil.toString());
        pb.environment().put("FINSAM_DEMO", "none");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String ut = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return Map.entry(p.waitFor(), ut);
    }

    private static Connection raJdbc(Path fil) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + fil.toAbsolutePath());
    }

    /** A copy of the database file as it is now, to attack without touching the app's. */
    private Path kopia(String namn) throws IOException {
        app.jdbi().useHandle(h -> h.createQuery("PRAGMA wal_checkpoint(FULL)").mapToMap().one());
        Path kopia = kopior.resolve(namn + ".db");
        try (Connection c = raJdbc(app.databaseFile()); var st = c.createStatement()) {
            st.executeUpdate("VACUUM INTO '" + kopia.toAbsolutePath() + "'");
        } catch (SQLException e) {
            throw new IOException(e);
        }
        return kopia;
    }

    private static Loggkedja.Resultat kontrollera(Path fil) {
        try (Databas db = Databas.connect(fil)) {
            return Handelselogg.kontrolleraKedjan(db.jdbi());
        }
    }

    /** A chained row in the middle of the log that gallring has not blanked. */
    private static long enRadMittI() {
        long antal = id("SELECT count(*) FROM audit_log WHERE kedja IS NOT NULL AND gallrad IS NULL");
        return id("SELECT id FROM audit_log WHERE kedja IS NOT NULL AND gallrad IS NULL ORDER BY id LIMIT 1 OFFSET "
                + antal / 2);
    }

    @Test
    void enRadAndradMedSqlSynsVidKontrollenPaSidanOchIKommandot() throws Exception {
        HttpSession koordinator = app.session().loginStaff("koordinator");
        List<Long> deltagare = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM deltagare WHERE team_id = (SELECT id FROM team WHERE namn = 'Jobbtorg Kista')"
                        + " AND gallrad IS NULL ORDER BY id LIMIT 5").mapTo(Long.class).list());
        for (long d : deltagare) {
            assertEquals(200, koordinator.get("/deltagare/" + d).statusCode());
        }
        long gallras = avslutadForLangeSedan();
        assertEquals(200, koordinator.get("/deltagare/" + gallras).statusCode());
        long hennesRader = id("SELECT count(*) FROM audit_log WHERE deltagare_id = " + gallras);
        assertTrue(hennesRader > 0);

        // A legitimate gallring run blanks her log rows, says so in a row of its own, and the chain stays whole.
        HttpSession admin = app.session().loginStaff("admin");
        assertEquals(302, admin.post("/admin/gallring/kor", Map.of()).statusCode());
        assertEquals(0L, id("SELECT count(*) FROM audit_log WHERE deltagare_id = " + gallras));
        long korning = id("SELECT max(id) FROM gallring_run");
        assertTrue(id("SELECT count(*) FROM audit_log WHERE gallrad = " + korning) >= hennesRader);
        assertEquals(1L, id("SELECT count(*) FROM audit_log WHERE vad LIKE 'gallring körning " + korning
                + ": rensade rader {%\"audit_log\":%'"));
        Loggkedja.Resultat hel = Handelselogg.kontrolleraKedjan(app.jdbi());
        assertTrue(hel.hel(), hel.text());
        assertTrue(hel.rader() > 0, hel.text());
        Document sida = admin.page("/admin/handelser");
        assertTrue(sida.select("#logg-kedja.kedja--hel").size() == 1, sida.select("main").text());
        var ok = kommandot(app.databaseFile());
        assertEquals(0, ok.getKey(), ok.getValue());
        assertTrue(ok.getValue().contains("kedja är hel"), ok.getValue());

        // Attacks on copies of the file, each seen at the row it touched.
        long mitt = enRadMittI();
        long foljande = id("SELECT min(id) FROM audit_log WHERE id > " + mitt);
        Path borttagen = kopia("borttagen");
        try (Connection c = raJdbc(borttagen); var st = c.createStatement()) {
            st.executeUpdate("DROP TRIGGER audit_log_ingen_borttagning");
            assertEquals(1, st.executeUpdate("DELETE FROM audit_log WHERE id = " + mitt));
        }
        assertEquals(foljande, kontrollera(borttagen).brott(), "a deleted row breaks the chain at the next one");

        Path tillagd = kopia("tillagd");
        try (Connection c = raJdbc(tillagd); var st = c.createStatement()) {
            st.executeUpdate("INSERT INTO audit_log (tid, anvandare_id, handling, deltagare_id, vad)"
                    + " VALUES ('2026-11-23T08:00:00Z', NULL, 'las', NULL, 'inlagd i efterhand')");
        }
        long inlagd;
        try (Connection c = raJdbc(tillagd); var rs = c.createStatement().executeQuery("SELECT max(id) FROM audit_log")) {
            inlagd = rs.getLong(1);
        }
        assertEquals(inlagd, kontrollera(tillagd).brott(), "a row added without the chain");

        Path blankad = kopia("blankad");
        try (Connection c = raJdbc(blankad); var st = c.createStatement()) {
            st.executeUpdate("DROP TRIGGER audit_log_ingen_andring");
            assertEquals(1, st.executeUpdate("UPDATE audit_log SET anvandare_id = NULL, deltagare_id = NULL,"
                    + " vad = '–', adress = NULL, salt = NULL, gallrad = " + korning + " WHERE id = " + mitt));
        }
        Loggkedja.Resultat somGallrad = kontrollera(blankad);
        assertTrue(!somGallrad.hel() && somGallrad.orsak().contains("gallringskörning " + korning), somGallrad.text());

        // Someone who also computes the chain anew from the changed row on is not seen by the chain alone, but
        // by a chain end noted down before (the server log prints it): the row it names no longer has that value.
        String noterat = Handelselogg.kedjansSlut(app.jdbi());
        Path omraknad = kopia("omraknad");
        try (Connection c = raJdbc(omraknad); var st = c.createStatement()) {
            st.executeUpdate("DROP TRIGGER audit_log_ingen_andring");
            st.executeUpdate("UPDATE audit_log SET vad = 'ändrat och omräknat' WHERE id = " + mitt);
            byte[] foregaende;
            try (var rs = st.executeQuery("SELECT kedja FROM audit_log WHERE id < " + mitt
                    + " ORDER BY id DESC LIMIT 1")) {
                foregaende = rs.getBytes(1);
            }
            var sha = Loggkedja.sha256();
            List<Object[]> nya = new java.util.ArrayList<>();
            try (var rs = st.executeQuery("SELECT id, tid, anvandare_id, handling, deltagare_id, vad, adress, antal,"
                    + " salt, innehall, gallrad FROM audit_log WHERE id >= " + mitt + " ORDER BY id")) {
                while (rs.next()) {
                    byte[] innehall = rs.getBytes(10);
                    if (rs.getObject(11) == null) {
                        innehall = Loggkedja.innehall(sha, rs.getBytes(9), rs.getString(2),
                                (Long) (rs.getObject(3) == null ? null : rs.getLong(3)), rs.getString(4),
                                (Long) (rs.getObject(5) == null ? null : rs.getLong(5)), rs.getString(6),
                                rs.getString(7), rs.getLong(8));
                    }
                    foregaende = Loggkedja.kedja(sha, foregaende, innehall);
                    nya.add(new Object[] {rs.getLong(1), innehall, foregaende});
                }
            }
            try (var upd = c.prepareStatement("UPDATE audit_log SET innehall = ?, kedja = ? WHERE id = ?")) {
                for (Object[] rad : nya) {
                    upd.setBytes(1, (byte[]) rad[1]);
                    upd.setBytes(2, (byte[]) rad[2]);
                    upd.setLong(3, (Long) rad[0]);
                    upd.executeUpdate();
                }
            }
        }
        assertTrue(kontrollera(omraknad).hel(), "a chain computed anew is whole by itself");
        long ankarRad = Long.parseLong(noterat.substring(0, noterat.indexOf(':')));
        try (Databas db = Databas.connect(omraknad)) {
            Loggkedja.Resultat motAnkaret = Handelselogg.kontrolleraKedjan(db.jdbi(), Map.of(ankarRad,
                    java.util.HexFormat.of().parseHex(noterat.substring(noterat.indexOf(':') + 1))));
            assertEquals(ankarRad, motAnkaret.brott(), motAnkaret.text());
        }
        var motAnkaret = kommandot(omraknad, noterat);
        assertEquals(1, motAnkaret.getKey(), motAnkaret.getValue());
        var ankaretHaller = kommandot(app.databaseFile(), noterat);
        assertEquals(0, ankaretHaller.getKey(), ankaretHaller.getValue());

        // And on the app's own file, while it runs: the events page and the command both name the row.
        String fore;
        try (Connection c = raJdbc(app.databaseFile()); var st = c.createStatement()) {
            var rs = st.executeQuery("SELECT vad FROM audit_log WHERE id = " + mitt);
            fore = rs.getString(1);
            rs.close();
            st.executeUpdate("DROP TRIGGER audit_log_ingen_andring");
            assertEquals(1, st.executeUpdate("UPDATE audit_log SET vad = 'ändrat i efterhand' WHERE id = " + mitt));
        }
        assertTrue(!fore.equals("ändrat i efterhand"));
        Loggkedja.Resultat bruten = Handelselogg.kontrolleraKedjan(app.jdbi());
        assertEquals(mitt, bruten.brott(), bruten.text());
        // The page shows the latest check (after start-up, hourly, or asked for): the one before the change was
        // whole; asking for a check now finds the row.
        assertEquals(1, admin.page("/admin/handelser").select("#logg-kedja.kedja--hel").size());
        var kontroll = admin.post("/admin/handelser/kontrollera", java.util.Map.of());
        assertEquals(302, kontroll.statusCode(), kontroll.body());
        Document efter = admin.page("/admin/handelser");
        assertEquals(1, efter.select("#logg-kedja.kedja--bruten").size(), efter.select("main").text());
        assertTrue(efter.select("#logg-kedja").text().contains("rad " + mitt), efter.select("#logg-kedja").text());
        var fel = kommandot(app.databaseFile());
        assertEquals(1, fel.getKey(), fel.getValue());
        assertTrue(fel.getValue().contains("bruten vid rad " + mitt), fel.getValue());
    }

    @Test
    void kommandotUtanDatabasEllerMedFelAnkareSvararTva() throws Exception {
        var svar = kommandot(kopior.resolve("finns-inte.db"));
        assertEquals(2, svar.getKey(), svar.getValue());
        var felAnkare = kommandot(app.databaseFile(), "12:inte-en-hash");
        assertEquals(2, felAnkare.getKey(), felAnkare.getValue());
        assertTrue(felAnkare.getValue().contains("Användning"), felAnkare.getValue());
        assertTrue(Files.notExists(kopior.resolve("finns-inte.db")), "the check does not create a database");
    }
}
