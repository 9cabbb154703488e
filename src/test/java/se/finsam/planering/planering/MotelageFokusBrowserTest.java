package se.finsam.planering.planering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static se.finsam.planering.planering.FlodeStod.anmal;
import static se.finsam.planering.planering.FlodeStod.anmalan;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.BrowserTest;
import se.finsam.planering.testsupport.HttpSession;

/**
 * Moving plan items by keyboard in meeting mode keeps the keyboard user where they were; the pages around the
 * handover and closure pass axe on a laptop and a phone.
 */
class MotelageFokusBrowserTest extends BrowserTest {

    @org.junit.jupiter.api.BeforeEach
    void loggedOut() {
        browser.utanKakor();
    }

    private long planMedTrePunkter() {
        HttpSession s = app.session().loginStaff("handlaggare");
        long id = anmal(app, s, anmalan(app, "Fokus", "Flyttsson", "1988"));
        HttpSession k = app.session().loginStaff("koordinator");
        for (int i = 0; i < 3; i++) {
            k.get("/deltagare/" + id + "/motelage");
            Map<String, String> form = new LinkedHashMap<>();
            int version = i == 0 ? 0 : app.jdbi().withHandle(h -> h.createQuery(
                    "SELECT version FROM planering WHERE deltagare_id = :d").bind("d", id).mapTo(Integer.class).one());
            form.put("version", String.valueOf(version));
            form.put("antal", "0");
            form.put("mal", "Ett jobb");
            form.put("ny_text", "Punkt " + (char) ('A' + i));
            form.put("ny_ansvar", "deltagaren");
            form.put("ny_typ", "eget_steg");
            form.put("ny_datum", "2027-01-15");
            assertEquals(302, k.post("/deltagare/" + id + "/motelage", form).statusCode());
        }
        return id;
    }

    private void pressAndWait(WebElement element, CharSequence keys) {
        WebElement oldPage = browser.find("html");
        element.sendKeys(keys);
        // Gone from the document: Chromium says so as a stale element or, mid-navigation, as "does not belong
        // to the document"; both mean the old page is gone (as Browser.waitForNewPage treats them).
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).until(d -> {
            try {
                oldPage.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).until(d -> "complete".equals(
                browser.driver().executeScript("return document.readyState")));
    }

    private String focused() {
        return browser.driver().switchTo().activeElement().getAttribute("id");
    }

    @Test
    void altNerBehallerFokusPaDenFlyttadePunktensFalt() {
        long id = planMedTrePunkter();
        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        browser.open("/deltagare/" + id + "/motelage");
        assertEquals("Punkt A", browser.find("#p0_text").getAttribute("value"));

        pressAndWait(browser.find("#p0_text"), Keys.chord(Keys.ALT, Keys.ARROW_DOWN));
        assertEquals("Punkt A", browser.find("#p1_text").getAttribute("value"), "moved down");
        assertEquals("p1_text", focused(), "focus stays on the moved item's text field");

        pressAndWait(browser.driver().switchTo().activeElement(), Keys.chord(Keys.ALT, Keys.ARROW_DOWN));
        assertEquals("Punkt A", browser.find("#p2_text").getAttribute("value"));
        assertEquals("p2_text", focused(), "again, down to the last place");
        browser.assertAccessible();
        browser.screenshot("motelage-fokus-efter-flytt");

        // Without the shortcut: the move button itself. At the top the "up" button is disabled, so "down" gets it.
        pressAndWait(browser.find("#p1_upp"), Keys.ENTER);
        assertEquals("Punkt C", browser.find("#p0_text").getAttribute("value"));
        assertEquals("p0_ner", focused(), "focus on the moved item's enabled move button");
    }

    @Test
    void eskaleringKontaktbyteOchAvslutadPlanArTillgangliga() {
        long eskalerad = se.finsam.planering.testsupport.TestData.deltagareIFas(app, "uppfoljning", 0);
        long avslutad = se.finsam.planering.testsupport.TestData.deltagareIFas(app, "uppfoljning", 1);
        HttpSession k = app.session().loginStaff("koordinator");
        k.get("/deltagare/" + eskalerad + "/uppfoljning");
        assertEquals(302, k.post("/deltagare/" + eskalerad + "/uppfoljning", Map.of("uuid",
                java.util.UUID.randomUUID().toString(), "datum", "2026-11-20",
                "notering_intern", "Ingen svarar på vårdcentralen", "eskalera", "on")).statusCode());
        k.get("/deltagare/" + avslutad + "/avslut");
        assertEquals(302, k.post("/deltagare/" + avslutad + "/avslut", se.finsam.planering.avslut.AvslutStod.medBeslut(k, avslutad, Map.of("datum", "2026-11-23",
                "orsak", "arbete", "forsorjning", "lon", "sysselsattning", "arbete", "steg_mot_arbete", "arbete_studier"))).statusCode());

        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        for (var size : java.util.List.of(se.finsam.planering.testsupport.Browser.DESKTOP,
                se.finsam.planering.testsupport.Browser.PHONE)) {
            String suffix = size.equals(se.finsam.planering.testsupport.Browser.PHONE) ? "-mobil" : "";
            browser.size(size);
            browser.open("/uppfoljning");
            browser.find("[data-eskalering] a[data-formular]").click();
            browser.assertAccessible();
            browser.screenshot("uppfoljning-eskalering" + suffix);
            browser.open("/deltagare/" + eskalerad + "/kontakter");
            browser.assertAccessible();
            browser.screenshot("kontakter-flytta-punkter" + suffix);
            browser.open("/deltagare/" + avslutad + "/motelage");
            browser.assertAccessible();
            browser.screenshot("motelage-avslutad" + suffix);
            browser.open("/deltagare/" + avslutad + "/uppfoljning");
            browser.assertAccessible();
            browser.screenshot("uppfoljning-avslutad" + suffix);
        }
        browser.size(se.finsam.planering.testsupport.Browser.DESKTOP);
    }
}
