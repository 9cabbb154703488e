package se.finsam.planering.deltagare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.Browser;
import se.finsam.planering.testsupport.BrowserTest;
import se.finsam.planering.testsupport.TestData;

/** The participant's own language in Chromium: her pages, her way back in, her letter, the scripts, offline. */
class DeltagarensSprakBrowserTest extends BrowserTest {

    private static final String PIN = "530917";

    @BeforeEach
    void freshBrowser() {
        browser.size(Browser.DESKTOP);
        browser.utanKakor();
    }

    private String lang() {
        return browser.find("html").getAttribute("lang") + "/" + browser.find("html").getAttribute("dir");
    }

    private void valjSprak(String kod) {
        browser.clickAndWait("form[action='/sprak'] button[value='" + kod + "']");
    }

    /** axe on a phone and a laptop, with screenshots of both to look at. */
    private void tillgangligOchFotad(String namn) {
        browser.size(Browser.PHONE);
        browser.assertAccessible();
        browser.screenshot(namn + "-telefon");
        browser.size(Browser.DESKTOP);
        browser.assertAccessible();
        browser.screenshot(namn + "-dator");
    }

    @Test
    void paArabiskaFranInloggningenTillUtloggningenOchTillbaka() {
        long deltagare = TestData.deltagareIFas(app, "uppfoljning", 0);
        String user = TestData.kontoMedPin(app, deltagare, PIN);
        assertEquals(200, app.session().loginStaff("koordinator").get("/deltagare/" + deltagare + "/kontakter")
                .statusCode());
        browser.open("/logga-in/deltagare");
        assertEquals("sv/ltr", lang());
        valjSprak("ar");
        assertEquals("ar/rtl", lang(), "the choice is offered and taken on the login page");
        tillgangligOchFotad("sprak-ar-inloggning");
        browser.type("#anvandarnamn", user);
        browser.type("#pin", PIN);
        browser.submitWithEnter("#pin");
        assertTrue(browser.driver().getCurrentUrl().endsWith("/min-planering"), browser.driver().getCurrentUrl());
        assertEquals("ar/rtl", lang(), "the language chosen before login is not overridden at login");
        assertTrue(browser.text().contains("خطتي"));
        tillgangligOchFotad("sprak-ar-plan");
        for (String sida : List.of("kontakter", "mote", "vem-har-tittat")) {
            browser.open("/min-planering/" + sida);
            assertEquals("ar/rtl", lang());
            tillgangligOchFotad("sprak-ar-" + sida);
        }
        assertTrue(browser.text().contains("اطّلع على جهات الاتصال الخاصة بك"), "what the koordinator did, in Arabic");
        browser.logout();
        assertTrue(browser.driver().getCurrentUrl().endsWith("/logga-in/deltagare"), browser.driver().getCurrentUrl());
        assertEquals("ar/rtl", lang());
        assertTrue(browser.text().contains("تم تسجيل خروجك"), browser.text());

        browser.driver().navigate().back();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().contains("/logga-in/deltagare?orsak=utloggad"));
        assertEquals("ar/rtl", lang(), "the back button leads to her login in her language");
        assertTrue(browser.text().contains("لقد سجّلت الخروج"), browser.text());
        assertEquals(user, browser.find("#anvandarnamn").getAttribute("value"));
        assertTrue(browser.findAll("#losenord").isEmpty(), "not the staff login");
        tillgangligOchFotad("sprak-ar-tillbaka-efter-utloggning");
    }

    @Test
    void paEngelskaFranAktiveringskodenTillPlanen() {
        long deltagare = TestData.deltagareIFas(app, "uppfoljning", 0);
        String kod = TestData.kontoMedAktiveringskod(app, deltagare);
        browser.open("/aktivera");
        valjSprak("en");
        assertEquals("en/ltr", lang());
        tillgangligOchFotad("sprak-en-aktivera");
        browser.type("#kod", kod);
        browser.clickAndWait("form.formular button[type=submit]");
        assertTrue(browser.findAll("#pin2").size() == 1, browser.text());
        assertEquals("en/ltr", lang());
        tillgangligOchFotad("sprak-en-pin");
        browser.type("#pin", "918273");
        browser.type("#pin2", "918273");
        browser.clickAndWait("form.formular button[type=submit]");
        assertEquals("en/ltr", lang());
        assertTrue(browser.text().contains("My plan"), browser.text());
        tillgangligOchFotad("sprak-en-plan");
        for (String sida : List.of("kontakter", "mote", "vem-har-tittat")) {
            browser.open("/min-planering/" + sida);
            assertEquals("en/ltr", lang());
            tillgangligOchFotad("sprak-en-" + sida);
        }
    }

    private long bokningFor(long deltagare) {
        return app.jdbi().withHandle(h -> h.createQuery(
                        "SELECT id FROM mote_deltagare WHERE deltagare_id = :d ORDER BY id LIMIT 1")
                .bind("d", deltagare).mapTo(Long.class).one());
    }

    /** The page printed to A4 as Chromium prints it: its pages as text, and a picture of each to look at. */
    private List<String> skrivUt(String namn) throws Exception {
        PrintOptions options = new PrintOptions();
        options.setPageSize(new PageSize(29.7, 21.0));
        byte[] pdf = Base64.getDecoder().decode(browser.driver().print(options).getContent());
        Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(Path.of("target", "screenshots", namn + ".pdf"), pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<String> sidor = new java.util.ArrayList<>();
            for (int i = 1; i <= doc.getNumberOfPages(); i++) {
                PDFTextStripper text = new PDFTextStripper();
                text.setStartPage(i);
                text.setEndPage(i);
                sidor.add(text.getText(doc));
                javax.imageio.ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(i - 1, 70), "png",
                        Path.of("target", "screenshots", namn + "-sida" + i + ".png").toFile());
            }
            return sidor;
        }
    }

    @Test
    void kallelsenArEttBrevPaEnSidaPaDeltagarensSprakMedSvenskKopia() throws Exception {
        long deltagare = TestData.deltagareIFas(app, "kallad", 0);
        app.jdbi().useHandle(h -> h.execute("UPDATE deltagare SET sprak = 'ar', tolkbehov = 1, tolksprak = 'ar' "
                + "WHERE id = ?", deltagare));
        long bokning = bokningFor(deltagare);
        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        browser.open("/kallelse/" + bokning);
        valjSprak("en");
        assertEquals("en/ltr", lang(), "the koordinator works in English");
        browser.clickAndWait("form[action$='/aktiveringskod'] button");
        String kod = browser.find("#aktiveringskod").getText();
        var brev = browser.find("article.kallelse:not(.kallelse--kopia)");
        assertEquals("ar", brev.getAttribute("lang"));
        assertEquals("rtl", brev.getAttribute("dir"), "the letter is right to left whatever the staff language");
        assertTrue(brev.getText().contains("دعوة إلى اجتماع مع فريق FINSAM"), brev.getText());
        assertTrue(brev.getText().contains("مترجم فوري"), "the interpreter who is booked");
        assertTrue(brev.getText().contains("اتصل بالمنسق"), "whom to call to cancel");
        assertFalse(brev.findElements(org.openqa.selenium.By.cssSelector("svg.qr")).isEmpty(), "the QR code");
        var kopia = browser.find("article.kallelse--kopia");
        assertEquals("sv", kopia.getAttribute("lang"));
        assertEquals("ltr", kopia.getAttribute("dir"));
        browser.assertAccessible();
        browser.screenshot("kallelse-ar-skarm");

        List<String> sidor = skrivUt("kallelse-ar");
        assertEquals(2, sidor.size(), "her letter on one page and the Swedish copy on the next");
        assertTrue(sidor.get(0).contains(kod), "the activation code is in her letter");
        assertFalse(sidor.get(0).contains("Kallelse till möte"), "page one is not Swedish");
        assertTrue(sidor.get(1).contains("Kopia på svenska") && sidor.get(1).contains("Kallelse till möte med FINSAM-teamet"),
                sidor.get(1));
        assertTrue(sidor.get(1).contains(kod));
        assertFalse(String.join("", sidor).contains("Skapa aktiveringskod") || String.join("", sidor).contains("Log out"),
                "nothing of the staff page on paper");

        // Without the copy: one page.
        browser.open("/kallelse/" + bokning);
        browser.clickAndWait("form[method=get] button");
        assertTrue(browser.driver().getCurrentUrl().endsWith("kopia=nej"), browser.driver().getCurrentUrl());
        browser.clickAndWait("form[action$='/aktiveringskod'] button");
        assertTrue(browser.findAll("article.kallelse--kopia").isEmpty());
        assertEquals(1, skrivUt("kallelse-ar-utan-kopia").size());
    }

    @Test
    void enSvenskKallelseArEnSidaMedQrKodOchKod() throws Exception {
        long deltagare = TestData.deltagareIFas(app, "kallad", 0);
        app.jdbi().useHandle(h -> h.execute("UPDATE deltagare SET sprak = 'sv', tolkbehov = 0 WHERE id = ?",
                deltagare));
        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        browser.open("/kallelse/" + bokningFor(deltagare));
        valjSprak("ar");
        assertEquals("ar/rtl", lang(), "the koordinator works in Arabic");
        browser.clickAndWait("form[action$='/aktiveringskod'] button");
        String kod = browser.find("#aktiveringskod").getText();
        var brev = browser.find("article.kallelse");
        assertEquals("sv", brev.getAttribute("lang"));
        assertEquals("ltr", brev.getAttribute("dir"), "a Swedish letter is never printed right to left");
        assertTrue(browser.findAll("article.kallelse--kopia").isEmpty());
        browser.screenshot("kallelse-sv-skarm");
        List<String> sidor = skrivUt("kallelse-sv");
        assertEquals(1, sidor.size(), "one A4 page");
        String text = sidor.get(0).replaceAll("\\s+", " ");
        assertTrue(text.contains(kod) && text.contains("Kallelse till möte med FINSAM-teamet"), text);
        assertTrue(text.contains("/aktivera"), "where to go, written out beside the QR code");
        assertTrue(text.contains("Ta med"), "what to bring");
    }

    @Test
    void skriptensTexterKommerFranSidansSprak() {
        browser.loginStaff("handlaggare", DemoData.STAFF_PASSWORD);
        browser.open("/offline");
        valjSprak("ar");
        browser.findAll("form[data-ta-offline] input[name=deltagare]:checked").forEach(box -> box.click());
        browser.find("form[data-ta-offline] button[type=submit]").click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(5))
                .until(d -> !browser.find("[data-ta-offline-status]").getText().isEmpty());
        assertEquals("اختر مشاركًا واحدًا على الأقل.", browser.find("[data-ta-offline-status]").getText());
        browser.screenshot("sprak-ar-skript");
    }

    @Test
    void sidanUtanNatArPaHennesSprak() {
        long deltagare = TestData.deltagareIFas(app, "uppfoljning", 0);
        String user = TestData.kontoMedPin(app, deltagare, PIN);
        app.jdbi().useHandle(h -> h.execute("UPDATE anvandare SET sprak = 'ar' WHERE anvandarnamn = ?", user));
        browser.open("/logga-in/deltagare");
        browser.type("#anvandarnamn", user);
        browser.type("#pin", PIN);
        browser.submitWithEnter("#pin");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> "true".equals(browser.find("html").getAttribute("data-sparad")));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> "ar".equals(browser.driver()
                .executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        caches.keys().then(keys => Promise.all(keys.map(k => caches.open(k)
                            .then(c => c.match('/sprak')))))
                          .then(found => found.find(Boolean))
                          .then(r => r ? r.text() : null).then(done, () => done(null));""")));
        app.stopServer();
        try {
            browser.open("/min-planering/vem-har-tittat");
            assertEquals("ar/rtl", lang());
            assertTrue(browser.text().contains("أنت غير متصل بالإنترنت"), browser.text());
            browser.assertAccessible();
            browser.size(Browser.PHONE);
            browser.screenshot("sprak-ar-utan-nat-telefon");
        } finally {
            app.startServerAgain();
        }
    }
}
