package se.finsam.planering.planering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.finsam.planering.planering.FlodeStod.anvandare;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.Select;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.Browser;
import se.finsam.planering.testsupport.BrowserTest;
import se.finsam.planering.testsupport.HttpSession;

/**
 * The whole journey in real Chromium: a handläggare refers, the koordinator books and prints the kallelse with an
 * activation code, meeting mode builds the plan by keyboard, the responsible handläggare confirm, and the participant
 * logs in and sees exactly the decided plan, without any internal text.
 */
class HelaFlodetBrowserTest extends BrowserTest {

    static final Dimension TABLET = new Dimension(768, 1024);
    private void sidanArTillgangligPaLaptopOchPlatta(String namn) {
        browser.size(Browser.DESKTOP);
        browser.assertAccessible();
        browser.screenshot(namn + "-1280");
        browser.size(TABLET);
        browser.assertAccessible();
        browser.screenshot(namn + "-768");
        browser.size(Browser.DESKTOP);
    }

    private void valj(String css, String value) {
        new Select(browser.find(css)).selectByValue(value);
    }

    @Test
    void franAnmalanTillDeltagarensPlanering() throws Exception {
        // 1. Handläggare A (AF) refers a participant. A first attempt with a gap keeps everything typed.
        browser.loginStaff("handlaggare", DemoData.STAFF_PASSWORD);
        browser.open("/anmalan");
        browser.type("#fornamn", "Fatima");
        browser.type("#efternamn", "Flödesson");
        browser.type("#fodelsear", "1984");
        browser.find("#kon-kvinna").click();
        browser.type("#telefon", "070-765 43 21");
        for (WebElement box : browser.findAll("input[name=samtycke]")) {
            box.click();
        }
        valj("#forsorjning", "sjukpenning");
        browser.find("#informerad-ja").click();
        browser.clickAndWait("#anmalan button[type=submit]");
        assertTrue(browser.text().contains("Något behöver rättas"));
        assertEquals("Flödesson", browser.find("#efternamn").getAttribute("value"), "typed input is kept");
        sidanArTillgangligPaLaptopOchPlatta("anmalan-fel");
        browser.find("a[href='#sammanfattning']").click();
        assertEquals("sammanfattning", browser.driver().switchTo().activeElement().getAttribute("id"));
        browser.type("#sammanfattning", "INTERN-SAMMANFATTNING-FLODE: långvarig sjukskrivning, vill arbeta.");
        valj("#ordinarie-" + FlodeStod.org(app, "AF"), String.valueOf(anvandare(app, "handlaggare")));
        valj("#ordinarie-" + FlodeStod.org(app, "FK"), String.valueOf(anvandare(app, "fk.handlaggare")));
        valj("#ordinarie-" + FlodeStod.org(app, "REGION"), String.valueOf(anvandare(app, "region.handlaggare")));
        browser.clickAndWait("#anmalan button[type=submit]");
        assertTrue(browser.text().contains("Anmälan är sparad"), "visible confirmation");
        String url = browser.driver().getCurrentUrl();
        long deltagareId = Long.parseLong(url.substring(url.lastIndexOf('/') + 1));
        browser.utanKakor();

        // 2. The koordinator adds the team's meetings and books the participant; the kallelse is printed with a code.
        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        browser.open("/moten");
        browser.clickAndWait("form[action='/moten/planera'] button");
        assertTrue(browser.text().contains("Teamets möten är inlagda"));
        sidanArTillgangligPaLaptopOchPlatta("moten");
        browser.clickAndWait(browser.findAll("table a[href^='/moten/']").get(0));
        browser.find("#valj-" + deltagareId).click();
        browser.clickAndWait("form[action$='/boka'] button[type=submit]");
        assertTrue(browser.text().contains("Deltagaren är bokad"));
        String kallelse = browser.text();
        assertTrue(kallelse.contains("Kallelse till möte med FINSAM-teamet"));
        assertTrue(kallelse.contains("Kistagången 20 B"), "the place");
        assertTrue(kallelse.contains("Arbetsförmedlingen") && kallelse.contains("Försäkringskassan"), "authorities");
        assertTrue(kallelse.contains("Så går mötet till"), "agenda");
        assertTrue(kallelse.contains("Eva Lindström"), "whom to call if she cannot come: the koordinator");
        assertFalse(kallelse.contains("INTERN-SAMMANFATTNING"));
        browser.clickAndWait("form[action$='/aktiveringskod'] button");
        String kod = browser.find("#aktiveringskod").getText();
        assertTrue(kod.matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}"), kod);
        sidanArTillgangligPaLaptopOchPlatta("kallelse");
        String pdf = pdfText();
        assertTrue(pdf.contains(kod), "the code is on the printout");
        assertTrue(pdf.contains("Kistagången 20 B"));
        assertFalse(pdf.contains("Logga ut"), "no navigation on paper");
        assertFalse(pdf.contains("Skapa aktiveringskod"), "no buttons on paper");
        assertEquals(1, (int) app.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM aktiveringskod k JOIN deltagare d ON d.anvandare_id = k.anvandare_id "
                        + "WHERE d.id = :d AND k.kod_hash <> :kod").bind("d", deltagareId).bind("kod", kod)
                .mapTo(Integer.class).one()), "only a hash of the code is stored");

        // 3. Meeting mode: the goal in the participant's words and five items at three authorities, by keyboard.
        browser.open("/deltagare/" + deltagareId + "/motelage");
        assertTrue(browser.text().contains("INTERN-SAMMANFATTNING-FLODE"), "the referral summary is at hand");
        browser.type("#mal", "Jag vill jobba i en butik igen, några timmar om dagen till att börja med.");
        browser.type("#teamanteckning", "INTERN-TEAMANTECKNING-FLODE: orolig för ekonomin.");
        String af = "anv:" + anvandare(app, "handlaggare");
        String fk = "anv:" + anvandare(app, "fk.handlaggare");
        String region = "anv:" + anvandare(app, "region.handlaggare");
        String[][] punkter = {
            {"Du får en plats i arbetsträning i butik.", af},
            {"Vi utreder din rätt till sjukpenning på deltid.", fk},
            {"Du får en tid hos läkaren om din sömn.", region},
            {"Vi betalar ut sjukpenning medan utredningen pågår.", fk},
            {"Du går på ett informationsmöte om studier.", af},
        };
        for (String[] p : punkter) {
            browser.type("#ny_text", p[0]);
            valj("#ny_ansvar", p[1]);
            browser.submitWithEnter("#ny_text");
            assertEquals("ny_text", browser.driver().switchTo().activeElement().getAttribute("id"),
                    "focus is back in the new item field, ready for the next one");
        }
        assertTrue(browser.text().contains("Planpunkten är tillagd"));
        // Reorder by keyboard: focus the fifth item's "move up" button and press Enter.
        WebElement upp = browser.find("button[value='upp-4']");
        WebElement oldPage = browser.find("html");
        upp.sendKeys(Keys.ENTER);
        // The old page is gone when Chromium calls it stale or, mid-navigation, "not in the document".
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(10))
                .until(d -> {
                    try {
                        oldPage.isEnabled();
                        return false;
                    } catch (org.openqa.selenium.WebDriverException gone) {
                        return true;
                    }
                });
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(10))
                .until(d -> "complete".equals(browser.driver().executeScript("return document.readyState")));
        assertEquals(punkter[4][0], browser.find("#p3_text").getAttribute("value"));
        sidanArTillgangligPaLaptopOchPlatta("motelage-punkter");
        browser.driver().executeScript("window.scrollTo(0, 0)");
        sidanArTillgangligPaLaptopOchPlatta("motelage");

        // Someone else saves meanwhile (here over HTTP): this browser gets the conflict page and loses nothing.
        HttpSession annan = app.session().loginStaff("teamrep.af");
        Map<String, String> deras = HttpSession.formData(annan.page("/deltagare/" + deltagareId + "/motelage"),
                "#planering-form");
        assertEquals(String.valueOf(punkter.length), deras.get("antal"), "the other person's page has every item");
        for (int i = 0; i < punkter.length; i++) {
            assertEquals(browser.find("#p" + i + "_ansvar").getAttribute("value"), deras.get("p" + i + "_ansvar"));
        }
        deras.put("mal", "Annan formulering av målet");
        deras.put("teamanteckning", "");
        assertEquals(302, annan.post("/deltagare/" + deltagareId + "/motelage", deras).statusCode());
        browser.type("#teamanteckning", "INTERN-TEAMANTECKNING-FLODE: orolig för ekonomin. Tolk behövs inte.");
        browser.clickAndWait(".verktyg button[value=spara]");
        assertTrue(browser.text().contains("Någon annan sparade planeringen medan du skrev"));
        assertTrue(browser.text().contains("Annan formulering av målet"), "their version is shown");
        assertTrue(browser.find("#teamanteckning").getAttribute("value").contains("Tolk behövs inte"),
                "what was typed here is still in the form");
        sidanArTillgangligPaLaptopOchPlatta("motelage-konflikt");
        browser.clickAndWait(".verktyg button[value=spara]");
        assertTrue(browser.text().contains("Planeringen är sparad"));

        // Attendance, a substitute included.
        long moteId = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT mote_id FROM mote_deltagare WHERE deltagare_id = :d").bind("d", deltagareId)
                .mapTo(Long.class).one());
        browser.open("/moten/" + moteId);
        for (String vem : List.of("koordinator", "teamrep.af", "teamrep.fk", "teamrep.region")) {
            browser.find("#narvaro-" + anvandare(app, vem)).click();
        }
        browser.find("#ersattare-" + anvandare(app, "teamrep.region")).click();
        valj("#extra", String.valueOf(anvandare(app, "teamrep.soc.farsta")));
        browser.clickAndWait("form[action$='/narvaro'] button[type=submit]");
        assertTrue(browser.text().contains("Närvaron är sparad"));
        assertEquals(List.of(0, 0, 0, 1, 1), app.jdbi().withHandle(h -> h.createQuery(
                "SELECT ersattare FROM mote_narvaro WHERE mote_id = :m ORDER BY ersattare, anvandare_id")
                .bind("m", moteId).mapTo(Integer.class).list()), "five attended, two of them substitutes");
        assertTrue(browser.find("#extern-" + anvandare(app, "teamrep.soc.farsta")).isSelected(),
                "the substitute from another team stays on the list");
        sidanArTillgangligPaLaptopOchPlatta("mote");
        browser.open("/deltagare/" + deltagareId + "/kontakter");
        assertTrue(browser.text().contains("Nadia Karimi"));
        sidanArTillgangligPaLaptopOchPlatta("kontakter");

        browser.open("/deltagare/" + deltagareId + "/motelage");
        browser.clickAndWait("#overlamna");
        assertTrue(browser.text().contains("Vem får vad"), "who gets what, before anything is handed over");
        browser.clickAndWait("#bekrafta-overlamna");
        assertTrue(browser.text().contains("Planpunkterna är överlämnade"));
        browser.utanKakor();

        // 4. Each responsible handläggare confirms receipt on their start page.
        browser.loginStaff("handlaggare", DemoData.STAFF_PASSWORD);
        assertTrue(browser.text().contains(punkter[0][0]));
        sidanArTillgangligPaLaptopOchPlatta("handlaggare-start");
        assertFalse(browser.findAll("form[action$='/kvittera']").isEmpty(), "items wait for this handläggare");
        while (!browser.findAll("form[action$='/kvittera']").isEmpty()) {
            browser.clickAndWait("form[action$='/kvittera'] button");
            assertTrue(browser.text().contains("Punkten är kvitterad"));
        }
        assertTrue(browser.text().contains("Inga planpunkter väntar på din kvittens"), "empty state");
        browser.utanKakor();
        for (String vem : List.of("fk.handlaggare", "region.handlaggare")) {
            HttpSession s = app.session().loginStaff(vem);
            List<String> kvittera = s.page("/oversikt").select("form[action$=/kvittera]").eachAttr("action");
            assertFalse(kvittera.isEmpty(), vem + " has items to confirm");
            for (String action : kvittera) {
                assertEquals(302, s.post(action, Map.of()).statusCode(), action);
            }
        }
        assertEquals(0, (int) app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM overlamning o JOIN planpunkt pp ON pp.id = o.planpunkt_id
                        JOIN planering p ON p.id = pp.planering_id WHERE p.deltagare_id = :d AND o.kvitterad IS NULL""")
                .bind("d", deltagareId).mapTo(Integer.class).one()), "every item confirmed");

        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        assertTrue(browser.text().contains("Kommande möten"), "the koordinator's start page");
        sidanArTillgangligPaLaptopOchPlatta("koordinator-start");
        browser.utanKakor();

        // 5. The participant logs in with the code from the printout, chooses a PIN and sees exactly the plan.
        HttpSession deltagare = app.session();
        deltagare.get("/aktivera");
        HttpResponse<String> aktiverad = deltagare.post("/aktivera", Map.of("kod", kod.toLowerCase()));
        assertEquals(302, aktiverad.statusCode(), aktiverad.body());
        List<String> svar = new ArrayList<>();
        svar.add(deltagare.get("/aktivera/pin").body());
        HttpResponse<String> pin = deltagare.post("/aktivera/pin", Map.of("pin", "918273", "pin2", "918273"));
        assertEquals(302, pin.statusCode(), pin.body());
        HttpResponse<String> plan = deltagare.get("/min-planering");
        assertEquals(200, plan.statusCode());
        svar.add(plan.body());
        assertTrue(plan.body().contains("Jag vill jobba i en butik igen"));
        List<String> visade = HttpSession.html(plan).select("p.planpunkt__text").eachText();
        assertEquals(List.of(punkter[0][0], punkter[1][0], punkter[2][0], punkter[4][0], punkter[3][0]), visade,
                "exactly the decided items, in the decided order");
        for (String body : svar) {
            assertFalse(body.contains("INTERN-SAMMANFATTNING"), "case summary never reaches the participant");
            assertFalse(body.contains("INTERN-TEAMANTECKNING"), "team note never reaches the participant");
        }
        // The participant's contact list is the current kontaktperson rows: one per authority, as referred.
        assertEquals(List.of("Mikael Öberg", "Lena Forsberg", "Nadia Karimi"),
                new se.finsam.planering.kontakt.KontaktRepository(app.jdbi()).aktuella(deltagareId).stream()
                        .map(se.finsam.planering.kontakt.KontaktRepository.Kontakt::namn).toList());
        assertNotNull(deltagare.cookie("finsam_session"));
    }

    /** The current page printed to PDF on A4, as Chromium prints it, and its text. */
    private String pdfText() throws Exception {
        PrintOptions options = new PrintOptions();
        options.setPageSize(new PageSize(29.7, 21.0));
        String base64 = browser.driver().print(options).getContent();
        try (PDDocument doc = Loader.loadPDF(Base64.getDecoder().decode(base64))) {
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots"));
            javax.imageio.ImageIO.write(new org.apache.pdfbox.rendering.PDFRenderer(doc).renderImageWithDPI(0, 70),
                    "png", java.nio.file.Path.of("target", "screenshots", "kallelse-utskrift.png").toFile());
            assertEquals(1, doc.getNumberOfPages(), "the kallelse is a one-page letter");
            return new PDFTextStripper().getText(doc);
        }
    }
}
