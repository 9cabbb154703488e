package se.finsam.planering.uppfoljning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.BrowserTest;
import se.finsam.planering.testsupport.TestData;

/**
 * A handläggare takes a participant offline, records follow-ups with the server gone, and the
 * outbox delivers each exactly once when it is back, without anyone pressing anything.
 */
class UppfoljningOfflineBrowserTest extends BrowserTest {

    @org.junit.jupiter.api.BeforeEach
    void loggedOut() {
        browser.utanKakor();
        serverKlockanSomEnhetens();
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(20));
    }

    private String attr(String name) {
        return browser.find("html").getAttribute(name);
    }

    private int stored(String prefix) {
        return app.jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM uppfoljning WHERE notering_deltagare LIKE :p")
                .bind("p", prefix + "%").mapTo(Integer.class).one());
    }

    @Test
    void treUppfoljningarUtanNatKommerFramExaktEnGangNarNatetArTillbaka() {
        long deltagare = TestData.ledigDeltagareIFas(app, "uppfoljning");
        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        browser.open("/offline");
        browser.find("#offline-" + deltagare).click();
        browser.find("form[data-ta-offline] button[type=submit]").click();
        waiting().until(d -> "1".equals(attr("data-offline-klar")));
        browser.assertAccessible();
        browser.screenshot("personal-offline-valj");

        String form = "/deltagare/" + deltagare + "/uppfoljning";
        browser.open(form);
        app.stopServer();

        for (int i = 1; i <= 3; i++) {
            browser.type("#notering_deltagare", "Offline nr " + i + ": vi ses nästa vecka");
            browser.find("form[data-utkorg] button[type=submit]").click();
            int expected = i;
            waiting().until(d -> String.valueOf(expected).equals(attr("data-utkorg-vantar")));
        }
        assertTrue(browser.text().contains("Sparad i enheten"), browser.text());

        // Reload with no server: the saved page opens and the three are still waiting.
        browser.open(form);
        assertTrue(browser.find(".offline-info").isDisplayed(), "served from the device");
        waiting().until(d -> "3".equals(attr("data-utkorg-vantar")));
        assertTrue(browser.find("[data-utkorg-antal]").getText().contains("3"));
        browser.screenshot("personal-offline-utkorg");
        assertEquals(0, stored("Offline nr "));

        // The network comes back: they are sent by themselves, each once.
        app.startServerAgain();
        online();
        waiting().until(d -> "0".equals(attr("data-utkorg-vantar")));
        assertEquals(3, stored("Offline nr "));

        // Replay the same outbox as if every response had been lost: still stored once each.
        List<String> uuids = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT uuid FROM uppfoljning WHERE notering_deltagare LIKE 'Offline nr %'").mapTo(String.class).list());
        Object sent = browser.driver().executeAsyncScript("""
                const uuids = arguments[0], id = arguments[1], done = arguments[arguments.length - 1];
                const csrf = document.querySelector('input[name=_csrf]').value;
                Promise.all(uuids.map(u => FinsamUtkorg.add({ deltagareId: id, namn: 'igen', csrf: csrf,
                    falt: { uuid: u, datum: '2026-11-23', notering_deltagare: 'Offline nr x' } })))
                  .then(() => FinsamUtkorg.send(csrf)).then(r => done(r.skickade));""", uuids, deltagare);
        assertEquals(3L, ((Number) sent).longValue(), "the server answered every replay as already stored");
        assertEquals(3, stored("Offline nr "));
        assertEquals(0, stored("Offline nr x"), "a replay never changes what is stored");
    }

    @Test
    void ettHeltMotesDeltagareTasMedOfflineMedEttKryss() {
        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        browser.open("/offline");
        var grupp = browser.find("[data-mote-grupp]");
        int bokade = grupp.findElements(org.openqa.selenium.By.cssSelector("input[name=deltagare]")).size();
        assertTrue(bokade >= 1, "the coming meeting has booked participants");
        grupp.findElement(org.openqa.selenium.By.cssSelector("[data-valj-alla]")).click();
        browser.find("form[data-ta-offline] button[type=submit]").click();
        waiting().until(d -> String.valueOf(bokade).equals(attr("data-offline-klar")));
        waiting().until(d -> browser.findAll("[data-offline-lista] li").size() >= bokade);
        browser.assertAccessible();
    }

    @Test
    void ettAvvisatMeddelandeVisasMedOrsakIstalletForAttForsokasIgen() {
        long deltagare = TestData.ledigDeltagareIFas(app, "uppfoljning");
        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        browser.open("/offline");
        Object result = browser.driver().executeAsyncScript("""
                const id = arguments[0], done = arguments[arguments.length - 1];
                const csrf = document.querySelector('input[name=_csrf]').value;
                FinsamUtkorg.add({ deltagareId: id, namn: 'Trasig', csrf: csrf,
                    falt: { uuid: FinsamUtkorg.uuid(), datum: '2026-02-30', notering_intern: 'x' } })
                  .then(() => FinsamUtkorg.send(csrf)).then(r => done(r.avvisade));""", deltagare);
        assertEquals(1L, ((Number) result).longValue());
        browser.open("/offline");
        waiting().until(d -> !browser.findAll("[data-utkorg-lista] li[data-state=avvisad]").isEmpty());
        assertTrue(browser.find("[data-utkorg-lista]").getText().contains("riktigt datum"), browser.text());
        browser.find("[data-utkorg-lista] li[data-state=avvisad] button").click();
        waiting().until(d -> browser.findAll("[data-utkorg-lista] li").isEmpty());
    }

    @Test
    void utloggningMedOsandaVarnarOchRaderarInteTystTillbaka() {
        long deltagare = TestData.ledigDeltagareIFas(app, "uppfoljning");
        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        browser.open("/deltagare/" + deltagare + "/uppfoljning");
        app.stopServer();
        try {
            browser.type("#notering_deltagare", "Osänd anteckning");
            browser.find("form[data-utkorg] button[type=submit]").click();
            waiting().until(d -> "1".equals(attr("data-utkorg-vantar")));

            browser.find(".sidhuvud__ut button").click();
            Alert alert = waiting().until(ExpectedConditions.alertIsPresent());
            assertTrue(alert.getText().contains("inte skickade"), alert.getText());
            alert.dismiss();
            assertTrue(browser.driver().getCurrentUrl().endsWith("/uppfoljning"), "still here, still logged in");
            waiting().until(d -> "1".equals(attr("data-utkorg-vantar")));
        } finally {
            app.startServerAgain();
        }
        online();
        waiting().until(d -> "0".equals(attr("data-utkorg-vantar")));
        assertEquals(1, stored("Osänd anteckning"));
    }

    /** What the browser does when the network comes back. */
    private void online() {
        browser.driver().executeScript("window.dispatchEvent(new Event('online'))");
    }
}
