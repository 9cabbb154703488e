package se.finsam.planering.utskick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

/**
 * Utskick without any channel (a laptop, the demo): the messages are made and kept, and the koordinator sees each
 * one, to whom (role or participant code), channel, when and status "Ingen kanal inställd", without any name.
 */
class UtskickSidaTest extends AppTest {

    @Test
    void koordinatornSerTeametsMeddelandenMedStatusIngenKanal() {
        for (int i = 0; i < 50 && app.app().utskick().avsandare().korEnGang() > 0; i++) {
            // the sender settles what the demo data left due
        }
        HttpSession k = app.session().loginStaff("koordinator");
        Document sida = k.page("/utskick");
        assertTrue(sida.select("nav a[href=/utskick]").size() == 1, "Utskick is in her menu");
        assertTrue(sida.text().contains("Ingen kanal är inställd"), sida.text());
        List<Element> rader = sida.select("tr[data-utskick]");
        assertTrue(rader.size() > 5, "the demo data fill the page: " + rader.size());
        // With no channel, every message has one status and no channel: said once, not in a column on every row.
        assertEquals("Alla meddelanden i listan har samma status: Ingen kanal inställd.",
                sida.getElementById("utskick-allas-status").text());
        assertEquals(List.of("När", "Till", "Vad"), sida.select("table thead th").eachText());
        assertTrue(rader.stream().allMatch(r -> r.select("td").size() == 3), "no column of one value");
        assertTrue(rader.stream().anyMatch(r -> r.select("td").get(1).text().matches("Deltagare KIS-\\S+")),
                "a participant by her code");
        assertTrue(rader.stream().anyMatch(r -> r.select("td").get(1).text().equals("Koordinator")
                || r.select("td").get(1).text().equals("Handläggare")), "staff by role");
        List<String> namn = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT fornamn || ' ' || efternamn FROM deltagare WHERE fornamn IS NOT NULL").mapTo(String.class).list());
        String tabell = sida.select("table").text();
        for (String n : namn) {
            assertFalse(tabell.contains(n), "no name on Utskick: " + n);
        }
        long iTeamet = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM utskick WHERE team_id IN (SELECT team_id FROM team_medlem m
                            JOIN anvandare a ON a.id = m.anvandare_id WHERE a.anvandarnamn = 'koordinator')""")
                .mapTo(Long.class).one());
        assertEquals(Math.min(iTeamet, UtskickRoutes.MAX), rader.size(), "her team's messages, no other team's");
    }

    @Test
    void baraKoordinatornNarSidan() {
        HttpSession h = app.session().loginStaff("handlaggare");
        assertEquals(403, h.get("/utskick").statusCode());
        assertEquals(0, h.page("/oversikt").select("nav a[href=/utskick]").size());
    }
}
