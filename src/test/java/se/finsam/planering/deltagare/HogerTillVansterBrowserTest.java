package se.finsam.planering.deltagare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import se.finsam.planering.testsupport.Browser;
import se.finsam.planering.testsupport.BrowserTest;
import se.finsam.planering.testsupport.TestData;

/**
 * Arabic is written right to left, but phone numbers, e-mail addresses, addresses on the web and Swedish
 * names inside an Arabic sentence are not: they must read the same as on paper, in Chromium's real layout.
 */
class HogerTillVansterBrowserTest extends BrowserTest {

    static final String PIN = "530917";
    static final String NUMMER = "08-508 120 19";
    static final String ARABISKT_NAMN = "سارة حسن";
    static long deltagare;
    static String anvandarnamn;

    /** The left edge of each run of digits in the element, in the order they are written. */
    static final String SIFFERGRUPPER = """
            const walker = document.createTreeWalker(arguments[0], NodeFilter.SHOW_TEXT);
            const xs = [];
            let node;
            while ((node = walker.nextNode())) {
              for (const m of node.data.matchAll(/[0-9]+/g)) {
                const r = document.createRange();
                r.setStart(node, m.index);
                r.setEnd(node, m.index + m[0].length);
                xs.push(r.getBoundingClientRect().left);
              }
            }
            return xs;""";

    /** The left edges of the first and the last character of the element's text. */
    static final String FORSTA_OCH_SISTA = """
            const walker = document.createTreeWalker(arguments[0], NodeFilter.SHOW_TEXT);
            const nodes = [];
            let node;
            while ((node = walker.nextNode())) { if (node.data.trim()) nodes.push(node); }
            const edge = (n, i) => { const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
                                     return r.getBoundingClientRect().left; };
            const first = nodes[0], last = nodes[nodes.length - 1];
            return [edge(first, first.data.search(/\\S/)), edge(last, last.data.trimEnd().length - 1)];""";

