package se.finsam.planering.deltagare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

class MinPlaneringHttpTest extends AppTest {

    private HttpSession loggaIn(long deltagare) {
        String user = TestData.kontoMedPin(app, deltagare, "530917");
        HttpSession s = app.session();
        s.get("/logga-in/deltagare");
        assertEquals(302, s.post("/logga-in/deltagare", Map.of("anvandarnamn", user, "pin", "530917")).statusCode());
        return s;
    }

    /** Her browser revalidates with the page's ETag: unchanged data costs a 304, a change shows at once. */
    @Test
    void enOforandradSidaSvarar304ArLoggadOchEnAndringSynsGenastMedNyEtag() {
        HttpSession s = app.session().loginDeltagare();
        HttpResponse<String> forst = s.get("/min-planering/kontakter");
        assertEquals(200, forst.statusCode());
        String etag = forst.headers().firstValue("ETag").orElseThrow();
        assertEquals("private, no-cache", forst.headers().firstValue("Cache-Control").orElse(""));
        long deltagare = app.jdbi().withHandle(h -> h.createQuery("""
                SELECT d.id FROM deltagare d JOIN anvandare a ON a.id = d.anvandare_id
                WHERE a.anvandarnamn = :u""").bind("u", se.finsam.planering.demo.DemoData.DEMO_PARTICIPANT_USERNAME)
                .mapTo(Long.class).one());
        java.util.function.IntSupplier lasningar = () -> app.jdbi().withHandle(h -> h.createQuery("""
                SELECT count(*) FROM audit_log WHERE deltagare_id = :d AND handling = 'las'
                  AND vad = 'mina kontaktpersoner'""").bind("d", deltagare).mapTo(Integer.class).one());
        int fore = lasningar.getAsInt();

        HttpResponse<String> igen = s.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                s.url("/min-planering/kontakter"))).header("If-None-Match", etag).GET());
        assertEquals(304, igen.statusCode());
        assertEquals("", igen.body());
        assertEquals(fore + 1, lasningar.getAsInt(), "a 304 is a look at her data too, and is logged");

        app.jdbi().useHandle(h -> h.execute("UPDATE anvandare SET namn = 'Kim Testkoordinator' WHERE anvandarnamn = 'koordinator'"));
        HttpResponse<String> efter = s.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                s.url("/min-planering/kontakter"))).header("If-None-Match", etag).GET());
        assertEquals(200, efter.statusCode(), "the data changed, so the page is sent again");
        assertTrue(efter.body().contains("Kim Testkoordinator"), "the change shows at once");
        assertTrue(!etag.equals(efter.headers().firstValue("ETag").orElseThrow()));

        // Another reader of the same address (her koordinator's session) never gets her tag's 304.
        HttpSession annan = app.session().loginDeltagare();
        HttpResponse<String> annanSvar = annan.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                annan.url("/min-planering/kontakter"))).header("If-None-Match",
                efter.headers().firstValue("ETag").orElseThrow()).GET());
        assertEquals(200, annanSvar.statusCode(), "the tag holds the session's CSRF token: another device gets the page");
    }

    /**
     * Her plan is rendered once for the data and copied into every answer, but each answer's forms carry that
     * session's own token: two devices of hers get the same plan and their own tokens, and each device's
     * button works with its own token and not with the other's.
     */
    @Test
    void denDeladePlanenBarVarjeSessionsEgenFormularnyckel() {
        HttpSession telefon = app.session().loginDeltagare();
        HttpSession dator = app.session().loginDeltagare();
        Document forsta = telefon.page("/min-planering");
        Document andra = dator.page("/min-planering");
        List<String> telefonens = forsta.select("input[name=_csrf]").eachAttr("value");
        List<String> datorns = andra.select("input[name=_csrf]").eachAttr("value");
        assertTrue(forsta.select("main form[action=/min-planering/last], main form[action$=/klar]").size() >= 1,
                "the demo participant's plan has a button of its own: " + forsta.select("main form"));
        assertEquals(1, telefonens.stream().distinct().count(), "one token in all her forms: " + telefonens);
        assertEquals(List.of(telefon.csrf()), telefonens.stream().distinct().toList());
        assertEquals(List.of(dator.csrf()), datorns.stream().distinct().toList());
        assertFalse(telefon.csrf().equals(dator.csrf()));
        assertEquals(forsta.select("main").text(), andra.select("main").text(), "the same plan");
        assertFalse(forsta.html().contains("finsam:formularnyckel"), "no marker is ever sent");

        String last = "/min-planering/last";
        assertEquals(403, dator.postRaw(last, Map.of("_csrf", telefon.csrf())).statusCode(),
                "the phone's token is not the computer's");
        assertEquals(302, dator.postRaw(last, Map.of("_csrf", datorns.get(datorns.size() - 1))).statusCode());
    }

    @Test
    void kallelsenFinnsSomKalenderfil() {
        long kallad = TestData.deltagareAttLoggaInSom(app, "kallad");
        HttpSession s = loggaIn(kallad);
        HttpResponse<String> mote = s.get("/min-planering/mote");
        assertEquals(200, mote.statusCode());
        assertTrue(mote.body().contains("mote.ics"));
        HttpResponse<String> ics = s.get("/min-planering/mote.ics");
        assertEquals(200, ics.statusCode());
        assertTrue(ics.headers().firstValue("Content-Type").orElse("").startsWith("text/calendar"));
        String body = ics.body();
        assertTrue(body.contains("BEGIN:VCALENDAR") && body.contains("BEGIN:VEVENT"), body);
        String plats = app.jdbi().withHandle(h -> h.createQuery("""
                SELECT m.plats FROM mote_deltagare md JOIN mote m ON m.id = md.mote_id WHERE md.deltagare_id = :d""")
                .bind("d", kallad).mapTo(String.class).one());
        assertTrue(body.replace("\r\n ", "").replace("\\,", ",").contains(plats), body);
        assertTrue(body.contains("DTSTART"));
    }

    @Test
    void utanInbokatMoteSagsDetTydligtOchKalenderfilenFinnsInte() {
        long anmald = TestData.deltagareAttLoggaInSom(app, "anmald");
        HttpSession s = loggaIn(anmald);
        assertTrue(s.get("/min-planering/mote").body().contains("Du har inget möte inbokat"));
        assertEquals(404, s.get("/min-planering/mote.ics").statusCode());
        assertTrue(s.get("/min-planering").body().contains("Du har ingen planering än"));
    }

    @Test
    void internTextNarAldrigDeltagarensSidor() {
        long deltagare = TestData.deltagareAttLoggaInSom(app, "uppfoljning");
        List<String> internt = app.jdbi().withHandle(h -> {
            var texts = new java.util.ArrayList<String>();
            texts.addAll(h.createQuery("SELECT sammanfattning FROM anmalan WHERE deltagare_id = :d")
                    .bind("d", deltagare).mapTo(String.class).list());
            texts.addAll(h.createQuery("SELECT teamanteckning FROM planering WHERE deltagare_id = :d AND teamanteckning IS NOT NULL")
                    .bind("d", deltagare).mapTo(String.class).list());
            texts.addAll(h.createQuery("SELECT notering_intern FROM uppfoljning WHERE deltagare_id = :d AND notering_intern IS NOT NULL")
                    .bind("d", deltagare).mapTo(String.class).list());
            texts.addAll(h.createQuery("SELECT tidigare_insatser FROM anmalan WHERE deltagare_id = :d AND tidigare_insatser IS NOT NULL")
                    .bind("d", deltagare).mapTo(String.class).list());
            return texts;
        });
        assertTrue(internt.size() >= 2, "the demo participant has internal notes to leak: " + internt);
        HttpSession s = loggaIn(deltagare);
        for (String path : List.of("/min-planering", "/min-planering/kontakter", "/min-planering/mote",
                "/min-planering/vem-har-tittat")) {
            String body = s.get(path).body();
            for (String text : internt) {
                assertFalse(body.contains(text), path + " shows internal text: " + text);
            }
        }
    }

    @Test
    void detSomHandlaggarenRegistrerarSynsSomNyttTillsDeltagarenHarLast() {
        long deltagare = TestData.deltagareAttLoggaInSom(app, "uppfoljning");
        HttpSession s = loggaIn(deltagare);
        s.post("/min-planering/last", Map.of());
        assertTrue(s.get("/min-planering").body().contains("Inget nytt sedan du läste planen"));

        app.clock().advance(java.time.Duration.ofMinutes(10));
        String note = "Vi har pratat med vårdcentralen och du får en tid i januari.";
        app.jdbi().useTransaction(h -> {
            long staff = h.createQuery("SELECT id FROM anvandare WHERE anvandarnamn = 'koordinator'")
                    .mapTo(Long.class).one();
            long item = h.createQuery("""
                    SELECT pp.id FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                    WHERE p.deltagare_id = :d AND pp.borttagen IS NULL ORDER BY pp.ordning LIMIT 1""")
                    .bind("d", deltagare).mapTo(Long.class).one();
            long id = h.createUpdate("""
                    INSERT INTO uppfoljning (uuid, deltagare_id, typ, datum, registrerad, registrerad_av,
                                             notering_deltagare, notering_intern)
                    VALUES (:u, :d, 'uppfoljning', '2026-11-23', :r, :s, :n, 'Internt: ring vårdcentralen igen')""")
                    .bind("u", UUID.randomUUID().toString()).bind("d", deltagare).bind("r", app.clock().instant())
                    .bind("s", staff).bind("n", note).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("INSERT INTO uppfoljning_status VALUES (:u, :p, 'pagar', NULL)")
                    .bind("u", id).bind("p", item).execute();
        });
        String body = s.get("/min-planering").body();
        assertTrue(body.contains(note), "the note for the participant is new");
        assertTrue(body.contains("har nu status: Pågår"), body);
        assertFalse(body.contains("Internt: ring vårdcentralen igen"));

        assertEquals(302, s.post("/min-planering/last", Map.of()).statusCode());
        assertTrue(s.get("/min-planering").body().contains("Inget nytt sedan du läste planen"));
    }

    @Test
    void endastDeltagarensEgnaStegKanMarkerasKlara() {
        long deltagare = TestData.deltagareAttLoggaInSom(app, "uppfoljning");
        long annan = TestData.deltagareAttLoggaInSom(app, "uppfoljning");
        HttpSession s = loggaIn(deltagare);
        long annansSteg = app.jdbi().withHandle(h -> h.createQuery("""
                SELECT pp.id FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                WHERE p.deltagare_id = :d ORDER BY pp.id LIMIT 1""").bind("d", annan).mapTo(Long.class).one());
        int fore = app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM uppfoljning").mapTo(Integer.class).one());
        int nekade = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM audit_log WHERE handling = 'nekad' AND deltagare_id = :d")
                .bind("d", annan).mapTo(Integer.class).one());
        HttpResponse<String> refused = s.post("/min-planering/punkt/" + annansSteg + "/klar", Map.of());
        assertEquals(403, refused.statusCode(), "someone else's step is someone else's data");
        int nekadeEfter = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM audit_log WHERE handling = 'nekad' AND deltagare_id = :d")
                .bind("d", annan).mapTo(Integer.class).one());
        assertEquals(nekade + 1, nekadeEfter, "and the attempt is logged");
        assertEquals(404, s.post("/min-planering/punkt/abc/klar", Map.of()).statusCode());
        int efter = app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM uppfoljning").mapTo(Integer.class).one());
        assertEquals(fore, efter, "a refused request stores nothing");
    }

    @Test
    void deltagarenSerVemSomHarTittat() {
        long deltagare = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").utanKonto().medNamn()
                .medSamtyckeTill("AF").hamta();
        assertEquals(200, app.session().loginStaff("handlaggare").get("/deltagare/" + deltagare).statusCode(),
                "the AF handläggare may look: the participant consents to AF");
        HttpSession s = loggaIn(deltagare);
        String body = s.get("/min-planering/vem-har-tittat").body();
        String handlaggare = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT namn FROM anvandare WHERE anvandarnamn = 'handlaggare'").mapTo(String.class).one());
        assertTrue(body.contains(handlaggare), body);
    }

    /**
     * Notes written for her follow the order of the devices they were written on, as statuses do: a note
     * written earlier on a device that was offline, and received later, is not the newest.
     */
    @Test
    void noteringarnaForDeltagarenFoljerEnhetensOrdningInteMottagningen() {
        long deltagare = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").utanKonto().medNamn()
                .hamta();
        HttpSession s = loggaIn(deltagare);
        assertEquals(302, s.post("/min-planering/last", Map.of()).statusCode());
        HttpSession staff = app.session().loginStaff("koordinator");

        app.clock().advance(Duration.ofMinutes(10));
        Instant skriven = app.clock().instant();
        String senare = "Skriven sist: vi ses på vårdcentralen.";
        registreraNotering(staff, deltagare, senare, skriven);
        app.clock().advance(Duration.ofMinutes(5));
        // Written half an hour before on a device with no network, received now.
        String tidigare = "Skriven först: ring Försäkringskassan.";
        registreraNotering(staff, deltagare, tidigare, skriven.minus(Duration.ofMinutes(30)));

        Document page = s.page("/min-planering");
        List<String> noteringar = page.select("li.nyhet--notering q").eachText();
        assertEquals(List.of(senare, tidigare), noteringar, "newest first by the device's order");
        Element senaste = page.selectFirst("section[aria-labelledby=uppf-rubrik] .ruta");
        assertNotNull(senaste, page.html());
        assertTrue(senaste.text().contains(senare), senaste.text());
        assertFalse(senaste.text().contains(tidigare), senaste.text());
    }

    private static void registreraNotering(HttpSession staff, long deltagare, String notering, Instant klientTid) {
        String form = staff.get("/deltagare/" + deltagare + "/uppfoljning").body();
        HttpResponse<String> r = staff.post("/deltagare/" + deltagare + "/uppfoljning", new HashMap<>(Map.of(
                "uuid", HttpSession.value(form, "input[name=uuid]"),
                "datum", HttpSession.value(form, "input[name=datum]"),
                "klient_tid", klientTid.toString(), "notering_deltagare", notering)));
        assertEquals(302, r.statusCode(), r.body());
    }
}
