package se.finsam.planering.uppfoljning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestApp;
import se.finsam.planering.testsupport.TestData;

/** The follow-up schedule, the overview lists at chosen clock times, and closure with a continuation. */
class SchemaOchAvslutTest extends AppTest {

    static long deltagare;
    static long fastnad;
    static long forsenad;
    static long stilla;

    @BeforeAll
    static void egenDeltagare() {
        // A participant of our own in Kista: meeting 1 September, plan handed over the same day.
        app.jdbi().useTransaction(h -> {
            long team = h.createQuery("SELECT id FROM team WHERE namn = 'Jobbtorg Kista'").mapTo(Long.class).one();
            long staff = h.createQuery("SELECT id FROM anvandare WHERE anvandarnamn = 'handlaggare'").mapTo(Long.class).one();
            long af = h.createQuery("SELECT id FROM organisation WHERE kod = 'AF'").mapTo(Long.class).one();
            deltagare = h.createUpdate("""
                    INSERT INTO deltagare (kod, team_id, fornamn, efternamn, fodelsear, kon, skapad)
                    VALUES ('KIS-9001', :t, 'Schema', 'Testsson', 1980, 'man', '2026-08-01T08:00:00Z')""")
                    .bind("t", team).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            // Her samtycke covers AF, whose handläggare holds her items.
            h.createUpdate("""
                    INSERT INTO samtycke (deltagare_id, organisation_id, givet_datum, hur, registrerad_av)
                    VALUES (:d, :o, '2026-08-01', 'skriftligt', :s)""")
                    .bind("d", deltagare).bind("o", af).bind("s", staff).execute();
            long mote = h.createUpdate("""
                    INSERT INTO mote (team_id, start, slut, plats, status)
                    VALUES (:t, '2026-09-01T09:00', '2026-09-01T11:00', 'Kista', 'genomfort')""")
                    .bind("t", team).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            long plan = h.createUpdate("""
                    INSERT INTO planering (deltagare_id, mote_id, mal, skapad, andrad, andrad_av, overlamnad)
                    VALUES (:d, :m, 'Jobba', '2026-09-01T10:00:00Z', '2026-09-01T10:00:00Z', :s, '2026-09-01T10:00:00Z')""")
                    .bind("d", deltagare).bind("m", mote).bind("s", staff)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            fastnad = punkt(h, plan, af, staff, "Punkt som fastnar", "2027-06-01");
            forsenad = punkt(h, plan, af, staff, "Punkt vars datum passerar", "2026-11-01");
            stilla = punkt(h, plan, af, staff, "Punkt som inte rör sig", "2027-06-01");
            long u = h.createUpdate("""
                    INSERT INTO uppfoljning (uuid, deltagare_id, typ, datum, registrerad, registrerad_av)
                    VALUES ('00000000-0000-4000-8000-000000009001', :d, 'statusandring', '2026-11-20', '2026-11-20T10:00:00Z', :s)""")
                    .bind("d", deltagare).bind("s", staff).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("INSERT INTO uppfoljning_status VALUES (:u, :p, 'fastnat', 'Väntar på intyg')")
                    .bind("u", u).bind("p", fastnad).execute();
            long u2 = h.createUpdate("""
                    INSERT INTO uppfoljning (uuid, deltagare_id, typ, datum, registrerad, registrerad_av)
                    VALUES ('00000000-0000-4000-8000-000000009002', :d, 'statusandring', '2026-11-20', '2026-11-20T10:00:00Z', :s)""")
                    .bind("d", deltagare).bind("s", staff).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("INSERT INTO uppfoljning_status VALUES (:u, :p, 'pagar', NULL)")
                    .bind("u", u2).bind("p", forsenad).execute();
        });
    }

