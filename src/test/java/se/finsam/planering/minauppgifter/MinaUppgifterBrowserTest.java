package se.finsam.planering.minauppgifter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import se.finsam.planering.testsupport.Browser;
import se.finsam.planering.testsupport.BrowserTest;
import se.finsam.planering.testsupport.TestData;

/**
 * "Mina uppgifter" in Chromium, in Swedish and Arabic: the page, the withdrawal of a samtycke with the keyboard
 * and the page of everything stored about her pass axe at phone and desktop size.
 */
class MinaUppgifterBrowserTest extends BrowserTest {

    private static final String PIN = "731904";
    private static String anvandarnamn;
    private static long fk;

    @BeforeAll
    static void enDeltagareMedSamtyckeForFk() {
        long hon = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").utanKonto().medNamn()
                .medSamtyckeTill("FK").hamta();
        anvandarnamn = TestData.kontoMedPin(app, hon, PIN);
        fk = app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM organisation WHERE kod = 'FK'")
                .mapTo(Long.class).one());
        // someone on the staff has looked, so the access log has a row
        assertEquals(200, app.session().loginStaff("koordinator").get("/deltagare/" + hon).statusCode());
    }

    private void loggaIn() {
        browser.size(Browser.DESKTOP);
        browser.utanKakor();
        browser.open("/logga-in/deltagare");
        browser.type("#anvandarnamn", anvandarnamn);
        browser.type("#pin", PIN);
        browser.submitWithEnter("#pin");
    }

    private void sprak(String lang) {
        if (!browser.find("html").getAttribute("lang").equals(lang)) {
            browser.clickAndWait("button[name=sprak][value=" + lang + "]");
        }
        assertEquals(lang, browser.find("html").getAttribute("lang"));
    }

    @Test
    void sidanHennesUppgifterOchAterkallandetPaSvenskaOchArabiska() {
        loggaIn();
        browser.open("/min-planering/mina-uppgifter");
        sprak("ar");
        assertEquals("rtl", browser.find("html").getAttribute("dir"));
        browser.assertAccessibleAtBothSizes("mina-uppgifter-ar");
        browser.open("/min-planering/mina-uppgifter/alla");
        browser.assertAccessibleAtBothSizes("alla-uppgifter-ar");
        browser.open("/min-planering/mina-uppgifter");
        sprak("sv");
        browser.assertAccessibleAtBothSizes("mina-uppgifter-sv");
        browser.open("/min-planering/mina-uppgifter/alla");
        browser.assertAccessibleAtBothSizes("alla-uppgifter-sv");
        assertTrue(browser.text().contains("Vem har tittat på dina uppgifter"));

        // Withdraw FK with the keyboard: the link, then the confirm button
        browser.open("/min-planering/mina-uppgifter");
        String lank = "a[href='/min-planering/mina-uppgifter/samtycke/" + fk + "']";
        browser.find(lank).sendKeys(Keys.ENTER);
        assertTrue(browser.driver().getCurrentUrl().endsWith("/samtycke/" + fk), browser.driver().getCurrentUrl());
        browser.assertAccessibleAtBothSizes("aterkalla-sv");
        browser.submitWithEnter("form[action='/min-planering/mina-uppgifter/samtycke/" + fk + "'] button[type=submit]");
        assertTrue(browser.text().contains("Ditt samtycke är tillbakataget"), browser.text());
        assertTrue(browser.findAll(lank).isEmpty());
        assertTrue(browser.find("#samtycke").getText().contains("Försäkringskassan"));
        browser.assertAccessibleAtBothSizes("mina-uppgifter-efter-sv");

        // her koordinator's start page counts the task and its work list holds it, in Arabic too
        browser.logout();
        browser.loginStaff("koordinator", se.finsam.planering.demo.DemoData.STAFF_PASSWORD);
        browser.open("/oversikt");
        browser.clickAndWait("a[href*='lista=aterkallelser']");
        assertTrue(browser.find("main").getText().contains("Försäkringskassan"), browser.find("main").getText());
        browser.assertAccessibleAtBothSizes("koordinator-uppgifter-sv");
        sprak("ar");
        browser.assertAccessibleAtBothSizes("koordinator-uppgifter-ar");
        sprak("sv");
    }
}
