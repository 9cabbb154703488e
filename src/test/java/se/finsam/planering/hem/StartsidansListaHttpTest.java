package se.finsam.planering.hem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

/**
 * The start page's participant list, a page at a time: every participant a user may see is on exactly one page,
 * reached by "Nästa" from the first; the search narrows it; and a participant who did not consent to the
 * handläggare's organisation is on no page, in no count and no search, and never logged as shown to him.
 */
class StartsidansListaHttpTest extends AppTest {

    private static final int MED = 70;
    private static final int UTAN = 40;
    private static final List<Long> medSamtycke = new ArrayList<>();
    private static final List<Long> utanSamtycke = new ArrayList<>();
    private static long fkUser;

    private static long id(String sql) {
        return app.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** Participants the FK handläggare referred to Kista: some consent to FK, some only to the Jobbtorg. */
    @BeforeAll
    static void mangaAnmaldaAvFk() {
        long fk = id("SELECT id FROM organisation WHERE kod = 'FK'");
        long jobbtorg = id("SELECT id FROM organisation WHERE typ = 'jobbtorg'");
        long kista = id("SELECT id FROM team WHERE namn = 'Jobbtorg Kista'");
        fkUser = id("SELECT id FROM anvandare WHERE anvandarnamn = 'fk.handlaggare'");
        long koordinator = id("SELECT id FROM anvandare WHERE anvandarnamn = 'koordinator'");
        app.jdbi().useTransaction(h -> {
            for (int i = 0; i < MED + UTAN; i++) {
                boolean med = i < MED;
                String fornamn = med ? "Åsa" : "Utan";
                String efternamn = String.format(med ? "Sidlista %03d" : "Samtycke %03d", i);
                long d = h.createUpdate("""
                                INSERT INTO deltagare (kod, team_id, fornamn, efternamn, fodelsear, kon, skapad)
                                VALUES (:kod, :t, :f, :e, 1980, 'kvinna', '2026-10-01T09:00:00Z')""")
                        .bind("kod", String.format("SL-%04d", i)).bind("t", kista).bind("f", fornamn)
                        .bind("e", efternamn).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                h.createUpdate("""
                                INSERT INTO anmalan (deltagare_id, remitterande_id, remitterande_organisation_id, datum,
                                                     sammanfattning, forsorjning, informerad_om_mote, skapad)
                                VALUES (:d, :u, :fk, '2026-10-01', 'Sidlistans test', 'ingen', 1, '2026-10-01T09:00:00Z')""")
                        .bind("d", d).bind("u", fkUser).bind("fk", fk).execute();
                h.createUpdate("""
                                INSERT INTO samtycke (deltagare_id, organisation_id, givet_datum, hur, registrerad_av)
                                VALUES (:d, :o, '2026-10-01', 'skriftligt', :k)""")
                        .bind("d", d).bind("o", med ? fk : jobbtorg).bind("k", koordinator).execute();
                (med ? medSamtycke : utanSamtycke).add(d);
            }
        });
    }

    /** The participants the FK handläggare may see and has as her own: what her list must hold, all of it. */
    private static Set<Long> fkHandlaggarensDeltagare() {
        return new LinkedHashSet<>(app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT d.id FROM deltagare d JOIN team_medlem m ON m.team_id = d.team_id AND m.anvandare_id = :u
                        WHERE EXISTS (SELECT 1 FROM samtycke s JOIN anvandare a ON a.organisation_id = s.organisation_id
                                      WHERE s.deltagare_id = d.id AND a.id = :u AND s.aterkallat_datum IS NULL)
                          AND (EXISTS (SELECT 1 FROM anmalan a WHERE a.deltagare_id = d.id AND a.remitterande_id = :u)
                               OR EXISTS (SELECT 1 FROM planering p JOIN planpunkt pp ON pp.planering_id = p.id
                                          WHERE p.deltagare_id = d.id AND pp.ansvarig_anvandare_id = :u
                                            AND pp.borttagen IS NULL))""")
                .bind("u", fkUser).mapTo(Long.class).list()));
    }

    private static List<Long> deltagareI(Document page) {
        List<Long> ids = new ArrayList<>();
        for (Element a : page.select("section[aria-labelledby=lista-rubrik] ul.lista > li > a")) {
            ids.add(Long.parseLong(a.attr("href").replaceAll("\\D", "")));
        }
        return ids;
    }

    private static int loggadSomVisad(long deltagare) {
        return app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM audit_log WHERE anvandare_id = :a AND deltagare_id = :d
                          AND vad = 'startsidans listor'""")
                .bind("a", fkUser).bind("d", deltagare).mapTo(Integer.class).one());
    }

