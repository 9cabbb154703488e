package se.finsam.planering.utskick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestApp;
import se.finsam.planering.testsupport.TestData;

/**
 * Each message sent about a participant is in the audit log (that it was sent and on which channel, never its
 * text), and her page "Vem har tittat" shows it in her language: a message to her under the product's name, one
 * to staff about her under the staff member's name.
 */
class UtskickILoggenTest {

    private static final String PIN = "530917";
    private static LokalSmsgateway gateway;
    private static TestApp app;

    @BeforeAll
    static void starta() throws Exception {
        gateway = new LokalSmsgateway();
        app = TestApp.start(new Kanalinstallning(null, null, gateway.url(), "api-anvandare", "hemligt", "FINSAM", 50));
        for (int i = 0; i < 100 && app.app().utskick().avsandare().korEnGang() > 0; i++) {
            // what the demo data left due goes first
        }
    }

    @AfterAll
    static void stoppa() {
        app.close();
        gateway.close();
    }

    @Test
    void meddelandenOmHenneStarIVemHarTittatPaHennesSprak() {
        long d = TestData.deltagare(app).iTeam("Jobbtorg Kista").utanKonto().medNamn().hamta();
        String user = TestData.kontoMedPin(app, d, PIN);
        long handlaggare = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM anvandare WHERE anvandarnamn = 'handlaggare'").mapTo(Long.class).one());
        app.jdbi().useHandle(h -> {
            h.execute("UPDATE deltagare SET telefon = '070-323 45 01' WHERE id = ?", d);
            h.execute("UPDATE anvandare SET telefon = '070-323 45 02' WHERE id = ?", handlaggare);
            h.execute("""
                    INSERT INTO utskick_val (anvandare_id, epost, sms, sammanfattning) VALUES (?, 0, 1, 'vecka')
                    ON CONFLICT (anvandare_id) DO UPDATE SET epost = 0, sms = 1, sammanfattning = 'vecka'""",
                    handlaggare);
            h.createUpdate("""
                            INSERT INTO utskick (nyckel, typ, team_id, deltagare_id, skapad, planerad)
                            SELECT 'logg:till-henne', 'plan_andrad', team_id, id, :nu, NULL FROM deltagare WHERE id = :d""")
                    .bind("nu", app.clock().instant()).bind("d", d).execute();
            h.createUpdate("""
                            INSERT INTO utskick (nyckel, typ, team_id, deltagare_id, anvandare_id, skapad, planerad)
                            SELECT 'logg:om-henne', 'kvittens_saknas', team_id, id, :a, :nu, NULL FROM deltagare
                            WHERE id = :d""")
                    .bind("a", handlaggare).bind("nu", app.clock().instant()).bind("d", d).execute();
        });
        app.app().utskick().avsandare().korEnGang();
        assertEquals(2, gateway.mottagna.stream().filter(m -> List.of("+46703234501", "+46703234502")
                .contains(m.to())).count());

        Handelselogg.skrivKlart(app.jdbi());
        List<Map<String, Object>> logg = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT anvandare_id, vad FROM audit_log WHERE deltagare_id = :d AND vad LIKE '%sms%'
                        ORDER BY id""").bind("d", d).mapToMap().list());
        assertEquals(2, logg.size(), logg.toString());
        assertTrue(logg.stream().anyMatch(r -> r.get("anvandare_id") == null
                && r.get("vad").equals("skickade sms till dig")), logg.toString());
        assertTrue(logg.stream().anyMatch(r -> r.get("anvandare_id") != null
                && ((Number) r.get("anvandare_id")).longValue() == handlaggare
                && r.get("vad").equals("fick sms om dig")), logg.toString());

        HttpSession hon = app.session();
        hon.get("/logga-in/deltagare");
        assertEquals(302, hon.post("/logga-in/deltagare", Map.of("anvandarnamn", user, "pin", PIN)).statusCode());
        Document sida = hon.page("/min-planering/vem-har-tittat");
        List<String> rader = sida.select("main ul.lista li").eachText();
        assertTrue(rader.stream().anyMatch(r -> r.startsWith("FINSAM Planering")
                && r.contains("Skickade ett meddelande till dig med sms (utan innehåll)")), rader.toString());
        String namn = app.jdbi().withHandle(h -> h.createQuery("SELECT namn FROM anvandare WHERE id = :a")
                .bind("a", handlaggare).mapTo(String.class).one());
        assertTrue(rader.stream().anyMatch(r -> r.startsWith(namn)
                && r.contains("Fick ett sms om att något i din plan väntar på hen")), rader.toString());
        for (String r : rader) {
            assertFalse(r.contains("Du har ett nytt besked"), "never the text itself: " + r);
        }

        hon.post("/sprak", Map.of("sprak", "ar", "tillbaka", "/min-planering/vem-har-tittat"));
        List<String> arabiska = hon.page("/min-planering/vem-har-tittat").select("main ul.lista li").eachText();
        assertTrue(arabiska.stream().anyMatch(r -> r.contains("أرسل إليك رسالة نصية (بدون محتوى)")), arabiska.toString());
    }
}
