package se.finsam.planering.inloggning;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import se.finsam.planering.Config;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.Browser;
import se.finsam.planering.testsupport.BrowserTest;
import se.finsam.planering.testsupport.TestApp;

/** The new parts of the login pages in Chromium, checked with axe at laptop and phone size. */
class AndraFaktornSidorBrowserTest extends BrowserTest {

    @Test
    void demokodenOchDeFelaktigaKodernaArTillgangliga() {
        browser.open("/logga-in");
        browser.type("#anvandarnamn", "koordinator.city");
        browser.type("#losenord", DemoData.STAFF_PASSWORD);
        browser.clickAndWait("form.formular button[type=submit]");
        assertTrue(browser.find("#demokod").getText().contains("Demo"));
        browser.assertAccessibleAtBothSizes("tvafaktor-demokod");
        browser.type("#kod", "000000".equals(browser.find("#demokod strong").getText()) ? "000001" : "000000");
        browser.clickAndWait("#tvafaktor-totp button[type=submit]");
        browser.passSecondFactor("koordinator.city");
        assertTrue(browser.text().contains("Felaktiga koder för andra faktorn"), browser.text());
        browser.open("/konto");
        assertTrue(browser.findAll("#felkoder li").size() == 1);
        browser.assertAccessibleAtBothSizes("konto-felkoder");
        browser.logout();
    }

    @Test
    void inloggningssidanUtanAdministrator() {
        try (TestApp ny = TestApp.start(Config.DemoMode.NONE); Browser b = new Browser(ny)) {
            b.open("/logga-in");
            assertTrue(b.find("#forsta-admin").getText().contains("skapa-admin"));
            b.assertAccessibleAtBothSizes("logga-in-forsta-admin");
        }
    }
}
