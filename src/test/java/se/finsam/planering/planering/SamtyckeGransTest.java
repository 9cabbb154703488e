package se.finsam.planering.planering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

/**
 * Samtycke sets the bounds of what staff may do with a participant: who can own her plan items and be her
 * kontaktperson, what the referral's duplicate check tells, and whom each role may refer.
 */
class SamtyckeGransTest extends AppTest {

    private static int antal(String sql, long id) {
        return app.jdbi().withHandle(h -> h.createQuery(sql).bind("d", id).mapTo(Integer.class).one());
    }

    /** A participant referred by the AF handläggare with samtycke for AF and socialtjänst only. */
    private long utanFk(HttpSession koordinator, String fornamn) {
        var form = FlodeStod.anmalan(app, fornamn, "Afsocsson", "1984");
        form.remove("ordinarie-" + FlodeStod.org(app, "FK"));
        HttpSession af = app.session().loginStaff("handlaggare");
        af.get("/anmalan");
        HttpResponse<String> r = FlodeStod.post(app, af, "/anmalan", form, "samtycke",
                String.valueOf(FlodeStod.org(app, "AF")), String.valueOf(FlodeStod.org(app, "SOC")));
        assertEquals(302, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    private static String select(String html, String id) {
        int start = html.indexOf("<select id=\"" + id + "\"");
        return html.substring(start, html.indexOf("</select>", start));
    }

    private static Map<String, String> nyPunkt(String text, String ansvar) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("version", "0");
        form.put("antal", "0");
        form.put("mal", "Komma tillbaka till arbete");
        form.put("teamanteckning", "");
        form.put("ny_text", text);
        form.put("ny_ansvar", ansvar);
        form.put("ny_typ", "rekommendation");
        form.put("ny_datum", "2027-02-01");
        return form;
    }

    @Test
    void planpunkterKanBaraGaTillMyndigheterInomSamtycket() {
        HttpSession k = app.session().loginStaff("koordinator");
        long d = utanFk(k, "Ansvara");
        long fk = FlodeStod.org(app, "FK");
        long fkUser = FlodeStod.anvandare(app, "fk.handlaggare");
        long afUser = FlodeStod.anvandare(app, "handlaggare");
        String sida = k.get("/deltagare/" + d + "/motelage").body();
        assertFalse(sida.contains("value=\"anv:" + fkUser + "\""), "FK's staff are not offered");
        assertFalse(sida.contains("value=\"org:" + fk + "\""), "nor FK itself");
        assertTrue(sida.contains("value=\"anv:" + afUser + "\""), "AF's staff are");
        assertTrue(sida.contains("value=\"deltagaren\""), "and the participant herself");

        for (String ansvar : new String[] {"anv:" + fkUser, "org:" + fk}) {
            HttpResponse<String> r = k.post("/deltagare/" + d + "/motelage", nyPunkt("Ansök om rehabpenning", ansvar));
            assertEquals(400, r.statusCode(), "a crafted owner outside the samtycke is refused: " + ansvar);
            assertTrue(r.body().contains("deltagaren har inte gett samtycke för den myndigheten"), r.body());
            assertTrue(r.body().contains("Ansök om rehabpenning"), "what was typed is kept");
            assertTrue(r.body().contains("Komma tillbaka till arbete"), "the goal too");
            assertEquals(0, antal("""
                    SELECT count(*) FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                    WHERE p.deltagare_id = :d""", d), "nothing saved");
        }
        assertEquals(302, k.post("/deltagare/" + d + "/motelage", nyPunkt("Jobbsökarstöd", "anv:" + afUser))
                .statusCode(), "an owner within the samtycke is fine");
    }

    @Test
    void enPunktVarsSamtyckeAterkallatsLamnasInteOver() {
        HttpSession k = app.session().loginStaff("koordinator");
        long d = utanFk(k, "Aterkalla");
        long afUser = FlodeStod.anvandare(app, "handlaggare");
        assertEquals(302, k.post("/deltagare/" + d + "/motelage", nyPunkt("Jobbsökarstöd", "anv:" + afUser))
                .statusCode());
        app.jdbi().useHandle(h -> h.createUpdate("""
                UPDATE samtycke SET aterkallat_datum = '2026-11-23' WHERE deltagare_id = :d
                  AND organisation_id = (SELECT id FROM organisation WHERE kod = 'AF')""").bind("d", d).execute());
        String sida = k.get("/deltagare/" + d + "/motelage").body();
        assertTrue(sida.contains("Samtycke saknas – välj någon annan"), "the saved owner is shown as outside");
        HttpResponse<String> r = k.post("/deltagare/" + d + "/overlamna", Map.of());
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("deltagaren har inte gett samtycke för den myndigheten"));
        assertEquals(0, antal("""
                SELECT count(*) FROM overlamning o JOIN planpunkt pp ON pp.id = o.planpunkt_id
                JOIN planering p ON p.id = pp.planering_id WHERE p.deltagare_id = :d""", d), "nothing handed over");
    }

