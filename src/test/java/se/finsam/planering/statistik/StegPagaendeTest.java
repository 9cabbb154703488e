package se.finsam.planering.statistik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/** Steps towards work for ongoing participants: recorded at a follow-up, counted with their population stated. */
class StegPagaendeTest extends AppTest {

    private static long kista() {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM team WHERE namn = 'Jobbtorg Kista'")
                .mapTo(Long.class).one());
    }

    private static Element rad(Document sida, String etikett) {
        for (Element tr : sida.select("#tabell-steg_pagaende tbody tr")) {
            if (tr.selectFirst("th").text().equals(etikett)) {
                return tr;
            }
        }
        return null;
    }

    @Test
    void ettStegVidUppfoljningRaknasForPagaende() {
        long deltagare = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").hamta();
        HttpSession k = app.session().loginStaff("koordinator");
        Document fore = k.page("/statistik?ar=2026&team=" + kista());
        assertEquals("Räknar: pågående vid periodens slut som har startat (inskrivna, inte avslutade). Bas för "
                + "andelarna: " + fore.select("#tabell-steg_pagaende tbody tr").last().select("td.tal:not(.andel)")
                .last().text(), fore.select("#tabell-steg_pagaende p.population").text());
        Element fo = rad(fore, "Arbetsträning eller praktik");
        int antalFore = fo == null ? 0 : Integer.parseInt(fo.select("td.tal:not(.andel)").last().text());

        Map<String, String> form = HttpSession.formData(k.page("/deltagare/" + deltagare + "/uppfoljning"),
                "form[action=/deltagare/" + deltagare + "/uppfoljning]");
        form.put("steg_mot_arbete", "inget_sadant");
        HttpResponse<String> fel = k.post("/deltagare/" + deltagare + "/uppfoljning", form);
        assertEquals(400, fel.statusCode());
        assertTrue(HttpSession.html(fel).text().contains("Välj ett steg mot arbete i listan."));

        form.put("steg_mot_arbete", "arbetstraning_praktik");
        HttpResponse<String> svar = k.post("/deltagare/" + deltagare + "/uppfoljning", form);
        assertTrue(svar.statusCode() < 400, HttpSession.html(svar).text());
        assertEquals("arbetstraning_praktik", app.jdbi().withHandle(h -> h.createQuery(
                "SELECT steg_mot_arbete FROM uppfoljning WHERE deltagare_id = :d ORDER BY id DESC LIMIT 1")
                .bind("d", deltagare).mapTo(String.class).one()));

        Document efter = k.page("/statistik?ar=2026&team=" + kista());
        Element e = rad(efter, "Arbetsträning eller praktik");
        assertEquals(antalFore + 1, Integer.parseInt(e.select("td.tal:not(.andel)").last().text()),
                "the ongoing participant counted by the step of her latest follow-up");
    }
}
