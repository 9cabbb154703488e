package se.finsam.planering.planering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.finsam.planering.planering.FlodeStod.anmal;
import static se.finsam.planering.planering.FlodeStod.anmalan;
import static se.finsam.planering.planering.FlodeStod.anvandare;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

/** What happens to a plan item after the handover: sent back, given to someone else, or moved with a contact. */
class AterlamnadOchKontaktbyteHttpTest extends AppTest {

    private static Map<String, String> plan(int version, List<String[]> rader, String nyText, String nyAnsvar) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("version", String.valueOf(version));
        form.put("antal", String.valueOf(rader.size()));
        form.put("mal", "Jobba igen");
        form.put("teamanteckning", "");
        for (int i = 0; i < rader.size(); i++) {
            form.put("p" + i + "_id", rader.get(i)[0]);
            form.put("p" + i + "_text", rader.get(i)[1]);
            form.put("p" + i + "_ansvar", rader.get(i)[2]);
            form.put("p" + i + "_typ", "rekommendation");
            form.put("p" + i + "_datum", "2027-01-15");
        }
        form.put("ny_text", nyText);
        form.put("ny_ansvar", nyAnsvar);
        form.put("ny_typ", "beslut");
        form.put("ny_datum", "2027-02-01");
        return form;
    }

    private int version(long id) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT version FROM planering WHERE deltagare_id = :d")
                .bind("d", id).mapTo(Integer.class).one());
    }

    private long punkt(String text) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM planpunkt WHERE text = :t")
                .bind("t", text).mapTo(Long.class).one());
    }

    /** A new participant whose plan has one item per given responsible, handed over. */
    private long handedOver(String fornamn, String... ansvar) {
        HttpSession s = app.session().loginStaff("handlaggare");
        long id = anmal(app, s, anmalan(app, fornamn, "Aterson", "1979"));
        HttpSession k = app.session().loginStaff("koordinator");
        for (int i = 0; i < ansvar.length; i++) {
            k.get("/deltagare/" + id + "/motelage");
            List<String[]> rader = new java.util.ArrayList<>();
            for (int j = 0; j < i; j++) {
                rader.add(new String[] {String.valueOf(punkt(fornamn + " punkt " + j)), fornamn + " punkt " + j,
                        ansvar[j]});
            }
            assertEquals(302, k.post("/deltagare/" + id + "/motelage",
                    plan(version(id, i), rader, fornamn + " punkt " + i, ansvar[i])).statusCode());
        }
        k.get("/deltagare/" + id + "/motelage");
        assertEquals(302, k.post("/deltagare/" + id + "/overlamna", Map.of("bekraftad", "ja")).statusCode());
        return id;
    }

    private int version(long id, int i) {
        return i == 0 ? 0 : version(id);
    }

    private void sendBack(String text, String vem, String orsak) {
        long ovId = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT o.id FROM overlamning o JOIN planpunkt pp ON pp.id = o.planpunkt_id
                        WHERE pp.text = :t AND o.avvisad IS NULL AND o.kvitterad IS NULL""")
                .bind("t", text).mapTo(Long.class).one());
        HttpSession s = app.session().loginStaff(vem);
        s.get("/oversikt");
        assertEquals(302, s.post("/overlamning/" + ovId + "/avvisa", Map.of("orsak", orsak)).statusCode());
    }

    @Test
    void aterlamnadPunktSomGesTillDeltagarenLamnarListan() {
        long id = handedOver("Retdu", "anv:" + anvandare(app, "soc.handlaggare"));
        sendBack("Retdu punkt 0", "soc.handlaggare", "Inte vår sak, hon gör det själv");
        HttpSession k = app.session().loginStaff("koordinator");
        assertTrue(k.get("/arbetslista?lista=aterlamnade").body().contains("Inte vår sak, hon gör det själv"), "listed first");

        // The koordinator makes it the participant's own step and closes the meeting again.
        k.get("/deltagare/" + id + "/motelage");
        assertEquals(302, k.post("/deltagare/" + id + "/motelage", plan(version(id),
                List.<String[]>of(new String[] {String.valueOf(punkt("Retdu punkt 0")), "Retdu punkt 0", "deltagaren"}),
                "", "deltagaren")).statusCode());
        k.get("/deltagare/" + id + "/motelage");
        assertEquals(302, k.post("/deltagare/" + id + "/overlamna", Map.of("bekraftad", "ja")).statusCode());
        assertFalse(k.get("/arbetslista?lista=aterlamnade").body().contains("Inte vår sak, hon gör det själv"),
                "nothing is left for the koordinator to do");
    }

    @Test
    void aterlamnadPunktSomGesTillEnAnnanOchLamnasOverIgenLamnarListan() {
        long id = handedOver("Retannan", "anv:" + anvandare(app, "soc.handlaggare"));
        sendBack("Retannan punkt 0", "soc.handlaggare", "Fel stadsdel för oss");
        HttpSession k = app.session().loginStaff("koordinator");
        k.get("/deltagare/" + id + "/motelage");
        assertEquals(302, k.post("/deltagare/" + id + "/motelage", plan(version(id),
                List.<String[]>of(new String[] {String.valueOf(punkt("Retannan punkt 0")), "Retannan punkt 0",
                        "anv:" + anvandare(app, "fk.handlaggare")}), "", "deltagaren")).statusCode());
        assertTrue(k.get("/arbetslista?lista=aterlamnade").body().contains("Fel stadsdel för oss"), "still to be handed over");
        assertEquals(302, k.post("/deltagare/" + id + "/overlamna", Map.of("bekraftad", "ja")).statusCode());
        assertFalse(k.get("/arbetslista?lista=aterlamnade").body().contains("Fel stadsdel för oss"));
    }

    @Test
    void kontaktbyteFlyttarMyndighetensOppnaPunkterTillDenNyaSomEnOverlamning() {
        String fk = "anv:" + anvandare(app, "fk.handlaggare");
        long id = handedOver("Flytt", fk, fk, "anv:" + anvandare(app, "soc.handlaggare"));
        long fkOrg = FlodeStod.org(app, "FK");
        long ny = anvandare(app, "teamrep.fk");
        HttpSession k = app.session().loginStaff("koordinator");
        String sida = k.get("/deltagare/" + id + "/kontakter").body();
        assertTrue(sida.contains("name=\"flytta\" value=\"ja\" checked"), "offered, ticked by default");
        assertTrue(sida.contains("Flytt punkt 0") && sida.contains("Flytt punkt 2"), "the open items are listed");

        assertEquals(302, k.post("/deltagare/" + id + "/kontakter", Map.of("organisation", String.valueOf(fkOrg),
                "anvandare", String.valueOf(ny), "flytta", "ja")).statusCode());
        assertEquals(List.of(ny, ny), app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT ansvarig_anvandare_id FROM planpunkt WHERE text IN ('Flytt punkt 0', 'Flytt punkt 1')""")
                .mapTo(Long.class).list()), "both FK items now belong to the new contact");
        assertEquals(anvandare(app, "soc.handlaggare"), (long) app.jdbi().withHandle(h -> h.createQuery(
                "SELECT ansvarig_anvandare_id FROM planpunkt WHERE text = 'Flytt punkt 2'").mapTo(Long.class).one()),
                "another authority's item stays");
        String nya = app.session().loginStaff("teamrep.fk").get("/oversikt").body();
        assertTrue(nya.contains("Flytt punkt 0") && nya.contains("Flytt punkt 1"), "handed over: to confirm");
        String gamla = app.session().loginStaff("fk.handlaggare").get("/oversikt").body();
        assertFalse(gamla.contains("Flytt punkt 0"), "the old person no longer holds it");
    }

    @Test
    void kontaktbyteUtanKryssLamnarPunkternaKvar() {
        String fk = "anv:" + anvandare(app, "fk.handlaggare");
        long id = handedOver("Kvar", fk);
        HttpSession k = app.session().loginStaff("koordinator");
        k.get("/deltagare/" + id + "/kontakter");
        assertEquals(302, k.post("/deltagare/" + id + "/kontakter", Map.of("organisation",
                String.valueOf(FlodeStod.org(app, "FK")), "anvandare",
                String.valueOf(anvandare(app, "teamrep.fk")))).statusCode());
        assertEquals(anvandare(app, "fk.handlaggare"), (long) app.jdbi().withHandle(h -> h.createQuery(
                "SELECT ansvarig_anvandare_id FROM planpunkt WHERE text = 'Kvar punkt 0'").mapTo(Long.class).one()));
    }
}
