package se.finsam.planering.mote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.Browser;
import se.finsam.planering.testsupport.BrowserTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * The koordinator prepares a meeting in Chromium: finds participants in the list of those waiting by typing,
 * ticks several and books them at once, sees each one's interpreter by language and marks one booked, and prints
 * every kallelse, one A4 page each in the reader's language. axe checks the meeting page at 1280, 768 and 360 px
 * and the kallelse in Swedish, English and Arabic; screenshots and the printed PDF are left in target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MotesforberedelseBrowserTest extends BrowserTest {

    private static final Dimension PLATTA = new Dimension(768, 1024);

    private static long mote;
    private static long hodan;
    private static long skyddad;
    private static long nour;
    private static long parisa;
    private static long anna;

    @BeforeAll
    static void moteOchAnmalda() {
        HttpSession k = app.session().loginStaff("koordinator");
        mote = Anmalningar.mote(app, "2027-01-12", 6);
        hodan = Anmalningar.anmal(app, k, "Hodan", "sv", "so", false, "AF", "FK");
        skyddad = Anmalningar.anmal(app, k, null, "sv", "tigrinja", true, "FK");
        nour = Anmalningar.anmal(app, k, "Nour", "ar", "arabiska", false, "AF", "FK");
        parisa = Anmalningar.anmal(app, k, "Parisa", "en", "fa", false, "AF");
        anna = Anmalningar.anmal(app, k, "Anna", "sv", null, false, "AF", "FK");
        for (String namn : List.of("Ebba", "Linnea", "Oskar")) {
            Anmalningar.anmal(app, k, namn, "sv", null, false, "AF");
        }
        // Two booked already, one of them with protected identity.
        k.get("/moten/" + mote);
        for (long d : List.of(hodan, skyddad)) {
            HttpResponse<String> r = k.post("/moten/" + mote + "/boka", Map.of("deltagare", String.valueOf(d)));
            assertEquals(302, r.statusCode(), r.body());
        }
    }

    private static long bokning(long deltagare) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM mote_deltagare WHERE deltagare_id = :d")
                .bind("d", deltagare).mapTo(Long.class).one());
    }

    private void loggaInSomKoordinator() {
        browser.size(Browser.DESKTOP);
        browser.utanKakor();
        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
    }

    /** The whole page at the width, as one tall screenshot; the window is a laptop's again afterwards. */
    private void helSida(String namn, int bredd) {
        browser.size(new Dimension(bredd, 900));
        Number hojd = (Number) browser.driver().executeScript("return document.documentElement.scrollHeight");
        browser.size(new Dimension(bredd, Math.min(8000, hojd.intValue() + 140)));
        browser.screenshot(namn);
        browser.size(Browser.DESKTOP);
    }

    private void sok(String text) {
        WebElement falt = browser.find("#sok");
        falt.clear();
        if (!text.isEmpty()) {
            falt.sendKeys(text);
        } else {
            // clear() sends no input event; an empty search shows everyone again.
            falt.sendKeys(" ");
            falt.sendKeys(org.openqa.selenium.Keys.BACK_SPACE);
        }
    }

    private List<WebElement> synligaRader() {
        return browser.findAll("tr[data-sokbar]").stream().filter(WebElement::isDisplayed).toList();
    }

    @Test
    @Order(1)
    void koordinatornSokerKryssarIFleraOchSerTolkarnaPaMotessidan() {
        loggaInSomKoordinator();
        browser.open("/moten/" + mote);
        int alla = synligaRader().size();
        assertTrue(alla >= 6, "those waiting are listed: " + alla);

        for (long d : List.of(nour, parisa, anna)) {
            String namn = TestData.namn(app, d);
            sok(namn.substring(0, namn.indexOf(' ') + 4).toUpperCase());
            List<WebElement> rader = synligaRader();
            assertTrue(rader.stream().anyMatch(r -> r.getText().contains(namn)), namn + " is found by typing");
            assertTrue(rader.size() < alla, "the list narrows as she types: " + rader.size());
            browser.find("#valj-" + d).click();
        }
        sok("");
        assertEquals(alla, synligaRader().size());
        assertEquals(3, browser.findAll("input[name=deltagare]:checked").size(), "the ticked ones stay ticked");
        assertTrue(browser.find("tr[data-sokbar] input[value='" + nour + "']").findElement(By.xpath("ancestor::tr"))
                .getText().contains("Arabiska"), "the interpreter need is shown in the list");

        browser.clickAndWait("form[action$='/boka'] button[type=submit]");
        assertTrue(browser.text().contains("Deltagarna är bokade"), browser.text());
        assertEquals(5, browser.findAll(".bokningar tbody tr[id^=bokning-]").size());
        String hodansRad = browser.find("#bokning-" + bokning(hodan)).getText();
        assertTrue(hodansRad.contains("Somaliska") && hodansRad.contains("Tolken är inte bokad"), hodansRad);
        assertTrue(browser.find("#bokning-" + bokning(nour)).getText().contains("Arabiska"));
        assertTrue(browser.find("#bokning-" + bokning(parisa)).getText().contains("Persiska"));
        assertTrue(browser.find("#bokning-" + bokning(skyddad)).getText().contains("Tigrinja"));
        assertTrue(browser.find("#bokning-" + bokning(anna)).getText().contains("Ingen tolk"));
        assertFalse(browser.find(".bokningar").getText().matches("(?s).*\\((so|ar|fa|ti)\\).*"), "no language codes");

        browser.clickAndWait("#bokning-" + bokning(hodan) + " form[action*='/tolk/'] button");
        assertTrue(browser.find("#bokning-" + bokning(hodan)).getText().contains("Tolken är bokad"));

        browser.assertAccessibleAtBothSizes("motet-tolkar");
        browser.size(PLATTA);
        browser.assertAccessible();
        assertEquals(Boolean.FALSE, browser.driver().executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth"),
                "the meeting page does not scroll sideways at 768 px");
        helSida("motet-tolkar-1280", 1280);
        helSida("motet-tolkar-768", 768);

        // Two more than the one free slot: refused with the reason, both still ticked; then booked as overbooked.
        browser.size(Browser.DESKTOP);
        List<String> tva = browser.findAll("input[name=deltagare]").stream().limit(2)
                .map(e -> e.getAttribute("value")).toList();
        tva.forEach(v -> browser.find("#valj-" + v).click());
        browser.clickAndWait("form[action$='/boka'] button[type=submit]");
        assertTrue(browser.find(".felsammanfattning").getText()
                .contains("Mötet har 1 lediga tider, men du valde 2 deltagare"), browser.text());
        assertEquals(tva, browser.findAll("input[name=deltagare]:checked").stream()
                .map(e -> e.getAttribute("value")).toList(), "nothing ticked is lost");
        browser.assertAccessible();
        browser.find("#overboka").click();
        browser.clickAndWait("form[action$='/boka'] button[type=submit]");
        assertTrue(browser.text().contains("Bokningen är gjord med överbokning"), browser.text());
        assertTrue(browser.find("#overbokat").getText().contains("7 bokningar på 6 tider"),
                browser.find("#overbokat").getText());
        assertEquals(2, browser.findAll("tr.bokning--krock").size());
        browser.assertAccessible();
        helSida("motet-overbokat-1280", 1280);
        helSida("motet-overbokat-768", 768);
    }

    @Test
    @Order(2)
    void allaKallelserSkrivsUtEnA4SidaVarPaLasarensSprak() throws IOException {
        loggaInSomKoordinator();
        browser.open("/moten/" + mote);
        browser.clickAndWait("a[href$='/kallelser']");
        int bokade = app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM mote_deltagare WHERE mote_id = :m")
                .bind("m", mote).mapTo(Integer.class).one());
        assertEquals(bokade, browser.findAll(".kallelser > article.kallelse").size());
        browser.assertAccessibleAtBothSizes("kallelser-alla");
        byte[] pdf = browser.printA4("kallelser-alla", 80);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(bokade, doc.getNumberOfPages(), "one A4 page per booked participant");
            PDFTextStripper text = new PDFTextStripper();
            List<String> brev = browser.findAll(".kallelser > article.kallelse").stream().map(WebElement::getText)
                    .toList();
            for (long d : List.of(hodan, anna, parisa)) {
                String namn = TestData.namn(app, d);
                int sida = 1 + brev.indexOf(brev.stream().filter(t -> t.contains(namn)).findFirst().orElseThrow());
                text.setStartPage(sida);
                text.setEndPage(sida);
                assertTrue(text.getText(doc).contains(namn), "page " + sida + " is the letter to " + namn);
            }
        }
    }

    @Test
    @Order(3)
    void kallelsenPaSvenskaEngelskaOchArabiskaArTillganglig() {
        loggaInSomKoordinator();
        for (Map.Entry<String, Long> brev : Map.of("sv", hodan, "en", parisa, "ar", nour).entrySet()) {
            browser.open("/kallelse/" + bokning(brev.getValue()));
            WebElement forsta = browser.find("article.kallelse");
            assertEquals(brev.getKey(), forsta.getAttribute("lang"));
            assertEquals("ar".equals(brev.getKey()) ? "rtl" : "ltr", forsta.getAttribute("dir"));
            assertEquals(1, forsta.findElements(By.cssSelector(".kallelse__tolk")).size());
            browser.assertAccessibleAtBothSizes("kallelse-tolk-" + brev.getKey());
        }
    }
}
