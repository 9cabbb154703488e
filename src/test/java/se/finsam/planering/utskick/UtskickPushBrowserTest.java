package se.finsam.planering.utskick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.testsupport.BrowserTest;
import se.finsam.planering.testsupport.TestData;

/**
 * Notifications from her message choices in headless Chromium: the page says what this browser can do (on, off,
 * blocked, no Push API, an iPhone not started from the home screen), and turning them on posts the subscription
 * the browser made, which the server keeps. No push service can be reached from here (Chromium's needs the
 * internet), so the step where Chromium asks its push service for a subscription fails, and the page says so; the
 * test then stands in for the push service by giving the page's PushManager a subscription of the test's own
 * making. Axe on the page in Swedish, English and Arabic.
 */
class UtskickPushBrowserTest extends BrowserTest {

    private static final String PIN = "264019";
    private static final String SIDA = "/min-planering/mina-uppgifter/meddelanden";

    private String tillstand() {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> {
            String t = browser.find("[data-push]").getAttribute("data-push-tillstand");
            return t != null && !t.isEmpty();
        });
        return browser.find("[data-push]").getAttribute("data-push-tillstand");
    }

    private String visadText() {
        return browser.findAll("[data-push-lage]").stream().filter(e -> e.isDisplayed()).map(e -> e.getText())
                .reduce("", String::concat);
    }

    private void tillatelse(String setting) {
        browser.driver().executeCdpCommand("Browser.setPermission", Map.of(
                "permission", Map.of("name", "notifications"), "setting", setting, "origin", app.url("")));
    }

    private void valjSprak(String kod) {
        if (!browser.find("html").getAttribute("lang").equals(kod)) {
            browser.clickAndWait("form[action='/sprak'] button[value='" + kod + "']");
        }
    }

    @Test
    void honSlarPaNotiserOchSidanSagerArligtNarWebblasarenInteKan() throws Exception {
        long d = TestData.deltagare(app).iTeam("Jobbtorg Kista").talar("sv").hamta();
        String user = TestData.kontoMedPin(app, d, PIN);
        long anvandare = app.jdbi().withHandle(h -> h.createQuery("SELECT anvandare_id FROM deltagare WHERE id = :d")
                .bind("d", d).mapTo(Long.class).one());
        Texter sv = Texter.of("sv");
        browser.utanKakor();
        browser.open("/logga-in/deltagare");
        browser.type("#anvandarnamn", user);
        browser.type("#pin", PIN);
        browser.submitWithEnter("#pin");

        tillatelse("granted");
        browser.open(SIDA);
        assertEquals("av", tillstand(), visadText());
        assertEquals(sv.get("utskick.push.av"), visadText());
        assertTrue(browser.find("[data-push-pa]").isDisplayed());
        assertFalse(browser.find("[data-push-lage=utanskript]").isDisplayed(), "the script runs here");
        assertTrue(browser.text().contains(sv.get("utskick.push.inga")));

        // Chromium's push service cannot be reached from here: the page says it did not work.
        browser.find("[data-push-pa]").click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(45)).until(x -> "misslyckades".equals(
                browser.find("[data-push]").getAttribute("data-push-tillstand")));
        assertEquals(sv.get("utskick.push.misslyckades"), visadText());
        assertTrue(browser.find("[data-push-pa]").isDisplayed(), "she can try again");

        // The push service stood in for: the subscription the browser would have made, with the test's keys.
        LokalPushtjanst.Prenumeration p;
        try (LokalPushtjanst nycklar = new LokalPushtjanst()) {
            p = nycklar.nyPrenumeration();
        }
        String endpoint = "https://fcm.googleapis.com/fcm/send/test-" + d;
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
        assertEquals(1, hennes.size());
        assertEquals(endpoint, hennes.get(0).endpoint());
        assertEquals(p.p256dh(), hennes.get(0).p256dh());
        assertEquals(p.authB64(), hennes.get(0).auth());
        // This browser has no subscription of its own (the stand-in is gone with the page): it counts as off here.
        assertEquals("av", tillstand());

        for (String sprak : List.of("sv", "en", "ar")) {
            valjSprak(sprak);
            browser.assertAccessibleAtBothSizes("utskick-push-" + sprak);
        }
        valjSprak("sv");

        // Turned off in every browser, with the plain form.
        browser.clickAndWait("form[action='" + SIDA + "/push/av'] button");
        assertTrue(browser.text().contains(sv.get("flash.utskick.push.av")));
        assertEquals(0, app.app().utskick().pushRepo().antal(anvandare));

        // Blocked in the browser's settings.
        tillatelse("denied");
        browser.open(SIDA);
        assertEquals("nekad", tillstand());
        assertEquals(sv.get("utskick.push.nekad"), visadText());
        assertFalse(browser.find("[data-push-pa]").isDisplayed());

        // A browser without the Push API; and an iPhone's Safari, which has it only for an app on the home screen.
        Object skript = browser.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", "delete window.PushManager;")).get("identifier");
        try {
            tillatelse("granted");
            browser.open(SIDA);
            assertEquals("stodsinte", tillstand());
            assertEquals(sv.get("utskick.push.stodsinte"), visadText());
            browser.driver().executeCdpCommand("Emulation.setUserAgentOverride", Map.of("userAgent",
                    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                            + " Version/17.5 Mobile/15E148 Safari/604.1"));
            browser.open(SIDA);
            assertEquals("ios", tillstand());
            assertEquals(sv.get("utskick.push.ios"), visadText());
            browser.assertAccessibleAtBothSizes("utskick-push-ios");
        } finally {
            browser.driver().executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", skript));
            browser.driver().executeCdpCommand("Emulation.setUserAgentOverride", Map.of("userAgent", ""));
        }
    }

    /**
     * The service worker's side: a push arrives (delivered as DevTools delivers one, since no push service can be
     * reached here) with the payload the server makes, and the worker shows it as a notification with its title and
     * neutral text, in her language.
     */
    @Test
    void arbetarenVisarNotisenMedTextenUrMeddelandet() {
        long d = TestData.deltagare(app).iTeam("Jobbtorg Kista").talar("ar").hamta();
        String user = TestData.kontoMedPin(app, d, PIN);
        browser.utanKakor();
        browser.open("/logga-in/deltagare");
        browser.type("#anvandarnamn", user);
        browser.type("#pin", PIN);
        browser.submitWithEnter("#pin");
        tillatelse("granted");
        browser.open(SIDA);
        tillstand();
        Texter ar = Texter.of("ar");
        String payload = new String(Pushsandare.innehall(ar.get("utskick.amne"), ar.get("utskick.push.besked")),
                java.nio.charset.StandardCharsets.UTF_8);
        // DevTools names the worker's registration by an id it does not tell without its events; the profile's
        // first few are tried (a push to an id that is not there goes nowhere).
        browser.driver().executeCdpCommand("ServiceWorker.enable", Map.of());
        boolean levererad = false;
        String fel = "";
        for (int id = 0; id < 10; id++) {
            try {
                browser.driver().executeCdpCommand("ServiceWorker.deliverPushMessage", Map.of(
                        "origin", app.url(""), "registrationId", String.valueOf(id), "data", payload));
                levererad = true;
            } catch (org.openqa.selenium.WebDriverException e) {
                // not this registration
                fel = e.getMessage().lines().findFirst().orElse("");
            }
        }
        assertTrue(levererad, "DevTools delivered the push to the worker: " + fel);
        Object visade = new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(x -> {
            Object n = browser.driver().executeAsyncScript("""
                    var klar = arguments[arguments.length - 1];
                    navigator.serviceWorker.ready.then(function (r) { return r.getNotifications(); })
                      .then(function (n) { klar(n.length ? n[0].title + '|' + n[0].body + '|' + n[0].data.url : null); })
                      .catch(function (e) { klar(null); });""");
            return n;
        });
        assertEquals(ar.get("utskick.amne") + "|" + ar.get("utskick.push.besked") + "|/", visade);
    }
}
