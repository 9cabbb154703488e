package se.finsam.planering.deltagare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

class DeltagareAccessTest extends AppTest {

    private long deltagareI(String team) {
        return app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT d.id FROM deltagare d JOIN team t ON t.id = d.team_id
                        WHERE t.namn = :t AND d.skyddad_identitet = 0 AND d.anvandare_id IS NULL
                        ORDER BY d.id LIMIT 1""")
                .bind("t", team).mapTo(Long.class).one());
    }

    private int audit(String handling, long deltagareId) {
        return app.jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM audit_log WHERE handling = :h AND deltagare_id = :d")
                .bind("h", handling).bind("d", deltagareId).mapTo(Integer.class).one());
    }

    @Test
    void personalSerDeltagareISittTeamOchVarjeTittLoggas() {
        long kista = deltagareI("Jobbtorg Kista");
        HttpSession s = app.session().loginStaff("handlaggare");
        int before = audit("las", kista);
        HttpResponse<String> page = s.get("/deltagare/" + kista);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("internt, visas inte för deltagaren"), "staff see the internal summary");
        assertEquals(before + 1, audit("las", kista));
    }

    @Test
    void personalIEttAnnatTeamFar403OchForsoketLoggas() {
        long farsta = deltagareI("Jobbtorg Farsta");
        HttpSession s = app.session().loginStaff("handlaggare");
        int before = audit("nekad", farsta);
        HttpResponse<String> page = s.get("/deltagare/" + farsta);
        assertEquals(403, page.statusCode());
        assertTrue(page.body().contains("Försöket har loggats"));
        assertEquals(before + 1, audit("nekad", farsta));
    }

    @Test
    void deltagareSerBaraSinEgenPlaneringOchAldrigInternText() {
        HttpSession s = app.session().loginDeltagare();
        long other = deltagareI("Jobbtorg Kista");
        assertEquals(403, s.get("/deltagare/" + other).statusCode());
        assertEquals(403, s.get("/oversikt").statusCode());
        HttpResponse<String> own = s.get("/min-planering");
        assertEquals(200, own.statusCode());
        String internal = app.jdbi().withHandle(h -> h.createQuery("""
                SELECT a.sammanfattning FROM anmalan a JOIN deltagare d ON d.id = a.deltagare_id
                JOIN anvandare u ON u.id = d.anvandare_id WHERE u.anvandarnamn = 'deltagare'""")
                .mapTo(String.class).one());
        assertFalse(own.body().contains(internal), "the case summary never reaches the participant");
    }

    @Test
    void samtycketStyrVilkaMyndigheterSomSerDeltagaren() {
        long d = deltagareI("Jobbtorg Kista");
        // The participant has not consented to sharing with Försäkringskassan, or has withdrawn it.
        app.jdbi().useHandle(h -> h.execute("UPDATE samtycke SET aterkallat_datum = '2026-11-20' WHERE deltagare_id = ?"
                + " AND organisation_id = (SELECT id FROM organisation WHERE kod = 'FK')", d));
        int before = audit("nekad", d);
        HttpResponse<String> fk = app.session().loginStaff("fk.handlaggare").get("/deltagare/" + d);
        assertEquals(403, fk.statusCode());
        assertTrue(fk.body().contains("inte gett samtycke"), fk.body());
        assertEquals(before + 1, audit("nekad", d));
        assertEquals(200, app.session().loginStaff("koordinator").get("/deltagare/" + d).statusCode(),
                "the koordinator sees the whole team");
        String namn = se.finsam.planering.testsupport.TestData.namn(app, d);
        assertFalse(app.session().loginStaff("fk.handlaggare").get("/oversikt").body().contains(namn),
                "nor is the participant in their list");
    }

    @Test
    void administratorenSerIngetArendeinnehall() {
        HttpSession s = app.session().loginStaff("admin");
        assertEquals(200, s.get("/admin").statusCode());
        assertEquals(403, s.get("/deltagare/" + deltagareI("Jobbtorg Kista")).statusCode());
        assertEquals(403, s.get("/oversikt").statusCode());
    }

    @Test
    void styrgruppenSerBaraSiffror() {
        HttpSession s = app.session().loginStaff("styrgrupp");
        HttpResponse<String> stats = s.get("/statistik");
        assertEquals(200, stats.statusCode());
        assertTrue(stats.body().contains("Jobbtorg Kista"));
        assertFalse(stats.body().contains("/deltagare/"), "no links to individuals");
        assertEquals(403, s.get("/deltagare/" + deltagareI("Jobbtorg Kista")).statusCode());
    }
}
