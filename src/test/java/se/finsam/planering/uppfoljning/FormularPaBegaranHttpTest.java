package se.finsam.planering.uppfoljning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * Without scripts, the link beside an escalation (or a handed-over item) opens the page again with that one form
 * below it; the page otherwise carries the form once, inert, in a template. Both post to the row they belong to.
 */
class FormularPaBegaranHttpTest extends AppTest {

    private static long eskalera(HttpSession k, long deltagare) {
        k.get("/deltagare/" + deltagare + "/uppfoljning");
        String uuid = UUID.randomUUID().toString();
        assertEquals(302, k.post("/deltagare/" + deltagare + "/uppfoljning", Map.of("uuid", uuid,
                "datum", "2026-11-20", "notering_intern", "Behöver koordinatorn", "eskalera", "on")).statusCode());
        return app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM uppfoljning WHERE uuid = :u")
                .bind("u", uuid).mapTo(Long.class).one());
    }

    /** The forms in the page that a browser shows (not the one inside the template). */
    private static List<Element> formular(Document page, String lista) {
        return page.select(lista + " form");
    }

    @Test
    void eskaleringensFormularBaraNarDetBegarsOchForRattEskalering() {
        HttpSession k = app.session().loginStaff("koordinator");
        long a = eskalera(k, TestData.deltagareIFas(app, "uppfoljning", 2));
        long b = eskalera(k, TestData.deltagareIFas(app, "uppfoljning", 3));

        Document utan = k.page("/uppfoljning");
        assertTrue(formular(utan, "[data-eskalering]").isEmpty(), "no form in the list");
        Element mall = utan.selectFirst("template#hantera-mall");
        assertNotNull(mall, "one form, in a template");
        Element lank = utan.selectFirst("[data-eskalering=" + b + "] a[data-formular=hantera-mall]");
        assertEquals("/uppfoljning?sortering=bradskande&hantera=" + b + "#hantera-" + b, lank.attr("href"));
        assertEquals("hantera-" + b, lank.attr("aria-controls"));
        assertEquals("false", lank.attr("aria-expanded"));

        Document med = k.page(lank.attr("href"));
        List<Element> oppna = formular(med, "[data-eskalering]");
        assertEquals(1, oppna.size(), "exactly the one asked for");
        assertEquals("/uppfoljning/eskalering/" + b + "/hanterad", oppna.get(0).attr("action"));
        assertNotNull(oppna.get(0).closest("[data-eskalering=" + b + "]"));
        assertEquals("true", med.selectFirst("[data-eskalering=" + b + "] a[data-formular]").attr("aria-expanded"));
        assertEquals(HttpSession.csrfIn(med.html()), oppna.get(0).selectFirst("input[name=_csrf]").val());
        assertNotNull(oppna.get(0).selectFirst("label[for=hanterad-" + b + "] + textarea#hanterad-" + b
                + "[required][dir=auto]"));

        assertEquals(400, k.post(oppna.get(0).attr("action"), Map.of("notering", " ")).statusCode(),
                "the note is still required");
        assertEquals(302, k.post(oppna.get(0).attr("action"), Map.of("notering", "Ordnat")).statusCode());
        Document efter = k.page("/uppfoljning");
        assertTrue(efter.select("[data-eskalering=" + b + "]").isEmpty(), "it left the list");
        assertNotNull(efter.selectFirst("[data-eskalering=" + a + "]"), "the other one stays");
        assertEquals(400, k.get("/uppfoljning?hantera=abc").statusCode());
        assertEquals(200, k.get("/uppfoljning?hantera=" + b).statusCode(), "one no longer listed opens nothing");
    }

    @Test
    void startsidansFormularForAttSkickaTillbakaBaraNarDetBegars() {
        HttpSession h = app.session().loginStaff("handlaggare");
        Document start = h.page("/oversikt");
        assertTrue(formular(start, ".overlamning .avvisa").isEmpty(), "no return form in the list");
        Element lank = start.selectFirst(".overlamning a[data-formular=avvisa-mall]");
        assertNotNull(lank, "the demo handläggare has items to acknowledge");
        String id = lank.attr("data-id");
        assertEquals("/oversikt?avvisa=" + id + "#avvisa-" + id, lank.attr("href"));
        Document med = h.page(lank.attr("href"));
        List<Element> oppna = formular(med, ".overlamning .avvisa");
        assertEquals(1, oppna.size());
        assertEquals("/overlamning/" + id + "/avvisa", oppna.get(0).attr("action"));
        assertNotNull(oppna.get(0).selectFirst("textarea#orsak-" + id + "[required]"));
        assertEquals(400, h.get("/oversikt?avvisa=x").statusCode());
    }
}
