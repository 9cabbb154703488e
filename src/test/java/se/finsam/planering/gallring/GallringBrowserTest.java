package se.finsam.planering.gallring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.BrowserTest;

/** The administrator's gallring page and its confirm step pass axe in Swedish, English and Arabic. */
class GallringBrowserTest extends BrowserTest {

    @Test
    void gallringssidanITreSprak() {
        browser.loginStaff("admin", DemoData.STAFF_PASSWORD);
        for (String lang : new String[] {"sv", "en", "ar"}) {
            browser.open("/admin/gallring");
            if (!browser.find("html").getAttribute("lang").equals(lang)) {
                browser.clickAndWait("button[name=sprak][value=" + lang + "]");
            }
            assertEquals(lang, browser.find("html").getAttribute("lang"));
            assertTrue(browser.findAll("#nasta-rubrik").size() == 1);
            browser.assertAccessibleAtBothSizes("gallring-" + lang);
            browser.open("/admin/gallring/kor");
            browser.assertAccessibleAtBothSizes("gallring-kor-" + lang);
        }
        // an error beside the field, focused in the summary, still accessible
        browser.open("/admin/gallring");
        browser.type("#f0-manader", "3");
        browser.clickAndWait("form[action='/admin/gallring/installning'] button[type=submit]");
        assertTrue(browser.text().contains("6") && browser.findAll(".falt--fel").size() >= 1, browser.text());
        browser.assertAccessibleAtBothSizes("gallring-fel");
    }
}