    @Test
    void varjeDeltagareFinnsPaEnSidaOchBaraDeMedSamtycke() {
        HttpSession fk = app.session().loginStaff("fk.handlaggare");
        Set<Long> vantade = fkHandlaggarensDeltagare();
        assertTrue(vantade.containsAll(medSamtycke) && vantade.size() > HemRoutes.Deltagarlista.PER_SIDA,
                "enough for two pages: " + vantade.size());
        int sidor = (vantade.size() + HemRoutes.Deltagarlista.PER_SIDA - 1) / HemRoutes.Deltagarlista.PER_SIDA;

        List<Long> sedda = new ArrayList<>();
        String sida = "/oversikt";
        for (int n = 1; n <= sidor; n++) {
            var svar = fk.get(sida);
            assertEquals(200, svar.statusCode(), sida);
            Document page = HttpSession.html(svar);
            List<Long> rader = deltagareI(page);
            int fran = (n - 1) * HemRoutes.Deltagarlista.PER_SIDA + 1;
            assertEquals("Visar " + fran + "–" + (fran + rader.size() - 1) + " av " + vantade.size(),
                    page.selectFirst("#lista-antal").text().replace('\u00a0', ' '), sida);
            assertEquals(n < sidor ? HemRoutes.Deltagarlista.PER_SIDA : vantade.size() - sedda.size(), rader.size());
            assertEquals("Sida " + n + " av " + sidor, page.selectFirst(".sidnav__sida").text());
            assertEquals(n > 1, page.selectFirst("nav.sidnav a[rel=prev]") != null, "Föregående on page " + n);
            for (long d : utanSamtycke) {
                assertFalse(svar.body().contains("/deltagare/" + d + "\""), "no link to " + d + " on page " + n);
            }
            assertFalse(svar.body().contains("Utan Samtycke"), "no name of hers on page " + n);
            sedda.addAll(rader);
            Element nasta = page.selectFirst("nav.sidnav a[rel=next]");
            assertEquals(n < sidor, nasta != null, "Nästa on page " + n);
            if (nasta != null) {
                assertEquals("Nästa", nasta.text());
                sida = nasta.attr("href");
            }
        }
        assertEquals(vantade, new LinkedHashSet<>(sedda), "every participant of hers, on the pages together");
        assertEquals(sedda.size(), new LinkedHashSet<>(sedda).size(), "each on one page only");
        List<Long> ordnade = new ArrayList<>(medSamtycke);
        assertEquals(ordnade, sedda.stream().filter(medSamtycke::contains).toList(), "by name, page after page");

        for (String forbiSista : List.of("999", "999999999")) {
            Document forbi = fk.page("/oversikt?sida=" + forbiSista);
            assertEquals("Sida " + sidor + " av " + sidor, forbi.selectFirst(".sidnav__sida").text(),
                    "past the end: the last");
            assertEquals(200, fk.get("/oversikt?sok=a&sida=" + forbiSista).statusCode());
        }
        for (String fel : List.of("abc", "0", "-1", "1e3", "99999999999")) {
            assertEquals(400, fk.get("/oversikt?sida=" + fel).statusCode(), fel);
        }
        for (long d : utanSamtycke) {
            assertEquals(0, loggadSomVisad(d), "never logged as shown to him: " + d);
        }
        assertTrue(loggadSomVisad(sedda.get(0)) > 0, "those shown are logged as shown");
    }

    @Test
    void soketHittarNamnOchKodIVilketSkiftlageSomHelstMenAldrigDenUtanSamtycke() {
        HttpSession fk = app.session().loginStaff("fk.handlaggare");
        Document asa = fk.page("/oversikt?sok=%C3%A5sa+sidlista+00");
        List<Long> traffar = deltagareI(asa);
        assertEquals(medSamtycke.subList(0, 10), traffar, "Åsa Sidlista 000–009, found typed in lower case");
        assertEquals("Visar 1–10 av 10 som har ”åsa sidlista 00” i namnet eller koden",
                asa.selectFirst("#lista-antal").text());
        assertEquals("åsa sidlista 00", asa.selectFirst("input#sok").val(), "the search stays in its field");
        assertNull(asa.selectFirst("nav.sidnav"), "one page, no paging");

        Document kod = fk.page("/oversikt?sok=sl-0005");
        assertEquals(List.of(medSamtycke.get(5)), deltagareI(kod), "by code");

        Document utan = fk.page("/oversikt?sok=Utan+Samtycke");
        assertTrue(deltagareI(utan).isEmpty(), "she is not found by name");
        assertEquals("Ingen deltagare har ”Utan Samtycke” i namnet eller koden.",
                utan.selectFirst("section[aria-labelledby=lista-rubrik] p.tomt").text());
        assertNotNull(utan.selectFirst("a[href=/oversikt#lista-rubrik]"), "a way back to the whole list");
        assertTrue(deltagareI(fk.page("/oversikt?sok=" + "SL-" + String.format("%04d", MED))).isEmpty(),
                "nor by code");

        Document sida2 = fk.page("/oversikt?sok=sidlista");
        Element nasta = sida2.selectFirst("nav.sidnav a[rel=next]");
        assertNotNull(nasta, MED + " hits make two pages");
        assertEquals("/oversikt?sok=sidlista&sida=2#lista-rubrik", nasta.attr("href"), "the search goes along");
        assertEquals(medSamtycke.subList(HemRoutes.Deltagarlista.PER_SIDA, MED), deltagareI(fk.page(nasta.attr("href"))));
        assertEquals(200, fk.get("/oversikt?sok=" + "x".repeat(5000)).statusCode(), "a long search is cut, not refused");
    }

    @Test
    void koordinatornBladdrarIHelaTeamet() {
        HttpSession k = app.session().loginStaff("koordinator");
        long iTeamet = id("""
                SELECT count(*) FROM deltagare d JOIN team_medlem m ON m.team_id = d.team_id
                JOIN anvandare a ON a.id = m.anvandare_id WHERE a.anvandarnamn = 'koordinator'""");
        Document forsta = k.page("/oversikt");
        assertTrue(forsta.selectFirst("#lista-antal").text().replace('\u00a0', ' ').endsWith(" av " + iTeamet),
                forsta.selectFirst("#lista-antal").text());
        assertTrue(deltagareI(forsta).containsAll(utanSamtycke), "the koordinator sees the newest, whatever samtycke");
        assertEquals(400, k.get("/oversikt?alla=nagot").statusCode(), "an unknown list");
        var gammal = k.get("/oversikt?alla=utankvittens");
        assertEquals(302, gammal.statusCode(), "the start page's former long list");
        assertEquals("/arbetslista?lista=utan-kvittens", gammal.headers().firstValue("Location").orElseThrow(),
                "is now a work list");
    }
}
