package se.finsam.planering.utskick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.Browser;
import se.finsam.planering.testsupport.BrowserTest;
import se.finsam.planering.testsupport.TestData;

/**
 * The Arabic-speaking participant turns her reminders on from "Mina uppgifter", and the koordinator sees her
 * messages on Utskick; axe on both pages in Swedish, English and Arabic, on a phone and a laptop.
 */
class UtskickBrowserTest extends BrowserTest {

    private static final String PIN = "604713";

    private String lang() {
        return browser.find("html").getAttribute("lang") + "/" + browser.find("html").getAttribute("dir");
    }

    /** Chooses the language, unless it is the one shown (then it has no button). */
    private void valjSprak(String kod) {
        if (!browser.find("html").getAttribute("lang").equals(kod)) {
            browser.clickAndWait("form[action='/sprak'] button[value='" + kod + "']");
        }
        assertEquals(kod, browser.find("html").getAttribute("lang"));
    }

    private void tillgangligOchFotad(String namn) {
        browser.size(Browser.PHONE);
        browser.assertAccessible();
        browser.screenshot(namn + "-telefon");
        browser.size(Browser.DESKTOP);
        browser.assertAccessible();
        browser.screenshot(namn + "-dator");
    }

    @Test
    void denArabisktalandeSlarPaPaminnelserOchKoordinatornSerDemPaUtskick() {
        long d = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").talar("ar").hamta();
        String user = TestData.kontoMedPin(app, d, PIN);
        String kod = app.jdbi().withHandle(h -> {
            h.execute("UPDATE deltagare SET telefon = '070-246 80 12', epost = 'deltagare@example.se' WHERE id = ?", d);
            return h.createQuery("SELECT kod FROM deltagare WHERE id = :d").bind("d", d).mapTo(String.class).one();
        });
        browser.utanKakor();
        browser.size(Browser.DESKTOP);
        browser.open("/logga-in/deltagare");
        valjSprak("ar");
        browser.type("#anvandarnamn", user);
        browser.type("#pin", PIN);
        browser.submitWithEnter("#pin");
        browser.open("/min-planering/mina-uppgifter");
        assertEquals("ar/rtl", lang());
        assertTrue(browser.text().contains("الرسائل إليك"), browser.text());
        browser.clickAndWait("a[href='/min-planering/mina-uppgifter/meddelanden']");
        tillgangligOchFotad("utskick-val-ar");
        browser.find("#epost").click();
        browser.find("#detaljer").click();
        browser.clickAndWait("form[action='/min-planering/mina-uppgifter/meddelanden'] button[type=submit]");
        assertTrue(browser.text().contains("تم حفظ اختياراتك للرسائل"), browser.text());
        assertTrue(browser.find("#epost").isSelected() && browser.find("#sms").isSelected()
                && browser.find("#detaljer").isSelected());
        for (String sprak : List.of("sv", "en")) {
            valjSprak(sprak);
            assertEquals(sprak + "/ltr", lang());
            tillgangligOchFotad("utskick-val-" + sprak);
        }
        browser.logout();

        // Her plan changes; the message is made and, with no channel on this server, kept.
        app.jdbi().useHandle(h -> h.execute("""
                UPDATE planering SET andrad = ?, andrad_av = (SELECT id FROM anvandare WHERE anvandarnamn = 'koordinator'),
                       version = version + 1 WHERE deltagare_id = ?""", app.clock().instant(), d));
        app.app().utskick().avsandare().korEnGang();

        browser.utanKakor();
        browser.loginStaff("koordinator", se.finsam.planering.demo.DemoData.STAFF_PASSWORD);
        browser.open("/utskick");
        assertTrue(browser.findAll("tr[data-utskick]").stream()
                .anyMatch(r -> r.getText().contains(kod)), "her message is on Utskick");
        assertTrue(browser.find("#utskick-allas-status").getText().contains("Ingen kanal inställd"), browser.text());
        for (String sprak : List.of("sv", "en", "ar")) {
            valjSprak(sprak);
            tillgangligOchFotad("utskick-sida-" + sprak);
        }
    }
}