    @Test
    void kontaktpersonerBaraFranMyndigheterInomSamtycket() {
        HttpSession k = app.session().loginStaff("koordinator");
        long d = utanFk(k, "Kontakta");
        long fk = FlodeStod.org(app, "FK");
        long fkUser = FlodeStod.anvandare(app, "fk.handlaggare");
        String sida = k.get("/deltagare/" + d + "/kontakter").body();
        assertFalse(select(sida, "organisation").contains("<option value=\"" + fk + "\""), "FK is not offered");
        assertFalse(select(sida, "anvandare").contains("<option value=\"" + fkUser + "\""), "nor FK's staff");
        assertTrue(select(sida, "organisation").contains("<option value=\"" + FlodeStod.org(app, "AF") + "\""));
        int fore = antal("SELECT count(*) FROM kontaktperson WHERE deltagare_id = :d", d);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("organisation", String.valueOf(fk));
        form.put("anvandare", String.valueOf(fkUser));
        form.put("namn", "");
        form.put("titel", "");
        form.put("telefon", "");
        form.put("epost", "");
        form.put("telefontid_dag", "1");
        form.put("telefontid_fran", "09:00");
        form.put("telefontid_till", "10:00");
        HttpResponse<String> r = k.post("/deltagare/" + d + "/kontakter", form);
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("Deltagaren har inte gett samtycke för den myndigheten"), r.body());
        assertEquals("09:00", org.jsoup.Jsoup.parse(r.body()).selectFirst("#telefontid_fran").val(),
                "what was typed is kept");
        assertTrue(org.jsoup.Jsoup.parse(r.body()).selectFirst("#telefontid-dag-1").hasAttr("checked"));
        assertEquals(fore, antal("SELECT count(*) FROM kontaktperson WHERE deltagare_id = :d", d));
        form.put("organisation", String.valueOf(FlodeStod.org(app, "AF")));
        form.put("anvandare", String.valueOf(FlodeStod.anvandare(app, "teamrep.af")));
        assertEquals(302, k.post("/deltagare/" + d + "/kontakter", form).statusCode());
    }

    @Test
    void koordinatornAnmalerMedSamtyckeForNagonAvTeametsMyndigheter() {
        // As in the journey: samtycke for AF, FK, the region and socialtjänst, not for the koordinator's Jobbtorg.
        HttpSession k = app.session().loginStaff("koordinator");
        var form = FlodeStod.anmalan(app, "Amal", "Haddad", "1992");
        k.get("/anmalan");
        HttpResponse<String> r = FlodeStod.post(app, k, "/anmalan", form, "samtycke",
                String.valueOf(FlodeStod.org(app, "AF")), String.valueOf(FlodeStod.org(app, "FK")),
                String.valueOf(FlodeStod.org(app, "REGION")), String.valueOf(FlodeStod.org(app, "SOC")));
        assertEquals(302, r.statusCode(), r.body());

        // Samtycke only for an organisation outside the team is not enough, even for the koordinator.
        long annan = app.jdbi().withHandle(h -> h.createUpdate("""
                INSERT INTO organisation (kod, typ, namn, kan_hjalpa_med) VALUES ('ANNAN', 'annan', 'Annan aktör', 'x')""")
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        try {
            var utanfor = FlodeStod.anmalan(app, "Rania", "Utanför", "1990");
            utanfor.remove("ordinarie-" + FlodeStod.org(app, "AF"));
            utanfor.remove("ordinarie-" + FlodeStod.org(app, "FK"));
            k.get("/anmalan");
            HttpResponse<String> nej = FlodeStod.post(app, k, "/anmalan", utanfor, "samtycke", String.valueOf(annan));
            assertEquals(400, nej.statusCode());
            assertTrue(nej.body().contains("minst en av myndigheterna i teamet"), nej.body());
        } finally {
            app.jdbi().useHandle(h -> h.execute("DELETE FROM organisation WHERE id = ?", annan));
        }

        // Anyone else still needs samtycke for their own organisation: they would not be allowed to see her.
        HttpSession af = app.session().loginStaff("handlaggare");
        var afForm = FlodeStod.anmalan(app, "Nour", "Haddad", "1993");
        afForm.remove("ordinarie-" + FlodeStod.org(app, "AF"));
        af.get("/anmalan");
        HttpResponse<String> afSvar = FlodeStod.post(app, af, "/anmalan", afForm, "samtycke",
                String.valueOf(FlodeStod.org(app, "FK")));
        assertEquals(400, afSvar.statusCode());
        assertTrue(afSvar.body().contains("Personen behöver ha gett samtycke för din egen myndighet"));
    }

    @Test
    void dubblettkontrollenVisarInteVemDetArOchLoggas() {
        long farsta = app.jdbi().withHandle(h -> h.createQuery("""
                SELECT d.id FROM deltagare d JOIN team t ON t.id = d.team_id
                WHERE t.namn = 'Jobbtorg Farsta' AND d.skyddad_identitet = 0 ORDER BY d.id LIMIT 1""")
                .mapTo(Long.class).one());
        String kod = app.jdbi().withHandle(h -> h.createQuery("SELECT kod FROM deltagare WHERE id = :d")
                .bind("d", farsta).mapTo(String.class).one());
        app.jdbi().useHandle(h -> h.createUpdate("""
                UPDATE deltagare SET fornamn = 'Dunja', efternamn = 'Dubblettsdotter', fodelsear = 1979,
                                     personnummer = '19790312-2385' WHERE id = :d""").bind("d", farsta).execute());
        String koordinator = app.jdbi().withHandle(h -> h.createQuery("""
                SELECT a.namn FROM anvandare a JOIN team_medlem m ON m.anvandare_id = a.id JOIN team t ON t.id = m.team_id
                WHERE t.namn = 'Jobbtorg Farsta' AND a.roll = 'koordinator'""").mapTo(String.class).one());
        int loggade = antal("""
                SELECT count(*) FROM audit_log WHERE deltagare_id = :d AND vad = 'dubblettkontroll i anmälan'""", farsta);

        HttpSession s = app.session().loginStaff("handlaggare");
        var form = FlodeStod.anmalan(app, "Dunja", "Dubblettsdotter", "1979");
        s.get("/anmalan");
        HttpResponse<String> namn = FlodeStod.post(app, s, "/anmalan", form, "samtycke", "1",
                String.valueOf(FlodeStod.org(app, "FK")));
        assertEquals(200, namn.statusCode());
        assertTrue(namn.body().contains("Personen kan redan finnas"));
        assertFalse(namn.body().contains(kod), "the other team's participant is not named");
        assertFalse(namn.body().contains("/deltagare/" + farsta), "nor linked");
        assertTrue(namn.body().contains("Du kan inte se vem det är"));
        assertTrue(namn.body().contains(koordinator + ", koordinator"), "whom to ask");
        assertTrue(namn.body().contains("href=\"tel:"), "with a number to call");

        form.put("personnummer", "197903122385");
        form.put("bekrafta", "ja");
        s.get("/anmalan");
        HttpResponse<String> pnr = FlodeStod.post(app, s, "/anmalan", form, "samtycke", "1",
                String.valueOf(FlodeStod.org(app, "FK")));
        assertEquals(409, pnr.statusCode(), "the same person cannot be referred twice");
        assertFalse(pnr.body().contains(kod));
        assertTrue(pnr.body().contains("Personen kan redan vara anmäld i ett annat team"));
        assertEquals(loggade + 2, antal("""
                SELECT count(*) FROM audit_log WHERE deltagare_id = :d AND vad = 'dubblettkontroll i anmälan'""",
                farsta), "each check is logged on the participant it found");

        // Farsta's koordinator may see her, and is told who it is.
        HttpSession farstaKoordinator = app.session().loginStaff("koordinator.farsta");
        farstaKoordinator.get("/anmalan");
        form.remove("bekrafta");
        form.put("personnummer", "");
        form.remove("ordinarie-" + FlodeStod.org(app, "AF"));
        form.remove("ordinarie-" + FlodeStod.org(app, "FK"));
        HttpResponse<String> egen = FlodeStod.post(app, farstaKoordinator, "/anmalan", form, "samtycke", "1");
        assertTrue(egen.body().contains(kod), "the koordinator of her team sees the code");
    }
}
