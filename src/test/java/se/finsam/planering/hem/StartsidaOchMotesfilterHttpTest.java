package se.finsam.planering.hem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

/**
 * The start page is "I dag" and a short first page of what matters most; the lists it used to hold are work
 * lists. The work lists whose rows come from a team meeting can be narrowed to one meeting, and paging keeps it.
 */
class StartsidaOchMotesfilterHttpTest extends AppTest {

    /** Handovers to Mikael Öberg from the first meeting: more than one page of a list. */
    private static final int FRAN_FORSTA = 55;
    /** Handovers to him from the second meeting. */
    private static final int FRAN_ANDRA = 4;

    private static long forstaMotet;
    private static long andraMotet;
    private static final Set<Long> franForsta = new HashSet<>();
    private static final Set<Long> franAndra = new HashSet<>();
    private static long bokad;

    @BeforeAll
    static void tvaMotenMedOverlamningar() {
        long kista = Overlamningar.id(app, "SELECT id FROM team WHERE namn = 'Jobbtorg Kista'");
        long af = Overlamningar.organisation(app, "AF");
        long mikael = Overlamningar.anvandare(app, "handlaggare");
        long koordinator = Overlamningar.anvandare(app, "koordinator");
        Instant start = app.clock().instant().minus(Duration.ofDays(20));
        app.jdbi().useTransaction(h -> {
            forstaMotet = h.createUpdate("""
                            INSERT INTO mote (team_id, start, slut, plats)
                            VALUES (:t, '2026-11-10T09:00', '2026-11-10T12:00', 'Rum Ett')""")
                    .bind("t", kista).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            andraMotet = h.createUpdate("""
                            INSERT INTO mote (team_id, start, slut, plats)
                            VALUES (:t, '2026-11-17T09:00', '2026-11-17T12:00', 'Rum Två')""")
                    .bind("t", kista).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            for (int i = 0; i < FRAN_FORSTA + FRAN_ANDRA; i++) {
                long mote = i < FRAN_FORSTA ? forstaMotet : andraMotet;
                long d = Overlamningar.deltagare(h, kista, String.format("MF-%04d", i), "Motes",
                        String.format("Filter %03d", i), koordinator, af);
                long p = Overlamningar.planering(h, d, koordinator, start.plus(Duration.ofHours(i)));
                h.createUpdate("UPDATE planering SET mote_id = :m WHERE id = :p").bind("m", mote).bind("p", p)
                        .execute();
                long o = Overlamningar.overlamning(h, p, 1, "Mötespunkt " + i, af, mikael, "2026-12-20",
                        start.plus(Duration.ofHours(i)));
                (mote == forstaMotet ? franForsta : franAndra).add(o);
            }
            // Booked to the second meeting, no plan yet.
            bokad = Overlamningar.deltagare(h, kista, "MF-BOKAD", "Bokad", "Pamotet", koordinator, af);
            h.createUpdate("INSERT INTO mote_deltagare (mote_id, deltagare_id, tid) VALUES (:m, :d, '2026-11-17T09:00')")
                    .bind("m", andraMotet).bind("d", bokad).execute();
        });
    }

    private static int antal(Document lista) {
        return Integer.parseInt(lista.selectFirst("#rader-rubrik").attr("data-antal"));
    }

    private static List<Long> rader(Document lista) {
        List<Long> ids = new ArrayList<>();
        lista.select("ul.arbetslista > li[data-rad]").forEach(li -> ids.add(Long.parseLong(li.attr("data-rad"))));
        return ids;
    }

