package se.finsam.planering.gallring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * Gallring with the injected clock: a plan closed two years and a day ago is cleared, one closed two years less a
 * day ago is not, an open one never; nothing of the cleared person is left anywhere in the database, while every
 * statistic stays exactly the same.
 */
class GallringTest extends AppTest {

    private static final String NAMN = "Gunilla Gallringsson";
    private static final String PERSONNUMMER = "19810312-4471";
    private static final String TELEFON = "070-555 12 34";
    private static final String NOTERING = "Intern anteckning om Gunillas hälsa";
    private static final String MAL = "Gunillas eget mål: bli undersköterska";

    private static long id(String sql) {
        return app.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** A closed Kista participant with a plan, her closing date set as given, and her details recognisable. */
    private static long avslutad(LocalDate avslut, String fornamn, String efternamn, String pnr, String telefon) {
        long d = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").utanKonto().medNamn().hamta();
        app.jdbi().useTransaction(h -> {
            h.createUpdate("""
                            UPDATE deltagare SET fornamn = :f, efternamn = :e, personnummer = :p, telefon = :t
                            WHERE id = :d""")
                    .bind("f", fornamn).bind("e", efternamn).bind("p", pnr).bind("t", telefon).bind("d", d).execute();
            long koordinator = h.createQuery("SELECT id FROM anvandare WHERE anvandarnamn = 'koordinator'")
                    .mapTo(Long.class).one();
            h.createUpdate("""
                            INSERT INTO avslut (deltagare_id, datum, orsak, forsorjning, ingen_fortsattning,
                                                nasta_steg, fortsattning_ansvarig, registrerad, registrerad_av)
                            VALUES (:d, :datum, 'arbete', 'lon', 0, 'Ring ' || :f || ' i januari', :f || 's chef',
                                    :datum || 'T10:00:00Z', :k)""")
                    .bind("f", fornamn).bind("d", d).bind("datum", avslut.toString()).bind("k", koordinator).execute();
            h.createUpdate("UPDATE planering SET mal = :m WHERE deltagare_id = :d").bind("m", MAL + " " + d)
                    .bind("d", d).execute();
            h.createUpdate("""
                            INSERT INTO uppfoljning (uuid, deltagare_id, typ, datum, registrerad, registrerad_av,
                                                     notering_intern, notering_deltagare)
                            VALUES (:u, :d, 'uppfoljning', '2024-01-10', '2024-01-10T10:00:00Z', :k, :n, :n)""")
                    .bind("u", "gallring-" + d).bind("d", d).bind("k", koordinator).bind("n", NOTERING + " " + d)
                    .execute();
        });
        return d;
    }

    /** Every text column of every table that contains the string, as "table.column". */
    private static List<String> finns(String text) {
        return app.jdbi().withHandle(h -> {
            List<String> traffar = new ArrayList<>();
            boolean postgresql = se.finsam.planering.db.Dialekt.av(h) == se.finsam.planering.db.Dialekt.POSTGRESQL;
            List<String> tabeller = h.createQuery(postgresql
                    ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                            + " AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'flyway%'"
                    : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                            + " AND name NOT LIKE 'flyway%'").mapTo(String.class).list();
            for (String t : tabeller) {
                List<String> kolumner = h.createQuery(postgresql
                                ? "SELECT column_name FROM information_schema.columns"
                                        + " WHERE table_schema = current_schema() AND table_name = :t"
                                : "SELECT name FROM pragma_table_info(:t)").bind("t", t)
                        .mapTo(String.class).list();
                for (String k : kolumner) {
                    // Byte for byte on PostgreSQL too (LIKE takes no case-blind collation there).
                    String varde = "CAST(\"" + k + "\" AS TEXT)" + (postgresql ? " COLLATE \"C\"" : "");
                    boolean hittad = h.createQuery("SELECT EXISTS (SELECT 1 FROM \"" + t + "\" WHERE " + varde
                            + " LIKE :s)").bind("s", "%" + text + "%").mapTo(Boolean.class).one();
                    if (hittad) {
                        traffar.add(t + "." + k);
                    }
                }
            }
            return traffar;
        });
    }

    private static Map<Integer, String> statistik(HttpSession styrgrupp) {
        Map<Integer, String> alla = new LinkedHashMap<>();
        for (int ar = 2022; ar <= 2026; ar++) {
            HttpResponse<String> csv = styrgrupp.get("/statistik/statistik.csv?ar=" + ar);
            assertEquals(200, csv.statusCode());
            alla.put(ar, csv.body());
        }
        return alla;
    }

    @Test
    void gallringenTarBortPersonenMenInteStatistiken() {
        LocalDate idag = LocalDate.now(app.clock());
        long gammal = avslutad(idag.minusYears(2).minusDays(1), "Gunilla", "Gallringsson", PERSONNUMMER, TELEFON);
        long nyare = avslutad(idag.minusYears(2).plusDays(1), "Nils", "Nyligen", "19790101-1236", "070-111 22 33");
        long oppen = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").utanKonto().medNamn().hamta();
        String oppensNamn = TestData.namn(app, oppen);
        String gammalKod = app.jdbi().withHandle(h -> h.createQuery("SELECT kod FROM deltagare WHERE id = :d")
                .bind("d", gammal).mapTo(String.class).one());
        HttpSession koordinator = app.session().loginStaff("koordinator");
        for (long d : List.of(gammal, nyare, oppen)) {
            assertEquals(200, koordinator.get("/deltagare/" + d).statusCode());
        }
        assertFalse(finns(NAMN.split(" ")[1]).isEmpty(), "her name is there before");
        HttpSession styrgrupp = app.session().loginStaff("styrgrupp");
        Map<Integer, String> fore = statistik(styrgrupp);

        HttpSession admin = app.session().loginStaff("admin");
        Document sida = admin.page("/admin/gallring");
        int antal = summa(sida);
        assertTrue(antal >= 1, "the preview counts her");
        Document bekrafta = admin.page("/admin/gallring/kor");
        assertTrue(bekrafta.text().contains(antal + " deltagare"), bekrafta.text());
        assertEquals(302, admin.post("/admin/gallring/kor", Map.of()).statusCode());

        // Nothing of her is left, anywhere
        for (String spar : List.of("Gallringsson", PERSONNUMMER, TELEFON, NOTERING + " " + gammal, MAL + " " + gammal,
                "Ring Gunilla", "Gunillas chef")) {
            assertEquals(List.of(), finns(spar), spar);
        }
        Map<String, Object> hon = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT kod, fornamn, personnummer, gallrad, kon, fodelsear FROM deltagare WHERE id = :d")
                .bind("d", gammal).mapToMap().one());
        assertNotEquals(gammalKod, hon.get("kod"), "a new code that cannot be linked to the old papers");
        assertNull(hon.get("fornamn"));
        assertTrue(hon.get("gallrad") != null);
        assertEquals(0L, id("SELECT count(*) FROM audit_log WHERE deltagare_id = " + gammal));
        // the others are untouched
        assertEquals("Nyligen", app.jdbi().withHandle(h -> h.createQuery(
                "SELECT efternamn FROM deltagare WHERE id = :d").bind("d", nyare).mapTo(String.class).one()));
        assertEquals(oppensNamn, TestData.namn(app, oppen));
        assertTrue(id("SELECT count(*) FROM audit_log WHERE deltagare_id = " + nyare) > 0);
        // every statistic is the same
        assertEquals(fore, statistik(styrgrupp));
        // the run is recorded with its counts
        Map<String, Object> korning = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT deltagare, rader, klar, aktiv FROM gallring_run ORDER BY id DESC LIMIT 1").mapToMap().one());
        assertEquals(antal, ((Number) korning.get("deltagare")).intValue());
        assertTrue(String.valueOf(korning.get("rader")).contains("\"audit_log\""), korning.toString());
        assertEquals(0, ((Number) korning.get("aktiv")).intValue());
        assertTrue(admin.page("/admin/gallring").select("#korningar-avsnitt tbody tr").size() >= 1);

        // a second run clears nothing more
        assertEquals(0, summa(admin.page("/admin/gallring")));
        assertEquals(302, admin.post("/admin/gallring/kor", Map.of()).statusCode());
        assertEquals(0L, id("SELECT deltagare FROM gallring_run ORDER BY id DESC LIMIT 1"));
        assertEquals(fore, statistik(styrgrupp));

        // the append-only tables still refuse everything outside a run
        assertThrowsOutsideRun("UPDATE uppfoljning SET notering_intern = NULL WHERE deltagare_id = " + nyare);
        assertThrowsOutsideRun("DELETE FROM audit_log WHERE deltagare_id = " + nyare);
    }

