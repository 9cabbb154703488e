package se.finsam.planering.uppfoljning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.Browser;
import se.finsam.planering.testsupport.BrowserTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * The forms asked for in a long list: the follow-up overview has one form for marking an escalation handled, which
 * the pressed link puts below its own escalation, and the start page one for sending an item back. Each posts for
 * the row it was opened on, works from the keyboard, and passes axe in Swedish and Arabic on a phone.
 */
class FormularPaBegaranBrowserTest extends BrowserTest {

    private static long eskalera(HttpSession k, long deltagare, String varfor) {
        k.get("/deltagare/" + deltagare + "/uppfoljning");
        String uuid = java.util.UUID.randomUUID().toString();
        assertEquals(302, k.post("/deltagare/" + deltagare + "/uppfoljning", Map.of("uuid", uuid,
                "datum", "2026-11-20", "notering_intern", varfor, "eskalera", "on")).statusCode());
        return app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM uppfoljning WHERE uuid = :u")
                .bind("u", uuid).mapTo(Long.class).one());
    }

    private static List<String> hanterade(long eskalering) {
        return app.jdbi().withHandle(h -> h.createQuery(
                        "SELECT notering FROM eskalering_hanterad WHERE uppfoljning_id = :u")
                .bind("u", eskalering).mapTo(String.class).list());
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(10));
    }

    private static String focused() {
        return (String) browser.driver().executeScript("return document.activeElement.id;");
    }

    private static void sprak(String lang) {
        if (!browser.find("html").getAttribute("lang").equals(lang)) {
            browser.clickAndWait("button[name=sprak][value=" + lang + "]");
        }
        assertEquals(lang, browser.find("html").getAttribute("lang"));
    }

    @Test
    void detDeladeFormularetMarkerarDenEskaleringDessLankTrycktes() {
        HttpSession k = app.session().loginStaff("koordinator");
        long forsta = eskalera(k, TestData.deltagareIFas(app, "uppfoljning", 0), "Första eskaleringen i testet");
        long andra = eskalera(k, TestData.deltagareIFas(app, "uppfoljning", 1), "Andra eskaleringen i testet");

        browser.utanKakor();
        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        browser.open("/uppfoljning");
        assertTrue(browser.findAll("[data-eskalering] textarea").isEmpty(), "no form until one is asked for");
        WebElement lank = browser.find("[data-eskalering='" + andra + "'] a[data-formular]");
        assertEquals("false", lank.getAttribute("aria-expanded"));
        lank.sendKeys(Keys.ENTER);
        waiting().until(d -> ("hanterad-" + andra).equals(focused()));
        assertEquals("true", lank.getAttribute("aria-expanded"));
        assertEquals(1, browser.findAll("[data-eskalering] form").size(), "one form, below the pressed link");
        WebElement form = browser.find("#hantera-" + andra + " form");
        assertTrue(form.getAttribute("action").endsWith("/uppfoljning/eskalering/" + andra + "/hanterad"));
        assertEquals("hanterad-" + andra, browser.find("#hantera-" + andra + " label").getAttribute("for"));
        assertEquals("auto", browser.find("#hanterad-" + andra).getAttribute("dir"));
        browser.assertAccessible();

        // A second press closes it again, and opens it again.
        lank.sendKeys(Keys.ENTER);
        waiting().until(d -> browser.findAll("#hantera-" + andra + " form").isEmpty());
        assertEquals("false", lank.getAttribute("aria-expanded"));
        lank.sendKeys(Keys.ENTER);
        waiting().until(d -> ("hanterad-" + andra).equals(focused()));

        // Submitted empty, the browser stops it (required); the server's own message is tested over HTTP.
        browser.find("#hanterad-" + andra).sendKeys("Ringde handläggaren, löst");
        browser.clickAndWait(browser.find("#hantera-" + andra + " button[type=submit]"));
        assertTrue(browser.driver().getCurrentUrl().contains("/uppfoljning"), browser.driver().getCurrentUrl());
        assertEquals(List.of("Ringde handläggaren, löst"), hanterade(andra), "the escalation whose link was pressed");
        assertTrue(hanterade(forsta).isEmpty(), "the other one is untouched");
        assertTrue(browser.findAll("[data-eskalering='" + andra + "']").isEmpty(), "it left the list");
        assertFalse(browser.findAll("[data-eskalering='" + forsta + "']").isEmpty(), "the other one is still there");

        browser.size(Browser.PHONE);
        sprak("ar");
        browser.open("/uppfoljning");
        browser.find("[data-eskalering='" + forsta + "'] a[data-formular]").click();
        waiting().until(d -> ("hanterad-" + forsta).equals(focused()));
        assertEquals("rtl", browser.find("html").getAttribute("dir"));
        browser.assertAccessible();
        browser.screenshot("uppfoljning-eskalering-hantera-ar-mobil");
        sprak("sv");
        browser.size(Browser.DESKTOP);
    }

    @Test
    void startsidanOppnarFormularetForAttSkickaTillbakaDenPunktLankenHorTill() {
        browser.utanKakor();
        browser.loginStaff("handlaggare", DemoData.STAFF_PASSWORD);
        browser.open("/oversikt");
        List<WebElement> lankar = browser.findAll(".overlamning a[data-formular]");
        assertFalse(lankar.isEmpty(), "the demo handläggare has items to acknowledge");
        assertTrue(browser.findAll(".overlamning textarea").isEmpty(), "no form until one is asked for");
        WebElement sista = lankar.get(lankar.size() - 1);
        String id = sista.getAttribute("data-id");
        sista.sendKeys(Keys.ENTER);
        waiting().until(d -> ("orsak-" + id).equals(focused()));
        assertTrue(browser.find("#avvisa-" + id + " form").getAttribute("action").endsWith("/overlamning/" + id + "/avvisa"));
        browser.assertAccessibleAtBothSizes("oversikt-skicka-tillbaka");
        browser.size(Browser.PHONE);
        sprak("ar");
        browser.open("/oversikt");
        browser.assertAccessible();
        browser.screenshot("oversikt-handlaggare-ar-mobil");
        sprak("sv");
        browser.size(Browser.DESKTOP);
    }
}
