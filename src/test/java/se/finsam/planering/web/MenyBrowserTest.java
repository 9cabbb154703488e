package se.finsam.planering.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.Browser;
import se.finsam.planering.testsupport.BrowserTest;

/** The longest menus (koordinator, admin) on a 360 px phone: every item shown, tappable, nothing wider than the screen. */
class MenyBrowserTest extends BrowserTest {

    private void pruvaMenyn(String anvandare, List<String> poster) {
        browser.size(Browser.DESKTOP);
        browser.loginStaff(anvandare, DemoData.STAFF_PASSWORD);
        browser.size(Browser.PHONE);
        List<WebElement> lankar = browser.findAll("nav.meny a");
        assertEquals(poster, lankar.stream().map(WebElement::getText).map(String::strip).toList());
        long bredd = ((Number) browser.driver().executeScript("return document.documentElement.clientWidth")).longValue();
        for (WebElement a : lankar) {
            assertTrue(a.isDisplayed(), a.getText());
            assertTrue(a.getRect().getX() >= 0 && a.getRect().getX() + a.getRect().getWidth() <= bredd,
                    a.getText() + " is within the screen");
            assertTrue(a.getRect().getHeight() >= 24, a.getText() + " is big enough to tap");
        }
        long sidbredd = ((Number) browser.driver().executeScript(
                "return document.documentElement.scrollWidth")).longValue();
        assertTrue(sidbredd <= bredd, "the page is no wider than the phone: " + sidbredd);
        browser.assertAccessible();
        browser.screenshot("meny-" + anvandare + "-telefon");
        browser.size(Browser.DESKTOP);
        browser.logout();
    }

    @Test
    void koordinatornsMenyPaEnTelefon() {
        pruvaMenyn("koordinator", List.of("Översikt", "Uppföljning", "Offline", "Ny anmälan", "Möten", "Statistik", "Utskick", "Enkätsvar"));
    }

    @Test
    void administratorensMenyPaEnTelefon() {
        pruvaMenyn("admin", List.of("Administration", "Personal", "Organisationer", "Team", "Händelser", "Gallring", "Enkäter"));
    }
}
