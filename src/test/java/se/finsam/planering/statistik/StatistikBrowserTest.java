package se.finsam.planering.statistik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Base64;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.BrowserTest;

class StatistikBrowserTest extends BrowserTest {

    @Test
    void styrgruppensStatistikArTillgangligLaddasNerOchSkrivsUtPaA4() throws IOException {
        browser.loginStaff("styrgrupp", DemoData.STAFF_PASSWORD);
        browser.open("/statistik?ar=2026");
        assertFalse(browser.findAll("svg.diagram[role=img]").isEmpty());
        browser.assertAccessibleAtBothSizes("statistik");
        browser.size(se.finsam.planering.testsupport.Browser.DESKTOP);
        browser.screenshot("statistik-1280");
        // the table of contents leads to every section
        assertEquals(browser.findAll("section.statistik-tabell").size(), browser.findAll("nav.innehall a").size());

        // The download link as the browser follows it, with the session's cookie.
        String href = browser.find("a[download]").getAttribute("href");
        Object csv = browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(r => r.arrayBuffer()).then(b => done(Array.from(new Uint8Array(b)).join(',')));
                """, href);
        String[] bytes = csv.toString().split(",");
        assertEquals("239", bytes[0], "UTF-8 byte order mark first");
        assertEquals("187", bytes[1]);
        assertEquals("191", bytes[2]);

        PrintOptions options = new PrintOptions();
        options.setPageSize(new PageSize(29.7, 21.0));
        byte[] pdf = Base64.getDecoder().decode(browser.driver().print(options).getContent());
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDRectangle a4 = doc.getPage(0).getMediaBox();
            assertEquals(PDRectangle.A4.getWidth(), a4.getWidth(), 2f);
            assertEquals(PDRectangle.A4.getHeight(), a4.getHeight(), 2f);
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("Avslutsorsak efter kön"), "the tables are printed");
            assertFalse(text.contains("Visa siffrorna"), "the filter form is not printed");
        }
        // Days chosen in a link: the styrgrupp's months, and the page says which whole months it shows.
        browser.open("/statistik?fran=2026-01-15&till=2026-06-20");
        assertTrue(browser.find("#helamanader").getText().contains("Perioden gäller hela månader: 1 jan–30 jun 2026."),
                browser.find("#helamanader").getText());
        assertEquals("month", browser.find("#fran").getAttribute("type"));
        assertEquals("2026-01", browser.find("#fran").getAttribute("value"));
        browser.assertAccessibleAtBothSizes("statistik-hela-manader");
        browser.wholePageOnPhone("statistik-hela-manader-hel");
        assertEquals(0L, ((Number) browser.driver().executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue(),
                "nothing wider than the phone");
        browser.size(se.finsam.planering.testsupport.Browser.DESKTOP);
        aretPaEnSidaArTillgangligOchRymsPaEttA4();
    }

    /** The year page, in the same logged-in browser. */
    private void aretPaEnSidaArTillgangligOchRymsPaEttA4() throws IOException {
        browser.open("/statistik/ar/2026");
        assertFalse(browser.findAll("svg.diagram[role=img]").isEmpty());
        browser.assertAccessibleAtBothSizes("statistik-ar");
        browser.size(se.finsam.planering.testsupport.Browser.DESKTOP);
        browser.screenshot("statistik-ar-1280");
        PrintOptions options = new PrintOptions();
        options.setPageSize(new PageSize(29.7, 21.0));
        byte[] pdf = Base64.getDecoder().decode(browser.driver().print(options).getContent());
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "skarmbilder"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "skarmbilder", "statistik-ar.pdf"), pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertTrue(doc.getNumberOfPages() <= 2, "at most two A4 pages: " + doc.getNumberOfPages());
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("Per team"));
            assertFalse(text.contains("Året före ·"), "the navigation is not printed");
        }
    }
}
