package se.finsam.planering.planering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.finsam.planering.planering.FlodeStod.anmal;
import static se.finsam.planering.planering.FlodeStod.anmalan;
import static se.finsam.planering.planering.FlodeStod.anvandare;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.Browser;
import se.finsam.planering.testsupport.BrowserTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * Meeting mode opens in the goal field and asks, on a page of its own, before handing over; the avslut page with
 * open items and the efterkontroll page pass axe on a laptop, a tablet and a phone.
 */
class AvslutOchMotelageBrowserTest extends BrowserTest {

    private static final Dimension PLATTA = new Dimension(768, 1024);

    @BeforeEach
    void utloggad() {
        browser.utanKakor();
    }

    private String fokus() {
        return browser.driver().switchTo().activeElement().getAttribute("id");
    }

    /** Laptop and tablet screenshots, tall enough to show the whole form, and axe at each size. */
    private void granska(String namn) {
        for (var storlek : java.util.List.of(new Dimension(1280, 2600), new Dimension(768, 3200))) {
            browser.size(storlek);
            browser.assertAccessible();
            browser.screenshot(namn + "-" + storlek.width);
        }
        browser.size(Browser.PHONE);
        browser.assertAccessible();
        browser.size(Browser.DESKTOP);
    }

    @Test
    void motelagetBorjarIMaletOchFragarInnanDetLamnarOver() {
        HttpSession k = app.session().loginStaff("koordinator");
        long id = anmal(app, app.session().loginStaff("handlaggare"), anmalan(app, "Fanny", "Fokusdottir", "1990"));
        k.get("/deltagare/" + id + "/motelage");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("version", "0");
        form.put("antal", "0");
        form.put("mal", "Jobba som barnskötare");
        form.put("ny_text", "Utred rätten till aktivitetsstöd");
        form.put("ny_ansvar", "anv:" + anvandare(app, "fk.handlaggare"));
        form.put("ny_typ", "beslut");
        form.put("ny_datum", "2027-01-15");
        assertEquals(302, k.post("/deltagare/" + id + "/motelage", form).statusCode());

        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        browser.open("/deltagare/" + id + "/motelage");
        assertEquals("mal", fokus(), "the goal field has focus when meeting mode opens");

        browser.clickAndWait("#overlamna");
        assertTrue(browser.find("#mottagare").getText().contains("Utred rätten till aktivitetsstöd"));
        assertTrue(browser.find("#mottagare").getText().contains("Försäkringskassan"));
        assertEquals("bekrafta-overlamna", fokus(), "the confirmation button has focus");
        browser.assertAccessibleAtBothSizes("motelage-bekrafta");
        browser.size(PLATTA);
        browser.assertAccessible();
        browser.screenshot("motelage-bekrafta-768");
        browser.size(Browser.DESKTOP);
        int fore = app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM overlamning").mapTo(Integer.class).one());
        browser.clickAndWait("#bekrafta-overlamna");
        assertTrue(browser.text().contains("Planpunkterna är överlämnade"), browser.text());
        int efter = app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM overlamning").mapTo(Integer.class).one());
        assertEquals(fore + 1, efter);
    }

    @Test
    void avslutMedOppnaPunkterOchEfterkontrollArTillgangliga() {
        long d = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").medNamn().medEgetStegKvar().hamta();
        app.jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO overlamning (planpunkt_id, till_id, skapad)
                        SELECT pp.id, (SELECT id FROM anvandare WHERE anvandarnamn = 'fk.handlaggare'), '2026-11-02T09:00:00Z'
                        FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                        WHERE p.deltagare_id = :d AND pp.ansvarig_deltagaren = 0 AND pp.borttagen IS NULL
                        ORDER BY pp.ordning LIMIT 1""").bind("d", d).execute());
        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        browser.open("/deltagare/" + d + "/avslut");
        assertFalse(browser.findAll(".avslut-punkt").isEmpty(), "open items are listed");
        granska("avslut-oppna-punkter");
        // refused without decisions: the error summary, and the page still passes
        browser.find("#orsak").sendKeys("Arbete");
        browser.clickAndWait("form.formular button[type=submit]");
        assertTrue(browser.text().contains("Välj vad som händer med punkt 1"), browser.text());
        granska("avslut-oppna-punkter-fel");
        // Once a decision is chosen, only its field is shown.
        org.openqa.selenium.WebElement forsta = browser.findAll(".avslut-punkt").get(0);
        org.openqa.selenium.By till = org.openqa.selenium.By.cssSelector(".avslut-punkt__till");
        org.openqa.selenium.By orsak = org.openqa.selenium.By.cssSelector(".avslut-punkt__orsak");
        assertTrue(forsta.findElement(till).isDisplayed() && forsta.findElement(orsak).isDisplayed());
        forsta.findElement(org.openqa.selenium.By.cssSelector("input[value=stang]")).click();
        assertFalse(forsta.findElement(till).isDisplayed(), "no one takes over an item closed as not done");
        assertTrue(forsta.findElement(orsak).isDisplayed());
        forsta.findElement(org.openqa.selenium.By.cssSelector("input[value=overlamna]")).click();
        assertTrue(forsta.findElement(till).isDisplayed());
        assertFalse(forsta.findElement(orsak).isDisplayed(), "no reason asked for an item handed over");
        granska("avslut-ett-beslut");

        long avslutad = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").utanKonto().medNamn().hamta();
        LocalDate datum = LocalDate.now(app.clock()).minusMonths(6).minusDays(4);
        app.jdbi().useHandle(h -> {
            h.createUpdate("UPDATE deltagare SET telefon = '070-123 45 67' WHERE id = :d").bind("d", avslutad).execute();
            h.createUpdate("""
                            INSERT INTO avslut (deltagare_id, datum, orsak, forsorjning, ingen_fortsattning, nasta_steg,
                                                fortsattning_ansvarig, registrerad, registrerad_av, sysselsattning,
                                                steg_mot_arbete)
                            SELECT :d, :datum, 'ratt_ersattning', 'sjukpenning', 0, 'Kontakt med FK', 'Lena',
                                   :datum || 'T09:00:00Z', id, 'ingen', 'stabil_narvaro'
                            FROM anvandare WHERE anvandarnamn = 'koordinator'""")
                    .bind("d", avslutad).bind("datum", datum.toString()).execute();
        });
        browser.open("/deltagare/" + avslutad + "/efterkontroll");
        browser.find("#nadd-forsok").click();
        browser.clickAndWait("form.formular button[type=submit]");
        assertTrue(browser.text().contains("Försöket är sparat"), browser.text());
        assertTrue(browser.find(".efterkontroll-telefon a").getAttribute("href").startsWith("tel:"));
        granska("efterkontroll");
    }
}
