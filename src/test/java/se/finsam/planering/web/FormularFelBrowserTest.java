package se.finsam.planering.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.openqa.selenium.WebElement;
import org.junit.jupiter.api.Test;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.BrowserTest;
import se.finsam.planering.testsupport.TestData;

/**
 * A form with errors in a real browser, in Swedish, English and Arabic: focus lands on the error summary, each of its
 * links moves focus to its field, and axe finds nothing wrong.
 */
class FormularFelBrowserTest extends BrowserTest {

    private static final Map<String, String> RUBRIK = Map.of("sv", "Något behöver rättas",
            "en", "Something needs to be corrected", "ar", "يجب تصحيح شيء ما");
    private static final Map<String, String> FEL = Map.of("sv", "Fel: ", "en", "Error: ", "ar", "خطأ: ");

    private String aktivt() {
        WebElement active = browser.driver().switchTo().activeElement();
        String id = active.getAttribute("id");
        return id == null || id.isEmpty() ? active.getAttribute("class") : id;
    }

    /** The summary has focus; each link then moves focus to its own field. */
    private void lankarnaLederTillFalten(List<String> falt) {
        assertTrue(aktivt().contains("felsammanfattning"), "focus on the summary, not " + aktivt());
        List<WebElement> lankar = browser.findAll(".felsammanfattning a");
        assertEquals(falt.size(), lankar.size());
        for (int i = 0; i < falt.size(); i++) {
            browser.findAll(".felsammanfattning a").get(i).click();
            assertEquals(falt.get(i), aktivt(), "link " + (i + 1) + " leads to its field");
        }
    }

    @Test
    void deltagarensInloggningMedFelPaTreSprak() {
        browser.utanKakor();
        for (String sprak : List.of("sv", "en", "ar")) {
            browser.open("/logga-in/deltagare");
            if (!browser.findAll("button[name=sprak][value=" + sprak + "]").isEmpty()) {
                browser.clickAndWait("button[name=sprak][value=" + sprak + "]");
            }
            assertEquals(sprak, browser.find("html").getAttribute("lang"));
            browser.find("#anvandarnamn").clear();
            browser.clickAndWait("form.formular button[type=submit]");
            assertTrue(browser.driver().getTitle().startsWith(FEL.get(sprak)), browser.driver().getTitle());
            assertTrue(browser.text().contains(RUBRIK.get(sprak)), browser.text());
            lankarnaLederTillFalten(List.of("anvandarnamn", "pin"));
            browser.assertAccessibleAtBothSizes("formularfel-deltagarlogin-" + sprak);
        }
    }

    @Test
    void kontaktbyteMedFelForPersonal() {
        long id = TestData.ledigDeltagareIFas(app, "planerad");
        browser.utanKakor();
        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        browser.open("/deltagare/" + id + "/kontakter");
        browser.type("#telefon", "ring mig");
        browser.type("#epost", "inte en adress");
        browser.clickAndWait("form.formular button[type=submit]");
        assertTrue(browser.driver().getTitle().startsWith("Fel: "), browser.driver().getTitle());
        lankarnaLederTillFalten(List.of("organisation", "anvandare", "telefon", "epost"));
        assertFalse(browser.find("#telefon").getAttribute("aria-describedby").isEmpty());
        browser.assertAccessibleAtBothSizes("formularfel-kontakter");
    }
}
