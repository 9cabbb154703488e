package se.finsam.planering.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.BrowserTest;

/** The pages that now hold back what samtycke does not cover, in Chromium with axe, on a laptop and a phone. */
class SamtyckeBrowserTest extends BrowserTest {

    private static long id(String sql) {
        return app.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void dubblettIEttAnnatTeamPekarPaKoordinatorn() {
        long farsta = id("""
                SELECT d.id FROM deltagare d JOIN team t ON t.id = d.team_id
                WHERE t.namn = 'Jobbtorg Farsta' AND d.skyddad_identitet = 0 ORDER BY d.id LIMIT 1""");
        app.jdbi().useHandle(h -> h.execute(
                "UPDATE deltagare SET fornamn = 'Leila', efternamn = 'Lika', fodelsear = 1988 WHERE id = ?", farsta));
        String kod = app.jdbi().withHandle(h -> h.createQuery("SELECT kod FROM deltagare WHERE id = :d")
                .bind("d", farsta).mapTo(String.class).one());
        browser.utanKakor();
        browser.loginStaff("handlaggare", DemoData.STAFF_PASSWORD);
        browser.open("/anmalan");
        browser.type("#fornamn", "Leila");
        browser.type("#efternamn", "Lika");
        browser.type("#fodelsear", "1988");
        browser.find("#kon-kvinna").click();
        browser.find("#samtycke-" + id("SELECT id FROM organisation WHERE kod = 'AF'")).click();
        browser.type("#sammanfattning", "Långvarigt försörjningsstöd, vill börja arbeta.");
        browser.find("#forsorjning option[value=forsorjningsstod]").click();
        browser.find("#informerad-ja").click();
        browser.clickAndWait("form#anmalan button[type=submit]");
        String text = browser.text();
        assertTrue(text.contains("Personen kan redan finnas"), text);
        assertTrue(text.contains("Du kan inte se vem det är"));
        assertFalse(text.contains(kod), "the other team's participant is not named");
        browser.assertAccessibleAtBothSizes("anmalan-dubblett-annat-team");
    }

    @Test
    void motetOchMoteslagetInomSamtycket() {
        long fk = id("SELECT id FROM organisation WHERE kod = 'FK'");
        long d = id("""
                SELECT d.id FROM deltagare d JOIN team t ON t.id = d.team_id JOIN deltagare_fas f ON f.deltagare_id = d.id
                WHERE t.namn = 'Jobbtorg Kista' AND f.fas = 'kallad' AND d.skyddad_identitet = 0 ORDER BY d.id LIMIT 1""");
        long mote = id("SELECT mote_id FROM mote_deltagare WHERE deltagare_id = " + d + " ORDER BY tid DESC LIMIT 1");
        app.jdbi().useHandle(h -> h.execute("DELETE FROM samtycke WHERE deltagare_id = ? AND organisation_id = ?", d, fk));
        browser.utanKakor();
        browser.loginStaff("fk.handlaggare", DemoData.STAFF_PASSWORD);
        browser.open("/moten/" + mote);
        assertTrue(browser.text().contains("Bokad tid. Du kan inte se vem det är"), browser.text());
        browser.assertAccessibleAtBothSizes("mote-utan-samtycke");

        browser.utanKakor();
        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        browser.open("/deltagare/" + d + "/motelage");
        assertFalse(browser.find("#ny_ansvar").getText().contains("Försäkringskassan"),
                "FK is not offered as owner");
        browser.assertAccessibleAtBothSizes("motelage-utan-fk");
        browser.open("/deltagare/" + d + "/kontakter");
        browser.assertAccessibleAtBothSizes("kontakter-utan-fk");
    }
}
