package se.finsam.planering.deltagare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

class DeltagarAtkomstTest extends AppTest {

    private long deltagareI(String team) {
        return TestData.deltagare(app).iTeam(team).medNamn().utanKonto().hamta();
    }

    private int audit(String handling, long deltagareId) {
        return app.jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM audit_log WHERE handling = :h AND deltagare_id = :d")
                .bind("h", handling).bind("d", deltagareId).mapTo(Integer.class).one());
    }

    @Test
    void personalSerDeltagareISittTeamOchVarjeTittLoggas() {
        long kista = TestData.deltagare(app).iTeam("Jobbtorg Kista").medNamn().medSamtyckeTill("AF").hamta();
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
        long d = TestData.deltagare(app).iTeam("Jobbtorg Kista").medNamn().medSamtyckeTill("FK").hamta();
        assertEquals(200, app.session().loginStaff("fk.handlaggare").get("/deltagare/" + d).statusCode(),
                "with consent, Försäkringskassan's handläggare sees the participant");
        // The participant withdraws the consent to sharing with Försäkringskassan.
        int andrade = app.jdbi().withHandle(h -> h.execute("UPDATE samtycke SET aterkallat_datum = '2026-11-20'"
                + " WHERE deltagare_id = ? AND organisation_id = (SELECT id FROM organisation WHERE kod = 'FK')", d));
        assertTrue(andrade >= 1, "a consent was withdrawn");
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
        List<String> lankar = HttpSession.links(HttpSession.html(stats));
        assertFalse(lankar.isEmpty(), "the page has its menu");
        assertTrue(lankar.stream().noneMatch(l -> l.contains("/deltagare/")), "no links to individuals: " + lankar);
        assertFalse(stats.body().contains("/deltagare/"), "no address of an individual anywhere on the page");
        assertEquals(403, s.get("/deltagare/" + deltagareI("Jobbtorg Kista")).statusCode());
    }
}
