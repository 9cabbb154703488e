package se.finsam.planering.deltagare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;
import se.finsam.planering.db.Databas;
import se.finsam.planering.kontakt.Telefontid;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * Telephone hours are days and times, written in the reader's language: her Arabic Kontakter page says the days in
 * Arabic, never "Mån–tors". Staff enter them as days and times, with a clear message when they do not add up, and
 * the free text written before is read into days and times by the migration wherever it can be.
 */
class TelefontiderPaHennesSprakTest extends AppTest {

    private static final String PIN = "530917";
    /** Swedish words for days or hours, as staff used to write them. */
    private static final Pattern SVENSKA = Pattern.compile(
            "(?i)(mån|tis|ons|tors|fre|lör|sön|vardagar|dygnet)");

    @TempDir
    Path dir;

    private HttpSession loggaIn(long deltagare, String sprak) {
        String user = TestData.kontoMedPin(app, deltagare, PIN);
        app.jdbi().useHandle(h -> h.execute(
                "UPDATE anvandare SET sprak = ? WHERE id = (SELECT anvandare_id FROM deltagare WHERE id = ?)",
                sprak, deltagare));
        HttpSession s = app.session();
        s.get("/logga-in/deltagare");
        assertEquals(302, s.post("/logga-in/deltagare", Map.of("anvandarnamn", user, "pin", PIN)).statusCode());
        return s;
    }

    @Test
    void telefontidernaStarPaArabiskaPaHennesKontakterOchIUtskriften() {
        long deltagare = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").utanKonto().medNamn()
                .medKontaktperson("AF").hamta();
        HttpSession hon = loggaIn(deltagare, "ar");
        Document kontakter = hon.page("/min-planering/kontakter");
        assertEquals("ar", kontakter.selectFirst("html").attr("lang"));
        List<String> tider = kontakter.select(".telefontid").eachText();
        assertTrue(tider.size() >= 3, "the demo's contacts and switchboards have phone hours: " + tider);
        for (String t : tider) {
            assertFalse(SVENSKA.matcher(t).find(), "Swedish phone hours on her Arabic page: " + t);
        }
        assertTrue(tider.stream().anyMatch(t -> t.contains("الخميس") || t.contains("الجمعة")), tider.toString());
        for (var t : kontakter.select(".telefontid .tider")) {
            assertEquals("ltr", t.attr("dir"), "the hours read left to right: " + t.outerHtml());
        }
        Document plan = hon.page("/min-planering");
        for (String t : plan.select(".utskrift-kontakter .telefontid").eachText()) {
            assertFalse(SVENSKA.matcher(t).find(), "Swedish phone hours in her printed Arabic plan: " + t);
        }
    }

