package se.finsam.planering.utskick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

/** Her choices on "Mina uppgifter": each channel with her number or address, on or off, and details on or off. */
class UtskickValTest extends AppTest {

    @Test
    void honValjerKanalerOchDetaljerOchAvsandarenFoljerDem() {
        long d = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT d.id FROM deltagare d JOIN anvandare a ON a.id = d.anvandare_id
                        WHERE a.anvandarnamn = :u""").bind("u", DemoData.DEMO_PARTICIPANT_USERNAME)
                .mapTo(Long.class).one());
        app.jdbi().useHandle(h -> h.execute("UPDATE deltagare SET telefon = '070-765 43 21', epost = 'hon@example.se' WHERE id = ?", d));
        HttpSession hon = app.session().loginDeltagare();
        assertEquals(1, hon.page("/min-planering/mina-uppgifter")
                .select("a[href=/min-planering/mina-uppgifter/meddelanden]").size());
        Document sida = hon.page("/min-planering/mina-uppgifter/meddelanden");
        assertTrue(sida.text().contains("070-765 43 21") && sida.text().contains("hon@example.se"), sida.text());
        assertTrue(sida.selectFirst("#sms").hasAttr("checked"), "SMS is on by default");
        assertTrue(!sida.selectFirst("#detaljer").hasAttr("checked"), "details are off by default");

        HttpResponse<String> r = hon.post("/min-planering/mina-uppgifter/meddelanden",
                Map.of("_csrf", HttpSession.formData(sida, "form[action=/min-planering/mina-uppgifter/meddelanden]")
                        .get("_csrf"), "epost", "1", "detaljer", "1"));
        assertEquals(302, r.statusCode());
        sida = hon.page("/min-planering/mina-uppgifter/meddelanden");
        assertTrue(!sida.selectFirst("#sms").hasAttr("checked"));
        assertTrue(sida.selectFirst("#epost").hasAttr("checked"));
        assertTrue(sida.selectFirst("#detaljer").hasAttr("checked"));
        UtskickRepository.Rad rad = new UtskickRepository.Rad(0, "x", "plan_andrad", 1, d, null, null, null, null,
                null, "vantar", 0, null, null);
        UtskickRepository.Mottagare m = app.app().utskick().repo().mottagare(rad).orElseThrow();
        assertTrue(m.vill(Kanal.EPOST) && !m.vill(Kanal.SMS) && m.detaljer());

        r = hon.post("/min-planering/mina-uppgifter/meddelanden", Map.of("_csrf", HttpSession.formData(sida,
                "form[action=/min-planering/mina-uppgifter/meddelanden]").get("_csrf")));
        assertEquals(302, r.statusCode());
        long id = app.jdbi().withHandle(h -> h.createUpdate("""
                        INSERT INTO utskick (nyckel, typ, team_id, deltagare_id, skapad, planerad)
                        SELECT 'test:av', 'plan_andrad', team_id, id, '2026-11-23T08:00:00Z', NULL FROM deltagare WHERE id = :d""")
                .bind("d", d).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        app.app().utskick().avsandare().korEnGang();
        assertEquals("avstangd", app.jdbi().withHandle(h -> h.createQuery("SELECT status FROM utskick WHERE id = :i")
                .bind("i", id).mapTo(String.class).one()), "everything off: nothing goes, and the page says why");
    }
}