    @Test
    void startsidanArIdagOchEnKortForstaSida() {
        HttpSession h = app.session().loginStaff("handlaggare");
        Document start = h.page("/oversikt");
        assertEquals("idag-rubrik", start.selectFirst("h1 ~ section").attr("aria-labelledby"), "I dag first");
        int iDag = Integer.parseInt(start.selectFirst("section.idag li[data-lista=kvittera] .idag__antal").text());
        assertTrue(iDag > HemRoutes.PersonalStart.FORST, "more wait than the start page shows: " + iDag);
        var poster = start.select("section[aria-labelledby=kvittens-rubrik] li.overlamning");
        assertEquals(HemRoutes.PersonalStart.FORST, poster.size(), "a short first page of what waits for her");
        for (var post : poster) {
            var datum = post.selectFirst(".lista__info time");
            assertNotNull(datum, "each item says when it is due: " + post.text());
            assertTrue(datum.attr("datetime").matches("\\d{4}-\\d{2}-\\d{2}"), datum.outerHtml());
            assertFalse(post.text().matches(".*\\d{4}-\\d{2}-\\d{2}.*"), "a date in words, not ISO: " + post.text());
        }
        assertTrue(start.selectFirst("#kvittens-rubrik").text().contains("(" + iDag + ")"), "the heading counts all");
        assertNotNull(start.selectFirst("section[aria-labelledby=kvittens-rubrik] a[href=/arbetslista?lista=kvittera]"),
                "the rest are one link away");

        HttpSession k = app.session().loginStaff("koordinator");
        Document hennes = k.page("/oversikt");
        for (String gammal : List.of("#flode-rubrik", "#utankvittens-rubrik", "#aterlamnade-rubrik", "#uppgifter",
                "#ansvarig-har-slutat", "#planerade-rubrik", "#uppf-rubrik", "#utan-mote-rubrik")) {
            assertNull(hennes.selectFirst(gammal), gammal + " is a work list now, not a section of the start page");
        }
        for (String lista : List.of("aterlamnade", "planerade", "eskaleringar", "sena-kvittenser")) {
            assertNotNull(hennes.selectFirst("section.idag li[data-lista=" + lista + "]"), lista + " is counted");
        }
        assertTrue(hennes.select("section[aria-labelledby=moten-rubrik] li").size()
                <= HemRoutes.PersonalStart.MOTEN, "the next few meetings");
        // The old address of a long list leads to its work list.
        assertEquals("/arbetslista?lista=aterlamnade",
                k.get("/oversikt?alla=aterlamnade").headers().firstValue("Location").orElseThrow());
    }

    @Test
    void motesfiltretSmalnarListanOchFoljerMedNarManBladdrar() {
        HttpSession h = app.session().loginStaff("handlaggare");
        Document hela = h.page("/arbetslista?lista=kvittera");
        Element val = hela.selectFirst("form.filter select#mote");
        assertNotNull(val, "a meeting filter in the form");
        assertNotNull(val.selectFirst("option[value=" + forstaMotet + "]"));
        assertNotNull(val.selectFirst("option[value=" + andraMotet + "]"));
        assertEquals("Alla möten", val.selectFirst("option").text());
        assertTrue(val.selectFirst("option[value=" + forstaMotet + "]").text().contains("10 nov. 2026")
                || val.selectFirst("option[value=" + forstaMotet + "]").text().contains("10 nov 2026"),
                val.selectFirst("option[value=" + forstaMotet + "]").text());

        String url = "/arbetslista?lista=kvittera&mote=" + forstaMotet;
        Document forsta = h.page(url);
        assertEquals(FRAN_FORSTA, antal(forsta));
        assertNotNull(forsta.selectFirst("select#mote option[value=" + forstaMotet + "][selected]"), "kept in the form");
        Element nasta = forsta.selectFirst("nav.sidnav a[rel=next]");
        assertNotNull(nasta, "more than one page");
        assertTrue(nasta.attr("href").contains("&mote=" + forstaMotet), "paging keeps the meeting: " + nasta.attr("href"));
        Set<Long> sedda = new HashSet<>(rader(forsta));
        sedda.addAll(rader(h.page(nasta.attr("href").replaceAll("#.*", ""))));
        assertEquals(franForsta, sedda, "exactly the handovers from that meeting");

        assertEquals(franAndra, new HashSet<>(rader(h.page("/arbetslista?lista=kvittera&mote=" + andraMotet))));
        assertEquals(400, h.get("/arbetslista?lista=kvittera&mote=ett").statusCode(), "a meeting is a number");

        // The koordinator's lists: handovers without kvittens, and who is booked to the meeting.
        HttpSession k = app.session().loginStaff("koordinator");
        assertEquals(FRAN_ANDRA, antal(k.page("/arbetslista?lista=utan-kvittens&mote=" + andraMotet)));
        Document kallade = k.page("/arbetslista?lista=kallade&mote=" + andraMotet);
        assertEquals(List.of(bokad), rader(kallade), "booked to the second meeting, no plan yet");
        assertNotNull(kallade.selectFirst("ul.arbetslista a[href=/moten/" + andraMotet + "]"), "opens the meeting");
        assertEquals(0, antal(k.page("/arbetslista?lista=kallade&mote=" + forstaMotet)));
        assertFalse(k.page("/arbetslista?lista=eskaleringar").select("select#mote").size() > 0,
                "no meeting filter where rows do not come from a meeting");
    }
}
