package se.finsam.planering.hem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestApp;
import se.finsam.planering.utskick.Kanalinstallning;

/**
 * "Skicka påminnelse" on a row that waits for someone: a message in the outbox to that person, with the
 * participant's code and a login link and never her name, at most one per row and day, logged; the row says
 * when it was sent. Someone a message cannot reach gets no button, and the row says whom to call. E-mail goes
 * through a real SMTP server started in the test.
 */
class PaminnelseHttpTest {

    private static GreenMail smtp;
    private static TestApp app;
    private static long mikael;
    private static long nadia;
    private static long deltagare;
    private static long overlamning;
    private static long utanKanal;
    private static long overlamningUtanKanal;

    @BeforeAll
    static void starta() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        app = TestApp.start(new Kanalinstallning(URI.create("smtp://127.0.0.1:" + smtp.getSmtp().getPort()
                + "?starttls=valfri"), "planering@finsam.example", null, null, null, null, 50));
        long kista = Overlamningar.id(app, "SELECT id FROM team WHERE namn = 'Jobbtorg Kista'");
        long af = Overlamningar.organisation(app, "AF");
        long region = Overlamningar.organisation(app, "REGION");
        mikael = Overlamningar.anvandare(app, "handlaggare");
        nadia = Overlamningar.anvandare(app, "region.handlaggare");
        long koordinator = Overlamningar.anvandare(app, "koordinator");
        Instant langeSedan = app.clock().instant().minus(Duration.ofDays(20));
        app.jdbi().useTransaction(h -> {
            h.createUpdate("UPDATE anvandare SET epost = 'mikael@af.example' WHERE id = :a").bind("a", mikael)
                    .execute();
            // Nadia has neither e-mail nor phone: no message reaches her.
            h.createUpdate("UPDATE anvandare SET epost = NULL, telefon = NULL WHERE id = :a").bind("a", nadia)
                    .execute();
            deltagare = Overlamningar.deltagare(h, kista, "PM-0001", "Pamind", "Hemligsson", koordinator, af,
                    region);
            long p = Overlamningar.planering(h, deltagare, koordinator, langeSedan);
            overlamning = Overlamningar.overlamning(h, p, 1, "Punkt att påminna om", af, mikael, "2026-12-20",
                    langeSedan);
            overlamningUtanKanal = Overlamningar.overlamning(h, p, 2, "Punkt hos Nadia", region, nadia,
                    "2026-12-20", langeSedan);
        });
        // What the handovers themselves sent is out of the way.
        app.tomUtkorgen();
        smtp.purgeEmailFromAllMailboxes();
    }

    @AfterAll
    static void stoppa() {
        app.close();
        smtp.stop();
    }


    private static List<Map<String, Object>> paminnelser() {
        return app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT typ, anvandare_id, deltagare_id, sak_id, nyckel FROM utskick
                        WHERE typ = 'paminnelse_kvittens' AND deltagare_id = :d ORDER BY id""")
                .bind("d", deltagare).mapToMap().list());
    }

    /** Audit rows of the koordinator's reminders about the participant. */
    private static int loggade() {
        return app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM audit_log l JOIN anvandare a ON a.id = l.anvandare_id
                        WHERE a.anvandarnamn = 'koordinator' AND l.deltagare_id = :d AND l.vad = 'skickade påminnelse'""")
                .bind("d", deltagare).mapTo(Integer.class).one());
    }

    private static Element rad(Document lista, long id) {
        return lista.selectFirst("ul.arbetslista > li[data-rad=" + id + "]");
    }

    @Test
    void paminnelsenGarTillDenSomRadenVantarPaEnGangOmDagen() throws Exception {
        HttpSession k = app.session().loginStaff("koordinator");
        String url = "/arbetslista?lista=sena-kvittenser&sok=PM-0001";
        Document lista = k.page(url);
        Element raden = rad(lista, overlamning);
        assertNotNull(raden, "late: 20 days without kvittens");
        String action = "/deltagare/" + deltagare + "/paminnelse";
        assertNotNull(raden.selectFirst("form[action=" + action + "]"), "a reminder button on the row");
        Map<String, String> form = HttpSession.formData(lista, "li[data-rad=" + overlamning + "] form[action="
                + action + "]");
        int loggadeFore = loggade();
        HttpResponse<String> svar = k.post(action, form);
        assertEquals(302, svar.statusCode(), svar.body());
        assertEquals(loggadeFore + 1, loggade(), "logged");
        assertEquals(url, svar.headers().firstValue("Location").orElseThrow(), "back to the same list");

        List<Map<String, Object>> rader = paminnelser();
        assertEquals(1, rader.size());
        assertEquals(mikael, ((Number) rader.get(0).get("anvandare_id")).longValue(), "to the one it waits for");
        assertEquals(overlamning, ((Number) rader.get(0).get("sak_id")).longValue());

        Document efter = k.page(url);
        Element sedan = rad(efter, overlamning);
        assertEquals("Påminnelse skickad 23 nov", sedan.selectFirst(".paminnelse").text());
        assertNull(sedan.selectFirst("form[action=" + action + "]"), "one a day");
        assertEquals(409, k.post(action, form).statusCode(), "a second one the same day is refused");
        assertEquals(1, paminnelser().size());

        // The message: her code and a login link, never her name or the item.
        app.tomUtkorgen();
        MimeMessage[] brev = Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> adress(m).equals("mikael@af.example")).toArray(MimeMessage[]::new);
        assertEquals(1, brev.length);
        String text = GreenMailUtil.getBody(brev[0]);
        assertTrue(text.contains("PM-0001"), text);
        assertTrue(text.contains("/oversikt"), "a link that needs a login: " + text);
        assertFalse(text.contains("Hemligsson") || text.contains("Pamind") || text.contains("Punkt att"), text);

        // The next day another one may go.
        app.clock().advance(Duration.ofDays(1));
        try {
            k = app.session().loginStaff("koordinator");
            Document imorgon = k.page(url);
            assertEquals("Påminnelse skickad 23 nov", rad(imorgon, overlamning).selectFirst(".paminnelse").text());
            assertEquals(302, k.post(action, HttpSession.formData(imorgon, "li[data-rad=" + overlamning
                    + "] form[action=" + action + "]")).statusCode());
            assertEquals(2, paminnelser().size());
        } finally {
            app.clock().set(TestApp.START);
        }
    }

    @Test
    void denSomInteNasGarAttRingaOchFelaktigaBegaranAvvisas() {
        HttpSession k = app.session().loginStaff("koordinator");
        Document lista = k.page("/arbetslista?lista=utan-kvittens&sok=PM-0001");
        Element raden = rad(lista, overlamningUtanKanal);
        assertNotNull(raden);
        assertNull(raden.selectFirst("form[action$=/paminnelse]"), "no message reaches her");
        assertTrue(raden.selectFirst(".paminnelse").text().contains("ring eller mejla"), raden.text());
        String action = "/deltagare/" + deltagare + "/paminnelse";
        Map<String, String> form = new java.util.HashMap<>(HttpSession.formData(
                k.page("/arbetslista?lista=utan-kvittens&sok=PM-0001"),
                "li[data-rad=" + overlamning + "] form[action=" + action + "]"));
        form.put("rad", String.valueOf(overlamningUtanKanal));
        HttpResponse<String> ingen = k.post(action, form);
        assertEquals(409, ingen.statusCode());
        assertTrue(ingen.body().contains("Nadia Karimi kan inte nås med meddelanden"), "says whom, and why");

        form.put("rad", "abc");
        assertEquals(400, k.post(action, form).statusCode());
        form.put("rad", String.valueOf(overlamning));
        form.put("lista", "kvittera");
        assertEquals(400, k.post(action, form).statusCode(), "not a list of rows waiting for someone");
        form.put("lista", "utan-kvittens");
        form.put("rad", "999999");
        assertEquals(404, k.post(action, form).statusCode(), "no such row");

        HttpSession h = app.session().loginStaff("handlaggare");
        h.get("/oversikt");
        form.put("rad", String.valueOf(overlamning));
        assertEquals(403, h.post(action, form).statusCode(), "the koordinator's action");
    }

    @Test
    void utanKanalerSagerListanAttManRingerOchVisarIngenKnapp() {
        try (TestApp utan = TestApp.start()) {
            HttpSession k = utan.session().loginStaff("koordinator");
            Document lista = k.page("/arbetslista?lista=utan-kvittens");
            assertNotNull(lista.selectFirst("#inga-kanaler"), "said once, above the rows");
            assertTrue(lista.select("form[action$=/paminnelse]").isEmpty());
            assertFalse(lista.select("ul.arbetslista a[href^=tel:]").isEmpty(), "whom to call");
        }
    }

    private static String adress(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
