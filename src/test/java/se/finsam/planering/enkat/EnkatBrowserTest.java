package se.finsam.planering.enkat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import se.finsam.planering.testsupport.Browser;
import se.finsam.planering.testsupport.BrowserTest;
import se.finsam.planering.testsupport.TestData;

/** "Vad tycker du?" in Chromium: the demo's Arabic-speaking participant answers on a phone, with the keyboard. */
class EnkatBrowserTest extends BrowserTest {

    private static final String PIN = "482915";
    private static final String SIDA = "/min-planering/enkat/forsta_uppfoljning";
    private static final String WIDEST = """
            const w = document.documentElement.clientWidth;
            return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1)
                .slice(0, 5).map(e => e.tagName + '.' + e.className).join(', ');""";

    private void ingenSidledsRullning(String vad) {
        Object rullar = browser.driver().executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
        assertEquals(Boolean.FALSE, rullar, vad + " scrolls sideways: " + browser.driver().executeScript(WIDEST));
    }

    /** Answers this year by a man, on the second step. */
    private static int andraSteg() {
        return app.jdbi().withHandle(h -> h.createQuery("""
                SELECT count(*) FROM enkat_svarsrad r JOIN enkat_svar s ON s.id = r.svar_id
                WHERE s.kon = 'man' AND s.ar = 2026 AND r.varde = 2""").mapTo(Integer.class).one());
    }

    @Test
    void denArabisktalandeDeltagarenSvararPaTelefonenMedTangentbordet() {
        long ahmed = TestData.deltagare(app).iTeam("Jobbtorg Kista").talar("ar").iFas("uppfoljning").utanKonto()
                .medNamn().hamta();
        // His koordinator records his follow-up: the occasion asks him.
        se.finsam.planering.testsupport.HttpSession k = app.session().loginStaff("koordinator");
        String uppf = k.get("/deltagare/" + ahmed + "/uppfoljning").body();
        assertEquals(302, k.post("/deltagare/" + ahmed + "/uppfoljning", java.util.Map.of("uuid",
                se.finsam.planering.testsupport.HttpSession.value(uppf, "input[name=uuid]"), "datum", "2026-11-23",
                "notering_intern", "Uppföljning")).statusCode());
        assertEquals(1, (int) app.jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM enkat_inbjudan WHERE deltagare_id = :d AND tillfalle = 'forsta_uppfoljning'")
                .bind("d", ahmed).mapTo(Integer.class).one()), "asked at his follow-up");
        String anvandarnamn = TestData.kontoMedPin(app, ahmed, PIN);
        browser.size(Browser.DESKTOP);
        browser.utanKakor();
        browser.open("/logga-in/deltagare");
        browser.type("#anvandarnamn", anvandarnamn);
        browser.type("#pin", PIN);
        browser.submitWithEnter("#pin");

        // The page in each language: axe at both sizes, nothing wider than a 360 px phone.
        for (String lang : List.of("sv", "en", "ar")) {
            browser.open(SIDA);
            if (!lang.equals(browser.find("html").getAttribute("lang"))) {
                browser.clickAndWait("button[name=sprak][value=" + lang + "]");
                browser.open(SIDA);
            }
            assertEquals(lang, browser.find("html").getAttribute("lang"));
            assertEquals(lang.equals("ar") ? "rtl" : "ltr", browser.find("html").getAttribute("dir"));
            browser.assertAccessibleAtBothSizes("enkat-" + lang);
            browser.size(Browser.PHONE);
            ingenSidledsRullning(SIDA + " in " + lang);
            browser.open("/min-planering");
            assertTrue(browser.find("#vad-tycker-du h2").getText().equals(
                    switch (lang) {
                        case "sv" -> "Vad tycker du?";
                        case "en" -> "What do you think?";
                        default -> "ما رأيك؟";
                    }), browser.find("#vad-tycker-du").getText());
            browser.assertAccessible();
            ingenSidledsRullning("/min-planering in " + lang);
            browser.size(Browser.DESKTOP);
        }

        // In Arabic, on the phone: the questions right to left, each answered from the keyboard.
        browser.size(Browser.PHONE);
        browser.open("/min-planering");
        browser.find("#vad-tycker-du a").sendKeys(Keys.ENTER);
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(15))
                .until(d -> d.getCurrentUrl().endsWith(SIDA));
        assertTrue(browser.text().contains("أفهم ما هو مكتوب في خطتي."), browser.text());
        List<WebElement> grupper = browser.findAll("form.enkat fieldset");
        assertEquals(5, grupper.size());
        for (WebElement grupp : grupper) {
            // Space chooses the first step; the arrow key moves to the next, as in any group of radio buttons.
            WebElement forsta = grupp.findElement(org.openqa.selenium.By.cssSelector("input[type=radio]"));
            forsta.sendKeys(Keys.SPACE);
            forsta.sendKeys(Keys.ARROW_DOWN);
        }
        assertEquals(5, browser.findAll("form.enkat input[type=radio]:checked").size());
        assertEquals("2", browser.find("form.enkat input[type=radio]:checked").getAttribute("value"));
        browser.wholePageOnPhone("enkat-ar-360");
        browser.assertAccessible();
        int fore = app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM enkat_svar").mapTo(Integer.class).one());
        int andraFore = andraSteg();
        browser.submitWithEnter("form.enkat input[type=radio]:checked");
        assertTrue(browser.driver().getCurrentUrl().endsWith("/min-planering"), browser.driver().getCurrentUrl());
        assertTrue(browser.text().contains("شكراً لإجاباتك!"), browser.text());
        assertTrue(browser.findAll("#vad-tycker-du").isEmpty());
        browser.screenshot("enkat-ar-tack-360");
        assertEquals(fore + 1, (int) app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM enkat_svar")
                .mapTo(Integer.class).one()));
        assertEquals(andraFore + 5, andraSteg(), "his five answers, the second step each");
    }

    @Test
    void resultatenOchAdministratorensSidorArTillgangliga() {
        browser.size(Browser.DESKTOP);
        browser.utanKakor();
        browser.loginStaff("styrgrupp", se.finsam.planering.demo.DemoData.STAFF_PASSWORD);
        browser.open("/enkater?ar=2025&band=tioar");
        assertEquals(15, browser.findAll("table.tabell").size(), "five questions by team, kön and age band");
        browser.assertAccessibleAtBothSizes("enkat-resultat");
        browser.logout();
        browser.loginStaff("admin", se.finsam.planering.demo.DemoData.STAFF_PASSWORD);
        for (String sida : List.of("/admin/enkater", "/admin/enkater/ny")) {
            browser.open(sida);
            browser.assertAccessibleAtBothSizes("enkat-admin" + sida.replace('/', '-'));
        }
        browser.open("/admin/enkater");
        browser.clickAndWait("#enkater a");
        assertTrue(browser.text().contains("Jag förstår vad som står i min planering."), browser.text());
        browser.assertAccessibleAtBothSizes("enkat-admin-formular");
        browser.logout();
    }
}
