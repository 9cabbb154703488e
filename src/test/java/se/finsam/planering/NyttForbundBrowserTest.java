package se.finsam.planering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import se.finsam.planering.testsupport.Browser;
import se.finsam.planering.testsupport.BrowserTest;
import se.finsam.planering.testsupport.TestApp;

/**
 * Starting a new förbund in a real browser: an empty database, the first administrator from the command line, staff
 * accounts made by invitation, and a new koordinator who accepts the invitation and registers a participant. axe
 * checks every administration page.
 */
@Tag(BrowserTest.TAG)
class NyttForbundBrowserTest {

    static final String ADMIN_LOSENORD = "ett-langt-admin-losenord";
    static final String NYTT_LOSENORD = "blåbär-i-skogen-om-hösten";

    @TempDir
    Path dir;

    private static void valj(Browser browser, String css, String value) {
        new Select(browser.find(css)).selectByValue(value);
    }

    /** Accepts the invitation at the link in a browser without a session and sets a password. */
    private static void tackaJa(Browser browser, String lank) {
        browser.utanKakor();
        browser.driver().get(lank.replace("http://localhost", browser.driver().getCurrentUrl().replaceAll(
                "(https?://[^/]+).*", "$1")));
        assertTrue(browser.text().contains("Välj ditt lösenord"), browser.text());
        browser.type("#losenord", "123qweasdzxc");
        browser.type("#losenord2", "123qweasdzxc");
        browser.clickAndWait("form[action='/inbjudan'] button[type=submit]");
        assertTrue(browser.text().contains("vanligaste lösenorden"), browser.text());
        browser.assertAccessibleAtBothSizes("inbjudan-fel");
        browser.type("#losenord", NYTT_LOSENORD);
        browser.type("#losenord2", NYTT_LOSENORD);
        browser.clickAndWait("form[action='/inbjudan'] button[type=submit]");
        assertTrue(browser.text().contains("Ditt lösenord är sparat och du är inloggad"), browser.text());
    }

