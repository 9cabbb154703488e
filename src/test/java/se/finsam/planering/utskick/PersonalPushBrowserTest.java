package se.finsam.planering.utskick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.testsupport.BrowserTest;

/**
 * A handläggare turns notifications on from her account page in headless Chromium, with the participant's script:
 * it posts the subscription to the staff page's own address, the server keeps it, and notifications become her
 * channel. Chromium's push service needs the internet, so the test stands in for it by giving the page's
 * PushManager a subscription of its own making (as the participant's browser test does). Axe on the page.
 */
class PersonalPushBrowserTest extends BrowserTest {

    private static final String SIDA = "/konto/meddelanden";

    private String tillstand() {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> {
            String t = browser.find("[data-push]").getAttribute("data-push-tillstand");
            return t != null && !t.isEmpty();
        });
        return browser.find("[data-push]").getAttribute("data-push-tillstand");
    }

    @Test
    void handlaggarenSlarPaNotiserFranSittKonto() throws Exception {
        long anvandare = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM anvandare WHERE anvandarnamn = 'soc.handlaggare'").mapTo(Long.class).one());
        Texter sv = Texter.of("sv");
        browser.utanKakor();
        browser.loginStaff("soc.handlaggare", DemoData.STAFF_PASSWORD);
        browser.driver().executeCdpCommand("Browser.setPermission", Map.of(
                "permission", Map.of("name", "notifications"), "setting", "granted", "origin", app.url("")));
        browser.open(SIDA);
        assertEquals("av", tillstand());
        assertTrue(browser.find("[data-push-pa]").isDisplayed());

        LokalPushtjanst.Prenumeration p;
        try (LokalPushtjanst nycklar = new LokalPushtjanst()) {
            p = nycklar.nyPrenumeration();
        }
        String endpoint = "https://fcm.googleapis.com/fcm/send/personal-test";
        browser.driver().executeScript("""
                var endpoint = arguments[0], p256dh = arguments[1], auth = arguments[2];
                PushManager.prototype.subscribe = function (options) {
                  window.nyckelFranSidan = btoa(String.fromCharCode.apply(null, new Uint8Array(options.applicationServerKey)));
                  return Promise.resolve({ endpoint: endpoint, unsubscribe: function () { return Promise.resolve(true); },
                    toJSON: function () { return { endpoint: endpoint, keys: { p256dh: p256dh, auth: auth } }; } });
                };""", endpoint, p.p256dh(), p.authB64());
        browser.clickAndWait("[data-push-pa]");

        assertTrue(browser.text().contains(sv.get("flash.utskick.push.pa")), browser.text());
        assertTrue(browser.text().contains(sv.get("utskick.push.antal", 1)), browser.text());
        List<PushRepository.Prenumeration> hennes = app.app().utskick().pushRepo().hennes(anvandare);
        assertEquals(1, hennes.size(), "posted to /konto/meddelanden/push and kept for her");
        assertEquals(endpoint, hennes.get(0).endpoint());
        assertEquals(p.p256dh(), hennes.get(0).p256dh());
        assertTrue(browser.find("#kanal-push").isSelected(), "notifications are now her channel");
        browser.assertAccessibleAtBothSizes("personal-push");

        browser.clickAndWait("form[action='" + SIDA + "/push/av'] button");
        assertTrue(browser.text().contains(sv.get("flash.utskick.push.av")));
        assertEquals(0, app.app().utskick().pushRepo().antal(anvandare));
        assertEquals(SIDA, java.net.URI.create(browser.driver().getCurrentUrl()).getPath());
    }
}
