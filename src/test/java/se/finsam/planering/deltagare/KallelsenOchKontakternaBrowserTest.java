package se.finsam.planering.deltagare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.Browser;
import se.finsam.planering.testsupport.BrowserTest;
import se.finsam.planering.testsupport.TestData;

/**
 * Her letter and her pages as Chromium lays them out, in Swedish, English and Arabic: a phone number or a web
 * address is never broken over two lines, a value stands beside its label on paper, the organisations she refused
 * are not named, and the person who owns her item is on Kontakter. Screenshots and the printed letters (PDF and
 * PNG) are saved under target/screenshots for a person to look at.
 */
class KallelsenOchKontakternaBrowserTest extends BrowserTest {

    private static final String PIN = "530917";
    /** The arabic reader with a coming meeting and no samtycke for Jobbtorg. */
    private static long kallad;
    private static String kalladAnvandare;
    private static long bokning;
    /** An English reader with a coming meeting. */
    private static long engelskBokning;
    /** The demo's Arabic reader whose item is owned by Socialtjänsten's handläggare. */
    private static String ahmedAnvandare;

    /** The client rectangles (line boxes) of an element: one when it is on one line. */
    private static final String RADER = "return arguments[0].getClientRects().length;";

    /** The element's box and the box of the text in its sibling value, as [left, right, top] each. */
    private static final String ETIKETT_OCH_VARDE = """
            const dt = arguments[0], dd = arguments[1];
            const a = dt.getBoundingClientRect();
            const r = document.createRange(); r.selectNodeContents(dd);
            const b = r.getBoundingClientRect();
            return [a.left, a.right, a.top, b.left, b.right, b.top];""";

