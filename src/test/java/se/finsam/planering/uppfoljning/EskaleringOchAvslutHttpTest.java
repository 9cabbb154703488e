package se.finsam.planering.uppfoljning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestApp;
import se.finsam.planering.testsupport.TestData;

/** What the koordinator sees of stuck and escalated items, and a closed participant's plan staying as it was. */
class EskaleringOchAvslutHttpTest extends AppTest {

    private static HttpResponse<String> api(HttpSession s, String json) {
        return s.send(HttpRequest.newBuilder(URI.create(s.url("/api/uppfoljning")))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("X-CSRF-Token", s.csrf())
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static long punkt(long deltagare) {
        return app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT pp.id FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                        WHERE p.deltagare_id = :d AND pp.borttagen IS NULL ORDER BY pp.ordning, pp.id LIMIT 1""")
                .bind("d", deltagare).mapTo(Long.class).one());
    }

    private static long uppfoljning(String uuid) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM uppfoljning WHERE uuid = :u")
                .bind("u", uuid).mapTo(Long.class).one());
    }

    @Test
    void fastnadPunktOchEskaleringVisarOrsakenOchKanMarkerasHanterad() {
        long d = TestData.deltagareIFas(app, "uppfoljning", 3);
        long p = punkt(d);
        HttpSession h = app.session().loginStaff("koordinator");
        h.get("/deltagare/" + d + "/uppfoljning");
        String uuid = UUID.randomUUID().toString();
        assertEquals(302, h.post("/deltagare/" + d + "/uppfoljning", Map.of("uuid", uuid, "datum", "2026-11-20",
                "status_" + p, "fastnat", "orsak_" + p, "Väntar på läkarintyg sedan augusti",
                "notering_intern", "Vårdcentralen svarar inte, behöver koordinatorns kontakt",
                "eskalera", "on")).statusCode());

        String oversikt = h.get("/uppfoljning").body();
        assertTrue(oversikt.contains("Väntar på läkarintyg sedan augusti"), "the stuck item shows the reason typed");
        assertTrue(oversikt.contains("Vårdcentralen svarar inte, behöver koordinatorns kontakt"),
                "the escalation says why");
        long id = uppfoljning(uuid);
        assertTrue(oversikt.contains("data-eskalering=\"" + id + "\""));

        HttpResponse<String> utan = h.post("/uppfoljning/eskalering/" + id + "/hanterad", Map.of("notering", " "));
        assertEquals(400, utan.statusCode());
        assertTrue(utan.body().contains("Skriv kort vad du har gjort"), utan.body());
        h.get("/uppfoljning");
        HttpSession handlaggare = app.session().loginStaff("handlaggare");
        handlaggare.get("/oversikt");
        assertEquals(403, handlaggare.post("/uppfoljning/eskalering/" + id + "/hanterad",
                Map.of("notering", "x")).statusCode(), "only the koordinator");
        assertEquals(302, h.post("/uppfoljning/eskalering/" + id + "/hanterad",
                Map.of("notering", "Ringde vårdcentralens chef, intyg kommer")).statusCode());

        assertFalse(h.get("/uppfoljning").body().contains("data-eskalering=\"" + id + "\""), "it leaves the list");
        assertEquals(1, (int) app.jdbi().withHandle(x -> x.createQuery("""
                        SELECT count(*) FROM eskalering_hanterad e JOIN uppfoljning u ON u.id = e.uppfoljning_id
                        WHERE u.uuid = :u AND u.eskalera = 1 AND e.notering = 'Ringde vårdcentralens chef, intyg kommer'""")
                .bind("u", uuid).mapTo(Integer.class).one()), "a new row; the escalation itself is unchanged");
    }

    @Test
    void avslutadPlanGarBaraAttLasaUtomEnRattelseSomMarks() {
        long d = TestData.deltagareIFas(app, "uppfoljning", 4);
        long p = punkt(d);
        HttpSession k = app.session().loginStaff("koordinator");
        k.get("/deltagare/" + d + "/uppfoljning");
        String forsta = UUID.randomUUID().toString();
        assertEquals(302, k.post("/deltagare/" + d + "/uppfoljning", Map.of("uuid", forsta, "datum", "2026-11-20",
                "status_" + p, "pagar", "notering_deltagare", "Före avslut")).statusCode());
        k.get("/deltagare/" + d + "/avslut");
        assertEquals(302, k.post("/deltagare/" + d + "/avslut", se.finsam.planering.avslut.AvslutStod.medBeslut(k, d,
                Map.of("datum", "2026-11-23", "orsak", "arbete", "forsorjning", "lon", "sysselsattning", "arbete",
                        "steg_mot_arbete", "arbete_studier"))).statusCode());

        String motelage = k.get("/deltagare/" + d + "/motelage").body();
        assertFalse(motelage.contains("id=\"planering-form\""), "no editor");
        assertFalse(motelage.contains("action=\"/deltagare/" + d + "/overlamna\""), "no handover");
        assertTrue(motelage.contains("Planeringen visas som den var"));
        HttpResponse<String> sparaPlan = k.post("/deltagare/" + d + "/motelage", Map.of("version", "1", "antal", "0",
                "mal", "Nytt mål", "ny_text", ""));
        assertEquals(409, sparaPlan.statusCode());
        assertTrue(sparaPlan.body().contains("planeringen kan inte ändras"), sparaPlan.body());
        assertFalse(sparaPlan.body().contains("Exception"));
        assertEquals(409, k.post("/deltagare/" + d + "/overlamna", Map.of()).statusCode());

        String formular = k.get("/deltagare/" + d + "/uppfoljning").body();
        assertFalse(formular.contains("data-utkorg="), "no new follow-up form");
        assertTrue(formular.contains("Nya uppföljningar kan inte registreras"));
        HttpResponse<String> ny = k.post("/deltagare/" + d + "/uppfoljning", Map.of("uuid",
                UUID.randomUUID().toString(), "datum", "2026-11-23", "notering_deltagare", "Efter avslut"));
        assertEquals(409, ny.statusCode());
        assertTrue(ny.body().contains("Bara en rättelse"), ny.body());
        HttpResponse<String> offline = api(k, "{\"deltagareId\":" + d + ",\"falt\":{\"uuid\":\""
                + UUID.randomUUID() + "\",\"datum\":\"2026-11-23\",\"notering_intern\":\"Offline efter avslut\"}}");
        assertEquals(409, offline.statusCode());
        assertTrue(offline.body().contains("Bara en rättelse"), offline.body());

        // A correction is still possible, and it is marked as made after the closure.
        app.clock().advance(java.time.Duration.ofMinutes(5));
        long rattas = uppfoljning(forsta);
        String rattaSida = k.get("/deltagare/" + d + "/uppfoljning?korrigerar=" + rattas).body();
        assertTrue(rattaSida.contains("data-utkorg="), "the correction form opens");
        assertTrue(rattaSida.contains("märks som gjord efter avslut"));
        assertEquals(302, k.post("/deltagare/" + d + "/uppfoljning", Map.of("uuid", UUID.randomUUID().toString(),
                "datum", "2026-11-20", "korrigerar", String.valueOf(rattas),
                "notering_deltagare", "Rättad text")).statusCode());
        String efter = k.get("/deltagare/" + d + "/uppfoljning").body();
        assertTrue(efter.contains("Rättad text") && efter.contains("rättelse efter avslut"), efter);
        assertEquals(0, (int) app.jdbi().withHandle(x -> x.createQuery(
                "SELECT count(*) FROM uppfoljning WHERE deltagare_id = :d AND notering_deltagare = 'Efter avslut'")
                .bind("d", d).mapTo(Integer.class).one()));
        app.clock().set(TestApp.START);
    }
}
