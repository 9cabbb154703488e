package se.finsam.planering.hem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

/**
 * "I dag" on the staff start pages and the work lists it leads to: each count is exactly its list's length, lists
 * page, search and filter, and neither counts nor lists hold a participant the user may not see (samtycke) or one
 * who is closed.
 */
class IdagOchArbetslistorHttpTest extends AppTest {

    /** More handovers to Mikael Öberg than one page holds. */
    private static final int MANGA = 120;
    private static long mikael;
    private static long koordinator;
    private static long bortomSamtycket;
    private static long avslutad;
    private static long avslutadsOverlamning;
    private static long enAvMikaels;
    private static String enAvMikaelsKod;
    private static long nyaste;

    @BeforeAll
    static void overlamningarTillMikael() {
        long kista = Overlamningar.id(app, "SELECT id FROM team WHERE namn = 'Jobbtorg Kista'");
        long af = Overlamningar.organisation(app, "AF");
        long fk = Overlamningar.organisation(app, "FK");
        mikael = Overlamningar.anvandare(app, "handlaggare");
        koordinator = Overlamningar.anvandare(app, "koordinator");
        Instant start = app.clock().instant().minus(Duration.ofDays(40));
        app.jdbi().useTransaction(h -> {
            for (int i = 0; i < MANGA; i++) {
                long d = Overlamningar.deltagare(h, kista, String.format("AL-%04d", i), "Arbets",
                        String.format("Lista %03d", i), koordinator, af);
                // The last one is handed over just now, after everything in the demo data.
                Instant nar = i == MANGA - 1 ? app.clock().instant() : start.plus(Duration.ofHours(i));
                long p = Overlamningar.planering(h, d, koordinator, nar);
                long o = Overlamningar.overlamning(h, p, 1, "Punkt " + i + " för Mikael", af, mikael, "2026-12-20",
                        nar);
                if (i == 7) {
                    enAvMikaels = d;
                    enAvMikaelsKod = "AL-0007";
                }
                nyaste = o;
            }
            // Samtycke only to FK: Mikael (AF) may not see her, the koordinator may.
            bortomSamtycket = Overlamningar.deltagare(h, kista, "AL-UTAN", "Utan", "Afsamtycke", koordinator, fk);
            long p = Overlamningar.planering(h, bortomSamtycket, koordinator, start);
            Overlamningar.overlamning(h, p, 1, "Punkt utan samtycke", af, mikael, "2026-12-20", start);
            // Closed with a handover left open: no list or count holds it.
            avslutad = Overlamningar.deltagare(h, kista, "AL-STANGD", "Redan", "Avslutad", koordinator, af);
            long q = Overlamningar.planering(h, avslutad, koordinator, start);
            avslutadsOverlamning = Overlamningar.overlamning(h, q, 1, "Punkt hos en avslutad", af, mikael,
                    "2026-12-20", start);
            Overlamningar.avsluta(h, avslutad, koordinator);
        });
    }

    private static Map<String, Integer> idag(Document start) {
        Map<String, Integer> antal = new java.util.LinkedHashMap<>();
        for (Element li : start.select("section.idag li[data-lista]")) {
            antal.put(li.attr("data-lista"), Integer.parseInt(li.selectFirst(".idag__antal").text()));
        }
        return antal;
    }

    private static String idagUrl(Document start, String lista) {
        Element a = start.selectFirst("section.idag li[data-lista=" + lista + "] a");
        return a == null ? null : a.attr("href");
    }

    private static int antal(Document lista) {
        return Integer.parseInt(lista.selectFirst("#rader-rubrik").attr("data-antal"));
    }

    private static List<Long> rader(Document lista) {
        List<Long> ids = new ArrayList<>();
        lista.select("ul.arbetslista > li[data-rad]").forEach(li -> ids.add(Long.parseLong(li.attr("data-rad"))));
        return ids;
    }

    /** Every row of a list, page by page, following its "next" link. */
    private static List<Document> allaSidor(HttpSession s, String url) {
        List<Document> sidor = new ArrayList<>();
        String nasta = url;
        while (nasta != null) {
            Document sida = s.page(nasta);
            sidor.add(sida);
            Element next = sida.selectFirst("nav.sidnav a[rel=next]");
            nasta = next == null ? null : next.attr("href").replaceAll("#.*", "");
        }
        return sidor;
    }

