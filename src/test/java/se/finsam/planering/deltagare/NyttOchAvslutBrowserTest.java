package se.finsam.planering.deltagare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import se.finsam.planering.testsupport.Browser;
import se.finsam.planering.testsupport.BrowserTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/** What the participant reads after staff have been at work: "Nytt sedan sist", and a closed plan. */
class NyttOchAvslutBrowserTest extends BrowserTest {

    static final String PIN = "530917";

    @BeforeEach
    void tomWebblasare() {
        browser.size(Browser.DESKTOP);
        browser.utanKakor();
    }

    private void loggaIn(String user) {
        browser.open("/logga-in/deltagare");
        browser.type("#anvandarnamn", user);
        browser.type("#pin", PIN);
        browser.submitWithEnter("#pin");
        assertTrue(browser.driver().getCurrentUrl().endsWith("/min-planering"), browser.driver().getCurrentUrl());
    }

    private void sprak(String lang) {
        if (!browser.find("html").getAttribute("lang").equals(lang)) {
            browser.clickAndWait("button[name=sprak][value=" + lang + "]");
        }
        assertEquals(lang, browser.find("html").getAttribute("lang"));
    }

    private List<Map<String, Object>> punkter(long deltagare) {
        return app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT pp.id, pp.text FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                        WHERE p.deltagare_id = :d AND pp.borttagen IS NULL ORDER BY pp.ordning""")
                .bind("d", deltagare).mapToMap().list());
    }

    /** Records a follow-up through the form, as a koordinator does. */
    private void uppfoljning(HttpSession s, long deltagare, Map<String, String> falt) {
        HttpResponse<String> page = s.get("/deltagare/" + deltagare + "/uppfoljning");
        assertEquals(200, page.statusCode());
        String uuid = HttpSession.value(page.body(), "input[name=uuid]");
        Map<String, String> form = new HashMap<>(falt);
        form.put("uuid", uuid);
        form.put("datum", "2026-11-23");
        HttpResponse<String> svar = s.post("/deltagare/" + deltagare + "/uppfoljning", form);
        assertEquals(302, svar.statusCode(), svar.body());
    }

    @Test
    void nyttSedanSistVisarVarjePunktEnGangNyastForstMedDatumOchLagetNu() {
        long d = TestData.deltagareIFas(app, "uppfoljning", 1);
        String user = TestData.kontoMedPin(app, d, PIN);
        loggaIn(user);
        if (!browser.findAll(".ruta--nytt").isEmpty()) {
            browser.clickAndWait(".ruta--nytt button");
        }
        assertTrue(browser.findAll(".ruta--nytt").isEmpty(), "nothing new right after Jag har läst");
        browser.logout();

        var punkter = punkter(d);
        String a = String.valueOf(punkter.get(0).get("id"));
        String atext = (String) punkter.get(0).get("text");
        String b = String.valueOf(punkter.get(1).get("id"));
        String btext = (String) punkter.get(1).get("text");
        HttpSession s = app.session().loginStaff("koordinator");
        app.clock().advance(Duration.ofMinutes(3));
        uppfoljning(s, d, Map.of("status_" + a, "fastnat", "orsak_" + a, "Väntar på läkarintyg"));
        app.clock().advance(Duration.ofMinutes(3));
        uppfoljning(s, d, Map.of("status_" + a, "pagar"));
        app.clock().advance(Duration.ofMinutes(3));
        uppfoljning(s, d, Map.of("status_" + b, "avslagen", "orsak_" + b, "Kursen är full i vår"));
        app.clock().advance(Duration.ofMinutes(3));

        loggaIn(user);
        sprak("sv");
        List<WebElement> nyheter = browser.findAll(".ruta--nytt li");
        List<WebElement> omA = nyheter.stream().filter(li -> li.getText().contains(atext)).toList();
        assertEquals(1, omA.size(), "one entry for the item, not one per event: " + browser.find(".ruta--nytt").getText());
        assertTrue(omA.get(0).getText().contains("Pågår"), omA.get(0).getText());
        assertFalse(omA.get(0).getText().contains("Har fastnat"), "no line contradicts the status it has now");
        List<WebElement> omB = nyheter.stream().filter(li -> li.getText().contains(btext)).toList();
        assertEquals(1, omB.size());
        assertTrue(omB.get(0).getText().contains("Avslagen"));
        assertTrue(omB.get(0).getText().contains("Kursen är full i vår"), "the reason for avslagen is hers to read");

        List<Instant> tider = nyheter.stream()
                .map(li -> Instant.parse(li.findElement(By.cssSelector(".nyhet__tid time")).getAttribute("datetime")))
                .toList();
        assertEquals(nyheter.size(), tider.size(), "every entry is dated");
        for (int i = 1; i < tider.size(); i++) {
            assertTrue(!tider.get(i - 1).isBefore(tider.get(i)), "newest first: " + tider);
        }
        assertTrue(nyheter.indexOf(omB.get(0)) < nyheter.indexOf(omA.get(0)), "the newer change comes first");
        assertEquals(app.clock().instant().minus(Duration.ofMinutes(3)),
                Instant.parse(omB.get(0).findElement(By.tagName("time")).getAttribute("datetime")),
                "dated when it was recorded");
        assertFalse(omA.get(0).findElement(By.tagName("time")).getText().isBlank());
        browser.screenshot("nytt-sedan-sist-sv");
        sprak("ar");
        browser.size(Browser.PHONE);
        browser.assertAccessible();
        browser.screenshot("nytt-sedan-sist-ar-telefon");
        browser.clickAndWait("button[name=sprak][value=sv]");
    }

    @Test
    void avslutUtanFortsattningSagerAttIngenTarOverOchVemHonKanVandaSigTill() {
        long d = TestData.deltagareIFas(app, "uppfoljning", 2);
        long team = app.jdbi().withHandle(h -> h.createQuery("SELECT team_id FROM deltagare WHERE id = :d")
                .bind("d", d).mapTo(Long.class).one());
        app.jdbi().useHandle(h -> {
            h.createUpdate("""
                    INSERT INTO team_hjalpkontakt (team_id, ordning, namn, telefon, beskrivning)
                    VALUES (:t, 9, 'Kommunens kontaktcenter', '08-508 111 22', 'Frågor om stöd från kommunen')""")
                    .bind("t", team).execute();
            h.createUpdate("""
                    INSERT INTO team_hjalpkontakt (team_id, ordning, namn, telefon)
                    SELECT id, 9, 'Ett annat teams växel', '08-000 000 01' FROM team WHERE id <> :t""")
                    .bind("t", team).execute();
        });
        var koordinator = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT a.namn, a.telefon FROM anvandare a JOIN team_medlem m ON m.anvandare_id = a.id
                        WHERE m.team_id = :t AND a.roll = 'koordinator' AND a.aktiv = 1 LIMIT 1""")
                .bind("t", team).mapToMap().one());

        HttpSession s = app.session().loginStaff("koordinator");
        assertEquals(302, s.post("/deltagare/" + d + "/avslut", se.finsam.planering.avslut.AvslutStod.medBeslut(s, d, Map.of("datum", "2026-11-23", "orsak", "avbrutit",
                "forsorjning", "forsorjningsstod", "ingen_fortsattning", "on", "sysselsattning", "ingen",
                "steg_mot_arbete", "inget"))).statusCode());
        String user = TestData.kontoMedPin(app, d, PIN);
        loggaIn(user);
        sprak("sv");
        String ruta = browser.find("#avslutad").getText();
        assertTrue(ruta.contains("Din planering är avslutad sedan 23 november 2026"), ruta);
        assertTrue(ruta.contains("Ingen annan tar över din plan"), ruta);
        assertFalse(ruta.contains("Kontakter"), "no sending her to look for someone who takes over: " + ruta);
        assertTrue(ruta.contains("Om du behöver hjälp eller har frågor kan du vända dig till"), ruta);
        assertTrue(ruta.contains((String) koordinator.get("namn")), "the koordinator: " + ruta);
        assertTrue(ruta.contains((String) koordinator.get("telefon")), ruta);
        assertTrue(ruta.contains("1177 Vårdguiden"), "the team's own list: " + ruta);
        assertTrue(ruta.contains("Kommunens kontaktcenter") && ruta.contains("08-508 111 22"), ruta);
        assertFalse(ruta.contains("Ett annat teams växel"), "only her own team's list");
        List<String> ring = browser.findAll("#avslutad a[href^='tel:']").stream()
                .map(e -> e.getAttribute("href")).toList();
        assertTrue(ring.contains("tel:1177") && ring.contains("tel:0850811122"), ring.toString());
        browser.screenshot("avslutad-ingen-fortsattning-sv");

        sprak("ar");
        browser.size(Browser.PHONE);
        assertTrue(browser.find("#ingen-tar-over").getText().contains("لن يتولى أحد آخر خطتك"));
        for (WebElement nummer : browser.findAll("#avslutad .telefon")) {
            assertEquals("ltr", nummer.getCssValue("direction"));
            assertEquals("isolate", nummer.getCssValue("unicode-bidi"));
        }
        browser.assertAccessible();
        browser.screenshot("avslutad-ingen-fortsattning-ar-telefon");
        sprak("en");
        assertTrue(browser.find("#ingen-tar-over").getText().contains("Nobody else takes over your plan"));
        browser.screenshot("avslutad-ingen-fortsattning-en-telefon");
        browser.clickAndWait("button[name=sprak][value=sv]");
    }
}
