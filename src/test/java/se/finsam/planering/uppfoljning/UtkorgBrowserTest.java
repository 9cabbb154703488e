package se.finsam.planering.uppfoljning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.BrowserTest;
import se.finsam.planering.testsupport.TestData;

/**
 * The outbox on the device: it checks a follow-up with the server's rules before storing it, a refused record
 * can be corrected and sent again, a new login never turns waiting records into refusals, and the page hears
 * what the service worker sent.
 */
class UtkorgBrowserTest extends BrowserTest {

    @BeforeEach
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

    private Object script(String js, Object... args) {
        return browser.driver().executeAsyncScript(js, args);
    }

    private int outbox() {
        return ((Number) script("const done = arguments[arguments.length - 1];"
                + "FinsamUtkorg.all().then(r => done(r.length));")).intValue();
    }

    /** A plan item of the participant that is not rejected now, so choosing "avslagen" is a change. */
    private long punktSomInteArAvslagen(long deltagare) {
        return app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT pp.id FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                        LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
                        WHERE p.deltagare_id = :d AND pp.borttagen IS NULL
                          AND coalesce(s.status, 'ej_paborjad') <> 'avslagen'
                        ORDER BY pp.ordning, pp.id LIMIT 1""")
                .bind("d", deltagare).mapTo(Long.class).one());
    }

    private void takeOffline(long deltagare) {
        browser.open("/offline");
        browser.find("#offline-" + deltagare).click();
        browser.find("form[data-ta-offline] button[type=submit]").click();
        waiting().until(d -> "1".equals(attr("data-offline-klar")));
    }

    @Test
    void avslagenUtanOrsakStoppasIEnhetenMedSammaRegelSomServern() {
        long deltagare = TestData.deltagareIFas(app, "uppfoljning", 0);
        long punkt = punktSomInteArAvslagen(deltagare);
        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        takeOffline(deltagare);
        browser.open("/deltagare/" + deltagare + "/uppfoljning");
        app.stopServer();
        try {
            new Select(browser.find("#status_" + punkt)).selectByValue("avslagen");
            browser.find("form[data-utkorg] button[type=submit]").click();
            waiting().until(d -> !browser.findAll("[data-klientfel-sammanfattning]").isEmpty());
            assertTrue(browser.find("[data-klientfel-sammanfattning]").getText()
                    .contains("Skriv varför punkten blev avslagen"), browser.text());
            assertEquals("orsak_" + punkt + "-klientfel",
                    browser.find("#orsak_" + punkt).getAttribute("aria-describedby").trim()
                            .replaceAll(".* ", ""), "the message is beside the field, and read with it");
            assertEquals("true", browser.find("#orsak_" + punkt).getAttribute("aria-invalid"));
            assertEquals(0, outbox(), "nothing is stored that the server would refuse");
            assertFalse(browser.text().contains("Sparad i enheten"));
            browser.assertAccessible();
            browser.screenshot("utkorg-fel-i-enheten");

            browser.type("#orsak_" + punkt, "Försäkringskassan sa nej till arbetsträningen");
            browser.find("form[data-utkorg] button[type=submit]").click();
            waiting().until(d -> "1".equals(attr("data-utkorg-vantar")));
            assertTrue(browser.findAll("[data-klientfel]").isEmpty(), "the old messages are gone");
        } finally {
            app.startServerAgain();
        }
        browser.driver().executeScript("window.dispatchEvent(new Event('online'))");
        waiting().until(d -> "0".equals(attr("data-utkorg-vantar")));
        assertEquals("Försäkringskassan sa nej till arbetsträningen", app.jdbi().withHandle(h -> h.createQuery(
                        "SELECT orsak FROM uppfoljning_status WHERE planpunkt_id = :p AND status = 'avslagen'")
                .bind("p", punkt).mapTo(String.class).one()));
    }

    @Test
    void enAvvisadPostOppnasRattasOchSkickasIgenUtanDubblett() {
        long deltagare = TestData.deltagareIFas(app, "uppfoljning", 1);
        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        browser.open("/offline");
        String uuid = (String) script("""
                const id = arguments[0], done = arguments[arguments.length - 1];
                const uuid = FinsamUtkorg.uuid();
                FinsamUtkorg.add({ deltagareId: id, namn: 'Rättas',
                    falt: { uuid: uuid, datum: '2026-02-30', notering_intern: 'Ringde om praktikplatsen' } })
                  .then(() => FinsamUtkorg.send()).then(() => done(uuid));""", deltagare);
        browser.open("/offline");
        waiting().until(d -> !browser.findAll("[data-utkorg-lista] li[data-state=avvisad] a").isEmpty());
        browser.assertAccessible();
        browser.clickAndWait("[data-utkorg-lista] li[data-state=avvisad] a");
        waiting().until(d -> uuid.equals(attr("data-utkorg-rattas")));
        assertTrue(browser.find("[data-utkorg-meddelande]").getText().contains("riktigt datum"), browser.text());
        assertEquals("Ringde om praktikplatsen", browser.find("#notering_intern").getAttribute("value"),
                "what was typed is back in the form");
        browser.screenshot("utkorg-rattas");
        browser.driver().executeScript("document.getElementById('datum').value = '2026-11-20'");
        browser.clickAndWait("form[data-utkorg] button[type=submit]");
        assertEquals(1, (int) app.jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM uppfoljning WHERE uuid = :u AND notering_intern = 'Ringde om praktikplatsen'")
                .bind("u", uuid).mapTo(Integer.class).one()), "stored once, under the record's own UUID");
        assertEquals(0, outbox());
    }

    @Test
    void nyInloggningGorInteVantandePosterTillAvvisade() {
        long deltagare = TestData.deltagareIFas(app, "uppfoljning", 2);
        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        browser.open("/offline");
        String gammal = browser.find("input[name=_csrf]").getAttribute("value");
        browser.logout();
        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        browser.open("/offline");

        // A record from before the new login, sent the way the service worker sends: with no page token at hand.
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) script("""
                const id = arguments[0], old = arguments[1], done = arguments[arguments.length - 1];
                FinsamUtkorg.add({ deltagareId: id, namn: 'Gammal', csrf: old,
                    falt: { uuid: FinsamUtkorg.uuid(), datum: '2026-11-20', notering_intern: 'Före ny inloggning' } })
                  .then(() => FinsamUtkorg.send()).then(done);""", deltagare, gammal);
        assertEquals(1L, ((Number) result.get("skickade")).longValue(), result.toString());
        assertEquals(0L, ((Number) result.get("avvisade")).longValue(), "a token problem is never a refusal");

        // The session runs out: the records wait, Background Sync is told to try again, nothing is refused.
        app.jdbi().useHandle(h -> h.execute("DELETE FROM session"));
        @SuppressWarnings("unchecked")
        Map<String, Object> utan = (Map<String, Object>) script("""
                const id = arguments[0], done = arguments[arguments.length - 1];
                FinsamUtkorg.add({ deltagareId: id, namn: 'Utloggad',
                    falt: { uuid: FinsamUtkorg.uuid(), datum: '2026-11-20', notering_intern: 'Efter utloggning' } })
                  .then(() => FinsamUtkorg.sync()).then(() => done({ synk: 'klar' }), e => done({ synk: 'igen' }))
                  .then(() => {});""", deltagare);
        assertEquals("igen", utan.get("synk"), "Background Sync is asked to retry while records remain");
        String state = (String) script("const done = arguments[arguments.length - 1];"
                + "FinsamUtkorg.all().then(r => done(r.map(x => x.state).join(',')));");
        assertEquals("vantar", state);

        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        waiting().until(d -> "0".equals(attr("data-utkorg-vantar")));
        assertEquals(1, (int) app.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM uppfoljning WHERE notering_intern = 'Efter utloggning'")
                .mapTo(Integer.class).one()), "sent after logging in again");
    }

    @Test
    void sidanHorAttServiceWorkernSkickatOchVisarAttDenArAnsluten() {
        long deltagare = TestData.deltagareIFas(app, "uppfoljning", 3);
        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        takeOffline(deltagare);
        String form = "/deltagare/" + deltagare + "/uppfoljning";
        browser.open(form);
        app.stopServer();
        try {
            script("""
                    const id = arguments[0], done = arguments[arguments.length - 1];
                    FinsamUtkorg.add({ deltagareId: id, namn: 'SW',
                        falt: { uuid: FinsamUtkorg.uuid(), datum: '2026-11-20', notering_intern: 'Skickad av arbetaren' } })
                      .then(() => done());""", deltagare);
            browser.open(form);
            assertTrue(browser.find(".offline-info").isDisplayed(), "served from the device");
            waiting().until(d -> "1".equals(attr("data-utkorg-vantar")));
        } finally {
            app.startServerAgain();
        }
        // The service worker sends it, as when Background Sync fires (the browser schedules that event itself, minutes
        // later after a failed try, so the test asks the worker directly); the page itself sends nothing.
        script("""
                const done = arguments[arguments.length - 1];
                navigator.serviceWorker.ready.then(r => r.active.postMessage('utkorg')).then(() => done(), () => done());""");
        waiting().until(d -> "0".equals(attr("data-utkorg-vantar")));
        assertEquals(1, (int) app.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM uppfoljning WHERE notering_intern = 'Skickad av arbetaren'")
                .mapTo(Integer.class).one()));
        waiting().until(d -> !browser.find(".offline-info").isDisplayed());
        assertEquals(null, attr("data-offline"), "the page knows the network is back");
        assertEquals("true", attr("data-ansluten"));
    }
}
