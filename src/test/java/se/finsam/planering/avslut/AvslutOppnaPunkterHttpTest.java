package se.finsam.planering.avslut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * Avslut shows the plan's open and unconfirmed items and refuses to close until each has a decision: handed over
 * to a member of staff or a person typed as text, or closed as not done with a reason. After avslut no handover of
 * the participant waits for a kvittens, so none is on anybody's list.
 */
class AvslutOppnaPunkterHttpTest extends AppTest {

    /** A participant in follow-up with at least two open authority items, one handed to fk.handlaggare unanswered. */
    private static long medOppenOverlamning() {
        for (int forsok = 0; forsok < 30; forsok++) {
            long d = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").medNamn().hamta();
            List<Long> oppna = oppnaMyndighetspunkter(d);
            if (oppna.size() >= 2) {
                app.jdbi().useHandle(h -> h.createUpdate("""
                                INSERT INTO overlamning (planpunkt_id, till_id, skapad)
                                SELECT :p, id, '2026-11-02T09:00:00Z' FROM anvandare WHERE anvandarnamn = 'fk.handlaggare'""")
                        .bind("p", oppna.get(0)).execute());
                return d;
            }
        }
        throw new AssertionError("no participant with two open authority items");
    }

    private static List<Long> oppnaMyndighetspunkter(long d) {
        return app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT pp.id FROM planering p JOIN planpunkt pp ON pp.planering_id = p.id
                        LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
                        WHERE p.deltagare_id = :d AND pp.borttagen IS NULL AND pp.ansvarig_deltagaren = 0
                          AND coalesce(s.status, 'ej_paborjad') NOT IN ('genomford', 'avslagen')
                        ORDER BY pp.ordning, pp.id""").bind("d", d).mapTo(Long.class).list());
    }

    private static int oppnaOverlamningar(long d) {
        return app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM overlamning o JOIN planpunkt pp ON pp.id = o.planpunkt_id
                        JOIN planering p ON p.id = pp.planering_id
                        WHERE p.deltagare_id = :d AND o.kvitterad IS NULL AND o.avvisad IS NULL""")
                .bind("d", d).mapTo(Integer.class).one());
    }

    private static long anvandare(String anvandarnamn) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM anvandare WHERE anvandarnamn = :a")
                .bind("a", anvandarnamn).mapTo(Long.class).one());
    }

    private static Map<String, String> grund() {
        return new HashMap<>(Map.of("datum", "2026-11-23", "orsak", "ratt_ersattning", "forsorjning", "sjukpenning",
                "sysselsattning", "ingen", "steg_mot_arbete", "stabil_narvaro",
                "fortsattning_ansvarig", "Kerstin Ek, Previa", "nasta_steg", "Kerstin ringer i januari"));
    }

    @Test
    void utanBeslutForVarjeOppenPunktAvslutasIngetOchIngetSkrivetForsvinner() {
        long d = medOppenOverlamning();
        HttpSession k = app.session().loginStaff("koordinator");
        Document sida = k.page("/deltagare/" + d + "/avslut");
        List<Long> oppna = oppnaMyndighetspunkter(d);
        assertTrue(sida.select(".avslut-punkt").size() >= oppna.size(), "every open item is listed");
        for (long p : oppna) {
            assertEquals(1, sida.select("#punkt-" + p).size(), "item " + p);
        }
        assertTrue(sida.select("#punkt-" + oppna.get(0)).text().contains("Väntar på kvittens från"),
                sida.select("#punkt-" + oppna.get(0)).text());

        int vantarFore = oppnaOverlamningar(d);
        HttpResponse<String> svar = k.post("/deltagare/" + d + "/avslut", grund());
        assertEquals(400, svar.statusCode());
        Document fel = HttpSession.html(svar);
        assertTrue(fel.select(".felsammanfattning, [role=alert]").text().contains("Välj vad som händer med punkt 1"),
                fel.select("main").text());
        assertEquals("Kerstin ringer i januari", fel.select("#nasta_steg").attr("value"), "what was typed stays");
        int avslut = app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM avslut WHERE deltagare_id = :d")
                .bind("d", d).mapTo(Integer.class).one());
        assertEquals(0, avslut, "nothing closed");
        assertEquals(vantarFore, oppnaOverlamningar(d), "the handovers still wait");

        // a decision without its person or reason is refused as well
        Map<String, String> halv = AvslutStod.medBeslut(k, d, grund());
        halv.put("beslut_" + oppna.get(0), "overlamna");
        HttpResponse<String> utanPerson = k.post("/deltagare/" + d + "/avslut", halv);
        assertEquals(400, utanPerson.statusCode());
        assertTrue(HttpSession.html(utanPerson).select("#till_" + oppna.get(0) + "-fel").text()
                .contains("Skriv vem som tar över punkt 1"));
        halv.put("orsak_" + oppna.get(1), "");
        assertEquals(400, k.post("/deltagare/" + d + "/avslut", halv).statusCode());
    }

    @Test
    void punkterLamnasOverTillPersonalEllerFritextOchOverlamningenLamnarListorna() {
        long d = medOppenOverlamning();
        List<Long> oppna = oppnaMyndighetspunkter(d);
        HttpSession k = app.session().loginStaff("koordinator");
        Document sida = k.page("/deltagare/" + d + "/avslut");
        // the staff are offered by name and organisation
        List<String> val = sida.select("datalist#personal-lista option").eachAttr("value");
        String lena = val.stream().filter(v -> v.startsWith("Lena ")).findFirst().orElse(val.get(0));
        assertTrue(lena.contains("(") && lena.endsWith(")"), lena);
        assertEquals("personal-lista", sida.select("#till_" + oppna.get(0)).attr("list"));
        assertEquals("personal-lista", sida.select("#fortsattning_ansvarig").attr("list"));
        long lenaId = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT a.id FROM anvandare a JOIN organisation o ON o.id = a.organisation_id
                        WHERE a.namn || ' (' || o.namn || ')' = :e""").bind("e", lena).mapTo(Long.class).one());
        long kvitterarFk = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT o.id FROM overlamning o WHERE o.planpunkt_id = :p AND o.kvitterad IS NULL""")
                .bind("p", oppna.get(0)).mapTo(Long.class).one());

        Map<String, String> form = grund();
        form.put("fortsattning_ansvarig", lena);
        form.put("beslut_" + oppna.get(0), "overlamna");
        form.put("till_" + oppna.get(0), lena);
        form.put("beslut_" + oppna.get(1), "overlamna");
        form.put("till_" + oppna.get(1), "Kerstin Ek, Previa företagshälsa");
        form = AvslutStod.medBeslut(k, d, form);
        assertEquals(302, k.post("/deltagare/" + d + "/avslut", form).statusCode());

        Map<Long, Map<String, Object>> beslut = new HashMap<>();
        app.jdbi().useHandle(h -> h.createQuery("SELECT * FROM avslut_punkt WHERE deltagare_id = :d").bind("d", d)
                .mapToMap().forEach(r -> beslut.put(((Number) r.get("planpunkt_id")).longValue(), r)));
        var forsta = beslut.get(oppna.get(0));
        assertEquals("overlamnad", forsta.get("beslut"));
        assertEquals(lenaId, ((Number) forsta.get("till_anvandare_id")).longValue(), "chosen among the staff");
        assertEquals(anvandare("fk.handlaggare"), ((Number) forsta.get("vantade_pa_id")).longValue(),
                "whom the closed handover waited for is kept");
        var andra = beslut.get(oppna.get(1));
        assertNull(andra.get("till_anvandare_id"));
        assertEquals("Kerstin Ek, Previa företagshälsa", andra.get("till_text"), "typed: outside the förbund");
        beslut.values().stream().filter(r -> r.get("beslut").equals("stangd"))
                .forEach(r -> assertEquals("Deltagaren avslutad", r.get("orsak")));
        long fortsattning = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT fortsattning_anvandare_id FROM avslut WHERE deltagare_id = :d").bind("d", d)
                .mapTo(Long.class).one());
        assertEquals(lenaId, fortsattning, "the continuation's person is the staff member");

        assertEquals(0, oppnaOverlamningar(d), "no handover of a closed participant waits for a kvittens");
        HttpSession fk = app.session().loginStaff("fk.handlaggare");
        fk.get("/oversikt");
        int kvittera = fk.post("/overlamning/" + kvitterarFk + "/kvittera", Map.of()).statusCode();
        assertTrue(kvittera >= 400 && kvittera < 500, "nothing left to confirm: " + kvittera);
        assertFalse(k.get("/arbetslista?lista=utan-kvittens").body().contains("/deltagare/" + d + "/motelage"),
                "gone from the koordinator's list");

        Document efter = k.page("/deltagare/" + d + "/avslut");
        String text = efter.select("main").text();
        assertTrue(text.contains("Överlämnad till " + lena), text);
        assertTrue(text.contains("Överlämnad till Kerstin Ek, Previa företagshälsa"), text);
        assertEquals(409, k.post("/deltagare/" + d + "/avslut", form).statusCode(), "closed once only");
    }

    @Test
    void utanOppnaPunkterSagsDetOchAvslutetGarIgenom() {
        long d = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").medNamn().hamta();
        HttpSession k = app.session().loginStaff("koordinator");
        app.jdbi().useHandle(h -> h.createUpdate("""
                        UPDATE planpunkt SET borttagen = '2026-11-20T10:00:00Z'
                        WHERE planering_id = (SELECT id FROM planering WHERE deltagare_id = :d)""")
                .bind("d", d).execute());
        Document sida = k.page("/deltagare/" + d + "/avslut");
        assertNotNull(sida.selectFirst("#inga-punkter"), sida.select("main").text());
        assertEquals(302, k.post("/deltagare/" + d + "/avslut", grund()).statusCode());
    }
}
