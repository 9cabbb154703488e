package se.finsam.planering.avslut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * Efterkontroll: her phone number as a link, "försökte nå" recorded several times with its time while the occasion
 * stays open, "gick inte att nå" closing it, and after saving the next check that is due.
 */
class EfterkontrollForsokHttpTest extends AppTest {

    private static long avslutad(LocalDate datum) {
        long d = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").utanKonto().medNamn().hamta();
        app.jdbi().useHandle(h -> {
            h.createUpdate("UPDATE deltagare SET telefon = '070-123 45 67' WHERE id = :d").bind("d", d).execute();
            h.createUpdate("""
                            INSERT INTO avslut (deltagare_id, datum, orsak, forsorjning, ingen_fortsattning, nasta_steg,
                                                fortsattning_ansvarig, registrerad, registrerad_av, sysselsattning,
                                                steg_mot_arbete)
                            SELECT :d, :datum, 'ratt_ersattning', 'sjukpenning', 0, 'Kontakt med FK', 'Lena',
                                   :datum || 'T09:00:00Z', id, 'ingen', 'stabil_narvaro'
                            FROM anvandare WHERE anvandarnamn = 'koordinator'""")
                    .bind("d", d).bind("datum", datum.toString()).execute();
        });
        return d;
    }

    @Test
    void forsokRegistrerasFleraGangerInnanGickInteAttNaOchNastaErbjuds() {
        LocalDate idag = LocalDate.now(app.clock());
        long forst = avslutad(idag.minusMonths(6).minusDays(20));
        avslutad(idag.minusMonths(6).minusDays(5)); // at least one other check is due afterwards
        String lank = "/deltagare/" + forst + "/efterkontroll";
        HttpSession k = app.session().loginStaff("koordinator");
        Document sida = k.page(lank);
        assertEquals("tel:0701234567", sida.select(".efterkontroll-telefon a").attr("href").replace("+46", "0"),
                sida.select(".efterkontroll-telefon").outerHtml());

        assertEquals(302, k.post(lank, Map.of("manader", "6", "nadd", "forsok")).statusCode());
        app.clock().advance(Duration.ofMinutes(20));
        assertEquals(302, k.post(lank, Map.of("manader", "6", "nadd", "forsok")).statusCode());
        List<String> tider = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT tidpunkt FROM efterkontroll_forsok WHERE deltagare_id = :d ORDER BY id").bind("d", forst)
                .mapTo(String.class).list());
        assertEquals(2, tider.size(), "each attempt is its own row");
        assertEquals(Duration.ofMinutes(20), Duration.between(java.time.Instant.parse(tider.get(0)),
                java.time.Instant.parse(tider.get(1))), "with the time it was made");
        int kontroller = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM efterkontroll WHERE deltagare_id = :d").bind("d", forst).mapTo(Integer.class).one());
        assertEquals(0, kontroller, "attempts leave the occasion open");
        Document efterForsok = k.page(lank + "?sparad=1");
        assertEquals(2, efterForsok.select("table tbody tr").get(0).select("time").size(),
                efterForsok.select("table").text());
        assertTrue(k.page("/uppfoljning?alla=1").select("#forsenade a[href=" + lank + "]").size() == 1,
                "still due");

        var sparat = k.post(lank, Map.of("manader", "6", "datum", idag.toString(), "nadd", "nej"));
        assertEquals(302, sparat.statusCode());
        String till = sparat.headers().firstValue("Location").orElseThrow();
        Document efter = k.page(till);
        var nasta = efter.selectFirst("#nasta a");
        assertNotNull(nasta, efter.select("main").text());
        assertTrue(nasta.text().startsWith("Nästa: "), nasta.text());
        assertTrue(efter.select("table").text().contains("Gick inte att nå"));
        assertTrue(k.page("/uppfoljning?alla=1").select("#forsenade a[href=" + lank + "]").isEmpty(), "closed");
        // the next one due is a check that is still open, never this one
        assertTrue(!nasta.attr("href").equals(lank), nasta.attr("href"));
        assertTrue(nasta.attr("href").matches("/deltagare/\\d+/efterkontroll"), nasta.attr("href"));
    }

    @Test
    void ettOkantValAvvisasMedEttMeddelande() {
        long d = avslutad(LocalDate.now(app.clock()).minusMonths(7));
        HttpSession k = app.session().loginStaff("koordinator");
        k.get("/deltagare/" + d + "/efterkontroll");
        var svar = k.post("/deltagare/" + d + "/efterkontroll", Map.of("manader", "6", "nadd", "kanske"));
        assertEquals(400, svar.statusCode());
        assertTrue(HttpSession.html(svar).select(".falt--fel").text().contains("Välj om ni nådde personen"));
    }
}
