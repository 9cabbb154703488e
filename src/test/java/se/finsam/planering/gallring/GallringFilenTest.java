package se.finsam.planering.gallring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestApp;
import se.finsam.planering.testsupport.TestData;

/**
 * Gallring clears the bytes, not only the rows: after a run, neither the database file nor its write-ahead log
 * holds the cleared participant's name, personnummer, phone number, her external contact's e-mail or the text
 * of a correction, as {@code grep -a} on the files would show; nor after the server has shut down cleanly.
 */
class GallringFilenTest {

    private static final String FORNAMN = "Zelmira";
    private static final String EFTERNAMN = "Raderasdottir";
    private static final String PERSONNUMMER = "19820214-2389";
    private static final String TELEFON = "070-987 65 43";
    private static final String EPOST = "extern.kontakt.zq@exempel.se";
    private static final String RATTELSE = "Rättelse: mötet med Zelmira var den fjärde, inte den tredje";

    private static final List<String> SPAR = List.of(FORNAMN, EFTERNAMN, PERSONNUMMER, TELEFON, EPOST, RATTELSE);

    /** The strings of {@link #SPAR} found in the bytes of the file and of its -wal file, as "file: string". */
    private static List<String> iFilerna(Path db) throws IOException {
        List<String> traffar = new ArrayList<>();
        for (Path fil : List.of(db, db.resolveSibling(db.getFileName() + "-wal"))) {
            if (!Files.exists(fil)) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(fil);
            for (String s : SPAR) {
                if (indexOf(bytes, s.getBytes(StandardCharsets.UTF_8)) >= 0) {
                    traffar.add(fil.getFileName() + ": " + s);
                }
            }
        }
        return traffar;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void efterEnKorningFinnsHennesUppgifterInteKvarIFilerna() throws IOException {
        try (TestApp app = TestApp.start()) {
            // The database file and its write-ahead log are SQLite's; PostgreSQL's storage is the server's.
            org.junit.jupiter.api.Assumptions.assumeTrue(se.finsam.planering.db.Dialekt.av(app.jdbi())
                    == se.finsam.planering.db.Dialekt.SQLITE);
            long d = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").utanKonto().medNamn().hamta();
            app.jdbi().useTransaction(h -> {
                long koordinator = h.createQuery("SELECT id FROM anvandare WHERE anvandarnamn = 'koordinator'")
                        .mapTo(Long.class).one();
                h.createUpdate("""
                                UPDATE deltagare SET fornamn = :f, efternamn = :e, personnummer = :p, telefon = :t
                                WHERE id = :d""")
                        .bind("f", FORNAMN).bind("e", EFTERNAMN).bind("p", PERSONNUMMER).bind("t", TELEFON)
                        .bind("d", d).execute();
                h.createUpdate("""
                                INSERT INTO kontaktperson (deltagare_id, organisation_id, namn, epost, ordinarie_handlaggare,
                                                           fran_datum)
                                VALUES (:d, (SELECT min(id) FROM organisation), 'Extern Kontakt', :epost, 0, '2023-01-01')""")
                        .bind("d", d).bind("epost", EPOST).execute();
                h.createUpdate("""
                                INSERT INTO uppfoljning (uuid, deltagare_id, typ, datum, registrerad, registrerad_av,
                                                         notering_intern)
                                VALUES ('filen-1', :d, 'uppfoljning', '2023-03-01', '2023-03-01T10:00:00Z', :k,
                                        'Möte den tredje')""").bind("d", d).bind("k", koordinator).execute();
                h.createUpdate("""
                                INSERT INTO uppfoljning (uuid, deltagare_id, typ, datum, registrerad, registrerad_av,
                                                         notering_intern, korrigerar_id)
                                VALUES ('filen-2', :d, 'uppfoljning', '2023-03-01', '2023-03-02T10:00:00Z', :k, :r,
                                        (SELECT id FROM uppfoljning WHERE uuid = 'filen-1'))""")
                        .bind("d", d).bind("k", koordinator).bind("r", RATTELSE).execute();
                h.createUpdate("""
                                INSERT INTO avslut (deltagare_id, datum, orsak, forsorjning, ingen_fortsattning,
                                                    registrerad, registrerad_av)
                                VALUES (:d, :datum, 'arbete', 'lon', 1, :datum || 'T10:00:00Z', :k)""")
                        .bind("d", d).bind("datum", LocalDate.now(app.clock()).minusYears(3).toString())
                        .bind("k", koordinator).execute();
            });
            HttpSession koordinator = app.session().loginStaff("koordinator");
            assertEquals(200, koordinator.get("/deltagare/" + d).statusCode());
            assertTrue(iFilerna(app.databaseFile()).size() >= SPAR.size(), "everything is in the files before: "
                    + iFilerna(app.databaseFile()));

            HttpSession admin = app.session().loginStaff("admin");
            assertEquals(302, admin.post("/admin/gallring/kor", Map.of()).statusCode());
            long kvar = app.jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM deltagare WHERE id = :d AND gallrad IS NULL").bind("d", d)
                    .mapTo(Long.class).one());
            assertEquals(0L, kvar, "she was cleared");
            assertEquals(List.of(), iFilerna(app.databaseFile()), "after the run, while the server runs");

            // The page shows the rows per table as a table, not as JSON.
            Document sida = admin.page("/admin/gallring");
            var tabell = sida.select("#korningar-avsnitt tbody tr").first().select("table");
            assertEquals(1, tabell.size(), sida.select("#korningar-avsnitt").html());
            assertTrue(tabell.select("tbody tr:has(code:matchesOwn(^deltagare$)) td").text().matches("\\d+"), tabell.text());
            assertTrue(!sida.select("#korningar-avsnitt").text().contains("{"), sida.select("#korningar-avsnitt").text());

            app.stopServer();
            assertEquals(List.of(), iFilerna(app.databaseFile()), "after a clean shutdown");
        }
    }
}