    @Test
    void forstaAdministratornStartarForbundetOchKoordinatornAnmalerForstaDeltagaren() throws Exception {
        try (TestApp app = TestApp.start(Config.DemoMode.NONE); Browser browser = new Browser(app)) {
            Config config = new Config(0, app.databaseFile(), "http://localhost", Config.DemoMode.NONE, false,
                    Duration.ofMinutes(30), false, false);
            assertEquals(0, Kommandon.createAdmin(config, new String[] {"skapa-admin", "anna.admin", "Anna Admin"},
                    new ByteArrayInputStream((ADMIN_LOSENORD + "\n").getBytes(StandardCharsets.UTF_8))));

            browser.loginStaff("anna.admin", ADMIN_LOSENORD);
            assertTrue(browser.text().contains("Administration"), browser.text());
            browser.assertAccessibleAtBothSizes("forbund-admin");

            // Organisations and the team.
            browser.clickAndWait("a[href='/admin/organisationer']");
            browser.assertAccessibleAtBothSizes("forbund-organisationer");
            for (String[] org : new String[][] {{"Jobbtorg Nord", "jobbtorg"}, {"Arbetsförmedlingen", "af"}}) {
                browser.open("/admin/organisationer/ny");
                browser.type("#namn", org[0]);
                valj(browser, "#typ", org[1]);
                browser.type("#kan_hjalpa_med", "Hjälper dig på vägen till arbete.");
                browser.clickAndWait("form[action='/admin/organisationer'] button[type=submit]");
            }
            browser.open("/admin/organisationer");
            assertTrue(browser.text().contains("Jobbtorg Nord") && browser.text().contains("Arbetsförmedlingen"),
                    browser.text());
            browser.open("/admin/team/nytt");
            browser.assertAccessibleAtBothSizes("forbund-nytt-team");
            browser.type("#namn", "Team Nord");
            browser.type("#motesplats", "Storgatan 1, 123 45 Norrby");
            for (WebElement box : browser.findAll("input[name=organisation]")) {
                box.click();
            }
            browser.clickAndWait("form[action='/admin/team'] button[type=submit]");
            browser.open("/admin/team");
            assertTrue(browser.text().contains("Team Nord"), browser.text());

            // Staff: the koordinator by invitation.
            browser.open("/admin");
            browser.clickAndWait("a[href='/admin/personal']");
            browser.assertAccessibleAtBothSizes("forbund-personal");
            browser.clickAndWait("a[href='/admin/personal/ny']");
            browser.assertAccessibleAtBothSizes("forbund-ny-person");
            browser.type("#namn", "Kerstin Koordinator");
            browser.type("#epost", "kerstin@jobbtorgnord.se");
            browser.type("#anvandarnamn", "kerstin");
            valj(browser, "#roll", "koordinator");
            browser.clickAndWait("form[action='/admin/personal/ny'] button[type=submit]");
            assertTrue(browser.text().contains("Välj organisation"), browser.text());
            assertEquals("kerstin@jobbtorgnord.se", browser.find("#epost").getAttribute("value"), "input is kept");
            browser.assertAccessibleAtBothSizes("forbund-ny-person-fel");
            new Select(browser.find("#organisation")).selectByVisibleText("Jobbtorg Nord");
            browser.find("label[for^='team-']").click();
            browser.clickAndWait("form[action='/admin/personal/ny'] button[type=submit]");
            assertTrue(browser.text().contains("Kontot för Kerstin Koordinator är skapat"), browser.text());
            String lank = browser.find("#lank").getAttribute("value");
            browser.assertAccessibleAtBothSizes("forbund-inbjudan");
            browser.clickAndWait("a[href^='/admin/personal/']:not([href='/admin/personal'])");
            assertTrue(browser.find("#status").getText().contains("Inbjuden"), browser.find("#status").getText());
            browser.assertAccessibleAtBothSizes("forbund-person");

            // Import: the preview names the bad row; a corrected file is saved with one link per person.
            browser.open("/admin/personal/import");
            browser.assertAccessibleAtBothSizes("forbund-import");
            Path fel = dir.resolve("personal.csv");
            Files.writeString(fel, "namn;e-post;organisation;roll;team\n"
                    + "Hans Hand;hans@af.se;Arbetsförmedlingen;handlaggare;Team Nord\n"
                    + "Ola Ordf;ola@forbundet.se;;styrgrupp;\n"
                    + "Tova Team;tova@af.se;Arbetsförmedlingen;teamrepresentant;Team Syd\n");
            browser.find("#fil").sendKeys(fel.toString());
            browser.clickAndWait("form[action='/admin/personal/import'] button[type=submit]");
            assertTrue(browser.text().contains("Rad 4: Teamet Team Syd finns inte"), browser.text());
            browser.assertAccessibleAtBothSizes("forbund-import-fel");
            Path ratt = dir.resolve("personal-ratt.csv");
            Files.writeString(ratt, "namn;e-post;organisation;roll;team\n"
                    + "Hans Hand;hans@af.se;Arbetsförmedlingen;handlaggare;Team Nord\n"
                    + "Ola Ordf;ola@forbundet.se;;styrgrupp;\n");
            browser.open("/admin/personal/import");
            browser.find("#fil").sendKeys(ratt.toString());
            browser.clickAndWait("form[action='/admin/personal/import'] button[type=submit]");
            browser.assertAccessibleAtBothSizes("forbund-import-granskning");
            browser.clickAndWait("form[action='/admin/personal/import/spara'] button[type=submit]");
            assertTrue(browser.text().contains("2 nya konton är skapade"), browser.text());
            browser.assertAccessibleAtBothSizes("forbund-import-resultat");

            // The koordinator accepts, logs in and registers the team's first participant.
            tackaJa(browser, lank);
            // A koordinator enrols her second factor in the same flow, before any other page.
            assertTrue(browser.driver().getCurrentUrl().endsWith("/tvafaktor/registrera"),
                    browser.driver().getCurrentUrl());
            browser.open("/anmalan");
            assertTrue(browser.driver().getCurrentUrl().contains("/tvafaktor"), browser.driver().getCurrentUrl());
            browser.open("/tvafaktor/registrera");
            browser.enrolSecondFactor();
            assertTrue(browser.driver().getCurrentUrl().endsWith("/oversikt"), browser.driver().getCurrentUrl());
            browser.logout();
            browser.loginStaff("kerstin", NYTT_LOSENORD);
            browser.open("/anmalan");
            browser.type("#fornamn", "Första");
            browser.type("#efternamn", "Deltagaresson");
            browser.type("#fodelsear", "1990");
            browser.find("#kon-annat").click();
            browser.type("#telefon", "070-111 22 33");
            for (WebElement box : browser.findAll("input[name=samtycke]")) {
                box.click();
            }
            valj(browser, "#forsorjning", "forsorjningsstod");
            browser.find("#informerad-ja").click();
            browser.type("#sammanfattning", "Vill börja arbeta, behöver stöd med hälsan.");
            browser.clickAndWait("#anmalan button[type=submit]");
            assertTrue(browser.text().contains("Anmälan är sparad"), browser.text());
        }
    }
}
