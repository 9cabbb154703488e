package se.finsam.planering.deltagare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import se.finsam.planering.testsupport.Browser;
import se.finsam.planering.testsupport.BrowserTest;
import se.finsam.planering.testsupport.TestData;

/** The participant's pages in real Chromium: login, plan, contacts, meeting, print, languages, accessibility. */
class MinPlaneringBrowserTest extends BrowserTest {

    static final String PIN = "530917";
    /** Names the elements wider than the window, to say what makes a page scroll sideways. */
    static final String WIDEST = """
            const w = document.documentElement.clientWidth;
            return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1)
                .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
                .join(', ');""";
    static long deltagare;
    static String anvandarnamn;

    @BeforeAll
    static void deltagareMedPin() {
        deltagare = TestData.deltagare(app).iFas("uppfoljning").utanKonto().medNamn().medKontaktperson("AF").hamta();
        anvandarnamn = TestData.kontoMedPin(app, deltagare, PIN);
    }

    @BeforeEach
    void freshBrowser() {
        browser.size(Browser.DESKTOP);
        browser.utanKakor();
    }

    private void loggaIn(String user, String pin) {
        browser.open("/logga-in/deltagare");
        browser.type("#anvandarnamn", user);
        browser.type("#pin", pin);
        browser.submitWithEnter("#pin");
        assertTrue(browser.driver().getCurrentUrl().endsWith("/min-planering"),
                () -> browser.driver().getCurrentUrl() + ": " + browser.text());
    }