    private Map<String, String> kontaktForm(HttpSession staff, long deltagare, String org) {
        String html = staff.get("/deltagare/" + deltagare + "/kontakter").body();
        Map<String, String> f = new HashMap<>();
        f.put("_csrf", HttpSession.csrfIn(html));
        long orgId = app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM organisation WHERE kod = :k")
                .bind("k", org).mapTo(Long.class).one());
        f.put("organisation", Long.toString(orgId));
        f.put("anvandare", "");
        f.put("namn", "Samira Haddad");
        f.put("titel", "Kurator");
        f.put("telefon", "08-123 400 10");
        f.put("epost", "");
        return f;
    }

    /** A form post with repeated fields (the ticked days). */
    private HttpResponse<String> skicka(HttpSession s, String path, Map<String, String> falt, List<String> dagar) {
        StringBuilder body = new StringBuilder();
        falt.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        for (String d : dagar) {
            body.append("&telefontid_dag=").append(d);
        }
        return s.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void personalenAngerTelefontidSomDagarOchTiderOchHonLaserDemPaSittSprak() {
        long deltagare = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").utanKonto().medNamn()
                .medSamtyckeTill("REGION").hamta();
        HttpSession staff = app.session().loginStaff("koordinator");
        String path = "/deltagare/" + deltagare + "/kontakter";

        Map<String, String> f = kontaktForm(staff, deltagare, "REGION");
        f.put("telefontid_fran", "13:00");
        f.put("telefontid_till", "12:00");
        HttpResponse<String> baklanges = skicka(staff, path, f, List.of("2", "4"));
        assertEquals(400, baklanges.statusCode());
        assertTrue(HttpSession.html(baklanges).select("#telefontid-fel").text()
                .contains("Telefontiden måste sluta efter att den börjar."), baklanges.body());
        assertTrue(HttpSession.html(baklanges).selectFirst("#telefontid-dag-4").hasAttr("checked"),
                "what was typed is kept");
        assertFalse(HttpSession.html(baklanges).selectFirst("#telefontid-dag-1").hasAttr("checked"));

        f = kontaktForm(staff, deltagare, "REGION");
        f.put("telefontid_fran", "13:00");
        f.put("telefontid_till", "15:00");
        HttpResponse<String> utanDagar = skicka(staff, path, f, List.of());
        assertEquals(400, utanDagar.statusCode());
        assertTrue(HttpSession.html(utanDagar).select("#telefontid-fel").text()
                .contains("Kryssa i minst en dag"), utanDagar.body());

        f = kontaktForm(staff, deltagare, "REGION");
        f.put("telefontid_fran", "9");
        f.put("telefontid_till", "11:00");
        assertEquals(400, skicka(staff, path, f, List.of("1")).statusCode(), "a time that is not HH:MM");

        f = kontaktForm(staff, deltagare, "REGION");
        f.put("telefontid_fran", "13:00");
        f.put("telefontid_till", "15:00");
        assertEquals(302, skicka(staff, path, f, List.of("2", "4")).statusCode());
        assertTrue(staff.page(path).text().contains("tisdag och torsdag 13:00–15:00"));

        HttpSession hon = loggaIn(deltagare, "ar");
        String samira = hon.page("/min-planering/kontakter").select(".kontakt").stream()
                .filter(k -> k.select(".kontakt__namn").text().equals("Samira Haddad")).findFirst().orElseThrow()
                .select(".kontakt__tider .telefontid").text();
        assertEquals("الثلاثاء والخميس 13:00–15:00", samira);
        assertTrue(samira.startsWith("الثلاثاء"), samira);
    }

    @Test
    void standardtexternaLagrasSomNullOchHonLaserDemPaSittSprak() {
        long deltagare = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("anmald").utanKonto().medNamn().hamta();
        HttpSession koordinator = app.session().loginStaff("koordinator");
        Map<String, Object> ledig = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT m.id, m.start FROM mote m JOIN team t ON t.id = m.team_id
                        WHERE t.namn = 'Jobbtorg Kista' AND m.status = 'planerat' AND m.start > :nu
                          AND NOT EXISTS (SELECT 1 FROM mote_deltagare md WHERE md.mote_id = m.id AND md.tid = m.start)
                        ORDER BY m.start LIMIT 1""")
                .bind("nu", "2026-11-24").mapToMap().one());
        long mote = ((Number) ledig.get("id")).longValue();
        String html = koordinator.get("/moten/" + mote).body();
        HttpResponse<String> bokad = koordinator.post("/moten/" + mote + "/boka", Map.of("_csrf",
                HttpSession.csrfIn(html), "deltagare", Long.toString(deltagare), "tid", (String) ledig.get("start"),
                "syfte", "", "taMed", ""));
        assertEquals(302, bokad.statusCode(), bokad.body());
        Map<String, Object> rad = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT syfte, ta_med FROM mote_deltagare WHERE deltagare_id = :d").bind("d", deltagare)
                .mapToMap().one());
        assertEquals(null, rad.get("syfte"), "the standard purpose is stored as null, not as Swedish text");
        assertEquals(null, rad.get("ta_med"));

        HttpSession hon = loggaIn(deltagare, "ar");
        Document sida = hon.page("/min-planering/mote");
        String text = sida.select("main").text();
        assertTrue(text.contains(se.finsam.planering.sprak.Texter.of("ar").get("kallelse.syfte.standard")), text);
        assertTrue(text.contains(se.finsam.planering.sprak.Texter.of("ar").get("mote.tamed.standard")), text);
        assertFalse(text.contains("Legitimation") || text.contains("planering för vägen"), text);
        String ics = hon.get("/min-planering/mote.ics").body().replace("\r\n ", "");
        assertFalse(ics.contains("Legitimation") || ics.contains("planering för"), ics);
    }

    @Test
    void fritextenTolkasTillDagarOchTiderDarDenGar() {
        assertEquals(new Telefontid(0b0001111, java.time.LocalTime.of(9, 0), java.time.LocalTime.of(11, 0)),
                Telefontid.tolka("Mån–tors 9–11").orElseThrow());
        assertEquals(new Telefontid(0b0001010, java.time.LocalTime.of(13, 0), java.time.LocalTime.of(15, 0)),
                Telefontid.tolka("Tis och tors 13–15").orElseThrow());
        assertEquals(new Telefontid(0b0001110, java.time.LocalTime.of(8, 30), java.time.LocalTime.of(10, 0)),
                Telefontid.tolka("Tis–tors 8.30–10").orElseThrow());
        assertEquals(Telefontid.VARDAGAR, Telefontid.tolka("Vardagar 8–16").orElseThrow().dagar());
        assertTrue(Telefontid.tolka("Dygnet runt").orElseThrow().dygnetRunt());
        assertTrue(Telefontid.tolka("Ring när du vill").isEmpty());
        assertTrue(Telefontid.tolka("Mån 11–9").isEmpty());
    }

    @Test
    void migreringenFyllerDagarOchTiderFranDenGamlaTextenOchBeharTexten() {
        Path fil = dir.resolve("fore.db");
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + fil);
        // The database as it was before telephone hours had days and times of their own.
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("25").load().migrate();
        try (var c = ds.getConnection(); var st = c.createStatement()) {
            st.execute("""
                    INSERT INTO organisation (kod, typ, namn, kan_hjalpa_med, telefon, telefontider)
                    VALUES ('A', 'annan', 'Läsbar', 'x', '08-1', 'Mån–tors 9–11'),
                           ('B', 'annan', 'Oläsbar', 'x', '08-2', 'Ring när du vill')""");
            // Bookings as they were stored: the Swedish standard purpose, one of her own, and the standard "ta med".
            st.execute("INSERT INTO team (id, namn, motesplats) VALUES (1, 'T', 'Gatan 1')");
            st.execute("INSERT INTO mote (id, team_id, start, slut, plats) VALUES (1, 1, '2026-12-01T09:00', "
                    + "'2026-12-01T12:00', 'Gatan 1')");
            st.execute("""
                    INSERT INTO deltagare (id, kod, team_id, fornamn, efternamn, fodelsear, kon, skapad)
                    VALUES (1, 'T-1', 1, 'A', 'B', 1980, 'kvinna', '2026-11-01T10:00:00Z'),
                           (2, 'T-2', 1, 'C', 'D', 1980, 'man', '2026-11-01T10:00:00Z')""");
            st.execute("INSERT INTO mote_deltagare (id, mote_id, deltagare_id, tid, ta_med) VALUES "
                    + "(1, 1, 1, '2026-12-01T09:00', 'Legitimation, och gärna papper om din ersättning och dina "
                    + "kontakter med vården.')");
            st.execute("INSERT INTO mote_deltagare (id, mote_id, deltagare_id, tid, syfte, ta_med) VALUES "
                    + "(2, 1, 2, '2026-12-01T09:45', 'Att prata om din praktik.', 'Ta med ditt intyg.')");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        try (Databas db = Databas.connect(fil)) {
            se.finsam.planering.kontakt.Telefontid.tolkaFritext(db.jdbi());
            Map<String, Object> lasbar = db.jdbi().withHandle(h -> h.createQuery("""
                    SELECT telefontider, telefontid_dagar, telefontid_fran, telefontid_till FROM organisation
                    WHERE kod = 'A'""").mapToMap().one());
            assertEquals("Mån–tors 9–11", lasbar.get("telefontider"), "the old text is kept");
            assertEquals(15, ((Number) lasbar.get("telefontid_dagar")).intValue());
            assertEquals("09:00", lasbar.get("telefontid_fran"));
            assertEquals("11:00", lasbar.get("telefontid_till"));
            Map<String, Object> olasbar = db.jdbi().withHandle(h -> h.createQuery("""
                    SELECT telefontider, telefontid_dagar FROM organisation WHERE kod = 'B'""").mapToMap().one());
            assertEquals("Ring när du vill", olasbar.get("telefontider"));
            assertEquals(null, olasbar.get("telefontid_dagar"));

            List<Map<String, Object>> bokningar = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT syfte, ta_med FROM mote_deltagare ORDER BY id").mapToMap().list());
            assertEquals(null, bokningar.get(0).get("syfte"), "the standard purpose is stored as null");
            assertEquals(null, bokningar.get(0).get("ta_med"), "and so is the standard ta med");
            assertEquals("Att prata om din praktik.", bokningar.get(1).get("syfte"));
            assertEquals("Ta med ditt intyg.", bokningar.get(1).get("ta_med"));
            assertEquals("kallad", db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT fas FROM deltagare_fas WHERE deltagare_id = 1").mapTo(String.class).one()));
            long utgava = db.jdbi().withHandle(h -> h.createQuery("SELECT nr FROM datautgava").mapTo(Long.class).one());
            db.jdbi().useHandle(h -> h.execute("UPDATE mote_deltagare SET ta_med = 'x' WHERE id = 2"));
            assertTrue(db.jdbi().withHandle(h -> h.createQuery("SELECT nr FROM datautgava").mapTo(Long.class).one())
                    > utgava, "the data version still rises with a change of a booking");
        }
    }
}