    @Test
    void varjeAntalIIdagArExaktSinListaForVarjeRoll() {
        for (String vem : List.of("koordinator", "handlaggare", "fk.handlaggare", "region.handlaggare")) {
            HttpSession s = app.session().loginStaff(vem);
            Document start = s.page("/oversikt");
            Map<String, Integer> antal = idag(start);
            assertFalse(antal.isEmpty(), vem + " has an I dag list");
            assertEquals("idag-rubrik", start.selectFirst("h1 ~ section").attr("aria-labelledby"),
                    "I dag is the first section of " + vem + "'s start page");
            for (var e : antal.entrySet()) {
                String url = "/arbetslista?lista=" + e.getKey();
                int rader = 0;
                for (Document sida : allaSidor(s, url)) {
                    assertEquals(e.getValue(), antal(sida), vem + ": " + e.getKey());
                    rader += rader(sida).size();
                    assertTrue(rader(sida).size() <= se.finsam.planering.hem.Arbetslistor.PER_SIDA);
                }
                assertEquals(e.getValue(), rader, vem + ": every row of " + e.getKey() + " on its pages");
                if (e.getValue() > 0) {
                    assertEquals(url, idagUrl(start, e.getKey()), "the count links to its list");
                }
            }
            boolean inget = antal.values().stream().allMatch(a -> a == 0);
            assertEquals(inget, start.selectFirst(".idag__inget") != null,
                    vem + ": 'nothing to do' only when every count is zero");
        }
    }

    @Test
    void koordinatornsIdagHarSinaListorOchHandlaggarensSina() {
        Set<String> koordinatorns = idag(app.session().loginStaff("koordinator").page("/oversikt")).keySet();
        assertTrue(koordinatorns.containsAll(List.of("eskaleringar", "sena-kvittenser", "uppfoljningar", "rattelser",
                "aterkallelser", "slutat", "utan-mote")), koordinatorns.toString());
        Set<String> mikaels = idag(app.session().loginStaff("handlaggare").page("/oversikt")).keySet();
        assertEquals(List.of("kvittera", "mina-punkter", "uppfoljningar"), List.copyOf(mikaels));
        HttpSession h = app.session().loginStaff("handlaggare");
        assertEquals(404, h.get("/arbetslista?lista=eskaleringar").statusCode(), "not a handläggare's list");
        assertEquals(404, h.get("/arbetslista?lista=okand").statusCode());
        // Without a choice, her most pressing list, with links to her other lists and none to the koordinator's.
        var utanVal = HttpSession.html(h.get("/arbetslista"));
        assertEquals("/arbetslista?lista=kvittera", utanVal.select("nav.arbetslistor a[aria-current]").attr("href"));
        assertEquals(List.of("/arbetslista?lista=kvittera", "/arbetslista?lista=mina-punkter",
                "/arbetslista?lista=uppfoljningar"), utanVal.select("nav.arbetslistor a").eachAttr("href"));
    }

    @Test
    void kvittensListanBladdrasNyastForstOchHittarPaNamnOchKod() {
        HttpSession h = app.session().loginStaff("handlaggare");
        Document forsta = h.page("/arbetslista?lista=kvittera");
        int totalt = antal(forsta);
        assertTrue(totalt >= MANGA, "all of Mikael's handovers: " + totalt);
        assertEquals(nyaste, rader(forsta).get(0), "newest first");
        Set<Long> sedda = new LinkedHashSet<>();
        for (Document sida : allaSidor(h, "/arbetslista?lista=kvittera")) {
            for (long id : rader(sida)) {
                assertTrue(sedda.add(id), "no row on two pages");
            }
        }
        assertEquals(totalt, sedda.size());
        // A page past the end shows the last page.
        Document sist = h.page("/arbetslista?lista=kvittera&sida=9999");
        assertEquals(totalt - (totalt - 1) / 50 * 50, rader(sist).size());

        Document kod = h.page("/arbetslista?lista=kvittera&sok=" + enAvMikaelsKod.toLowerCase());
        assertEquals(1, antal(kod));
        assertEquals("/deltagare/" + enAvMikaels, kod.selectFirst("ul.arbetslista a").attr("href"));
        Document namn = h.page("/arbetslista?lista=kvittera&sok=ARBETS%20LISTA%20007");
        assertEquals(1, antal(namn), "name, in any case");
        assertEquals(0, antal(h.page("/arbetslista?lista=kvittera&sok=Afsamtycke")), "never beyond samtycke");
        assertEquals(400, h.get("/arbetslista?lista=kvittera&person=abc").statusCode());
        assertEquals(400, h.get("/arbetslista?lista=kvittera&senast=2026-13-40").statusCode());
        assertEquals(400, h.get("/arbetslista?lista=kvittera&sida=-1").statusCode());
    }

