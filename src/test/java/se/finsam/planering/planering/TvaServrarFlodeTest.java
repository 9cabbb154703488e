package se.finsam.planering.planering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.finsam.planering.planering.FlodeStod.anmal;
import static se.finsam.planering.planering.FlodeStod.anmalan;
import static se.finsam.planering.planering.FlodeStod.anvandare;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.App;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.audit.Loggkedja;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestApp;
import se.finsam.planering.utskick.Kanalinstallning;

/**
 * Two servers on one database behave as one: the whole journey from anmälan to avslut with every request going to
 * the other server than the one before (logins with a second factor, form tokens, meeting mode, handover,
 * kvittens, follow-up, avslut); a change made through one is never shown stale by the other; a follow-up sent
 * again to the other server after a dropped answer is stored once.
 */
class TvaServrarFlodeTest {

    private static TestApp app;
    private static App andra;

    @BeforeAll
    static void starta() {
        app = TestApp.start();
        andra = app.andraServer(Kanalinstallning.ingen());
    }

    @AfterAll
    static void stoppa() {
        andra.stop();
        app.close();
    }

    private static HttpSession vaxlande() {
        return app.session().vaxlaMed(andra);
    }

    private static long tal(String sql, Object... args) {
        return app.tal(sql, args);
    }

    @Test
    void helaFlodetMedVarannanForfraganTillVarjeServer() {
        HttpSession handlaggare = vaxlande().loginStaff("handlaggare");
        long d = anmal(app, handlaggare, anmalan(app, "Tuva", "Tvåserver", "1988"));

        HttpSession koordinator = vaxlande().loginStaff("koordinator");
        koordinator.get("/deltagare/" + d + "/motelage");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("version", "0");
        form.put("antal", "0");
        form.put("mal", "Ett arbete som undersköterska");
        form.put("ny_text", "Ansök om sjukpenning");
        form.put("ny_ansvar", "anv:" + anvandare(app, "fk.handlaggare"));
        form.put("ny_typ", "beslut");
        form.put("ny_datum", "2027-01-15");
        assertEquals(302, koordinator.post("/deltagare/" + d + "/motelage", form).statusCode());
        // The plan as both servers show it, right after it was saved through one of them.
        for (int i = 0; i < 2; i++) {
            Document motelage = koordinator.page("/deltagare/" + d + "/motelage");
            assertEquals("Ett arbete som undersköterska", motelage.selectFirst("#mal").text(), "server " + i);
        }
        HttpResponse<String> fraga = koordinator.post("/deltagare/" + d + "/overlamna", Map.of());
        assertEquals(200, fraga.statusCode(), fraga.body());
        Map<String, String> ja = HttpSession.formData(HttpSession.html(fraga), "form[action$=/overlamna]");
        assertEquals(302, koordinator.post("/deltagare/" + d + "/overlamna", ja).statusCode());
        long overlamning = tal("""
                SELECT o.id FROM overlamning o JOIN planpunkt pp ON pp.id = o.planpunkt_id
                JOIN planering p ON p.id = pp.planering_id WHERE p.deltagare_id = ?""", d);

        HttpSession fk = vaxlande().loginStaff("fk.handlaggare");
        for (int i = 0; i < 2; i++) {
            assertTrue(fk.page("/arbetslista?lista=kvittera").select("form[action=/overlamning/" + overlamning
                    + "/kvittera]").size() == 1, "the handover waits for her on server " + i);
        }
        assertEquals(302, fk.post("/overlamning/" + overlamning + "/kvittera", Map.of()).statusCode());
        for (int i = 0; i < 2; i++) {
            assertTrue(fk.page("/arbetslista?lista=kvittera").select("form[action=/overlamning/" + overlamning
                    + "/kvittera]").isEmpty(), "kvitterad, on server " + i + " too: no stale page");
        }

        // A follow-up recorded offline is sent; the answer is lost, and the device sends it again, to the other
        // server, at the same time as the first send still runs there.
        String uuid = UUID.randomUUID().toString();
        String json = "{\"deltagareId\":" + d + ",\"falt\":{\"uuid\":\"" + uuid
                + "\",\"datum\":\"2026-11-23\",\"notering_intern\":\"Ringde vårdcentralen\"}}";
        String token = koordinator.csrf();
        List<CompletableFuture<HttpResponse<String>>> skick = List.of(
                CompletableFuture.supplyAsync(() -> api(koordinator, json, token)),
                CompletableFuture.supplyAsync(() -> api(koordinator, json, token)));
        List<Integer> svar = skick.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).sorted().toList();
        assertEquals(List.of(200, 201), svar, "stored once, the other told it was already stored");
        assertEquals(1, tal("SELECT count(*) FROM uppfoljning WHERE uuid = ?", uuid));

        koordinator.get("/deltagare/" + d + "/avslut");
        assertEquals(302, koordinator.post("/deltagare/" + d + "/avslut",
                se.finsam.planering.avslut.AvslutStod.medBeslut(koordinator, d, Map.of("datum", "2026-11-23",
                        "orsak", "arbete", "forsorjning", "lon", "ingen_fortsattning", "on",
                        "sysselsattning", "arbete", "steg_mot_arbete", "arbete_studier"))).statusCode());
        assertEquals(1, tal("SELECT count(*) FROM avslut WHERE deltagare_id = ?", d));
        for (int i = 0; i < 2; i++) {
            assertTrue(koordinator.page("/deltagare/" + d).text().contains("Avslutad"), "closed on server " + i);
        }
        Loggkedja.Resultat kedjan = Handelselogg.kontrolleraKedjan(app.jdbi());
        assertTrue(kedjan.hel(), "both servers wrote one whole audit chain: " + kedjan.text());
    }

    private static HttpResponse<String> api(HttpSession s, String json, String token) {
        return s.send(HttpRequest.newBuilder(URI.create(s.url("/api/uppfoljning")))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("X-CSRF-Token", token)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }
}