    private static void assertThrowsOutsideRun(String sql) {
        try {
            app.jdbi().useHandle(h -> h.execute(sql));
            throw new AssertionError("allowed outside a gallring run: " + sql);
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
            assertTrue(e.getMessage().contains("append-only"), e.getMessage());
        }
    }

    @Test
    void installningenFlyttarGransenOchBaraAdminFar() {
        String forbund = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT coalesce(forbund, '') FROM team WHERE namn = 'Jobbtorg Kista'").mapTo(String.class).one());
        HttpSession admin = app.session().loginStaff("admin");
        for (String fel : List.of("5", "121", "abc", "")) {
            HttpResponse<String> svar = admin.post("/admin/gallring/installning",
                    Map.of("forbund", forbund, "manader", fel, "beslut", "Dnr 2026/17"));
            assertEquals(400, svar.statusCode(), fel);
            assertTrue(HttpSession.html(svar).text().contains("Skriv ett antal månader mellan 6 och 120"), fel);
        }
        assertEquals(400, admin.post("/admin/gallring/installning",
                Map.of("forbund", forbund, "manader", "12", "beslut", " ")).statusCode());
        assertEquals(400, admin.post("/admin/gallring/installning",
                Map.of("forbund", "Finns inte", "manader", "12", "beslut", "Dnr 1")).statusCode());

        LocalDate idag = LocalDate.now(app.clock());
        long d = avslutad(idag.minusMonths(8), "Ylva", "Ytterligare", "19850505-5556", "070-999 88 77");
        int fore = forhandsvisning(admin, forbund);
        assertEquals(302, admin.post("/admin/gallring/installning",
                Map.of("forbund", forbund, "manader", "6", "beslut", "Dnr 2026/17")).statusCode());
        assertTrue(forhandsvisning(admin, forbund) >= fore + 1, "eight months ago is past six months");
        assertEquals(1L, id("SELECT count(*) FROM gallring_installning WHERE manader = 6"));

        for (String roll : List.of("koordinator", "styrgrupp", "handlaggare")) {
            HttpSession s = app.session().loginStaff(roll);
            assertEquals(403, s.get("/admin/gallring").statusCode(), roll);
            assertEquals(403, s.post("/admin/gallring/kor", Map.of()).statusCode(), roll);
        }
        assertEquals("Ytterligare", app.jdbi().withHandle(h -> h.createQuery(
                "SELECT efternamn FROM deltagare WHERE id = :d").bind("d", d).mapTo(String.class).one()),
                "the preview clears nothing");
        // back to the default, for the other test
        assertEquals(302, admin.post("/admin/gallring/installning",
                Map.of("forbund", forbund, "manader", "24", "beslut", "Dnr 2026/17")).statusCode());
    }

    private static int summa(Document sida) {
        return sida.select("section:has(#nasta-rubrik) tbody td:last-child").stream()
                .mapToInt(td -> Integer.parseInt(td.text())).sum();
    }

    private static int forhandsvisning(HttpSession admin, String forbund) {
        Document sida = admin.page("/admin/gallring");
        String namn = forbund.isEmpty() ? "Förbundet" : forbund;
        return Integer.parseInt(sida.select("section:has(#nasta-rubrik) tbody tr:has(th:containsOwn(" + namn
                + "), th bdi:containsOwn(" + namn + ")) td:last-child").first().text());
    }
}