    @Test
    void samtyckeOchAvslutHallerRaderUtanforListorOchAntal() {
        HttpSession h = app.session().loginStaff("handlaggare");
        for (Document sida : allaSidor(h, "/arbetslista?lista=kvittera")) {
            for (Element a : sida.select("ul.arbetslista a[href^=/deltagare/]")) {
                assertFalse(a.attr("href").equals("/deltagare/" + bortomSamtycket), "no samtycke to AF");
                assertFalse(a.attr("href").equals("/deltagare/" + avslutad), "closed");
            }
        }
        HttpSession k = app.session().loginStaff("koordinator");
        boolean utanSamtycketSyns = false;
        for (Document sida : allaSidor(k, "/arbetslista?lista=utan-kvittens&person=" + mikael)) {
            for (Element li : sida.select("ul.arbetslista > li[data-rad]")) {
                assertFalse(li.attr("data-rad").equals(String.valueOf(avslutadsOverlamning)), "closed");
                utanSamtycketSyns |= li.selectFirst("a").attr("href").equals("/deltagare/" + bortomSamtycket);
            }
        }
        assertTrue(utanSamtycketSyns, "the koordinator sees the whole team");
        for (Document sida : allaSidor(k, "/arbetslista?lista=utan-kvittens")) {
            assertNull(sida.selectFirst("ul.arbetslista a[href=/deltagare/" + avslutad + "/motelage]"),
                    "the whole list of handovers without kvittens leaves the closed participant out too");
        }
    }

    @Test
    void koordinatornSerVemSomSkaKvitteraMedTelefonOchEpostOchFiltrerarPaHenne() {
        HttpSession k = app.session().loginStaff("koordinator");
        Document lista = k.page("/arbetslista?lista=sena-kvittenser");
        Element grupp = null;
        for (Element li : lista.select(".grupplista li")) {
            if (li.text().contains("Mikael Öberg")) {
                grupp = li;
            }
        }
        assertNotNull(grupp, "grouped by the person who must act");
        assertNotNull(grupp.selectFirst("a[href^=tel:]"), "her phone");
        assertNotNull(grupp.selectFirst("a[href^=mailto:]"), "her e-mail");
        int iGruppen = Integer.parseInt(grupp.selectFirst("a").text().replaceAll(".*: ", ""));
        Document hennes = k.page(grupp.selectFirst("a").attr("href"));
        assertEquals(iGruppen, antal(hennes), "the group's count is its filtered list");
        for (Element li : hennes.select("ul.arbetslista > li[data-rad]")) {
            assertTrue(li.text().contains("Väntar på Mikael Öberg"), li.text());
            assertNotNull(li.selectFirst("a[href$=/motelage]"), "each row opens meeting mode");
            assertNotNull(li.selectFirst("a[href^=tel:]"), "and says whom to call");
        }
        // A date filter keeps rows due on or before it: the test's items are all due on 2026-12-20.
        int fore = antal(k.page(grupp.selectFirst("a").attr("href") + "&senast=2026-12-19"));
        int med = antal(k.page(grupp.selectFirst("a").attr("href") + "&senast=2026-12-20"));
        assertTrue(med - fore >= MANGA - 3, fore + " / " + med);
        assertTrue(med <= iGruppen);
    }

