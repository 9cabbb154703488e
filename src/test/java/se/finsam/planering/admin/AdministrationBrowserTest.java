package se.finsam.planering.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.BrowserTest;
import se.finsam.planering.sprak.Texter;

/** An administrator creates an organisation and a team through the pages; axe checks every administration page. */
class AdministrationBrowserTest extends BrowserTest {

    private static final Texter SV = Texter.of("sv");

    @Test
    void administratorenSkaparOrganisationOchTeam() {
        browser.utanKakor();
        browser.loginStaff("admin", DemoData.STAFF_PASSWORD);
        browser.open("/admin");
        browser.assertAccessibleAtBothSizes("admin-start");

        browser.clickAndWait("a[href='/admin/organisationer']");
        browser.assertAccessibleAtBothSizes("admin-organisationer");
        browser.clickAndWait("a[href='/admin/organisationer/ny']");
        browser.assertAccessibleAtBothSizes("admin-organisation-ny");
        browser.clickAndWait("form.formular button[type=submit]");
        assertTrue(browser.text().contains(SV.get("form.felrubrik")), browser.text());
        browser.assertAccessibleAtBothSizes("admin-organisation-fel");

        browser.type("#namn", "Vårdcentralen Husby");
        new Select(browser.find("#typ")).selectByValue("region");
        browser.type("#enhetstyp", "vårdcentral");
        browser.type("#telefon", "08-123 400 00");
        browser.type("#telefontider", "Vardagar 8–17");
        browser.type("#epost", "husby@example.se");
        browser.type("#kan_hjalpa_med", "Hjälper dig med din hälsa och sjukskrivning.");
        browser.type("#kan_hjalpa_med_en", "Helps you with your health and sick leave.");
        browser.type("#kan_hjalpa_med_ar", "يساعدك في صحتك وإجازتك المرضية.");
        browser.clickAndWait("form.formular button[type=submit]");
        assertTrue(browser.text().contains(SV.get("flash.admin.org.skapad")), browser.text());
        assertTrue(browser.text().contains("Vårdcentralen Husby"), browser.text());
        browser.clickAndWait(browser.driver().findElement(org.openqa.selenium.By.linkText("Vårdcentralen Husby")));
        assertEquals("husby@example.se", browser.find("#epost").getAttribute("value"));
        browser.assertAccessibleAtBothSizes("admin-organisation");

        browser.open("/admin");
        browser.clickAndWait("a[href='/admin/team']");
        browser.assertAccessibleAtBothSizes("admin-team");
        browser.clickAndWait("a[href='/admin/team/nytt']");
        browser.assertAccessibleAtBothSizes("admin-team-nytt");
        browser.type("#namn", "Team Husby");
        browser.type("#forbund", "Samordningsförbundet Stockholms stad");
        browser.type("#motesplats", "Husby torg 1");
        new Select(browser.find("#motesveckodag")).selectByValue("3");
        browser.type("#uppfoljning_manader", "1,3");
        browser.type("#kvittens_arbetsdagar", "4");
        browser.type("#hjalpkontakt_namn", "1177 Vårdguiden");
        browser.type("#hjalpkontakt_telefon", "1177");
        browser.findAll("input[name=organisation]").stream()
                .filter(e -> e.findElement(org.openqa.selenium.By.xpath("following-sibling::label")).getText()
                        .equals("Vårdcentralen Husby"))
                .findFirst().orElseThrow().click();
        browser.clickAndWait("form.formular button[type=submit]");
        assertTrue(browser.text().contains(SV.get("flash.admin.team.skapat")), browser.text());
        browser.clickAndWait(browser.driver().findElement(org.openqa.selenium.By.linkText("Team Husby")));
        assertEquals("1,3", browser.find("#uppfoljning_manader").getAttribute("value"));
        assertTrue(browser.findAll("input[name=organisation]:checked").size() == 1);
        browser.assertAccessibleAtBothSizes("admin-team-andra");

        browser.open("/admin");
        browser.clickAndWait("a[href='/admin/handelser']");
        assertTrue(browser.text().contains("Team Husby"), browser.text());
        browser.assertAccessibleAtBothSizes("admin-handelser");

        // The administration pages in Arabic, right to left.
        browser.open("/konto");
        browser.clickAndWait("form.sprakval button[value='ar']");
        browser.open("/admin/team/nytt");
        assertEquals("rtl", browser.find("html").getAttribute("dir"));
        browser.assertAccessibleAtBothSizes("admin-team-nytt-ar");
        browser.open("/admin/handelser?slag=team");
        browser.assertAccessibleAtBothSizes("admin-handelser-ar");
        browser.open("/konto");
        browser.clickAndWait("form.sprakval button[value='sv']");
    }
}