    @BeforeAll
    static void deltagareMedKontakter() {
        deltagare = TestData.deltagareIFas(app, "uppfoljning", 0);
        anvandarnamn = TestData.kontoMedPin(app, deltagare, PIN);
        // She gets a new regional contact: the one she had ends the day before, as a change of contact does.
        app.jdbi().useHandle(h -> h.createUpdate("""
                        UPDATE kontaktperson SET till_datum =
                            CASE WHEN fran_datum > '2026-09-30' THEN fran_datum ELSE '2026-09-30' END
                        WHERE deltagare_id = :d AND till_datum IS NULL
                          AND organisation_id = (SELECT id FROM organisation WHERE kod = 'REGION')""")
                .bind("d", deltagare).execute());
        app.jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO kontaktperson (deltagare_id, organisation_id, namn, titel, telefon, epost, fran_datum)
                        VALUES (:d, (SELECT id FROM organisation WHERE kod = 'REGION'), :n, 'Kurator', :t,
                                'sara.hassan@example.se', '2026-10-01')""")
                .bind("d", deltagare).bind("n", ARABISKT_NAMN).bind("t", NUMMER).execute());
        // A coming meeting, so that the meeting page has something to show.
        app.jdbi().useHandle(h -> {
            long mote = h.createUpdate("""
                            INSERT INTO mote (team_id, start, slut, plats)
                            SELECT team_id, '2026-12-08T09:00', '2026-12-08T12:00', 'Kistagången 20 B, plan 4, 164 40 Kista'
                            FROM deltagare WHERE id = :d""")
                    .bind("d", deltagare).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("""
                            INSERT INTO mote_deltagare (mote_id, deltagare_id, tid, ta_med)
                            VALUES (:m, :d, '2026-12-08T09:45', 'Legitimation och ditt senaste läkarintyg (om du har det)')""")
                    .bind("m", mote).bind("d", deltagare).execute();
        });
        // Someone on the staff looks, so that "Vem har tittat" has a name to show.
        assertEquals(200, app.session().loginStaff("koordinator").get("/deltagare/" + deltagare).statusCode());
    }

    @BeforeEach
    void loggaIn() {
        browser.size(Browser.DESKTOP);
        browser.utanKakor();
        browser.open("/logga-in/deltagare");
        browser.type("#anvandarnamn", anvandarnamn);
        browser.type("#pin", PIN);
        browser.submitWithEnter("#pin");
        assertTrue(browser.driver().getCurrentUrl().endsWith("/min-planering"), browser.driver().getCurrentUrl());
    }

    private void sprak(String lang) {
        if (!browser.find("html").getAttribute("lang").equals(lang)) {
            browser.clickAndWait("button[name=sprak][value=" + lang + "]");
        }
        assertEquals(lang, browser.find("html").getAttribute("lang"));
    }

    @SuppressWarnings("unchecked")
    private List<Number> script(String js, WebElement element) {
        return (List<Number>) browser.driver().executeScript(js, element);
    }

    /** The digit groups of a phone number stand left to right in the order they are written. */
    private void lasesFranVansterTillHoger(WebElement nummer, String var) {
        List<Number> xs = script(SIFFERGRUPPER, nummer);
        assertTrue(xs.size() >= 1, var + ": no digits in " + nummer.getText());
        for (int i = 1; i < xs.size(); i++) {
            assertTrue(xs.get(i - 1).doubleValue() < xs.get(i).doubleValue(),
                    var + ": " + nummer.getText() + " is shown with its digit groups in the order " + xs);
        }
        assertIsoleradVansterTillHoger(nummer, var);
    }

    private void assertIsoleradVansterTillHoger(WebElement element, String var) {
        assertEquals("ltr", element.getCssValue("direction"), var + ": " + element.getText());
        assertEquals("isolate", element.getCssValue("unicode-bidi"), var + ": " + element.getText());
    }

    @Test
    void telefonnummerLasesFranVansterTillHogerPaArabiskaPaKortenKnapparnaOchUtskriften() {
        sprak("ar");
        browser.size(Browser.PHONE);
        browser.open("/min-planering/kontakter");
        List<WebElement> knappar = browser.findAll("a.knapp--ring");
        assertFalse(knappar.isEmpty());
        boolean sett = false;
        for (WebElement knapp : knappar) {
            assertTrue(knapp.getAttribute("href").matches("tel:\\+?[0-9]+"), knapp.getAttribute("href"));
            WebElement nummer = knapp.findElement(org.openqa.selenium.By.cssSelector(".telefon"));
            lasesFranVansterTillHoger(nummer, "call button");
            sett |= nummer.getText().equals(NUMMER);
        }
        assertTrue(sett, "the number is written out on its call button");
        for (WebElement vaxel : browser.findAll(".kort__vaxel .telefon")) {
            lasesFranVansterTillHoger(vaxel, "switchboard");
        }
        for (WebElement epost : browser.findAll("a.epost")) {
            List<Number> kanter = script(FORSTA_OCH_SISTA, epost);
            assertTrue(kanter.get(0).doubleValue() < kanter.get(1).doubleValue(), epost.getText() + " " + kanter);
            assertIsoleradVansterTillHoger(epost, "e-mail");
        }
        browser.assertAccessible();
        browser.screenshot("rtl-ar-telefon-kontakter");

        // The printed plan: the same numbers in the contact table, and the address under the QR code.
        browser.size(Browser.DESKTOP);
        browser.open("/min-planering");
        browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            List<WebElement> tryckta = browser.findAll(".utskrift-telefon .telefon");
            assertTrue(tryckta.stream().anyMatch(e -> e.getText().equals(NUMMER)));
            for (WebElement nummer : tryckta) {
                lasesFranVansterTillHoger(nummer, "printed plan");
            }
            WebElement url = browser.find(".utskrift-qr .url");
            assertTrue(url.getText().startsWith("http"), url.getText());
            List<Number> kanter = script(FORSTA_OCH_SISTA, url);
            assertTrue(kanter.get(0).doubleValue() < kanter.get(1).doubleValue(),
                    "the address under the QR code starts at the left: " + kanter);
            assertIsoleradVansterTillHoger(url, "QR address");
        } finally {
            browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    @Test
    void namnStarIsoleradeSaAttArabiskaNamnInteVanderSvenskText() {
        sprak("sv");
        browser.open("/min-planering/kontakter");
        List<WebElement> namn = browser.findAll(".kontakt__namn");
        assertEquals(namn.size(), browser.findAll(".kontakt__namn > bdi").size(), "every contact's name is isolated");
        WebElement sara = namn.stream().filter(e -> e.getText().equals(ARABISKT_NAMN)).findFirst().orElseThrow()
                .findElement(org.openqa.selenium.By.tagName("bdi"));
        assertEquals("rtl", sara.getCssValue("direction"), "an Arabic name keeps its own direction");
        assertEquals("isolate", sara.getCssValue("unicode-bidi"));

        browser.open("/min-planering");
        List<WebElement> utskrivna = browser.findAll(".utskrift-kontakter tbody tr");
        assertFalse(utskrivna.isEmpty());
        assertEquals(utskrivna.size(), browser.findAll(".utskrift-kontakter tbody td:first-child bdi.namn").size());
        for (WebElement ansvarig : browser.findAll(".planpunkt__fakta bdi.namn")) {
            assertEquals("isolate", ansvarig.getCssValue("unicode-bidi"));
        }
        sprak("ar");
        browser.open("/min-planering/vem-har-tittat");
        List<WebElement> poster = browser.findAll(".lista li");
        assertFalse(poster.isEmpty(), "staff have looked at the demo participant");
        assertEquals(poster.size(), browser.findAll(".lista li > bdi.namn").size());
        for (WebElement tid : browser.findAll(".lista time")) {
            assertEquals("isolate", tid.getCssValue("unicode-bidi"));
        }
    }

    private void helSida(String namn) {
        browser.wholePageOnPhone(namn);
    }

    private void skrivUt(String namn) {
        browser.printA4(namn, 80);
    }

    @Test
    void varjeDeltagarsidaPaArabiskaOchEngelskaArTillgangligOchFotograferad() throws IOException {
        for (String lang : List.of("ar", "en")) {
            sprak(lang);
            for (String path : List.of("/min-planering", "/min-planering/kontakter", "/min-planering/mote",
                    "/min-planering/vem-har-tittat")) {
                browser.open(path);
                browser.size(Browser.PHONE);
                browser.assertAccessible();
                assertEquals(Boolean.FALSE, browser.driver().executeScript(
                        "return document.documentElement.scrollWidth > document.documentElement.clientWidth"),
                        path + " scrolls sideways in " + lang);
                helSida("deltagare-" + lang + "-telefon" + path.replace("/min-planering", "_plan").replace('/', '_'));
            }
            browser.size(Browser.DESKTOP);
            browser.open("/min-planering");
            skrivUt("utskrift-plan-" + lang);
        }
        sprak("sv");
        browser.logout();

        long ny = TestData.deltagareIFas(app, "uppfoljning", 1);
        String kod = TestData.kontoMedAktiveringskod(app, ny);
        for (String lang : List.of("ar", "en")) {
            browser.utanKakor();
            browser.open("/logga-in/deltagare");
            sprak(lang);
            browser.size(Browser.PHONE);
            browser.assertAccessible();
            helSida("deltagare-" + lang + "-telefon_logga-in");
            browser.open("/aktivera");
            browser.assertAccessible();
            helSida("deltagare-" + lang + "-telefon_aktivera");
            assertEquals("ltr", browser.find("#kod").getCssValue("direction"), "a code is typed left to right");
        }
        browser.type("#kod", kod);
        browser.clickAndWait("form.formular button[type=submit]");
        WebElement id = browser.find("#ditt-id");
        assertIsoleradVansterTillHoger(id, "user id");
        browser.assertAccessible();
        helSida("deltagare-en-telefon_pin");
        browser.clickAndWait("button[name=sprak][value=ar]");
        browser.assertAccessible();
        helSida("deltagare-ar-telefon_pin");
        browser.clickAndWait("button[name=sprak][value=sv]");
    }
}
