package se.finsam.planering.deltagare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * The print-only copies of her plan and contacts are rendered once per language and kept with the cached page:
 * they follow every change to her data and her language, exactly as the screen part does.
 */
class UtskriftsdelarTest extends AppTest {

    private static final String PIN = "864213";

    @Test
    void utskriftenFoljerAndringarOchSprak() {
        long deltagare = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").utanKonto().medNamn()
                .medKontaktperson("AF").hamta();
        String user = TestData.kontoMedPin(app, deltagare, PIN);
        HttpSession hon = app.session();
        hon.get("/logga-in/deltagare");
        assertEquals(302, hon.post("/logga-in/deltagare", Map.of("anvandarnamn", user, "pin", PIN)).statusCode());

        Document forst = hon.page("/min-planering");
        assertEquals(forst.select(".planpunkt .planpunkt__text").eachText(),
                forst.select(".utskrift-tabell tbody td:first-child span[dir=auto]").eachText(),
                "the printed table holds the same items as the screen");
        assertEquals(Texter.of("sv").get("utskrift.punkt"), forst.select(".utskrift-tabell th").first().text());
        assertEquals(forst.select(".utskrift-tabell").outerHtml(), hon.page("/min-planering").select(".utskrift-tabell").outerHtml(),
                "a second view gives the same print copy");

        long punkt = app.tal("""
                SELECT p.id FROM planpunkt p JOIN planering pl ON pl.id = p.planering_id
                WHERE pl.deltagare_id = ? AND p.borttagen IS NULL ORDER BY p.ordning LIMIT 1""", deltagare);
        app.sql("UPDATE planpunkt SET text = 'Ett nytt första steg' WHERE id = ?", punkt);
        Document efter = hon.page("/min-planering");
        assertTrue(efter.select(".utskrift-tabell tbody td:first-child").text().contains("Ett nytt första steg"),
                "the print copy follows a changed item: " + efter.select(".utskrift-tabell").text());

        app.sql("UPDATE anvandare SET sprak = 'ar' WHERE id = (SELECT anvandare_id FROM deltagare WHERE id = ?)",
                deltagare);
        Document arabisk = hon.page("/min-planering");
        assertEquals("ar", arabisk.selectFirst("html").attr("lang"));
        assertEquals(Texter.of("ar").get("utskrift.punkt"), arabisk.select(".utskrift-tabell th").first().text());
        assertEquals(Texter.of("ar").get("kontakter.rubrik"), arabisk.select("#utskrift-kontakter").text());
    }
}