    @BeforeAll
    static void deltagarna() {
        kallad = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("kallad").utanKonto().medNamn()
                .medSamtyckeTill("JOBBTORG").medSamtyckeTill("AF").hamta();
        kalladAnvandare = TestData.kontoMedPin(app, kallad, PIN);
        app.jdbi().useHandle(h -> {
            h.execute("UPDATE deltagare SET sprak = 'ar', tolkbehov = 1, tolksprak = 'ar' WHERE id = ?", kallad);
            h.execute("UPDATE anvandare SET sprak = 'ar' WHERE id = (SELECT anvandare_id FROM deltagare WHERE id = ?)",
                    kallad);
            h.execute("""
                    UPDATE samtycke SET aterkallat_datum =
                        CASE WHEN givet_datum > '2026-11-20' THEN givet_datum ELSE '2026-11-20' END
                    WHERE deltagare_id = ? AND aterkallat_datum IS NULL
                      AND organisation_id = (SELECT id FROM organisation WHERE kod = 'JOBBTORG')""", kallad);
        });
        bokning = app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM mote_deltagare WHERE deltagare_id = :d")
                .bind("d", kallad).mapTo(Long.class).one());
        long engelsk = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("kallad").utanKonto().medNamn().hamta();
        app.jdbi().useHandle(h -> h.execute("UPDATE deltagare SET sprak = 'en' WHERE id = ?", engelsk));
        engelskBokning = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM mote_deltagare WHERE deltagare_id = :d").bind("d", engelsk).mapTo(Long.class).one());
        long ahmed = TestData.deltagare(app).iTeam("Jobbtorg Kista").talar("ar").utanSamtyckeTill("JOBBTORG")
                .iFas("uppfoljning").utanKonto().hamta();
        ahmedAnvandare = TestData.kontoMedPin(app, ahmed, PIN);
    }

    private void loggaInSomDeltagare(String anvandarnamn) {
        browser.size(Browser.DESKTOP);
        browser.utanKakor();
        browser.open("/logga-in/deltagare");
        browser.type("#anvandarnamn", anvandarnamn);
        browser.type("#pin", PIN);
        browser.submitWithEnter("#pin");
        assertTrue(browser.driver().getCurrentUrl().endsWith("/min-planering"), browser.driver().getCurrentUrl());
    }

    private void loggaInSomKoordinator() {
        browser.size(Browser.DESKTOP);
        browser.utanKakor();
        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        String path = java.net.URI.create(browser.driver().getCurrentUrl()).getPath();
        assertFalse(path.startsWith("/logga-in") || path.startsWith("/tvafaktor"),
                "the koordinator is logged in: " + path + " " + browser.text());
    }

    private void sprak(String lang) {
        if (!browser.find("html").getAttribute("lang").equals(lang)) {
            browser.clickAndWait("button[name=sprak][value=" + lang + "]");
        }
        assertEquals(lang, browser.find("html").getAttribute("lang"));
    }

    private void helSida(String namn) {
        browser.wholePageOnPhone(namn);
    }

    private void skrivUt(String namn) {
        browser.printA4(namn, 110);
    }

    private void ingenSidledsrullning(String var) {
        assertEquals(Boolean.FALSE, browser.driver().executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth"),
                var + " scrolls sideways");
    }

    /** Each phone number and web address is on one line, left to right and isolated from the text around it. */
    private void helaOchIsolerade(String css, String var) {
        List<WebElement> element = browser.findAll(css);
        assertFalse(element.isEmpty(), var + ": nothing matches " + css);
        for (WebElement e : element) {
            assertEquals(1L, ((Number) browser.driver().executeScript(RADER, e)).longValue(),
                    var + ": " + e.getText() + " is broken over lines");
            assertEquals("ltr", e.getCssValue("direction"), var + ": " + e.getText());
            assertEquals("isolate", e.getCssValue("unicode-bidi"), var + ": " + e.getText());
            assertEquals("nowrap", e.getCssValue("white-space"), var + ": " + e.getText());
            @SuppressWarnings("unchecked")
            List<Number> xs = (List<Number>) browser.driver().executeScript(
                    HogerTillVansterBrowserTest.SIFFERGRUPPER, e);
            for (int i = 1; i < xs.size(); i++) {
                assertTrue(xs.get(i - 1).doubleValue() < xs.get(i).doubleValue(),
                        var + ": " + e.getText() + " is shown with its digit groups in the order " + xs);
            }
        }
    }

    @Test
    void telefonnummerOchWebbadressBrytsAldrigIKallelsenPaEnTelefon() {
        loggaInSomKoordinator();
        browser.open("/kallelse/" + bokning);
        browser.size(Browser.PHONE);
        assertEquals(2, browser.findAll("article.kallelse").size(), "her Arabic letter and the Swedish copy");
        helaOchIsolerade("article.kallelse .telefon", "kallelse at 360 px");
        helaOchIsolerade("article.kallelse .url", "kallelse at 360 px");
        ingenSidledsrullning("the kallelse at 360 px");
        helSida("kallelse-ar-telefon-360");
        browser.open("/kallelse/" + engelskBokning);
        helaOchIsolerade("article.kallelse .telefon", "English kallelse at 360 px");
        helaOchIsolerade("article.kallelse .url", "English kallelse at 360 px");
        ingenSidledsrullning("the English kallelse at 360 px");
        helSida("kallelse-en-telefon-360");

        // Where staff enter a contact's telephone hours: days and times, valid at both sizes.
        browser.open("/deltagare/" + kallad + "/kontakter");
        assertEquals(7, browser.findAll("input[name=telefontid_dag]").size());
        browser.assertAccessibleAtBothSizes("kontakter-personal-telefontid");
    }

    /** On paper each value stands on its label's line, right beside it, whichever way the letter reads. */
    private void etikettOchVardeIhop(String var) {
        List<WebElement> brev = browser.findAll("article.kallelse");
        assertFalse(brev.isEmpty(), browser.driver().getCurrentUrl() + ": " + browser.text());
        for (WebElement b : brev) {
            boolean rtl = "rtl".equals(b.getAttribute("dir"));
            List<WebElement> etiketter = b.findElements(By.cssSelector(".kallelse__fakta dt"));
            assertTrue(etiketter.size() >= 5, var);
            for (WebElement dt : etiketter) {
                WebElement dd = dt.findElement(By.xpath("following-sibling::dd[1]"));
                @SuppressWarnings("unchecked")
                List<Number> x = (List<Number>) browser.driver().executeScript(ETIKETT_OCH_VARDE, dt, dd);
                double avstand = rtl ? x.get(0).doubleValue() - x.get(4).doubleValue()
                        : x.get(3).doubleValue() - x.get(1).doubleValue();
                String vad = var + " (" + b.getAttribute("lang") + "): " + dt.getText() + " / " + dd.getText();
                assertTrue(avstand >= 0 && avstand < 30, vad + " stand " + avstand + " px apart " + x);
                assertTrue(Math.abs(x.get(2).doubleValue() - x.get(5).doubleValue()) < 4, vad + " on other lines " + x);
            }
        }
    }

    @Test
    void etikettOchVardeStarIhopIDenUtskrivnaKallelsenPaAllaTreSprak() throws IOException {
        loggaInSomKoordinator();
        for (long id : new long[] {bokning, engelskBokning}) {
            browser.open("/kallelse/" + id);
            browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
            try {
                browser.size(new Dimension(794, 1123));
                etikettOchVardeIhop("printed kallelse");
                helaOchIsolerade("article.kallelse .telefon", "printed kallelse");
                helaOchIsolerade("article.kallelse .url", "printed kallelse");
            } finally {
                browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
                browser.size(Browser.DESKTOP);
            }
            skrivUt(id == bokning ? "kallelse-utskrift-ar-och-sv" : "kallelse-utskrift-en");
        }
    }

    @Test
    void motessidanOchKontakternaPaSvenskaOchArabiskaVid360Px() {
        String jobbtorg = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT namn FROM organisation WHERE kod = 'JOBBTORG'").mapTo(String.class).one());
        loggaInSomDeltagare(kalladAnvandare);
        for (String lang : List.of("sv", "ar")) {
            sprak(lang);
            browser.open("/min-planering/mote");
            browser.size(Browser.PHONE);
            List<String> vilka = browser.findAll("main ul li").stream().map(WebElement::getText).toList();
            assertFalse(vilka.isEmpty());
            assertFalse(vilka.contains(jobbtorg), "her meeting page names Jobbtorg, which she refused: " + vilka);
            ingenSidledsrullning("the meeting page in " + lang);
            browser.assertAccessible();
            helSida("deltagare-" + lang + "-360-mote");
        }

        String jonas = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT namn FROM anvandare WHERE anvandarnamn = 'soc.handlaggare'").mapTo(String.class).one());
        loggaInSomDeltagare(ahmedAnvandare);
        for (String lang : List.of("sv", "ar")) {
            sprak(lang);
            browser.open("/min-planering/kontakter");
            browser.size(Browser.PHONE);
            WebElement kontakt = browser.findAll(".kontakt").stream()
                    .filter(k -> k.findElement(By.cssSelector(".kontakt__namn")).getText().equals(jonas)).findFirst()
                    .orElseThrow(() -> new AssertionError("the owner of her item is not on Kontakter"));
            assertFalse(kontakt.findElements(By.cssSelector("a.knapp--ring")).isEmpty(), "with a way to call him");
            helaOchIsolerade(".kontakt .telefon", "Kontakter in " + lang);
            ingenSidledsrullning("Kontakter in " + lang);
            browser.assertAccessible();
            helSida("deltagare-" + lang + "-360-kontakter");
        }
    }
}
