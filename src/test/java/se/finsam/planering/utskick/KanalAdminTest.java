package se.finsam.planering.utskick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestApp;

/**
 * The administrator's channel page: which channels are configured, a test message to her own number through the
 * local gateway, and sent and failed counts per channel and day, with no participant and no content.
 */
class KanalAdminTest {

    private static LokalSmsgateway gateway;
    private static TestApp app;

    @BeforeAll
    static void starta() throws Exception {
        gateway = new LokalSmsgateway();
        app = TestApp.start(new Kanalinstallning(null, null, gateway.url(), "api-anvandare", "hemligt", "FINSAM", 50));
    }

    @AfterAll
    static void stoppa() {
        app.close();
        gateway.close();
    }

    @Test
    void administratorenSerKanalernaProvarSmsOchSerAntalUtanDeltagare() {
        gateway.svara(LokalSmsgateway.Svar.OGILTIGT_NUMMER);
        for (int i = 0; i < 100 && app.app().utskick().avsandare().korEnGang() > 0; i++) {
            // the demo data's due messages go out: one fails for good, the rest are sent
        }
        Map<String, Object> antal = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT substr(avgjord, 1, 10) AS dag,
                               sum(CASE WHEN status IN ('skickat', 'levererat') THEN 1 ELSE 0 END) AS skickade,
                               sum(CASE WHEN status = 'misslyckat' THEN 1 ELSE 0 END) AS misslyckade
                        FROM utskick WHERE kanal = 'sms'
                        GROUP BY dag ORDER BY dag DESC LIMIT 1""").mapToMap().one());
        assertTrue(((Number) antal.get("misslyckade")).intValue() >= 1, antal.toString());

        app.jdbi().useHandle(h -> h.execute("UPDATE anvandare SET telefon = '070-999 88 77' WHERE anvandarnamn = 'admin'"));
        HttpSession admin = app.session().loginStaff("admin");
        assertNotNull(admin.page("/admin").selectFirst("a[href=/admin/kanaler]"), "linked from the admin start page");
        Document sida = admin.page("/admin/kanaler");
        assertTrue(sida.selectFirst("li[data-kanal=sms]").text().endsWith("inställd"));
        assertTrue(sida.selectFirst("li[data-kanal=epost]").text().endsWith("inte inställd"));
        Element rad = sida.selectFirst("tr[data-dag=" + antal.get("dag") + "][data-kanal=sms]");
        assertNotNull(rad, sida.text());
        List<String> celler = rad.select("td").eachText();
        assertEquals(List.of("Sms", String.valueOf(antal.get("skickade")), String.valueOf(antal.get("misslyckade"))),
                celler);
        List<String> koder = app.jdbi().withHandle(h -> h.createQuery("SELECT kod FROM deltagare")
                .mapTo(String.class).list());
        String text = sida.select("main").text();
        for (String kod : koder) {
            assertFalse(text.contains(kod), "no participant on the page: " + kod);
        }

        gateway.rensa();
        var svar = admin.post("/admin/kanaler/prov", Map.of("kanal", "sms"));
        assertEquals(302, svar.statusCode(), svar.body());
        assertEquals(1, gateway.mottagna.size());
        assertEquals("+46709998877", gateway.mottagna.get(0).to());
        assertTrue(admin.page("/admin/kanaler").text().contains("Provmeddelandet togs emot av kanalen."));

        assertEquals(409, admin.post("/admin/kanaler/prov", Map.of("kanal", "epost")).statusCode(),
                "e-mail is not configured on this server");
        assertEquals(400, admin.post("/admin/kanaler/prov", Map.of("kanal", "brevduva")).statusCode());
        assertEquals(403, app.session().loginStaff("koordinator").get("/admin/kanaler").statusCode());
    }
}
