package se.finsam.planering.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.BrowserTest;

/** axe-core (WCAG 2.2 A and AA) on every page of the foundation, on a laptop and on a phone. */
class AccessibilityTest extends BrowserTest {

    @Test
    void inloggningssidornaArTillgangliga() {
        browser.utanKakor();
        for (String path : List.of("/logga-in", "/logga-in/deltagare", "/aktivera", "/finns-inte")) {
            browser.open(path);
            browser.assertAccessibleAtBothSizes(path.replace('/', '_'));
        }
    }

    @Test
    void felsammanfattningenArTillgangligOchFarFokus() {
        browser.utanKakor();
        browser.open("/logga-in");
        browser.clickAndWait("form.formular button[type=submit]");
        assertTrue(browser.text().contains("Något behöver rättas"));
        assertTrue(browser.driver().switchTo().activeElement().getAttribute("class").contains("felsammanfattning"));
        browser.assertAccessibleAtBothSizes("login-fel");
    }

    @Test
    void startsidornaForVarjeRollArTillgangliga() {
        for (String user : List.of("koordinator", "handlaggare", "admin", "styrgrupp")) {
            browser.utanKakor();
            browser.loginStaff(user, DemoData.STAFF_PASSWORD);
            assertTrue(browser.driver().getCurrentUrl().matches(".*/(oversikt|admin|statistik)$"),
                    user + " landed on " + browser.driver().getCurrentUrl());
            browser.assertAccessibleAtBothSizes("start-" + user);
        }
        browser.utanKakor();
        browser.open("/logga-in/deltagare");
        browser.type("#anvandarnamn", DemoData.DEMO_PARTICIPANT_USERNAME);
        browser.type("#pin", DemoData.DEMO_PARTICIPANT_PIN);
        browser.submitWithEnter("#pin");
        assertTrue(browser.driver().getCurrentUrl().endsWith("/min-planering"));
        browser.assertAccessibleAtBothSizes("start-deltagare");
    }

    @Test
    void deltagarsidanForPersonalArTillganglig() {
        browser.utanKakor();
        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        // From a work list of the start page's "I dag" to a participant in it.
        browser.open("/arbetslista?lista=uppfoljningar");
        browser.clickAndWait("a[href^='/deltagare/']");
        assertTrue(browser.driver().getCurrentUrl().contains("/deltagare/"));
        browser.assertAccessibleAtBothSizes("deltagare-personal");
    }

    @Test
    void uppfoljningsSidornaArTillgangliga() {
        browser.utanKakor();
        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        long id = se.finsam.planering.testsupport.TestData.ledigDeltagareIFas(app, "uppfoljning");
        for (String path : List.of("/uppfoljning", "/deltagare/" + id + "/uppfoljning", "/offline",
                "/deltagare/" + id + "/avslut")) {
            browser.open(path);
            browser.assertAccessibleAtBothSizes("personal" + path.replace('/', '_'));
        }
        browser.open("/deltagare/" + id + "/avslut");
        browser.clickAndWait("form.formular button[type=submit]");
        assertTrue(browser.text().contains("Något behöver rättas"));
        browser.assertAccessibleAtBothSizes("avslut-fel");
        // the outcome pages: inskrivning before the handover (a form) and after (read-only), checks after avslut
        long anmald = se.finsam.planering.testsupport.TestData.deltagareIFas(app, "anmald", 0);
        long stangd = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT a.deltagare_id FROM avslut a JOIN deltagare d ON d.id = a.deltagare_id
                        JOIN team t ON t.id = d.team_id WHERE a.orsak <> 'felregistrering'
                          AND t.namn = 'Jobbtorg Kista' ORDER BY a.id LIMIT 1""").mapTo(Long.class).one());
        for (String path : List.of("/deltagare/" + anmald + "/inskrivning", "/deltagare/" + id + "/inskrivning",
                "/deltagare/" + stangd + "/efterkontroll")) {
            browser.open(path);
            browser.assertAccessibleAtBothSizes("personal" + path.replace('/', '_'));
        }
        browser.open("/deltagare/" + stangd + "/efterkontroll");
        browser.clickAndWait("form.formular button[type=submit]");
        assertTrue(browser.text().contains("Välj om ni nådde personen"), browser.text());
        browser.assertAccessibleAtBothSizes("efterkontroll-fel");
        for (String lang : List.of("en", "ar")) {
            browser.clickAndWait("button[name=sprak][value=" + lang + "]");
            browser.open("/deltagare/" + stangd + "/efterkontroll");
            browser.assertAccessibleAtBothSizes("efterkontroll-" + lang);
            browser.open("/deltagare/" + anmald + "/inskrivning");
            browser.assertAccessibleAtBothSizes("inskrivning-" + lang);
        }
        browser.clickAndWait("button[name=sprak][value=sv]");
    }

    @Test
    void engelskaSidorArTillgangliga() {
        browser.utanKakor();
        browser.open("/logga-in");
        browser.clickAndWait("button[name=sprak][value=en]");
        assertTrue(browser.text().contains("Log in"));
        browser.assertAccessibleAtBothSizes("login-en");
        browser.clickAndWait("button[name=sprak][value=sv]");
    }

    @Test
    void skipLankenFlyttarFokusTillInnehallet() {
        browser.utanKakor();
        browser.open("/logga-in");
        browser.find("body").sendKeys(Keys.TAB);
        var active = browser.driver().switchTo().activeElement();
        assertTrue(active.getAttribute("class").contains("skip-link"), "first tab stop is the skip link");
        active.sendKeys(Keys.ENTER);
        assertTrue(browser.driver().getCurrentUrl().endsWith("#innehall"));
    }
}
