package se.finsam.planering.uppfoljning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;
import se.finsam.planering.varden.Varden;

class UppfoljningHttpTest extends AppTest {

    /** A participant in the follow-up stage of Kista, the team of the koordinator who records in these tests. */
    static TestData.Urval kista() {
        return TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning");
    }

    static HttpResponse<String> api(HttpSession s, String json) {
        return s.send(HttpRequest.newBuilder(URI.create(s.url("/api/uppfoljning")))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("X-CSRF-Token", s.csrf())
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static String json(long deltagare, String uuid, Map<String, String> falt) {
        StringBuilder b = new StringBuilder("{\"deltagareId\":" + deltagare + ",\"falt\":{\"uuid\":\"" + uuid + "\"");
        falt.forEach((k, v) -> b.append(",\"").append(k).append("\":\"").append(v.replace("\"", "\\\"")).append('"'));
        return b.append("}}").toString();
    }

    static long punkt(long deltagare, int index) {
        return app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT pp.id FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                        WHERE p.deltagare_id = :d AND pp.borttagen IS NULL ORDER BY pp.ordning, pp.id LIMIT 1 OFFSET :i""")
                .bind("d", deltagare).bind("i", index).mapTo(Long.class).one());
    }

    static int count(String sql, Object... args) {
        return app.jdbi().withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                q.bind(i, args[i]);
            }
            return q.mapTo(Integer.class).one();
        });
    }

    static String status(long planpunkt) {
        return app.jdbi().withHandle(h -> h.createQuery(
                        "SELECT status FROM planpunkt_aktuell_status WHERE planpunkt_id = :p")
                .bind("p", planpunkt).mapTo(String.class).one());
    }

    @Test
    void sammaUuidLagrasExaktEnGangHurOftaDetAnSkickas() {
        long d = kista().hamta();
        HttpSession s = app.session().loginStaff("koordinator");
        String uuid = UUID.randomUUID().toString();
        String body = json(d, uuid, Map.of("datum", "2026-11-20", "notering_intern", "Ringde vårdcentralen"));
        assertEquals(201, api(s, body).statusCode());
        HttpResponse<String> again = api(s, body);
        assertEquals(200, again.statusCode());
        assertTrue(again.body().contains("redan sparad"));
        assertEquals(200, api(s, body).statusCode());
        assertEquals(1, count("SELECT count(*) FROM uppfoljning WHERE uuid = ?", uuid));
    }

    @Test
    void tvaHandlaggareSomRegistrerarOfflineBehallerBadaOchSenastRegistreradeGaller() {
        long d = kista().medSamtyckeTill("AF").medSamtyckeTill("FK").hamta();
        long p = punkt(d, 0);
        HttpSession a = app.session().loginStaff("handlaggare");
        HttpSession b = app.session().loginStaff("fk.handlaggare");
        String forst = UUID.randomUUID().toString();
        String sedan = UUID.randomUUID().toString();
        // B recorded later on the device but reaches the server first.
        assertEquals(201, api(b, json(d, sedan, Map.of("datum", "2026-11-23", "klient_tid", "2026-11-23T07:30:00Z",
                "status_" + p, "fastnat", "orsak_" + p, "Väntar på läkarintyg", "fore_" + p, "pagar"))).statusCode());
        assertEquals(201, api(a, json(d, forst, Map.of("datum", "2026-11-23", "klient_tid", "2026-11-23T07:10:00Z",
                "status_" + p, "pagar", "fore_" + p, "ej_paborjad"))).statusCode());
        assertEquals(2, count("SELECT count(*) FROM uppfoljning WHERE uuid IN (?, ?)", forst, sedan));
        assertEquals("fastnat", status(p), "the status recorded last on a device wins, whatever the arrival order");
    }

    @Test
    void felaktigaUppgifterGer4xxPaSvenskaOchAndrarIngenting() {
        long d = kista().hamta();
        long annan = TestData.deltagare(app).iTeam("Jobbtorg Farsta").iFas("uppfoljning").forsta();
        HttpSession s = app.session().loginStaff("koordinator");
        int fore = count("SELECT count(*) FROM uppfoljning");
        String u = UUID.randomUUID().toString();

        HttpResponse<String> datum = api(s, json(d, u, Map.of("datum", "2026-02-30", "notering_intern", "x")));
        assertEquals(400, datum.statusCode());
        assertTrue(datum.body().contains("riktigt datum"), datum.body());

        HttpResponse<String> framtid = api(s, json(d, u, Map.of("datum", "2027-05-01", "notering_intern", "x")));
        assertEquals(400, framtid.statusCode());
        assertTrue(framtid.body().contains("framtiden"));

        long annansPunkt = punkt(annan, 0);
        HttpResponse<String> fremmande = api(s, json(d, u, Map.of("datum", "2026-11-20",
                "status_" + annansPunkt, "genomford")));
        assertEquals(400, fremmande.statusCode());
        assertTrue(fremmande.body().contains("finns inte i deltagarens planering"));

        HttpResponse<String> okand = api(s, json(999_999, u, Map.of("datum", "2026-11-20", "notering_intern", "x")));
        assertEquals(404, okand.statusCode());

        HttpResponse<String> lang = api(s, json(d, u, Map.of("datum", "2026-11-20",
                "notering_deltagare", "a".repeat(Varden.MAX_NOTERING + 1))));
        assertEquals(400, lang.statusCode());
        assertTrue(lang.body().contains("högst"));

        for (String trasig : List.of("{inte json", "[]", "{\"deltagareId\":\"x\",\"falt\":{}}",
                "{\"deltagareId\":" + d + ",\"falt\":{\"uuid\":{\"nested\":1}}}")) {
            HttpResponse<String> r = api(s, trasig);
            assertEquals(400, r.statusCode(), trasig + " -> " + r.body());
            assertFalse(r.body().contains("Exception"));
        }

        long p = punkt(d, 0);
        HttpResponse<String> utanOrsak = api(s, json(d, u, Map.of("datum", "2026-11-20", "status_" + p, "avslagen",
                "fore_" + p, "pagar")));
        assertEquals(400, utanOrsak.statusCode());
        assertTrue(utanOrsak.body().contains("varför punkten blev avslagen"));

        assertEquals(fore, count("SELECT count(*) FROM uppfoljning"), "nothing stored by rejected requests");
    }

    @Test
    void formularetFungerarUtanJavascriptOchBehallerTextVidFel() {
        long d = TestData.ledigDeltagareIFas(app, "uppfoljning");
        long p = punkt(d, 0);
        HttpSession s = app.session().loginStaff("koordinator");
        HttpResponse<String> page = s.get("/deltagare/" + d + "/uppfoljning");
        assertEquals(200, page.statusCode());
        String uuid = HttpSession.html(page).select("input[name=uuid]").val();
        assertTrue(uuid.matches("[0-9a-f-]{36}"), "the form carries a fresh UUID: " + uuid);
        Map<String, String> form = new HashMap<>(Map.of("uuid", uuid, "datum", "2026-11-31",
                "notering_deltagare", "Bra jobbat med praktiken!", "status_" + p, "fastnat", "fore_" + p, "pagar"));
        HttpResponse<String> fel = s.post("/deltagare/" + d + "/uppfoljning", form);
        assertEquals(400, fel.statusCode());
        assertTrue(fel.body().contains("Bra jobbat med praktiken!"), "typed text is kept");
        assertTrue(fel.body().contains("href=\"#datum\""), "the error summary links to the field");
        assertTrue(fel.body().contains("Skriv vad som hindrar"));

        form.put("datum", "2026-11-22");
        form.put("orsak_" + p, "Väntar på besked från arbetsgivaren");
        HttpResponse<String> ok = s.post("/deltagare/" + d + "/uppfoljning", form);
        assertEquals(302, ok.statusCode(), ok.body());
        assertEquals("fastnat", status(p));
        HttpResponse<String> replay = s.post("/deltagare/" + d + "/uppfoljning", form);
        assertEquals(302, replay.statusCode(), "a double submit is harmless");
        assertEquals(1, count("SELECT count(*) FROM uppfoljning WHERE uuid = ?", uuid));

        // The participant sees the note and the status at once.
        String user = TestData.kontoMedPin(app, d, "530917");
        HttpSession deltagaren = app.session();
        assertEquals(302, deltagaren.post("/logga-in/deltagare", Map.of("anvandarnamn", user, "pin", "530917"))
                .statusCode());
        String plan = deltagaren.get("/min-planering").body();
        assertTrue(plan.contains("Bra jobbat med praktiken!"));
        assertTrue(plan.contains("Har fastnat"));
        assertFalse(plan.contains("Väntar på besked från arbetsgivaren"), "what blocks an item is for staff");
    }

    @Test
    void enRattelseArEnNyHandelseSomPekarPaDenGamla() {
        long d = kista().hamta();
        HttpSession s = app.session().loginStaff("koordinator");
        String first = UUID.randomUUID().toString();
        assertEquals(201, api(s, json(d, first, Map.of("datum", "2026-11-20", "notering_deltagare", "Fel text")))
                .statusCode());
        long id = app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM uppfoljning WHERE uuid = :u")
                .bind("u", first).mapTo(Long.class).one());
        String fix = UUID.randomUUID().toString();
        assertEquals(201, api(s, json(d, fix, Map.of("datum", "2026-11-20", "korrigerar", String.valueOf(id),
                "notering_deltagare", "Rätt text"))).statusCode());
        assertEquals(1, count("SELECT count(*) FROM uppfoljning WHERE uuid = ? AND korrigerar_id = ?", fix, id));
        assertEquals(1, count("SELECT count(*) FROM uppfoljning WHERE id = ? AND notering_deltagare = 'Fel text'", id),
                "the corrected event is kept as it was");
        long annan = app.jdbi().withHandle(h -> h.createQuery("""
                SELECT p.deltagare_id FROM planering p JOIN deltagare x ON x.id = p.deltagare_id
                WHERE x.team_id = (SELECT team_id FROM deltagare WHERE id = :d) AND p.deltagare_id <> :d LIMIT 1""")
                .bind("d", d).mapTo(Long.class).one());
        assertEquals(400, api(s, json(annan, UUID.randomUUID().toString(), Map.of("datum", "2026-11-20",
                "korrigerar", String.valueOf(id), "notering_intern", "x"))).statusCode());
    }

    @Test
    void handlaggareIAnnatTeamFarInteRegistrera() {
        long d = kista().forsta();
        HttpSession farsta = app.session().loginStaff("koordinator.farsta");
        HttpResponse<String> r = api(farsta, json(d, UUID.randomUUID().toString(),
                Map.of("datum", "2026-11-20", "notering_intern", "x")));
        assertEquals(403, r.statusCode());
        assertEquals(403, farsta.get("/deltagare/" + d + "/uppfoljning").statusCode());
    }
}
