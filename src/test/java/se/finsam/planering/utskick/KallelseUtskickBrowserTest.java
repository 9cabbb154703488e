package se.finsam.planering.utskick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.mote.MoteRepository;
import se.finsam.planering.testsupport.BrowserTest;
import se.finsam.planering.testsupport.TestData;

/**
 * The koordinator's kallelse page with "skriv ut och skicka": where the message goes, what it holds, and plainly when
 * the participant has no channel or the server none; axe at both sizes before and after; the letter and the
 * confirmation show one code, and Utskick lists the message without it.
 */
class KallelseUtskickBrowserTest extends BrowserTest {

    private static long bokning(long deltagare, LocalDate dag) {
        MoteRepository moten = new MoteRepository(app.jdbi());
        long team = app.jdbi().withHandle(h -> h.createQuery("SELECT team_id FROM deltagare WHERE id = :d")
                .bind("d", deltagare).mapTo(Long.class).one());
        long mote = moten.skapa(team, dag.atTime(8, 0), dag.atTime(10, 0), "Kistagången 20 B");
        var utfall = moten.bokaFlera(mote, List.of(deltagare), null, null, null, true, app.clock().instant());
        return ((MoteRepository.Bokningsutfall.Bokade) utfall).bokningar().get(0);
    }

    private static long anmald(String telefon, String epost) {
        long d = TestData.ledigDeltagareIFas(app, "anmald");
        app.jdbi().useHandle(h -> h.createUpdate("UPDATE deltagare SET sprak = 'ar', telefon = :t, epost = :e WHERE id = :d")
                .bind("t", telefon).bind("e", epost).bind("d", d).execute());
        return d;
    }

    @Test
    void koordinatornSkriverUtOchSkickarKallelsenOchSidanSagerVartDenGar() {
        long medKanaler = anmald("070-246 80 31", "kallelse@example.se");
        long utan = anmald(null, null);
        long bokning = bokning(medKanaler, LocalDate.of(2026, 12, 5));
        long utanBokning = bokning(utan, LocalDate.of(2026, 12, 12));

        browser.size(se.finsam.planering.testsupport.Browser.DESKTOP);
        browser.utanKakor();
        browser.loginStaff("koordinator", DemoData.STAFF_PASSWORD);

        browser.open("/kallelse/" + utanBokning);
        assertTrue(browser.find("#kallelse-inga-kanaler").getText().contains("skicka den med post"));
        assertTrue(browser.findAll("#kallelse-skicka").isEmpty());
        browser.assertAccessibleAtBothSizes("kallelse-utan-kanal");

        browser.open("/kallelse/" + bokning);
        String kanaler = browser.find("#kallelse-kanaler").getText();
        assertTrue(kanaler.contains("070-246 80 31") && kanaler.contains("kallelse@example.se"), kanaler);
        assertTrue(browser.find("#kallelse-ingen-serverkanal").getText().contains("ingen kanal"),
                "this server has none: the page says so before she chooses");
        browser.assertAccessibleAtBothSizes("kallelse-skicka");

        browser.clickAndWait("#kallelse-skicka");
        String kod = browser.find("#aktiveringskod").getText();
        assertEquals(kod, browser.find("#aktiveringskod-sv").getText(), "her letter and its Swedish copy");
        assertTrue(browser.find("#kallelse-skickas").getText().contains("Utskick"));
        browser.assertAccessibleAtBothSizes("kallelse-skickad");

        app.app().utskick().avsandare().korEnGang();
        browser.open("/utskick");
        String deltagarkod = app.jdbi().withHandle(h -> h.createQuery("SELECT kod FROM deltagare WHERE id = :d")
                .bind("d", medKanaler).mapTo(String.class).one());
        List<org.openqa.selenium.WebElement> rader = browser.findAll("tr[data-utskick]").stream()
                .filter(e -> e.getText().contains(deltagarkod)).toList();
        assertEquals(1, rader.size());
        assertTrue(rader.get(0).getText().contains("Kallelse med länk och kod"), rader.get(0).getText());
        assertEquals("ingen_kanal", rader.get(0).getAttribute("data-status"));
        assertFalse(browser.text().contains(kod), "the code is never shown on Utskick");
        browser.assertAccessibleAtBothSizes("utskick-kallelse");
    }
}
