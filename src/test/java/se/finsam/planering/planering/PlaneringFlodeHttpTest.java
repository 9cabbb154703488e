package se.finsam.planering.planering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.finsam.planering.planering.FlodeStod.anmal;
import static se.finsam.planering.planering.FlodeStod.anmalan;
import static se.finsam.planering.planering.FlodeStod.anvandare;
import static se.finsam.planering.planering.FlodeStod.audit;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestApp;

/** The staff flow over real HTTP: referral, meeting mode, conflicts, handover and kvittens, access. */
class PlaneringFlodeHttpTest extends AppTest {

    private int antalDeltagare() {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM deltagare").mapTo(Integer.class).one());
    }

    private static Map<String, String> plan(int version, String mal, List<String[]> rader, String nyText,
                                            String nyAnsvar) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("version", String.valueOf(version));
        form.put("antal", String.valueOf(rader.size()));
        form.put("mal", mal);
        form.put("teamanteckning", "INTERN-TEAMANTECKNING");
        for (int i = 0; i < rader.size(); i++) {
            String[] r = rader.get(i);
            form.put("p" + i + "_id", r[0]);
            form.put("p" + i + "_text", r[1]);
            form.put("p" + i + "_ansvar", r[2]);
            form.put("p" + i + "_typ", "rekommendation");
            form.put("p" + i + "_datum", "2027-01-15");
        }
        form.put("ny_text", nyText);
        form.put("ny_ansvar", nyAnsvar);
        form.put("ny_typ", "beslut");
        form.put("ny_datum", "2027-02-01");
        return form;
    }

    private List<Long> punktIds(long deltagareId) {
        return app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT pp.id FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                        WHERE p.deltagare_id = :d AND pp.borttagen IS NULL ORDER BY pp.ordning, pp.id""")
                .bind("d", deltagareId).mapTo(Long.class).list());
    }

    private List<String> punktTexter(long deltagareId) {
        return app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT pp.text FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                        WHERE p.deltagare_id = :d AND pp.borttagen IS NULL ORDER BY pp.ordning, pp.id""")
                .bind("d", deltagareId).mapTo(String.class).list());
    }

    @Test
    void valideringsfelVisasOverstOchBeside_OchInmatningenFinnsKvar() {
        HttpSession s = app.session().loginStaff("handlaggare");
        int fore = antalDeltagare();
        Map<String, String> form = anmalan(app, "Saga", "", "nittonåttio");
        form.put("personnummer", "19811218-9875");
        form.put("sammanfattning", "Text som inte får försvinna");
        s.get("/anmalan");
        HttpResponse<String> r = FlodeStod.post(app, s, "/anmalan", form, "samtycke", "1", String.valueOf(FlodeStod.org(app, "FK")));
        assertEquals(400, r.statusCode());
        String body = r.body();
        assertTrue(body.contains("class=\"felsammanfattning\""));
        assertTrue(body.contains("href=\"#efternamn\""), "summary links to the field");
        assertTrue(body.contains("href=\"#fodelsear\""));
        assertTrue(body.contains("href=\"#personnummer\""));
        assertTrue(body.contains("id=\"efternamn-fel\""), "message beside the field");
        assertTrue(body.contains("value=\"Saga\""), "typed name kept");
        assertTrue(body.contains("value=\"19811218-9875\""), "typed personnummer kept");
        assertTrue(body.contains("Text som inte får försvinna"), "typed summary kept");
        assertTrue(body.contains("Personnumret stämmer inte"), "Luhn check message in Swedish");
        assertEquals(fore, antalDeltagare(), "nothing saved");
    }

    @Test
    void mojligDubblettVisasInnanSparandeOchKanBekraftas() {
        HttpSession s = app.session().loginStaff("handlaggare");
        anmal(app, s, anmalan(app, "Dubbel", "Dubbelsson", "1985"));
        int fore = antalDeltagare();
        s.get("/anmalan");
        var form = anmalan(app, "Dubbel", "Dubbelsson", "1985");
        HttpResponse<String> varning = FlodeStod.post(app, s, "/anmalan", form, "samtycke", "1", String.valueOf(FlodeStod.org(app, "FK")));
        assertEquals(200, varning.statusCode());
        assertTrue(varning.body().contains("Personen kan redan finnas"));
        assertTrue(varning.body().contains("name=\"bekrafta\""));
        assertEquals(fore, antalDeltagare(), "not saved before the user confirms");
        form.put("bekrafta", "ja");
        HttpResponse<String> sparad = FlodeStod.post(app, s, "/anmalan", form, "samtycke", "1", String.valueOf(FlodeStod.org(app, "FK")));
        assertEquals(302, sparad.statusCode());
        assertEquals(fore + 1, antalDeltagare());
    }

    @Test
    void sammaPersonnummerKanInteAnmalasTvaGanger() {
        HttpSession s = app.session().loginStaff("handlaggare");
        var form = anmalan(app, "Per", "Nummer", "");
        form.put("personnummer", "811218-9876");
        long id = anmal(app, s, form);
        String pnr = app.jdbi().withHandle(h -> h.createQuery("SELECT personnummer FROM deltagare WHERE id = :d")
                .bind("d", id).mapTo(String.class).one());
        assertEquals("19811218-9876", pnr, "stored normalised, birth year taken from it");
        assertTrue(app.session().loginStaff("koordinator").get("/deltagare/" + id + "/motelage").body()
                .contains("19811218-9876"), "the koordinator needs the whole number");
        String rep = app.session().loginStaff("teamrep.af").get("/deltagare/" + id + "/motelage").body();
        assertTrue(rep.contains("19811218-****"));
        assertFalse(rep.contains("19811218-9876"), "others see only the date of birth");
        form.put("bekrafta", "ja");
        s.get("/anmalan");
        HttpResponse<String> igen = FlodeStod.post(app, s, "/anmalan", form, "samtycke", "1", String.valueOf(FlodeStod.org(app, "FK")));
        assertEquals(409, igen.statusCode());
        assertTrue(igen.body().contains("Det finns redan en deltagare med det personnumret"));
    }

    @Test
    void skyddadIdentitetSparasUtanNamnOchKontaktuppgifter() {
        HttpSession s = app.session().loginStaff("handlaggare");
        var form = anmalan(app, "Hemlig", "Person", "1990");
        form.put("skyddad", "ja");
        form.put("sammanfattning", "Skyddad, intern text.");
        long id = anmal(app, s, form);
        Map<String, Object> rad = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT fornamn, efternamn, telefon, kod FROM deltagare WHERE id = :d").bind("d", id).mapToMap().one());
        assertEquals(null, rad.get("fornamn"));
        assertEquals(null, rad.get("telefon"));
        String sida = s.get("/deltagare/" + id).body();
        assertFalse(sida.contains("Hemlig"));
        assertTrue(sida.contains((String) rad.get("kod")));
    }

    @Test
    void samtidigRedigeringGerKonfliktsidaOchIngenTextForsvinner() {
        HttpSession koordinator = app.session().loginStaff("handlaggare");
        long id = anmal(app, koordinator, anmalan(app, "Konflikt", "Karlsson", "1979"));
        HttpSession a = app.session().loginStaff("koordinator");
        HttpSession b = app.session().loginStaff("teamrep.af");
        a.get("/deltagare/" + id + "/motelage");
        b.get("/deltagare/" + id + "/motelage");

        assertEquals(302, a.post("/deltagare/" + id + "/motelage",
                plan(0, "Mål skrivet av A", List.of(), "Punkt från A", "deltagaren")).statusCode());
        HttpResponse<String> konflikt = b.post("/deltagare/" + id + "/motelage",
                plan(0, "Mål skrivet av B", List.of(), "Punkt från B", "deltagaren"));
        assertEquals(409, konflikt.statusCode());
        String body = konflikt.body();
        assertTrue(body.contains("Någon annan sparade planeringen"));
        assertTrue(body.contains("Mål skrivet av A"), "the saved version is shown");
        assertTrue(body.contains("Mål skrivet av B"), "what B typed is still there");
        assertTrue(body.contains("value=\"Punkt från B\""), "B's new item is still in the form");
        assertTrue(body.contains("value=\"Punkt från A\""), "A's item is merged into B's form");
        assertTrue(body.contains("name=\"version\" value=\"1\""), "B can now save over version 1");

        long punktA = punktIds(id).get(0);
        assertEquals(302, b.post("/deltagare/" + id + "/motelage", plan(1, "Mål av A och B",
                List.<String[]>of(new String[] {String.valueOf(punktA), "Punkt från A", "deltagaren"}),
                "Punkt från B", "deltagaren")).statusCode());
        assertEquals(List.of("Punkt från A", "Punkt från B"), punktTexter(id));

        // Both change the same item: the second sees both texts and nothing is written over.
        a.get("/deltagare/" + id + "/motelage");
        b.get("/deltagare/" + id + "/motelage");
        long punktB = punktIds(id).get(1);
        var rader = List.<String[]>of(new String[] {String.valueOf(punktA), "A ändrade texten", "deltagaren"},
                new String[] {String.valueOf(punktB), "Punkt från B", "deltagaren"});
        assertEquals(302, a.post("/deltagare/" + id + "/motelage", plan(2, "Mål av A och B", rader, "", "deltagaren"))
                .statusCode());
        var raderB = List.<String[]>of(new String[] {String.valueOf(punktA), "B ändrade texten", "deltagaren"},
                new String[] {String.valueOf(punktB), "Punkt från B", "deltagaren"});
        HttpResponse<String> andra = b.post("/deltagare/" + id + "/motelage",
                plan(2, "Mål av A och B", raderB, "", "deltagaren"));
        assertEquals(409, andra.statusCode());
        assertTrue(andra.body().contains("A ändrade texten"));
        assertTrue(andra.body().contains("value=\"B ändrade texten\""));
        assertEquals("A ändrade texten", punktTexter(id).get(0), "the first save stands until B merges");
    }

    @Test
    void felIMotelagetBehallerTextenOchSparasInte() {
        HttpSession s = app.session().loginStaff("handlaggare");
        long id = anmal(app, s, anmalan(app, "Fel", "Fältsson", "1988"));
        HttpSession k = app.session().loginStaff("koordinator");
        k.get("/deltagare/" + id + "/motelage");
        Map<String, String> form = plan(0, "", List.of(), "En punkt utan datum", "deltagaren");
        form.put("ny_datum", "32/13");
        HttpResponse<String> r = k.post("/deltagare/" + id + "/motelage", form);
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("href=\"#mal\""));
        assertTrue(r.body().contains("href=\"#ny_datum\""));
        assertTrue(r.body().contains("value=\"En punkt utan datum\""));
        assertTrue(r.body().contains("INTERN-TEAMANTECKNING"));
        assertTrue(punktIds(id).isEmpty());
    }

    private long planMedEnPunkt(String fornamn, String ansvar) {
        HttpSession s = app.session().loginStaff("handlaggare");
        long id = anmal(app, s, anmalan(app, fornamn, "Kvittensson", "1975"));
        HttpSession k = app.session().loginStaff("koordinator");
        k.get("/deltagare/" + id + "/motelage");
        assertEquals(302, k.post("/deltagare/" + id + "/motelage",
                plan(0, "Jobba igen", List.of(), "Punkt för " + fornamn, ansvar)).statusCode());
        k.get("/deltagare/" + id + "/motelage");
        assertEquals(302, k.post("/deltagare/" + id + "/overlamna", Map.of("bekraftad", "ja")).statusCode());
        return id;
    }

    /** The koordinator's work list of every handover without kvittens. */
    private static final String UTAN_KVITTENS = "/arbetslista?lista=utan-kvittens";

    /** Whether the participant's row among the items without kvittens is flagged; the row must be there. */
    private static boolean flaggad(String lista, long deltagareId) {
        Elements rader = Jsoup.parse(lista).select("ul.arbetslista > li:has(a[href=/deltagare/" + deltagareId
                + "/motelage])");
        assertEquals(1, rader.size(), "one row without kvittens for participant " + deltagareId);
        return rader.first().hasClass("rad--flaggad");
    }

    @Test
    void punktUtanKvittensFlaggasTillKoordinatornEfterTeametsArbetsdagar() {
        app.clock().set(TestApp.START);
        long id = planMedEnPunkt("Flagga", "anv:" + anvandare(app, "region.handlaggare"));
        planMedEnPunkt("Snabb", "anv:" + anvandare(app, "fk.handlaggare"));
        String fore = app.session().loginStaff("koordinator").get(UTAN_KVITTENS).body();
        assertTrue(fore.contains("Punkt för Flagga"), "listed as without kvittens");
        assertFalse(flaggad(fore, id));

        // FK answers at once; Region does not.
        HttpSession fkSession = app.session().loginStaff("fk.handlaggare");
        String fkStart = fkSession.get("/oversikt").body();
        assertTrue(fkStart.contains("Punkt för Snabb"), "the receiver sees the item on the start page");
        long ovId = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT o.id FROM overlamning o JOIN planpunkt pp ON pp.id = o.planpunkt_id
                        WHERE pp.text = 'Punkt för Snabb'""").mapTo(Long.class).one());
        assertEquals(302, fkSession.post("/overlamning/" + ovId + "/kvittera", Map.of()).statusCode());

        app.clock().advance(Duration.ofDays(4)); // Friday: 4 working days
        String fredag = app.session().loginStaff("koordinator").get(UTAN_KVITTENS).body();
        assertFalse(flaggad(fredag, id));
        app.clock().advance(Duration.ofDays(3)); // next Monday: 5 working days, the team's default
        String mandag = app.session().loginStaff("koordinator").get(UTAN_KVITTENS).body();
        assertTrue(flaggad(mandag, id), "flagged after kvittens_arbetsdagar working days");
        assertFalse(mandag.contains("Punkt för Snabb"), "confirmed items are not listed");
        app.clock().set(TestApp.START);
    }

    @Test
    void kvittensfristenHopparOverJulOchNyar() {
        // Handed over on Wednesday 2026-12-23: julafton, juldagen, annandagen, nyårsafton, nyårsdagen and
        // trettondedagen are not working days, so the fifth working day is Tuesday 2027-01-05.
        app.clock().set(java.time.Instant.parse("2026-12-23T09:00:00Z"));
        long id = planMedEnPunkt("Jul", "anv:" + anvandare(app, "region.handlaggare"));
        app.clock().set(java.time.Instant.parse("2027-01-04T09:00:00Z"));
        assertFalse(flaggad(app.session().loginStaff("koordinator").get(UTAN_KVITTENS).body(), id),
                "four working days on Monday 4 January");
        app.clock().set(java.time.Instant.parse("2027-01-05T09:00:00Z"));
        assertTrue(flaggad(app.session().loginStaff("koordinator").get(UTAN_KVITTENS).body(), id),
                "five working days on Tuesday 5 January");
        app.clock().set(TestApp.START);
    }

    @Test
    void punktSomBaraNamnerMyndighetenGarTillDessKontaktperson() {
        HttpSession s = app.session().loginStaff("handlaggare");
        long id = anmal(app, s, anmalan(app, "Myndig", "Hetsson", "1970"));
        HttpSession k = app.session().loginStaff("koordinator");
        k.get("/deltagare/" + id + "/motelage");
        String fk = "org:" + FlodeStod.org(app, "FK");
        String region = "org:" + FlodeStod.org(app, "REGION");
        assertEquals(302, k.post("/deltagare/" + id + "/motelage",
                plan(0, "Må bättre", List.of(), "Utreda sjukpenning", fk)).statusCode());
        k.get("/deltagare/" + id + "/motelage");
        assertEquals(302, k.post("/deltagare/" + id + "/motelage", plan(1, "Må bättre",
                List.<String[]>of(new String[] {String.valueOf(punktIds(id).get(0)), "Utreda sjukpenning", fk}),
                "Remiss till psykiatrin", region)).statusCode());
        k.get("/deltagare/" + id + "/motelage");
        HttpResponse<String> saknas = k.post("/deltagare/" + id + "/overlamna", Map.of());
        assertEquals(400, saknas.statusCode(), "the region has no named contact for this participant");
        assertTrue(saknas.body().contains("href=\"#p1_ansvar\""), "the error summary points at the item");
        assertTrue(saknas.body().contains("Punkt 2 har ingen namngiven handläggare"));
        assertEquals(0, (int) app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM overlamning o JOIN planpunkt pp ON pp.id = o.planpunkt_id
                        JOIN planering p ON p.id = pp.planering_id WHERE p.deltagare_id = :d""")
                .bind("d", id).mapTo(Integer.class).one()), "nothing is handed over half-way");

        s.get("/deltagare/" + id + "/kontakter");
        assertEquals(302, s.post("/deltagare/" + id + "/kontakter", Map.of("organisation",
                String.valueOf(FlodeStod.org(app, "REGION")), "anvandare",
                String.valueOf(anvandare(app, "region.handlaggare")))).statusCode());
        k.get("/deltagare/" + id + "/motelage");
        assertEquals(302, k.post("/deltagare/" + id + "/overlamna", Map.of("bekraftad", "ja")).statusCode());
        assertEquals(List.of("fk.handlaggare", "region.handlaggare"), app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT a.anvandarnamn FROM overlamning o JOIN anvandare a ON a.id = o.till_id
                        JOIN planpunkt pp ON pp.id = o.planpunkt_id JOIN planering p ON p.id = pp.planering_id
                        WHERE p.deltagare_id = :d ORDER BY pp.ordning""")
                .bind("d", id).mapTo(String.class).list()));
    }

    /** The participant's rows in the koordinator's table of coming follow-ups (the table must be on the page). */
    private List<String> kommandeUppfoljningar(long deltagareId) {
        Document oversikt = HttpSession.html(app.session().loginStaff("koordinator").get("/uppfoljning"));
        Elements listor = oversikt.select("section[aria-labelledby=kommande-rubrik]");
        assertEquals(1, listor.size(), "the follow-up overview has the coming follow-ups");
        return listor.select("tr:has(a[href=/deltagare/" + deltagareId + "/uppfoljning])").eachText();
    }

    @Test
    void uppfoljningSomNarmarSigVisasForKoordinatorn() {
        app.clock().set(TestApp.START);
        long id = planMedEnPunkt("Uppfolj", "deltagaren");
        assertEquals(List.of(), kommandeUppfoljningar(id), "not yet due");
        app.clock().advance(Duration.ofDays(20));
        assertEquals(List.of("Uppfolj Kvittensson 1 mån 23 december 2026"), kommandeUppfoljningar(id),
                "due within two weeks");
        app.clock().set(TestApp.START);
    }

    @Test
    void inteMinPunktGarTillbakaTillKoordinatornMedOrsaken() {
        long id = planMedEnPunkt("Retur", "anv:" + anvandare(app, "soc.handlaggare"));
        long ovId = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT o.id FROM overlamning o JOIN planpunkt pp ON pp.id = o.planpunkt_id
                        WHERE pp.text = 'Punkt för Retur'""").mapTo(Long.class).one());
        HttpSession annan = app.session().loginStaff("fk.handlaggare");
        annan.get("/oversikt");
        assertEquals(403, annan.post("/overlamning/" + ovId + "/kvittera", Map.of()).statusCode(),
                "only the receiver answers");
        HttpSession soc = app.session().loginStaff("soc.handlaggare");
        soc.get("/oversikt");
        assertEquals(400, soc.post("/overlamning/" + ovId + "/avvisa", Map.of("orsak", " ")).statusCode());
        assertEquals(302, soc.post("/overlamning/" + ovId + "/avvisa",
                Map.of("orsak", "Hen har bytt stadsdel")).statusCode());
        HttpSession koordinator = app.session().loginStaff("koordinator");
        String k = koordinator.get("/arbetslista?lista=aterlamnade").body();
        assertTrue(k.contains("Hen har bytt stadsdel"));
        assertTrue(k.contains("/deltagare/" + id + "/motelage"));
        assertTrue(koordinator.get("/deltagare/" + id + "/motelage").body().contains("Hen har bytt stadsdel"),
                "meeting mode shows the answer beside the item");

        // The koordinator gives the item to someone else and hands over again.
        long punkt = punktIds(id).get(0);
        int version = app.jdbi().withHandle(h -> h.createQuery("SELECT version FROM planering WHERE deltagare_id = :d")
                .bind("d", id).mapTo(Integer.class).one());
        assertEquals(302, koordinator.post("/deltagare/" + id + "/motelage", plan(version, "Jobba igen",
                List.<String[]>of(new String[] {String.valueOf(punkt), "Punkt för Retur",
                        "anv:" + anvandare(app, "teamrep.soc")}), "", "deltagaren")).statusCode());
        koordinator.get("/deltagare/" + id + "/motelage");
        assertEquals(302, koordinator.post("/deltagare/" + id + "/overlamna", Map.of("bekraftad", "ja")).statusCode());
        assertTrue(app.session().loginStaff("teamrep.soc").get("/oversikt").body().contains("Punkt för Retur"));
        assertFalse(app.session().loginStaff("koordinator").get("/arbetslista?lista=aterlamnade").body()
                        .contains("Hen har bytt stadsdel"),
                "no longer among the returned items");
    }

    @Test
    void personalIEttAnnatTeamFar403PaDeltagarensSidorOchForsoketLoggas() {
        long id = planMedEnPunkt("Farsta", "deltagaren");
        long bokning = app.jdbi().withHandle(h -> {
            long mote = h.createUpdate("INSERT INTO mote (team_id, start, slut, plats) VALUES "
                    + "((SELECT team_id FROM deltagare WHERE id = :d), '2026-12-01T09:00', '2026-12-01T12:00', 'X')")
                    .bind("d", id).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            return h.createUpdate("INSERT INTO mote_deltagare (mote_id, deltagare_id, tid) VALUES (:m, :d, '2026-12-01T09:00')")
                    .bind("m", mote).bind("d", id).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        });
        for (String vem : List.of("koordinator.farsta", "handlaggare.af.farsta")) {
            HttpSession s = app.session().loginStaff(vem);
            s.get("/oversikt");
            int fore = audit(app, "nekad", id);
            assertEquals(403, s.get("/deltagare/" + id + "/motelage").statusCode());
            assertEquals(403, s.get("/deltagare/" + id + "/kontakter").statusCode());
            assertEquals(403, s.get("/kallelse/" + bokning).statusCode());
            assertEquals(403, s.post("/deltagare/" + id + "/motelage", plan(1, "x", List.of(), "", "deltagaren"))
                    .statusCode());
            assertEquals(403, s.post("/kallelse/" + bokning + "/aktiveringskod", Map.of()).statusCode());
            // A new activation code is the koordinator's alone: the handläggare is refused by role, before
            // anything about the participant is looked up (that refusal is logged without the participant).
            int perParticipant = vem.startsWith("koordinator") ? 5 : 4;
            assertEquals(fore + perParticipant, audit(app, "nekad", id), "every attempt is in the audit log");
        }
    }

    @Test
    void kontaktbyteStangerDenGamlaRadenOchDenNyaGallerDirekt() {
        HttpSession s = app.session().loginStaff("handlaggare");
        long id = anmal(app, s, anmalan(app, "Kontakt", "Bytesson", "1982"));
        long fkOrg = FlodeStod.org(app, "FK");
        s.get("/deltagare/" + id + "/kontakter");
        HttpResponse<String> fel = s.post("/deltagare/" + id + "/kontakter",
                Map.of("organisation", String.valueOf(fkOrg), "anvandare", "", "namn", "Extern Person",
                        "telefon", "", "epost", ""));
        assertEquals(400, fel.statusCode());
        assertTrue(fel.body().contains("value=\"Extern Person\""));
        assertEquals(302, s.post("/deltagare/" + id + "/kontakter",
                Map.of("organisation", String.valueOf(fkOrg), "anvandare", "", "namn", "Extern Person",
                        "telefon", "010-111 22 33", "epost", "")).statusCode());
        List<Map<String, Object>> rader = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT namn, anvandare_id, till_datum FROM kontaktperson
                        WHERE deltagare_id = :d AND organisation_id = :o ORDER BY id""")
                .bind("d", id).bind("o", fkOrg).mapToMap().list());
        assertEquals(2, rader.size());
        assertEquals("2026-11-23", rader.get(0).get("till_datum"), "the old contact is closed, kept as history");
        assertEquals(null, rader.get(1).get("till_datum"));
        String sida = s.get("/deltagare/" + id + "/kontakter").body();
        assertTrue(sida.contains("Extern Person"));
        assertTrue(sida.contains("Lena Forsberg"), "the earlier contact is in the history");
    }
}
