package se.finsam.planering.deltagare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * The words staff read on the participant's pages: the participant's goal and own steps said as staff say them,
 * the plan as a file for other systems described and placed last, "Skicka tillbaka" rather than "Inte min punkt",
 * the team's notes without an internal prefix, status rather than "läge", and languages by name, not by code.
 */
class PersonalensOrdHttpTest extends AppTest {

    private static long one(String sql) {
        return app.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void deltagarsidanTalarOmDeltagarenOchHarPlanenSomFilLangstNedMedEnForklaring() {
        long d = TestData.deltagare(app).iFas("uppfoljning").medNamn().medEgetStegKvar().forsta();
        Document sida = app.session().loginStaff("koordinator").page("/deltagare/" + d);
        String text = sida.select("main").text();
        assertTrue(text.contains("Deltagarens mål:"), text);
        assertTrue(text.contains("Deltagarens eget steg"), text);
        assertFalse(text.contains("Ditt mål") || text.contains("Ditt eget steg"), "her words, not staff's: " + text);

        assertTrue(sida.select("main .knapprad a[href$=/fhir]").isEmpty(), "not among the page's main actions");
        Element fil = sida.selectFirst("main section[aria-labelledby=fil-rubrik]");
        assertNotNull(fil, "the plan as a file has a section of its own");
        assertEquals(fil, sida.select("main > section").last(), "last on the page");
        assertEquals("Ladda ner planen som fil (FHIR)", fil.selectFirst("a[href=/deltagare/" + d + "/fhir]").text());
        assertTrue(fil.text().contains("till exempel vårdens journal"), fil.text());
        assertTrue(app.session().loginStaff("handlaggare").page("/deltagare/" + d)
                .select("a[href$=/fhir]").isEmpty(), "only the koordinator downloads the file");
    }

    @Test
    void punktenSkickasTillbakaFranDeltagarsidan() {
        long d = one("""
                SELECT p.deltagare_id FROM overlamning o JOIN planpunkt pp ON pp.id = o.planpunkt_id
                JOIN planering p ON p.id = pp.planering_id JOIN anvandare a ON a.id = o.till_id
                WHERE a.anvandarnamn = 'handlaggare' AND o.kvitterad IS NULL AND o.avvisad IS NULL
                  AND NOT EXISTS (SELECT 1 FROM avslut x WHERE x.deltagare_id = p.deltagare_id)
                ORDER BY o.id LIMIT 1""");
        Document sida = app.session().loginStaff("handlaggare").page("/deltagare/" + d);
        Element kvittera = sida.getElementById("kvittera");
        assertNotNull(kvittera, sida.select("main").text());
        String summary = kvittera.selectFirst("summary").ownText();
        assertEquals("Skicka tillbaka", summary);
        assertFalse(kvittera.text().contains("Inte min punkt"), kvittera.text());
        assertTrue(kvittera.text().contains("Varför skickar du tillbaka punkten?"), kvittera.text());
    }

    @Test
    void teametsAnteckningarHarIngetInterntPrefix() {
        long d = one("""
                SELECT u.deltagare_id FROM uppfoljning u JOIN deltagare d ON d.id = u.deltagare_id
                JOIN team t ON t.id = d.team_id
                WHERE u.notering_intern IS NOT NULL AND t.namn = 'Jobbtorg Kista' ORDER BY u.id LIMIT 1""");
        String text = app.session().loginStaff("koordinator").page("/deltagare/" + d + "/uppfoljning")
                .select("main").text();
        assertTrue(text.contains("Anteckning för teamet:"), text);
        assertFalse(text.contains("Internt:") || text.contains("Intern anteckning"), text);
        assertFalse(text.contains("Punkt fastnat ("), "a colleague's words, not a log line: " + text);
    }

    @Test
    void statistikenSagerStatusInteLage() {
        String text = app.session().loginStaff("koordinator").page("/statistik").select("main").text();
        assertTrue(text.contains("efter status vid periodens slut"), text);
        assertFalse(text.toLowerCase().contains(" läge"), text);
    }

    @Test
    void hennesUppgifterNamnerTolkensSprakInteKoden() {
        long d = one("""
                SELECT d.id FROM deltagare d JOIN deltagare_fas f ON f.deltagare_id = d.id
                WHERE d.tolkbehov = 1 AND d.tolksprak = 'so' AND d.anvandare_id IS NULL AND d.sprak = 'sv'
                  AND f.fas <> 'avslutad' ORDER BY d.id LIMIT 1""");
        String anvandarnamn = TestData.kontoMedPin(app, d, "357913");
        HttpSession hon = app.session();
        hon.get("/logga-in/deltagare");
        assertEquals(302, hon.post("/logga-in/deltagare", Map.of("anvandarnamn", anvandarnamn, "pin", "357913"))
                .statusCode());
        String text = hon.page("/min-planering/mina-uppgifter/alla").select("main").text();
        assertTrue(text.contains("Ja (somaliska)"), text);
        assertFalse(text.contains("(so)"), text);
    }
}