    private List<String> punkter(long id) {
        return app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT pp.text FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                        WHERE p.deltagare_id = :d AND pp.borttagen IS NULL ORDER BY pp.ordning""")
                .bind("d", id).mapTo(String.class).list());
    }

    @Test
    void aktiveringskodSedanPinVisarPlanenOchSedanLoggarManInMedPin() {
        long ny = TestData.deltagareAttLoggaInSom(app, "uppfoljning");
        String kod = TestData.kontoMedAktiveringskod(app, ny);
        browser.open("/aktivera");
        browser.type("#kod", kod.toLowerCase());
        browser.clickAndWait("form.formular button[type=submit]");
        String id = browser.find("#ditt-id").getText();
        browser.type("#pin", "918273");
        browser.type("#pin2", "918273");
        browser.clickAndWait("form.formular button[type=submit]");
        assertTrue(browser.text().contains("Din PIN-kod är sparad"));
        // Next she is offered a passkey; she can wait with that and go to her plan.
        browser.clickAndWait("#hoppa-over");
        for (String punkt : punkter(ny)) {
            assertTrue(browser.text().contains(punkt), "the plan shows " + punkt);
        }
        browser.logout();
        loggaIn(id, "918273");
        assertTrue(browser.text().contains(punkter(ny).get(0)));
    }

    @Test
    void enAnnanDeltagaresUppgifterSynsAldrigOchHennesAdresserGer403() {
        long annan = TestData.deltagareAttLoggaInSom(app, "uppfoljning");
        String annansNamn = TestData.namn(app, annan);
        String annansMal = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT mal FROM planering WHERE deltagare_id = :d").bind("d", annan).mapTo(String.class).one());
        loggaIn(anvandarnamn, PIN);
        for (String path : List.of("/min-planering", "/min-planering/kontakter", "/min-planering/mote",
                "/min-planering/vem-har-tittat")) {
            browser.open(path);
            String html = browser.driver().getPageSource();
            assertFalse(html.contains(annansNamn), path + " shows another participant's name");
            assertFalse(html.contains(annansMal), path + " shows another participant's goal");
            for (String punkt : punkter(annan)) {
                assertFalse(html.contains(punkt), path + " shows another participant's item");
            }
        }
        browser.open("/deltagare/" + annan);
        assertTrue(browser.text().contains("Du har inte behörighet"));
        browser.open("/deltagare/" + deltagare);
        assertTrue(browser.text().contains("Du har inte behörighet"), "not even one's own staff page");
    }

    @Test
    void utloggningRensarSparadeSidor() {
        loggaIn(anvandarnamn, PIN);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> "true".equals(browser.find("html").getAttribute("data-sparad")));
        assertTrue(cachedPages() > 0);
        browser.logout();
        assertEquals(0L, cachedPages(), "no page of the participant is left on the phone");
    }

    private long cachedPages() {
        Object n = browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                caches.open('finsam-sidor').then(c => c.keys()).then(k => done(k.length)).catch(() => done(-1));""");
        return ((Number) n).longValue();
    }

    @Test
    void appenGarAttInstallera() {
        loggaIn(anvandarnamn, PIN);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(d -> "true".equals(browser.find("html").getAttribute("data-sparad")));
        Map<String, Object> result = browser.driver().executeCdpCommand("Page.getInstallabilityErrors", Map.of());
        assertEquals(List.of(), result.get("installabilityErrors"), "Chromium's installability errors");
        Map<String, Object> manifest = browser.driver().executeCdpCommand("Page.getAppManifest", Map.of());
        assertTrue(String.valueOf(manifest.get("errors")).equals("[]"), String.valueOf(manifest.get("errors")));
    }

    @Test
    void utskriftenArEnRenA4MedAllaPunkterOchTelefonnummer() throws IOException {
        // A typical plan: 8 items and 6 contacts.
        app.jdbi().useTransaction(h -> {
            long planering = h.createQuery("SELECT id FROM planering WHERE deltagare_id = :d")
                    .bind("d", deltagare).mapTo(Long.class).one();
            int har = h.createQuery("SELECT count(*) FROM planpunkt WHERE planering_id = :p AND borttagen IS NULL")
                    .bind("p", planering).mapTo(Integer.class).one();
            for (int i = har; i < 8; i++) {
                h.createUpdate("""
                        INSERT INTO planpunkt (planering_id, ordning, text, typ, ansvarig_deltagaren, klart_senast, skapad)
                        VALUES (:p, :o, :t, 'eget_steg', 1, '2027-02-01', '2026-11-01T10:00:00Z')""")
                        .bind("p", planering).bind("o", 100 + i)
                        .bind("t", "Extra steg nummer " + i + ": ring och boka en tid för att prata om studier").execute();
            }
            int kontakter = h.createQuery("""
                            SELECT count(*) FROM kontaktperson k LEFT JOIN anvandare a ON a.id = k.anvandare_id
                            WHERE k.deltagare_id = :d AND k.till_datum IS NULL
                              AND coalesce(k.telefon, a.telefon) IS NOT NULL""")
                    .bind("d", deltagare).mapTo(Integer.class).one();
            for (int i = kontakter; i < 6; i++) {
                h.createUpdate("""
                        INSERT INTO kontaktperson (deltagare_id, organisation_id, namn, titel, telefon, fran_datum)
                        VALUES (:d, (SELECT id FROM organisation WHERE kod = 'REGION'), :n, 'Kurator',
                                :tel, '2026-10-01')""")
                        .bind("d", deltagare).bind("n", "Extern Kontakt " + i).bind("tel", "08-123 45 6" + i)
                        .execute();
            }
        });
        loggaIn(anvandarnamn, PIN);
        PrintOptions options = new PrintOptions();
        options.setPageSize(new org.openqa.selenium.print.PageSize(29.7, 21.0));
        options.setBackground(true);
        Pdf pdf = browser.driver().print(options);
        byte[] bytes = Base64.getDecoder().decode(pdf.getContent());
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "screenshots", "min-planering.pdf"), bytes);
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(doc.getNumberOfPages() <= 2, "printed on " + doc.getNumberOfPages() + " pages");
            assertTrue(text.contains(TestData.namn(app, deltagare)), "the name is printed");
            for (String punkt : punkter(deltagare)) {
                assertTrue(text.contains(punkt.replaceAll("\\s+", " ")), "item printed: " + punkt);
            }
            List<String> telefon = app.jdbi().withHandle(h -> h.createQuery("""
                            SELECT coalesce(k.telefon, a.telefon) FROM kontaktperson k
                            LEFT JOIN anvandare a ON a.id = k.anvandare_id
                            WHERE k.deltagare_id = :d AND k.till_datum IS NULL
                              AND coalesce(k.telefon, a.telefon) IS NOT NULL""")
                    .bind("d", deltagare).mapTo(String.class).list());
            assertTrue(telefon.size() >= 6, "six contacts with a phone number: " + telefon);
            for (String nummer : telefon) {
                assertTrue(text.contains(nummer), "phone number printed: " + nummer + " in " + text);
            }
            assertFalse(text.contains("Logga ut"), "no navigation or buttons on paper");
            assertFalse(text.contains("Jag har gjort detta"));
        }
    }

    @Test
    void jagHarLastOchEgetStegKlartFinnsKvarNastaGangManLoggarIn() {
        // Someone who has never confirmed reading, so the whole plan is new, and who has a step of their own left.
        long egen = TestData.deltagare(app).iFas("uppfoljning").utanKonto().medNamn().medEgetStegKvar()
                .aldrigLastPlanen().hamta();
        String user = TestData.kontoMedPin(app, egen, PIN);
        loggaIn(user, PIN);
        assertEquals(1, browser.findAll(".ruta--nytt").size(), "the plan is new to someone who never read it");
        browser.clickAndWait(".ruta--nytt button");
        assertTrue(browser.text().contains("Vi har sparat att du har läst planen"));
        assertTrue(browser.findAll(".ruta--nytt").isEmpty(), "nothing new after confirming");
        assertFalse(browser.findAll("form[action$='/klar'] button").isEmpty(), "an own step to mark");
        int fore = browser.findAll("form[action$='/klar']").size();
        browser.clickAndWait("form[action$='/klar'] button");
        assertTrue(browser.text().contains("Steget är markerat som klart"));
        browser.logout();

        loggaIn(user, PIN);
        assertEquals(fore - 1, browser.findAll("form[action$='/klar']").size(), "the step stays done");
        assertTrue(browser.findAll(".ruta--nytt").isEmpty(), "the confirmation stays");
        assertTrue(browser.text().contains("Inget nytt sedan du läste planen"));
        int bekraftelser = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM lasbekraftelse WHERE deltagare_id = :d").bind("d", egen)
                .mapTo(Integer.class).one());
        assertEquals(1, bekraftelser, "one confirmation, stored");
    }

    @Test
    void allaDeltagarsidorArTillgangligaPaTreSprakOchArabiskaArHogerTillVanster() {
        long egen = TestData.deltagareAttLoggaInSom(app, "uppfoljning");
        String user = TestData.kontoMedPin(app, egen, PIN);
        loggaIn(user, PIN);
        browser.open("/min-planering");
        assertEquals("sv", browser.find("html").getAttribute("lang"), "a new account starts in Swedish");
        assertTrue(browser.findAll("button[name=sprak][value=sv]").isEmpty(), "the current language is no button");
        for (String lang : List.of("sv", "en", "ar")) {
            browser.open("/min-planering");
            if (!lang.equals("sv")) {
                browser.clickAndWait("button[name=sprak][value=" + lang + "]");
            }
            assertEquals(lang, browser.find("html").getAttribute("lang"));
            assertEquals(lang.equals("ar") ? "rtl" : "ltr", browser.find("html").getAttribute("dir"));
            for (String path : List.of("/min-planering", "/min-planering/kontakter", "/min-planering/mote",
                    "/min-planering/vem-har-tittat")) {
                browser.open(path);
                assertFalse(browser.driver().getPageSource().contains("[minplanering."), "no missing text");
                browser.size(Browser.DESKTOP);
                browser.assertAccessible();
                browser.size(new Dimension(320, 700));
                browser.assertAccessible();
                Object overflow = browser.driver().executeScript(
                        "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
                assertEquals(Boolean.FALSE, overflow, path + " in " + lang + " scrolls sideways at 320 px: "
                        + browser.driver().executeScript(WIDEST));
                browser.screenshot("deltagare-" + lang + path.replace('/', '_'));
            }
        }
        browser.clickAndWait("button[name=sprak][value=sv]");
        String sparat = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT sprak FROM anvandare WHERE anvandarnamn = :u").bind("u", user)
                .mapTo(String.class).one());
        assertEquals("sv", sparat);
    }

    @Test
    void sidornaFungerarVid200ProcentZoom() {
        loggaIn(anvandarnamn, PIN);
        // 200 % zoom on a 1280 px window is the same layout width as 640 px at 100 %.
        browser.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", 640, "height", 400, "deviceScaleFactor", 2, "mobile", false));
        try {
            for (String path : List.of("/min-planering", "/min-planering/kontakter", "/min-planering/mote")) {
                browser.open(path);
                Object overflow = browser.driver().executeScript(
                        "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
                assertEquals(Boolean.FALSE, overflow, path + " scrolls sideways at 200 % zoom");
                browser.assertAccessible();
            }
        } finally {
            browser.driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }
}
