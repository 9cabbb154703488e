package se.finsam.planering.uppfoljning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/** The follow-up form tells the handläggare, in each field's label, which fields the participant will read. */
class DeltagarenSerFaltenTest extends AppTest {

    static final String MARKERING = "<span class=\"deltagaren-ser\">";

    /** The whole label of a field, markup included. */
    private static String etikett(String html, String falt) {
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(html);
        page.outputSettings().prettyPrint(false);
        org.jsoup.nodes.Element label = page.selectFirst("label[for=" + falt + "]");
        assertTrue(label != null, "a label for " + falt);
        return label.html();
    }

    @Test
    void faltenDeltagarenLaserArMarktaIEtikettenOchDeInternaInte() {
        long d = TestData.deltagareIFas(app, "uppfoljning", 0);
        List<Long> punkter = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT pp.id FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                        WHERE p.deltagare_id = :d AND pp.borttagen IS NULL ORDER BY pp.ordning""")
                .bind("d", d).mapTo(Long.class).list());
        assertFalse(punkter.isEmpty());
        HttpSession s = app.session().loginStaff("handlaggare");
        HttpResponse<String> svar = s.get("/deltagare/" + d + "/uppfoljning");
        assertEquals(200, svar.statusCode());
        String html = svar.body();

        for (String falt : List.of("notering_deltagare", "nasta_steg")) {
            assertTrue(etikett(html, falt).contains(MARKERING + "Deltagaren ser detta</span>"), falt);
        }
        for (long p : punkter) {
            assertTrue(etikett(html, "status_" + p).contains(MARKERING + "Deltagaren ser detta</span>"));
            assertTrue(etikett(html, "orsak_" + p).contains(MARKERING + "Deltagaren ser orsaken vid Avslagen</span>"));
        }
        for (String falt : List.of("notering_intern", "sysselsattning", "forsorjning", "datum", "eskalera")) {
            assertFalse(etikett(html, falt).contains(MARKERING), falt + " is not for the participant");
        }
        assertTrue(html.contains("Det som är märkt så visas för deltagaren i Min planering"), "the marker is explained");

        // In English the marker says the same.
        s.post("/sprak", Map.of("sprak", "en", "tillbaka", "/deltagare/" + d + "/uppfoljning"));
        String en = s.get("/deltagare/" + d + "/uppfoljning").body();
        assertTrue(etikett(en, "nasta_steg").contains(MARKERING + "The participant sees this</span>"), en);
    }

    @Test
    void nastaStegUtanNoteringNarAndaDeltagaren() {
        long d = TestData.deltagareIFas(app, "uppfoljning", 1);
        // Later the same day than anything in the demo data.
        app.clock().advance(java.time.Duration.ofHours(12));
        HttpSession s = app.session().loginStaff("koordinator");
        String uuid = HttpSession.value(s.get("/deltagare/" + d + "/uppfoljning").body(), "input[name=uuid]");
        assertEquals(302, s.post("/deltagare/" + d + "/uppfoljning", Map.of("uuid", uuid, "datum", "2026-11-23",
                "nasta_steg", "Du får en kallelse till vårdcentralen i december")).statusCode());
        String user = TestData.kontoMedPin(app, d, "530917");
        HttpSession deltagaren = app.session();
        deltagaren.post("/logga-in/deltagare", Map.of("anvandarnamn", user, "pin", "530917"));
        assertTrue(deltagaren.get("/min-planering").body().contains("Du får en kallelse till vårdcentralen i december"),
                "a field marked as seen by the participant is seen by her");
    }
}
