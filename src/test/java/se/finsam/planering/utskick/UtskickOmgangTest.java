package se.finsam.planering.utskick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.testsupport.TestApp;
import se.finsam.planering.testsupport.TestData;

/**
 * The sender's passes against a real SMTP server (GreenMail, behind a relay that counts connections and can break
 * one off) and the local SMS gateway: the e-mails of a pass share one SMTP connection; SMS and e-mail go side by
 * side, so a slow gateway does not hold the e-mails up; a connection lost in the middle of a pass marks sent only
 * what the server took, and the rest goes once it is back, each message once.
 */
class UtskickOmgangTest {

    private static GreenMail smtp;
    private static SmtpRela rela;
    private static LokalSmsgateway gateway;
    private static TestApp app;

    @BeforeAll
    static void starta() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("finsam", "hemligt"));
        smtp.start();
        rela = new SmtpRela(smtp.getSmtp().getPort());
        gateway = new LokalSmsgateway();
        app = TestApp.start(new Kanalinstallning(URI.create("smtp://finsam:hemligt@127.0.0.1:" + rela.port()
                + "?starttls=valfri"), "planering@finsam.example", gateway.url(), "api", "hemligt", "FINSAM", 1000));
        gateway.appen(URI.create(app.url("")));
    }

    @AfterAll
    static void stoppa() throws Exception {
        app.close();
        gateway.close();
        rela.close();
        smtp.stop();
    }

    @BeforeEach
    void rensa() throws Exception {
        rela.oppna();
        gateway.svaraNar(null);
        app.tomUtkorgen();
        smtp.purgeEmailFromAllMailboxes();
        gateway.rensa();
        rela.nollstall();
    }

    @Test
    void enOmgangsEpostGarOverEnAnslutning() {
        List<String> adresser = epostTillPersonal("en-anslutning", 8);
        app.app().utskick().avsandare().korEnGang();

        assertEquals(adresser, mottagare(adresser), "each e-mail arrived once");
        assertEquals(1, rela.anslutningar.get(), "the eight e-mails of the pass went over one SMTP connection");
        assertEquals(8, rela.paborjade.get());
        assertEquals(8, app.tal("SELECT count(*) FROM utskick WHERE nyckel LIKE 'en-anslutning:%' AND status = 'skickat'"));
    }

    @Test
    void epostenVantarInteNarSmsTjanstenDrojer() {
        long d = TestData.deltagare(app).utanKonto().medNamn().hamta();
        app.sql("UPDATE deltagare SET telefon = '070-424 24 01' WHERE id = ?", d);
        // The SMS first in the outbox: a sender going one message at a time would wait for its answer before the
        // e-mails, and the gateway answers only once the e-mails have arrived.
        long sms = Utkorg.nyttMeddelande(app, d, "sida-vid-sida:sms");
        List<String> adresser = epostTillPersonal("sida-vid-sida", 3);
        gateway.svaraNar(() -> mottagare(adresser).size() == adresser.size());
        app.app().utskick().avsandare().korEnGang();

        assertEquals(adresser, mottagare(adresser), "the e-mails went while the SMS waited for the gateway");
        assertEquals(List.of("+46704242401"), gateway.mottagna.stream().map(LokalSmsgateway.Mottaget::to).toList());
        assertEquals("skickat", app.text("SELECT status FROM utskick WHERE id = ?", sms),
                "the SMS was answered and marked sent in the same pass");
        assertEquals(3, app.tal("SELECT count(*) FROM utskick WHERE nyckel LIKE 'sida-vid-sida:personal:%' AND status = 'skickat'"));
    }

    @Test
    void ettAvbrottMittIOmgangenMarkerarBaraDetServernTog() {
        long d = TestData.deltagare(app).medNamn().hamta();
        long loggadeFore = loggade(d);
        rela.brytVid(4);
        List<String> adresser = epostTillPersonal("avbrott", 6, d);
        app.app().utskick().avsandare().korEnGang();

        List<String> framme = mottagare(adresser);
        assertEquals(adresser.subList(0, 3), framme, "the server took three before the connection was lost");
        assertEquals(3, loggade(d) - loggadeFore, "an audit line for each message sent, none for the failed tries");
        List<Map<String, Object>> rader = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT status, forsok, fel, planerad FROM utskick WHERE nyckel LIKE 'avbrott:%' ORDER BY id""")
                .mapToMap().list());
        Instant nu = app.clock().instant();
        for (int i = 0; i < 6; i++) {
            Map<String, Object> r = rader.get(i);
            if (i < 3) {
                assertEquals("skickat", r.get("status"), r.toString());
            } else {
                assertEquals("vantar", r.get("status"), "not taken, so not marked sent: " + r);
                assertEquals(1, ((Number) r.get("forsok")).intValue(), r.toString());
                assertEquals("ingen kontakt med e-postservern", r.get("fel"));
                assertTrue(Instant.parse((String) r.get("planerad")).isAfter(nu), "waits before its next try: " + r);
            }
        }

        rela.oppna();
        app.clock().advance(Duration.ofMinutes(2));
        app.app().utskick().avsandare().korEnGang();
        assertEquals(adresser, mottagare(adresser), "the rest arrived once the server was back, each once");
        assertEquals(6, app.tal("SELECT count(*) FROM utskick WHERE nyckel LIKE 'avbrott:%' AND status = 'skickat'"));
        assertEquals(6, loggade(d) - loggadeFore, "one audit line for each message sent");
    }

    /** The audit lines saying that staff got e-mail about her. */
    private static long loggade(long deltagare) {
        Handelselogg.skrivKlart(app.jdbi());
        return app.tal("SELECT count(*) FROM audit_log WHERE deltagare_id = ? AND vad = 'fick e-post om dig'",
                deltagare);
    }

    @Test
    void planerarenKorsEnGangIMinutenAvTradens() {
        Instant t = Instant.parse("2026-12-07T09:00:00Z");
        assertTrue(Avsandare.planeringDags(Instant.MIN, t), "never planned: at once");
        assertFalse(Avsandare.planeringDags(t, t.plusSeconds(10)), "not before each pass");
        assertFalse(Avsandare.planeringDags(t, t.plusSeconds(59)));
        assertTrue(Avsandare.planeringDags(t, t.plusSeconds(60)), "once a minute");
        assertTrue(Avsandare.planeringDags(t, t.minusSeconds(5)), "the clock went back: plan again");
    }

    /**
     * {@code antal} e-mails due at once, in one transaction, each to a staff member of her own address about a
     * participant; returns the addresses in the order of the rows.
     */
    private static List<String> epostTillPersonal(String prefix, int antal) {
        return epostTillPersonal(prefix, antal, TestData.deltagare(app).medNamn().hamta());
    }

    private static List<String> epostTillPersonal(String prefix, int antal, long deltagare) {
        List<Long> personal = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT a.id FROM anvandare a WHERE a.aktiv = 1
                          AND a.roll IN ('handlaggare', 'teamrepresentant', 'koordinator')
                          AND EXISTS (SELECT 1 FROM team_medlem m WHERE m.anvandare_id = a.id)
                        ORDER BY a.id LIMIT :n""").bind("n", antal).mapTo(Long.class).list());
        assertEquals(antal, personal.size(), "the demo data has enough staff");
        List<String> adresser = new ArrayList<>();
        app.jdbi().useTransaction(h -> {
            for (int i = 0; i < antal; i++) {
                long a = personal.get(i);
                String adress = prefix + "-" + i + "@af.example";
                adresser.add(adress);
                h.execute("UPDATE anvandare SET epost = ? WHERE id = ?", adress, a);
                h.execute("""
                        INSERT INTO utskick_val (anvandare_id, epost, sms, push) VALUES (?, 1, 0, 0)
                        ON CONFLICT (anvandare_id) DO UPDATE SET epost = 1, sms = 0, push = 0""", a);
                h.createUpdate("""
                                INSERT INTO utskick (nyckel, typ, team_id, deltagare_id, anvandare_id, skapad, planerad)
                                SELECT :n, 'overlamnad', team_id, id, :a, :nu, NULL FROM deltagare WHERE id = :d""")
                        .bind("n", prefix + ":personal:" + i).bind("a", a).bind("nu", app.clock().instant())
                        .bind("d", deltagare).execute();
            }
        });
        return adresser;
    }

    /** Who of {@code adresser} GreenMail received e-mail for, in their order, as often as it arrived. */
    private static List<String> mottagare(List<String> adresser) {
        Map<String, Long> antal = Arrays.stream(smtp.getReceivedMessages()).map(UtskickOmgangTest::till)
                .collect(Collectors.groupingBy(a -> a, Collectors.counting()));
        List<String> framme = new ArrayList<>();
        for (String a : adresser) {
            for (long i = 0; i < antal.getOrDefault(a, 0L); i++) {
                framme.add(a);
            }
        }
        return framme;
    }

    private static String till(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
