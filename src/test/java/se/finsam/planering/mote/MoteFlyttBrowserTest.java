package se.finsam.planering.mote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import se.finsam.planering.testsupport.BrowserTest;
import se.finsam.planering.testsupport.TestData;

/** The koordinator moves a meeting in Chromium; the participant reads the move on her phone, in Arabic. */
class MoteFlyttBrowserTest extends BrowserTest {

    private static final String PIN = "862410";
    private static long mote;
    private static String anvandarnamn;

    @BeforeAll
    static void bokatMote() {
        long deltagare = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").medNamn().utanKonto()
                .hamta();
        anvandarnamn = TestData.kontoMedPin(app, deltagare, PIN);
        app.jdbi().useHandle(h -> {
            h.execute("UPDATE deltagare SET sprak = 'ar' WHERE id = ?", deltagare);
            h.execute("UPDATE anvandare SET sprak = 'ar' WHERE anvandarnamn = ?", anvandarnamn);
            mote = h.createUpdate("""
                            INSERT INTO mote (team_id, start, slut, plats)
                            SELECT team_id, '2027-01-16T08:00', '2027-01-16T11:00', 'Kistagången 20 B, plan 4'
                            FROM deltagare WHERE id = :d""")
                    .bind("d", deltagare).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("INSERT INTO mote_deltagare (mote_id, deltagare_id, tid) VALUES (:m, :d, '2027-01-16T08:45')")
                    .bind("m", mote).bind("d", deltagare).execute();
        });
    }

    private void satt(String css, String varde) {
        browser.driver().executeScript("arguments[0].value = arguments[1];", browser.find(css), varde);
    }

    @Test
    void koordinatornFlyttarMotetOchDeltagarenSerFlyttenPaArabiska() {
        browser.utanKakor();
        browser.loginStaff("koordinator", "finsam-demo");
        browser.open("/moten/" + mote);
        browser.assertAccessibleAtBothSizes("mote-flytta");

        // A time that has passed is refused beside the field, with the summary on top.
        satt("#flytt-datum", "2026-11-01");
        browser.clickAndWait("form[action='/moten/" + mote + "/flytta'] button[type=submit]");
        assertTrue(browser.find(".felsammanfattning").getText().contains("Välj en tid som inte har passerat"));
        assertEquals("true", browser.find("#flytt-datum").getAttribute("aria-invalid"));
        browser.assertAccessibleAtBothSizes("mote-flytta-fel");

        satt("#flytt-datum", "2027-01-23");
        satt("#flytt-tid", "10:00");
        browser.type("#flytt-plats", "Kista torg 7, rum 3");
        browser.clickAndWait("form[action='/moten/" + mote + "/flytta'] button[type=submit]");
        assertTrue(browser.text().contains("Mötet är flyttat"), browser.text());
        assertTrue(browser.find("#flyttat-fran del").getText().contains("2027-01-16 08:00"));
        assertTrue(browser.text().contains("10:45"), "the booking follows the meeting");
        browser.logout();

        browser.utanKakor();
        browser.open("/logga-in/deltagare");
        browser.type("#anvandarnamn", anvandarnamn);
        browser.type("#pin", PIN);
        browser.submitWithEnter("#pin");
        browser.open("/min-planering/mote");
        assertEquals("ar", browser.find("html").getAttribute("lang"));
        assertEquals("rtl", browser.find("html").getAttribute("dir"));
        WebElement flytt = browser.find("#mote-flyttat");
        assertEquals("تم نقل الاجتماع", flytt.findElement(org.openqa.selenium.By.tagName("h2")).getText());
        WebElement forut = flytt.findElement(org.openqa.selenium.By.cssSelector("del"));
        assertTrue(forut.getCssValue("text-decoration").contains("line-through"), "the old time is struck through");
        assertEquals("2027-01-16T08:45", forut.findElement(org.openqa.selenium.By.cssSelector("time[dir=ltr]"))
                .getAttribute("datetime"));
        assertEquals("ltr", forut.findElement(org.openqa.selenium.By.cssSelector("time[dir=ltr]"))
                .getCssValue("direction"), "a time reads left to right inside Arabic");
        assertTrue(flytt.getText().contains("Kista torg 7, rum 3"), "the new place");
        browser.assertAccessibleAtBothSizes("mote-flyttat-ar");
    }
}
