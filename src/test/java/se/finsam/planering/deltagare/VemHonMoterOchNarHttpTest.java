package se.finsam.planering.deltagare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * What the participant is told about the people of her case: only the organisations her samtycke covers are named
 * as taking part in her meeting, everyone who owns one of her open items can be reached from her Kontakter page (or
 * the item says whom to call instead), and staff see her interpreter's language by name.
 */
class VemHonMoterOchNarHttpTest extends AppTest {

    private static final String PIN = "530917";

    private HttpSession loggaIn(long deltagare) {
        String user = TestData.kontoMedPin(app, deltagare, PIN);
        HttpSession s = app.session();
        s.get("/logga-in/deltagare");
        assertEquals(302, s.post("/logga-in/deltagare", Map.of("anvandarnamn", user, "pin", PIN)).statusCode());
        return s;
    }

    private String orgNamn(String kod) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT namn FROM organisation WHERE kod = :k")
                .bind("k", kod).mapTo(String.class).one());
    }

    private long orgId(String kod) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM organisation WHERE kod = :k")
                .bind("k", kod).mapTo(Long.class).one());
    }

    @Test
    void kallelsenMotessidanOchKalenderfilenNamnerBaraOrganisationerHennesSamtyckeTacker() {
        long deltagare = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("kallad").utanKonto().medNamn()
                .medSamtyckeTill("JOBBTORG").medSamtyckeTill("AF").hamta();
        String jobbtorg = orgNamn("JOBBTORG");
        String af = orgNamn("AF");
        HttpSession hon = loggaIn(deltagare);
        // She withdraws her samtycke for Jobbtorg herself; the others stay.
        assertEquals(302, hon.post("/min-planering/mina-uppgifter/samtycke/" + orgId("JOBBTORG"), Map.of())
                .statusCode());

        Document mote = hon.page("/min-planering/mote");
        List<String> vilka = mote.select("main ul li").eachText();
        assertTrue(vilka.contains(af), "the organisations she consented to are named: " + vilka);
        assertFalse(vilka.contains(jobbtorg), "Jobbtorg, which she refused, is not named: " + vilka);

        String ics = hon.get("/min-planering/mote.ics").body().replace("\r\n ", "").replace("\\,", ",");
        assertTrue(ics.contains(af), ics);
        assertFalse(ics.contains(jobbtorg), ics);

        long bokning = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM mote_deltagare WHERE deltagare_id = :d").bind("d", deltagare).mapTo(Long.class).one());
        HttpSession koordinator = app.session().loginStaff("koordinator");
        Document kallelse = HttpSession.html(koordinator.get("/kallelse/" + bokning));
        for (Element brev : kallelse.select("article.kallelse")) {
            String vem = brev.select("h2").stream().filter(h -> h.id().isEmpty() && h.nextElementSibling() != null
                            && h.nextElementSibling().tagName().equals("p")).findFirst().orElseThrow()
                    .nextElementSibling().text();
            assertTrue(vem.contains(af), vem);
            assertFalse(vem.contains(jobbtorg), "the letter names Jobbtorg: " + vem);
        }
        String staffIcs = koordinator.get("/kallelse/" + bokning + "/mote.ics").body().replace("\r\n ", "")
                .replace("\\,", ",");
        assertTrue(staffIcs.contains(af), staffIcs);
        assertFalse(staffIcs.contains(jobbtorg), staffIcs);
    }

    /** Hands one of her open items to a staff member, as closing the meeting or a change of contact does. */
    private long overlamnaOppenPunkt(long deltagare, String orgKod, long till) {
        return app.jdbi().inTransaction(h -> {
            long punkt = h.createQuery("""
                            SELECT pp.id FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                            LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
                            WHERE p.deltagare_id = :d AND pp.borttagen IS NULL AND pp.ansvarig_deltagaren = 0
                              AND coalesce(s.status, 'ej_paborjad') NOT IN ('genomford', 'avslagen')
                            ORDER BY pp.ordning LIMIT 1""")
                    .bind("d", deltagare).mapTo(Long.class).one();
            h.createUpdate("""
                            UPDATE planpunkt SET ansvarig_organisation_id = (SELECT id FROM organisation WHERE kod = :o),
                                   ansvarig_anvandare_id = :a WHERE id = :p""")
                    .bind("o", orgKod).bind("a", till).bind("p", punkt).execute();
            h.createUpdate("""
                            INSERT INTO overlamning (planpunkt_id, till_id, skapad, kvitterad)
                            VALUES (:p, :a, :nu, :nu)""")
                    .bind("p", punkt).bind("a", till).bind("nu", app.clock().instant()).execute();
            // Nobody of that organisation is her contact person now.
            h.createUpdate("""
                            UPDATE kontaktperson SET till_datum =
                                CASE WHEN fran_datum > :idag THEN fran_datum ELSE :idag END
                            WHERE deltagare_id = :d AND till_datum IS NULL
                              AND organisation_id = (SELECT id FROM organisation WHERE kod = :o)""")
                    .bind("d", deltagare).bind("o", orgKod).bind("idag", "2026-11-20").execute();
            return punkt;
        });
    }

    private record Person(long id, String namn, String telefon, String epost) {
    }

    private Person person(String anvandarnamn) {
        return app.jdbi().withHandle(h -> h.createQuery(
                        "SELECT id, namn, telefon, epost FROM anvandare WHERE anvandarnamn = :u")
                .bind("u", anvandarnamn)
                .map((rs, ctx) -> new Person(rs.getLong("id"), rs.getString("namn"), rs.getString("telefon"),
                        rs.getString("epost")))
                .one());
    }

    @Test
    void denSomAgerHennesPunktStarPaKontakterOchIDenUtskrivnaPlanenMedTelefon() {
        long deltagare = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").utanKonto().medNamn()
                .medSamtyckeTill("SOC").hamta();
        Person jonas = person("soc.handlaggare");
        assertTrue(jonas.telefon() != null, "the demo's Socialtjänsten handläggare has a phone number");
        overlamnaOppenPunkt(deltagare, "SOC", jonas.id());
        HttpSession hon = loggaIn(deltagare);

        Document kontakter = hon.page("/min-planering/kontakter");
        Element kort = kontakter.select("section.kort").stream()
                .filter(k -> k.select("h2").text().equals(orgNamn("SOC"))).findFirst()
                .orElseThrow(() -> new AssertionError("no card for Socialtjänsten: " + kontakter.text()));
        Element kontakt = kort.select(".kontakt").stream()
                .filter(k -> k.select(".kontakt__namn").text().equals(jonas.namn())).findFirst()
                .orElseThrow(() -> new AssertionError("the item's owner is not on Kontakter: " + kort.text()));
        assertTrue(kontakt.select("a.knapp--ring .telefon").text().equals(jonas.telefon()), kontakt.outerHtml());

        Document plan = hon.page("/min-planering");
        Element utskriven = plan.select(".utskrift-kontakter tbody tr").stream()
                .filter(r -> r.select("td:first-child bdi.namn").text().equals(jonas.namn())).findFirst()
                .orElseThrow(() -> new AssertionError("the item's owner is not in the printed plan"));
        assertEquals(jonas.telefon(), utskriven.select(".utskrift-telefon .telefon").text());
    }

    @Test
    void agarenFranEnOrganisationHonDragitTillbakaSamtyckeFranStarInteKvarPaKontakter() {
        long deltagare = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").utanKonto().medNamn()
                .medSamtyckeTill("SOC").hamta();
        Person jonas = person("soc.handlaggare");
        long punkt = overlamnaOppenPunkt(deltagare, "SOC", jonas.id());
        app.jdbi().useHandle(h -> h.createUpdate("""
                        UPDATE samtycke SET aterkallat_datum = :idag WHERE deltagare_id = :d
                        AND organisation_id = (SELECT id FROM organisation WHERE kod = 'SOC')""")
                .bind("idag", java.time.LocalDate.now(app.clock()).toString()).bind("d", deltagare).execute());
        HttpSession hon = loggaIn(deltagare);

        Document kontakter = hon.page("/min-planering/kontakter");
        assertTrue(kontakter.select(".kontakt__namn").eachText().stream().noneMatch(jonas.namn()::equals),
                "a person of an organisation she withdrew from is not hers to call: " + kontakter.text());
        Document plan = hon.page("/min-planering");
        assertTrue(plan.select(".utskrift-kontakter bdi.namn").eachText().stream().noneMatch(jonas.namn()::equals),
                "nor in the printed plan");
        Element item = plan.selectFirst("#punkt-" + punkt);
        assertTrue(item != null && item.selectFirst(".planpunkt__ring") != null,
                "the item says whom to call instead: " + (item == null ? plan.text() : item.outerHtml()));
    }

    @Test
    void enPunktVarsAgareInteGarAttNaSagerVemHonSkaRingaIStallet() {
        long deltagare = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").utanKonto().medNamn()
                .medSamtyckeTill("REGION").hamta();
        // A new colleague at the region whose phone and e-mail are not in the directory yet.
        long ny = app.jdbi().withHandle(h -> h.createUpdate("""
                        INSERT INTO anvandare (anvandarnamn, namn, roll, organisation_id, skapad)
                        VALUES ('region.ny', 'Nora Nilsson', 'handlaggare',
                                (SELECT id FROM organisation WHERE kod = 'REGION'), :nu)""")
                .bind("nu", app.clock().instant()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        long punkt = overlamnaOppenPunkt(deltagare, "REGION", ny);
        String[] vaxel = app.jdbi().withHandle(h -> h.createQuery(
                        "SELECT namn, telefon FROM organisation WHERE kod = 'REGION'")
                .map((rs, ctx) -> new String[] {rs.getString("namn"), rs.getString("telefon")}).one());
        Person koordinator = person("koordinator");
        HttpSession hon = loggaIn(deltagare);

        Document plan = hon.page("/min-planering");
        Element item = plan.selectFirst("#punkt-" + punkt);
        Element ring = item.selectFirst(".planpunkt__ring");
        assertTrue(ring != null, "the item says whom to call instead: " + item.outerHtml());
        if (vaxel[1] != null) {
            assertEquals(vaxel[0], ring.select("bdi.namn").text());
            assertEquals(vaxel[1], ring.select(".telefon").text());
        } else {
            assertEquals(koordinator.namn(), ring.select("bdi.namn").text());
            assertEquals(koordinator.telefon(), ring.select(".telefon").text());
        }
        assertTrue(plan.select(".utskrift-tabell .utskrift-ring").text().contains(ring.select("bdi.namn").text()),
                "and so does the printed plan");

        // Once her number is in the directory, the item's owner is reached directly and the hint goes.
        app.jdbi().useHandle(h -> h.execute("UPDATE anvandare SET telefon = '08-123 456 78' WHERE id = ?", ny));
        Document efter = hon.page("/min-planering");
        assertTrue(efter.select("#punkt-" + punkt + " .planpunkt__ring").isEmpty());
        assertTrue(hon.page("/min-planering/kontakter").text().contains("Nora Nilsson"));
    }

    @Test
    void personalenSerTolkensSprakMedNamnInteHennesGranssnittssprak() {
        // She reads the app in Swedish and needs a Persian interpreter, as the anmälan recorded it.
        long id = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").medNamn().hamta();
        app.jdbi().useHandle(h -> h.execute(
                "UPDATE deltagare SET sprak = 'sv', tolkbehov = 1, tolksprak = 'fa' WHERE id = ?", id));
        Map<String, Object> rad = Map.of("id", id, "anvandarnamn", "koordinator");
        HttpSession koordinator = app.session().loginStaff((String) rad.get("anvandarnamn"));
        HttpResponse<String> sida = koordinator.get("/deltagare/" + rad.get("id"));
        assertEquals(200, sida.statusCode());
        Document html = HttpSession.html(sida);
        String tolk = html.select("dt").stream().filter(dt -> dt.text().equals("Tolk")).findFirst().orElseThrow()
                .nextElementSibling().text();
        assertEquals("Behöver tolk (persiska)", tolk);
    }
}
