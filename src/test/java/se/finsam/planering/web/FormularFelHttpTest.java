package se.finsam.planering.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * A form with errors, as the server answers it: 400, an error summary listing the fields in the order of the page
 * (its alert inside, not on the element that takes focus), each field's message with a hidden "Fel:" in the page's
 * language, hint and error both describing the field, and the page's title starting with "Fel:".
 */
class FormularFelHttpTest extends AppTest {

    /** The ids the summary links to, in its order. */
    private static List<String> sammanfattning(Document page) {
        Element summary = page.selectFirst(".felsammanfattning");
        assertNotNull(summary, "an error summary");
        assertEquals("-1", summary.attr("tabindex"), "the summary takes focus");
        assertFalse(summary.hasAttr("role"), "the alert is not on the element that takes focus");
        Element alert = summary.selectFirst("[role=alert]");
        assertNotNull(alert, "an alert inside the summary");
        assertNotNull(alert.selectFirst("h2"), "its heading is read with the alert");
        List<String> ids = new ArrayList<>();
        for (Element link : alert.select("li a")) {
            assertTrue(link.attr("href").startsWith("#"));
            assertFalse(link.text().isBlank());
            ids.add(link.attr("href").substring(1));
        }
        return ids;
    }

    /** Every linked field exists, and they come in the order of the page. */
    private static void iSidansOrdning(Document page, List<String> ids) {
        List<Element> alla = page.getAllElements();
        int forra = -1;
        for (String id : ids) {
            Element falt = page.getElementById(id);
            assertNotNull(falt, "the summary links to a field: " + id);
            int plats = alla.indexOf(falt);
            assertTrue(plats > forra, id + " comes after the field before it in the summary");
            forra = plats;
        }
    }

    private static void faltetsFel(Document page, String id, String prefix) {
        Element falt = page.getElementById(id);
        assertEquals("true", falt.attr("aria-invalid"), id);
        Element fel = page.getElementById(id + "-fel");
        assertNotNull(fel, "the message beside " + id);
        assertTrue(falt.attr("aria-describedby").contains(id + "-fel"), id);
        assertEquals(prefix + ":", fel.selectFirst(".visually-hidden").text(), id);
    }

    @Test
    void inloggningMedTommaFaltPaSvenskaOchEngelska() {
        HttpSession s = app.session();
        s.get("/logga-in");
        HttpResponse<String> r = s.post("/logga-in", Map.of("anvandarnamn", " ", "losenord", ""));
        assertEquals(400, r.statusCode());
        Document page = HttpSession.html(r);
        assertTrue(page.title().startsWith("Fel: "), page.title());
        assertEquals(List.of("anvandarnamn", "losenord"), sammanfattning(page));
        faltetsFel(page, "anvandarnamn", "Fel");
        faltetsFel(page, "losenord", "Fel");

        s.post("/sprak", Map.of("sprak", "en", "tillbaka", "/logga-in"));
        s.get("/logga-in");
        page = HttpSession.html(s.post("/logga-in", Map.of("anvandarnamn", "", "losenord", "")));
        assertTrue(page.title().startsWith("Error: "), page.title());
        faltetsFel(page, "anvandarnamn", "Error");

        s.post("/sprak", Map.of("sprak", "ar", "tillbaka", "/logga-in"));
        s.get("/logga-in");
        page = HttpSession.html(s.post("/logga-in", Map.of("anvandarnamn", "", "losenord", "")));
        assertTrue(page.title().startsWith("خطأ: "), page.title());
        faltetsFel(page, "losenord", "خطأ");
    }

    @Test
    void utanFelArTitelnOchSidanSomVanligt() {
        Document page = app.session().page("/logga-in");
        assertFalse(page.title().startsWith("Fel"), page.title());
        assertNull(page.selectFirst(".felsammanfattning"));
        assertFalse(page.getElementById("anvandarnamn").hasAttr("aria-invalid"));
    }

    @Test
    void kontaktbyteListarFaltenISidansOrdning() {
        long id = TestData.ledigDeltagareIFas(app, "planerad");
        HttpSession k = app.session().loginStaff("koordinator");
        k.get("/deltagare/" + id + "/kontakter");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("epost", "inte en adress");
        form.put("telefon", "ring mig");
        form.put("organisation", "");
        form.put("anvandare", "abc");
        HttpResponse<String> r = k.post("/deltagare/" + id + "/kontakter", form);
        assertEquals(400, r.statusCode());
        Document page = HttpSession.html(r);
        assertTrue(page.title().startsWith("Fel: "), page.title());
        List<String> ids = sammanfattning(page);
        assertEquals(List.of("organisation", "anvandare", "telefon", "epost"), ids);
        iSidansOrdning(page, ids);
        for (String falt : ids) {
            faltetsFel(page, falt, "Fel");
        }
        assertEquals("ring mig", page.getElementById("telefon").val(), "what was typed stays");
        assertTrue(HttpSession.text(page, "#telefon-fel").contains("Skriv telefonnumret med siffror"));
    }

    @Test
    void anmalanHallerHjalptextOchFelIBeskrivningen() {
        HttpSession k = app.session().loginStaff("koordinator");
        Document tom = k.page("/anmalan");
        assertEquals("fodelsear-hjalp", tom.getElementById("fodelsear").attr("aria-describedby"));
        Map<String, String> form = HttpSession.formData(tom, "form#anmalan");
        form.put("fodelsear", "12");
        form.put("telefon", "1");
        form.put("sammanfattning", "");
        HttpResponse<String> r = k.post("/anmalan", form);
        assertEquals(400, r.statusCode());
        Document page = HttpSession.html(r);
        assertEquals("fodelsear-hjalp fodelsear-fel", page.getElementById("fodelsear").attr("aria-describedby"));
        assertEquals("sammanfattning-hjalp sammanfattning-fel",
                page.getElementById("sammanfattning").attr("aria-describedby"));
        List<String> ids = sammanfattning(page);
        assertTrue(ids.containsAll(List.of("fodelsear", "telefon", "sammanfattning")), ids.toString());
        iSidansOrdning(page, ids);
        // A group of radio buttons is described by its message on the fieldset, and its link leads to the first.
        if (ids.contains("kon-kvinna")) {
            Element grupp = page.getElementById("kon-kvinna").closest("fieldset");
            assertTrue(grupp.attr("aria-describedby").contains("kon-fel"));
        }
    }
}
