package se.finsam.planering.mote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

class AvbokningTest extends AppTest {

    private long one(String sql) {
        return app.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void enKoordinatorMedFleraTeamValjerTeamForEttNyttMote() {
        long farsta = one("SELECT id FROM team WHERE namn = 'Jobbtorg Farsta'");
        long city = one("SELECT id FROM team WHERE namn = 'Jobbtorg City'");
        app.jdbi().useHandle(h -> h.execute("INSERT INTO team_medlem (team_id, anvandare_id)"
                + " SELECT ?, id FROM anvandare WHERE anvandarnamn = 'koordinator.vallingby'", farsta));
        HttpSession s = app.session().loginStaff("koordinator.vallingby");
        assertTrue(s.get("/moten").body().contains("name=\"team\""), "a choice of team is offered");
        var refused = s.post("/moten", Map.of("datum", "2026-12-15", "tid", "13:00", "plats", "", "team",
                String.valueOf(city)));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("Välj ett av dina team"));
        var created = s.post("/moten", Map.of("datum", "2026-12-15", "tid", "13:00", "plats", "", "team",
                String.valueOf(farsta)));
        assertEquals(302, created.statusCode());
        long mote = Long.parseLong(created.headers().firstValue("Location").orElseThrow().replace("/moten/", ""));
        assertEquals(farsta, one("SELECT team_id FROM mote WHERE id = " + mote));
    }

    @Test
    void koordinatornAvbokarOchStallerInMoten() {
        long mote = one("""
                SELECT m.id FROM mote m JOIN team t ON t.id = m.team_id
                WHERE t.namn = 'Jobbtorg Kista' AND m.status = 'planerat' AND m.start > '2026-11-23'
                  AND EXISTS (SELECT 1 FROM mote_deltagare md WHERE md.mote_id = m.id) ORDER BY m.start LIMIT 1""");
        long bokning = one("SELECT id FROM mote_deltagare WHERE mote_id = " + mote + " ORDER BY id LIMIT 1");
        long deltagare = one("SELECT deltagare_id FROM mote_deltagare WHERE id = " + bokning);

        HttpSession farsta = app.session().loginStaff("koordinator.farsta");
        assertEquals(403, farsta.post("/moten/" + mote + "/avboka/" + bokning, Map.of()).statusCode());

        HttpSession s = app.session().loginStaff("koordinator");
        assertEquals(409, s.post("/moten/" + mote + "/installa", Map.of()).statusCode(),
                "a meeting with bookings cannot be cancelled");
        assertEquals(302, s.post("/moten/" + mote + "/avboka/" + bokning, Map.of()).statusCode());
        assertEquals("anmald", app.jdbi().withHandle(h -> h.createQuery(
                "SELECT fas FROM deltagare_fas WHERE deltagare_id = :d").bind("d", deltagare).mapTo(String.class).one()));
        assertEquals(1, one("SELECT count(*) FROM audit_log WHERE handling = 'andra' AND deltagare_id = " + deltagare
                + " AND vad = 'avbokad från möte'"));
        assertTrue(s.get("/moten/" + mote).body().contains("Bokningen är avbokad"));
        assertEquals(404, s.post("/moten/" + mote + "/avboka/" + bokning, Map.of()).statusCode(), "once only");

        app.jdbi().useHandle(h -> h.execute("DELETE FROM mote_deltagare WHERE mote_id = ?", mote));
        assertEquals(302, s.post("/moten/" + mote + "/installa", Map.of()).statusCode());
        assertEquals("installt", app.jdbi().withHandle(h -> h.createQuery("SELECT status FROM mote WHERE id = :m")
                .bind("m", mote).mapTo(String.class).one()));
    }
}