    @Test
    void kvitteraFranListanOchFranDeltagarensSidaOchNyaMarkeras() {
        HttpSession h = app.session().loginStaff("handlaggare");
        h.page("/arbetslista?lista=kvittera");
        // Handed over after her visit: new on the start page and in the list.
        app.clock().advance(Duration.ofMinutes(5));
        long kista = Overlamningar.id(app, "SELECT id FROM team WHERE namn = 'Jobbtorg Kista'");
        long af = Overlamningar.organisation(app, "AF");
        long[] ny = new long[2];
        app.jdbi().useTransaction(hd -> {
            ny[0] = Overlamningar.deltagare(hd, kista, "AL-NY", "Helt", "Nyinkommen", koordinator, af);
            long p = Overlamningar.planering(hd, ny[0], koordinator, app.clock().instant());
            ny[1] = Overlamningar.overlamning(hd, p, 1, "Ny punkt efter besöket", af, mikael, "2026-12-30",
                    app.clock().instant());
        });
        Document start = h.page("/oversikt");
        assertNotNull(start.selectFirst("section.idag li[data-lista=kvittera] .etikett--ny"), "new since her visit");
        Document lista = h.page("/arbetslista?lista=kvittera&sida=1");
        Element forsta = lista.selectFirst("ul.arbetslista > li[data-rad]");
        assertEquals(String.valueOf(ny[1]), forsta.attr("data-rad"));
        assertNotNull(forsta.selectFirst(".etikett--ny"));
        assertEquals(1, lista.select("ul.arbetslista .etikett--ny").size());
        int fore = antal(lista);

        // Kvittera on the list returns to the same list.
        Map<String, String> form = HttpSession.formData(lista, "form[action=/overlamning/" + ny[1] + "/kvittera]");
        HttpResponse<String> svar = h.post("/overlamning/" + ny[1] + "/kvittera", form);
        assertEquals(302, svar.statusCode());
        assertEquals("/arbetslista?lista=kvittera", svar.headers().firstValue("Location").orElseThrow());
        assertEquals(fore - 1, antal(h.page("/arbetslista?lista=kvittera")));

        // From the participant's page, back to it.
        Document deltagaren = h.page("/deltagare/" + enAvMikaels);
        Element knapp = deltagaren.selectFirst("#kvittera form[action$=/kvittera]");
        assertNotNull(knapp, "Kvittera on the participant's page");
        String action = knapp.attr("action");
        svar = h.post(action, HttpSession.formData(deltagaren, "#kvittera form[action$=/kvittera]"));
        assertEquals("/deltagare/" + enAvMikaels, svar.headers().firstValue("Location").orElseThrow());
        assertNull(h.page("/deltagare/" + enAvMikaels).selectFirst("#kvittera"), "nothing left to confirm");

        // Another site is never where a form sends her.
        String annanAction = lista.select("form[action$=/kvittera]").get(1).attr("action");
        Map<String, String> annan = new java.util.HashMap<>(HttpSession.formData(lista, "form[action=" + annanAction + "]"));
        annan.put("tillbaka", "//evil.example/x");
        assertEquals("/oversikt", h.post(annanAction, annan).headers().firstValue("Location").orElseThrow());
    }

    @Test
    void ordenPaSidornaArSomEnKoordinatorSagerDem() {
        HttpSession k = app.session().loginStaff("koordinator");
        Document uppfoljning = k.page("/uppfoljning");
        for (Element th : uppfoljning.select("th")) {
            assertFalse(th.text().equals("Team"), "one team: no column repeating it");
            assertFalse(th.text().equals("Dagar sen"));
        }
        assertEquals("eskalerade-rubrik", uppfoljning.selectFirst("h1 ~ section").attr("aria-labelledby"),
                "escalations first");
        Document eskaleringar = k.page("/arbetslista?lista=eskaleringar");
        assertTrue(antal(eskaleringar) > 0, "the demo has escalations");
        for (Document sida : List.of(uppfoljning, eskaleringar)) {
            String text = sida.select("main").text();
            assertFalse(text.contains("Intern:"), "no internal prefix");
            assertFalse(text.contains(".:"), "no broken punctuation");
        }
        Document deltagaren = k.page("/deltagare/" + enAvMikaels);
        assertFalse(deltagaren.select("dt").eachText().contains("Läge"));
        assertTrue(deltagaren.select("dt").eachText().contains("Status"));
        assertFalse(deltagaren.text().contains("FHIR (JSON)"));
    }
}
