package se.finsam.planering.auth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.BrowserTest;
import se.finsam.planering.sprak.Texter;

/** The account page, the administrator's list and the lock messages, in a real browser with axe. */
class KontoBrowserTest extends BrowserTest {

    @Test
    void personalLoggarUtOveralltFranKontosidan() {
        browser.utanKakor();
        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        browser.clickAndWait(".sidhuvud__konto");
        assertTrue(browser.text().contains("Logga ut överallt"), browser.text());
        browser.assertAccessibleAtBothSizes("konto-personal");
        browser.clickAndWait("form[action='/logga-ut/overallt'] button");
        assertTrue(browser.text().contains("Du är utloggad överallt"), browser.text());
    }

    @Test
    void administratornsKontolistaArTillganglig() {
        browser.utanKakor();
        browser.loginStaff("admin", DemoData.STAFF_PASSWORD);
        browser.clickAndWait("a[href='/admin/konton']");
        assertTrue(browser.text().contains("Logga ut användare"));
        browser.assertAccessibleAtBothSizes("admin-konton");
        browser.clickAndWait("form[action^='/admin/anvandare/'] button");
        assertTrue(browser.text().contains("Användaren är utloggad överallt"), browser.text());
    }

    @Test
    void deltagarensKontosidaOchSparrmeddelandePaArabiska() {
        app.jdbi().useHandle(h -> h.execute("DELETE FROM login_attempt"));
        browser.utanKakor();
        browser.open("/logga-in/deltagare");
        browser.driver().manage().addCookie(new Cookie("finsam_sprak", "ar"));
        for (int i = 0; i < Inloggningsbroms.FREE_ATTEMPTS; i++) {
            browser.open("/logga-in/deltagare");
            browser.type("#anvandarnamn", "zz9k-4qpm");
            browser.type("#pin", "13579" + i);
            browser.submitWithEnter("#pin");
        }
        assertTrue(browser.text().contains(Texter.of("ar").get("login.tid.sekunder", 30L)), browser.text());
        browser.assertAccessibleAtBothSizes("deltagare-sparrad-ar");

        browser.open("/logga-in/deltagare");
        browser.type("#anvandarnamn", DemoData.DEMO_PARTICIPANT_USERNAME);
        browser.type("#pin", DemoData.DEMO_PARTICIPANT_PIN);
        browser.submitWithEnter("#pin");
        browser.open("/konto");
        browser.clickAndWait("form.sprakval button[value='ar']");
        assertTrue(browser.text().contains(Texter.of("ar").get("konto.overallt.knapp")), browser.text());
        browser.assertAccessibleAtBothSizes("konto-deltagare-ar");
    }
}
