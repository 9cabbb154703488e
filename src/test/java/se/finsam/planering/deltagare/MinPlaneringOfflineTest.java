package se.finsam.planering.deltagare;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;
import se.finsam.planering.testsupport.BrowserTest;
import se.finsam.planering.testsupport.TestData;

/** After one visit online, the participant's pages open with the server gone. */
class MinPlaneringOfflineTest extends BrowserTest {

    @Test
    void planenKontakternaOchKallelsenOppnasNarServernArBorta() {
        long deltagare = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("kallad").utanKonto().medNamn()
                .medKontaktperson("AF").hamta();
        String user = TestData.kontoMedPin(app, deltagare, "530917");
        List<String> kontakter = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT coalesce(a.namn, k.namn) FROM kontaktperson k LEFT JOIN anvandare a ON a.id = k.anvandare_id
                        WHERE k.deltagare_id = :d AND k.till_datum IS NULL""")
                .bind("d", deltagare).mapTo(String.class).list());
        String plats = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT m.plats FROM mote_deltagare md JOIN mote m ON m.id = md.mote_id
                        WHERE md.deltagare_id = :d""").bind("d", deltagare).mapTo(String.class).one());

        browser.open("/logga-in/deltagare");
        browser.type("#anvandarnamn", user);
        browser.type("#pin", "530917");
        browser.submitWithEnter("#pin");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> "true".equals(browser.find("html").getAttribute("data-sparad")));
        assertFalse(browser.find(".offline-info").isDisplayed());

        app.app().stop();

        browser.open("/min-planering");
        assertTrue(browser.find(".offline-info").isDisplayed(), browser.text());
        assertTrue(browser.text().contains("Du är inte ansluten till internet"));
        assertTrue(browser.text().contains("Senast uppdaterad"));
        assertTrue(browser.findAll("form.kraver-natet button").stream().noneMatch(b -> b.isDisplayed()),
                "nothing that needs the network can be pressed");
        browser.screenshot("deltagare-offline-plan");

        browser.open("/min-planering/kontakter");
        assertTrue(browser.text().contains(kontakter.get(0)), browser.text());
        assertTrue(browser.find(".offline-info").isDisplayed());

        browser.open("/min-planering/mote");
        assertTrue(browser.text().contains(plats), browser.text());
        assertTrue(browser.find(".offline-info").isDisplayed());
        browser.screenshot("deltagare-offline-mote");

        browser.open("/");
        assertTrue(browser.text().contains("Min planering"), "the app's start address opens the saved plan");
    }
}