    private static long punkt(org.jdbi.v3.core.Handle h, long plan, long org, long staff, String text, String klart) {
        return h.createUpdate("""
                INSERT INTO planpunkt (planering_id, ordning, text, typ, ansvarig_organisation_id, ansvarig_anvandare_id,
                                       klart_senast, skapad)
                VALUES (:p, 1, :t, 'rekommendation', :o, :a, :k, '2026-09-01T10:00:00Z')""")
                .bind("p", plan).bind("t", text).bind("o", org).bind("a", staff).bind("k", klart)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    static int count(String sql, Object... args) {
        return app.jdbi().withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                q.bind(i, args[i]);
            }
            return q.mapTo(Integer.class).one();
        });
    }

    /**
     * The rows of one list of the overview (forsenade, kommande, fastnade), one line of text each. The list must be on
     * the page, either as a table or as its "nothing here" message, so that a missing list never passes for an empty
     * one.
     */
    private static List<String> rader(String html, String lista) {
        Element section = Jsoup.parse(html).selectFirst("section[aria-labelledby=" + lista + "-rubrik]");
        assertNotNull(section, "the overview has the list " + lista);
        List<String> rows = section.select("table#" + lista + " > tbody > tr").eachText();
        assertEquals(rows.isEmpty(), section.selectFirst("p.tomt") != null,
                "the list " + lista + " says it is empty exactly when it has no rows: " + section);
        assertNull(section.selectFirst("a[href*='alla=1']"), "every row of " + lista + " is shown");
        return rows;
    }

    /** Our participant's one row in the list. */
    private static String rad(List<String> rader) {
        List<String> egna = rader.stream().filter(r -> r.contains("Schema Testsson")).toList();
        assertEquals(1, egna.size(), "one row for our participant in " + rader);
        return egna.get(0);
    }

    private static boolean harRad(List<String> rader) {
        return rader.stream().anyMatch(r -> r.contains("Schema Testsson"));
    }

    /** The overview with every row, so that nothing is cut off after the most urgent ones. */
    private static String oversikt(HttpSession s, String query) {
        HttpResponse<String> response = s.get("/uppfoljning?alla=1" + query);
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    @Test
    void schematFoljerTeametsManaderOchRaknarTidigaUppfoljningar() {
        var schema = Uppfoljningsschema.schema(LocalDate.of(2026, 9, 1), List.of(1, 3, 6),
                List.of(LocalDate.of(2026, 9, 20), LocalDate.of(2026, 12, 5)));
        assertEquals(LocalDate.of(2026, 10, 1), schema.get(0).forfaller());
        assertTrue(schema.get(0).klar(), "20 September is within two weeks before 1 October");
        assertTrue(schema.get(1).klar());
        assertFalse(schema.get(2).klar());
        assertEquals(List.of(1, 3, 6), Uppfoljningsschema.offsets("trasig"));
        assertEquals(List.of(2, 4), Uppfoljningsschema.offsets("4, 2"));
    }

    @Test
    void listornaArRattVidValdaTidpunkter() {
        HttpSession s = app.session().loginStaff("koordinator");
        // 23 November: the 1-month follow-up (1 October) is 53 days overdue.
        String html = oversikt(s, "");
        assertTrue(rad(rader(html, "forsenade")).endsWith(" 53"), rad(rader(html, "forsenade")));
        List<String> stuck = rader(html, "fastnade");
        assertTrue(stuck.stream().anyMatch(r -> r.contains("Punkt som fastnar") && r.contains("Har fastnat")), stuck.toString());
        assertTrue(stuck.stream().anyMatch(r -> r.contains("Punkt vars datum passerar") && r.contains("har passerat")));
        assertTrue(stuck.stream().anyMatch(r -> r.contains("Punkt som inte rör sig") && r.contains("Ingen ändring")),
                "no event since the handover on 1 September, more than 4 weeks");

        // The 1-month follow-up is recorded; the next (1 December) is due within two weeks.
        HttpSession k = app.session().loginStaff("koordinator");
        assertEquals(201, UppfoljningHttpTest.api(k, UppfoljningHttpTest.json(deltagare,
                java.util.UUID.randomUUID().toString(), Map.of("datum", "2026-11-23",
                        "notering_intern", "Uppföljning efter en månad", "status_" + stilla, "pagar",
                        "fore_" + stilla, "ej_paborjad"))).statusCode());
        html = oversikt(k, "");
        assertFalse(harRad(rader(html, "forsenade")), "the 1-month follow-up is done");
        assertTrue(rad(rader(html, "kommande")).contains("1 december 2026"), rader(html, "kommande").toString());
        assertFalse(rader(html, "fastnade").stream().anyMatch(r -> r.contains("Punkt som inte rör sig")),
                "a status change moves the item again");

        // 10 December: the 3-month follow-up is 9 days overdue.
        app.clock().set(Instant.parse("2026-12-10T08:00:00Z"));
        try {
            html = oversikt(app.session().loginStaff("koordinator"), "");
            assertTrue(rad(rader(html, "forsenade")).endsWith(" 9"), rad(rader(html, "forsenade")));
        } finally {
            app.clock().set(TestApp.START);
        }
    }

    @Test
    void filterOchSorteringKontrolleras() {
        HttpSession s = app.session().loginStaff("koordinator");
        long fk = app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM organisation WHERE kod = 'FK'").mapTo(Long.class).one());
        assertTrue(harRad(rader(oversikt(s, "&sortering=namn"), "fastnade")), "unfiltered, our items are there");
        String html = oversikt(s, "&organisation=" + fk + "&sortering=namn");
        assertFalse(harRad(rader(html, "fastnade")), "our participant's items are all at AF");
        assertEquals(400, s.get("/uppfoljning?sortering=hack").statusCode());
        assertEquals(400, s.get("/uppfoljning?team=99999").statusCode());
        String handlaggare = oversikt(app.session().loginStaff("handlaggare"), "");
        assertTrue(rader(handlaggare, "fastnade").stream().anyMatch(r -> r.contains("Punkt som fastnar")),
                "a handläggare sees their own stuck items");
    }

    @Test
    void avslutUtanFortsattningKraverBekraftelseOchDeltagarenSerVemSomTarOver() {
        long d = TestData.ledigDeltagareIFas(app, "uppfoljning");
        HttpSession s = app.session().loginStaff("koordinator");
        assertEquals(200, s.get("/deltagare/" + d + "/avslut").statusCode());
        Map<String, String> form = new java.util.HashMap<>(Map.of("datum", "2026-11-23", "orsak", "avbrutit",
                "forsorjning", "forsorjningsstod", "sysselsattning", "ingen", "steg_mot_arbete", "stabil_narvaro"));
        HttpResponse<String> refused = s.post("/deltagare/" + d + "/avslut", form);
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("kryssa i att det inte finns någon fortsättning"));
        assertEquals(0, count("SELECT count(*) FROM avslut WHERE deltagare_id = ?", d));

        form.put("ingen_fortsattning", "on");
        assertEquals(302, s.post("/deltagare/" + d + "/avslut", se.finsam.planering.avslut.AvslutStod.medBeslut(s, d, form)).statusCode());
        assertEquals(1, count(
                "SELECT count(*) FROM avslut WHERE deltagare_id = ? AND ingen_fortsattning = 1", d));
        assertEquals(409, s.post("/deltagare/" + d + "/avslut", form).statusCode(), "closed once only");

        long d2 = TestData.ledigDeltagareIFas(app, "uppfoljning");
        long fk = app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM organisation WHERE kod = 'FK'").mapTo(Long.class).one());
        assertEquals(302, s.post("/deltagare/" + d2 + "/avslut", se.finsam.planering.avslut.AvslutStod.medBeslut(s, d2, Map.of("datum", "2026-11-23",
                "orsak", "ratt_ersattning", "forsorjning", "sjukersattning", "sysselsattning", "ingen",
                "steg_mot_arbete", "annan_insats_rehabilitering", "fortsattning_organisation", String.valueOf(fk),
                "fortsattning_ansvarig", "Lena Forsberg", "nasta_steg", "Lena ringer dig i början av december")))
                .statusCode());
        String user = TestData.kontoMedPin(app, d2, "530917");
        HttpSession deltagaren = app.session();
        assertEquals(302, deltagaren.post("/logga-in/deltagare", Map.of("anvandarnamn", user, "pin", "530917"))
                .statusCode());
        // Names and places are isolated in their own direction (bdi): compare the page's text, not its markup.
        String plan = HttpSession.html(deltagaren.get("/min-planering")).text();
        assertTrue(plan.contains("Din planering är avslutad"));
        assertFalse(plan.contains("Ingen annan tar över"), "somebody does");
        assertTrue(plan.contains("Nu tar Lena Forsberg, Försäkringskassan över"), plan);
        assertTrue(plan.contains("Lena ringer dig i början av december"));

        long d3 = TestData.ledigDeltagareIFas(app, "uppfoljning");
        assertEquals(302, s.post("/deltagare/" + d3 + "/avslut", se.finsam.planering.avslut.AvslutStod.medBeslut(s, d3, Map.of("datum", "2026-11-23", "orsak", "arbete",
                "forsorjning", "lon", "sysselsattning", "arbete", "steg_mot_arbete", "arbete_studier"))).statusCode(),
                "work needs no continuation");
        assertEquals(403, app.session().loginStaff("handlaggare").get("/deltagare/" + d3 + "/avslut").statusCode(),
                "closure is the koordinator's");
    }
}
