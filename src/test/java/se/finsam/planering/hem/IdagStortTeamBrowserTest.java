package se.finsam.planering.hem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

/**
 * A team at a real team's size (more than 2 000 participants, about 150 handovers waiting for one handläggare):
 * the handläggare finds the item just handed to her from the first screen of her start page and confirms it; the
 * koordinator's "I dag" counts are the lengths of the lists they open; no page is over 200 kB; axe passes.
 */
class IdagStortTeamBrowserTest extends BrowserTest {

    private static final int DELTAGARE = 2_000;
    private static final int OPPNA = 150;
    private static final Dimension SURFPLATTA = new Dimension(768, 1024);
    private static long nyOverlamning;

    @BeforeAll
    static void storTeam() {
        long kista = Overlamningar.id(app, "SELECT id FROM team WHERE namn = 'Jobbtorg Kista'");
        long af = Overlamningar.organisation(app, "AF");
        long mikael = Overlamningar.anvandare(app, "handlaggare");
        long koordinator = Overlamningar.anvandare(app, "koordinator");
        Instant nu = app.clock().instant();
        app.jdbi().useTransaction(h -> {
            for (int i = 0; i < DELTAGARE; i++) {
                long d = Overlamningar.deltagare(h, kista, String.format("ST-%05d", i), "Stor",
                        String.format("Teammedlem %04d", i), koordinator, af);
                Instant nar = nu.minus(Duration.ofHours(24L * 400 * (DELTAGARE - i) / DELTAGARE + 1));
                long p = Overlamningar.planering(h, d, koordinator, nar);
                long o = Overlamningar.overlamning(h, p, 1, "Söka tre arbeten i veckan, nummer " + i, af, mikael,
                        "2026-12-31", nar);
                if (i < DELTAGARE - OPPNA) {
                    h.createUpdate("UPDATE overlamning SET kvitterad = :t WHERE id = :o")
                            .bind("t", nar.plus(Duration.ofDays(1)).toString()).bind("o", o).execute();
                }
            }
            long d = Overlamningar.deltagare(h, kista, "ST-NY", "Nyss", "Overlamnad", koordinator, af);
            long p = Overlamningar.planering(h, d, koordinator, nu);
            nyOverlamning = Overlamningar.overlamning(h, p, 1, "Anmäla sig till yrkesutbildningen i svets", af,
                    mikael, "2027-01-15", nu);
        });
        int iTeamet = app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM deltagare WHERE team_id = :t")
                .bind("t", kista).mapTo(Integer.class).one());
        assertTrue(iTeamet >= DELTAGARE, "a team of " + iTeamet);
    }

    private static int sidstorlek() {
        return ((Number) browser.driver().executeScript(
                "return new TextEncoder().encode(document.documentElement.outerHTML).length;")).intValue();
    }

    private static void bada(String namn) {
        browser.size(Browser.DESKTOP);
        browser.screenshot(namn + "-1280");
        browser.size(SURFPLATTA);
        browser.screenshot(namn + "-768");
        browser.size(Browser.DESKTOP);
    }

    /** Each test logs in afresh, whatever the one before it left. */
    @org.junit.jupiter.api.BeforeEach
    void utloggad() {
        browser.utanKakor();
    }

    @Test
    void handlaggarenHittarOchKvitterarDetNyaFranForstaSkarmen() {
        browser.loginStaff("handlaggare", DemoData.STAFF_PASSWORD);
        browser.open("/oversikt");
        assertTrue(sidstorlek() < 200_000, "start page " + sidstorlek() + " bytes");
        browser.assertAccessibleAtBothSizes("idag-handlaggare-start");
        bada("idag-handlaggare-start");
        WebElement lank = browser.find("section.idag li[data-lista=kvittera] a");
        assertTrue(lank.getRect().getY() + lank.getRect().getHeight() < Browser.DESKTOP.height,
                "on the first screen at 1280 px: " + lank.getRect());
        assertTrue(Integer.parseInt(lank.findElement(By.cssSelector(".idag__antal")).getText()) > OPPNA,
                lank.getText());
        assertNotNull(browser.find("section.idag li[data-lista=kvittera] .etikett--ny"), "new since her last visit");

        browser.clickAndWait(lank);
        assertTrue(sidstorlek() < 200_000, "list page " + sidstorlek() + " bytes");
        browser.assertAccessibleAtBothSizes("idag-handlaggare-kvittera");
        bada("idag-handlaggare-kvittera");
        WebElement forsta = browser.find("ul.arbetslista > li[data-rad]");
        assertEquals(String.valueOf(nyOverlamning), forsta.getAttribute("data-rad"), "newest first");
        assertTrue(forsta.getText().contains("Anmäla sig till yrkesutbildningen i svets"));
        assertFalse(forsta.findElements(By.cssSelector(".etikett--ny")).isEmpty(), "marked new");
        int fore = Integer.parseInt(browser.find("#rader-rubrik").getAttribute("data-antal"));

        browser.clickAndWait(forsta.findElement(By.cssSelector("form[action$='/kvittera'] button")));
        assertTrue(browser.text().contains("Tack! Punkten är kvitterad."), "confirmed");
        assertEquals("/arbetslista", java.net.URI.create(browser.driver().getCurrentUrl()).getPath(),
                "back on her list");
        assertEquals(fore - 1, Integer.parseInt(browser.find("#rader-rubrik").getAttribute("data-antal")));
        assertFalse(String.valueOf(nyOverlamning).equals(
                browser.find("ul.arbetslista > li[data-rad]").getAttribute("data-rad")), "gone from the list");

        // Search by the participant's code finds one of the many, and her page has its own Kvittera.
        browser.open("/arbetslista?lista=kvittera&sok=st-01999");
        assertEquals("1", browser.find("#rader-rubrik").getAttribute("data-antal"));
        browser.clickAndWait("ul.arbetslista > li[data-rad] .arbetslista__vem a");
        assertTrue(browser.find("#kvittera").getText().contains("nummer 1999"));
        browser.assertAccessibleAtBothSizes("idag-handlaggare-deltagare");
        bada("idag-handlaggare-deltagare");
        browser.clickAndWait("#kvittera form[action$='/kvittera'] button");
        assertTrue(browser.findAll("#kvittera").isEmpty(), "confirmed on her page, which she is still on");
        browser.logout();
    }

    @Test
    void koordinatornsIdagArListornasLangdOchSidornaArSma() {
        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);
        browser.open("/oversikt");
        assertTrue(sidstorlek() < 200_000, "start page " + sidstorlek() + " bytes");
        browser.assertAccessibleAtBothSizes("idag-koordinator-start");
        bada("idag-koordinator-start");
        Map<String, String> lankar = new LinkedHashMap<>();
        Map<String, Integer> antal = new LinkedHashMap<>();
        for (WebElement li : browser.findAll("section.idag li[data-lista]")) {
            String lista = li.getAttribute("data-lista");
            antal.put(lista, Integer.parseInt(li.findElement(By.cssSelector(".idag__antal")).getText()));
            List<WebElement> a = li.findElements(By.cssSelector("a"));
            if (!a.isEmpty()) {
                lankar.put(lista, a.get(0).getAttribute("href"));
            }
        }
        assertTrue(antal.get("sena-kvittenser") >= 100, antal.toString());
        List<String> visade = new ArrayList<>();
        for (var e : lankar.entrySet()) {
            browser.open(java.net.URI.create(e.getValue()).getRawPath() + "?"
                    + java.net.URI.create(e.getValue()).getRawQuery());
            assertEquals(antal.get(e.getKey()).toString(), browser.find("#rader-rubrik").getAttribute("data-antal"),
                    e.getKey());
            assertTrue(sidstorlek() < 200_000, e.getKey() + ": " + sidstorlek() + " bytes");
            if (visade.size() < 3 || e.getKey().equals("eskaleringar")) {
                browser.assertAccessibleAtBothSizes("idag-koordinator-" + e.getKey());
                bada("idag-koordinator-" + e.getKey());
                visade.add(e.getKey());
            }
        }
        browser.open("/uppfoljning");
        assertTrue(sidstorlek() < 200_000, "/uppfoljning " + sidstorlek() + " bytes");
        browser.assertAccessibleAtBothSizes("idag-koordinator-uppfoljning");
        bada("idag-koordinator-uppfoljning");
        browser.open("/arbetslista?lista=fastnade");
        browser.assertAccessible();
        bada("idag-koordinator-fastnade");
        browser.logout();
    }
}
