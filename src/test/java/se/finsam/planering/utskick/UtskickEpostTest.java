package se.finsam.planering.utskick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.TestApp;

/**
 * E-mail through a real SMTP server started in the test (GreenMail, which speaks SMTP without STARTTLS, so the
 * URL says {@code starttls=valfri}): the handover reaches its new owner with the participant's code and a login
 * link, never her name; a 5xx from the server stops the message for good.
 */
class UtskickEpostTest {

    private static GreenMail smtp;
    private static TestApp app;

    @BeforeAll
    static void starta() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("finsam", "hemligt-lösen"));
        smtp.start();
        int port = smtp.getSmtp().getPort();
        app = TestApp.start(new Kanalinstallning(URI.create("smtp://finsam:hemligt-l%C3%B6sen@127.0.0.1:" + port
                + "?starttls=valfri"), "planering@finsam.example", null, null, null, null, 50));
    }

    @AfterAll
    static void stoppa() {
        app.close();
        smtp.stop();
    }


    @Test
    void kodarnaForEttEpostHittasPaSittNamnInteGenomEnSokningIKlassvagen() throws Exception {
        new Epostsandare(URI.create("smtp://127.0.0.1:25?starttls=valfri"), "planering@finsam.example");
        assertEquals(org.eclipse.angus.mail.util.MailStreamProvider.class.getName(),
                System.getProperty(jakarta.mail.util.StreamProvider.class.getName()),
                "named where Jakarta Mail looks first, before its scan of the class path");
        assertTrue(jakarta.mail.util.StreamProvider.provider() instanceof org.eclipse.angus.mail.util.MailStreamProvider);
    }

    @Test
    void enOverlamningNarSinNyaAgareMedKodOchLankMenUtanNamn() throws Exception {
        app.tomUtkorgen();
        smtp.purgeEmailFromAllMailboxes();
        Map<String, Object> punkt = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT pp.id, pp.ansvarig_anvandare_id AS till, d.kod, d.fornamn, d.efternamn, pp.text
                        FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id JOIN deltagare d ON d.id = p.deltagare_id
                        WHERE pp.ansvarig_anvandare_id IS NOT NULL AND d.fornamn IS NOT NULL ORDER BY pp.id LIMIT 1""")
                .mapToMap().one());
        long till = ((Number) punkt.get("till")).longValue();
        app.jdbi().useHandle(h -> {
            h.createUpdate("UPDATE anvandare SET epost = 'agaren@af.example' WHERE id = :a").bind("a", till).execute();
            h.createUpdate("INSERT INTO overlamning (planpunkt_id, till_id, skapad) VALUES (:p, :t, :s)")
                    .bind("p", punkt.get("id")).bind("t", till).bind("s", app.clock().instant()).execute();
        });
        app.app().utskick().avsandare().korEnGang();

        MimeMessage[] brev = Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> adress(m).equals("agaren@af.example")).toArray(MimeMessage[]::new);
        assertEquals(1, brev.length);
        String text = GreenMailUtil.getBody(brev[0]);
        assertEquals("FINSAM Planering", brev[0].getSubject());
        assertEquals("planering@finsam.example", brev[0].getFrom()[0].toString());
        assertTrue(text.contains((String) punkt.get("kod")), text);
        assertTrue(text.contains("http://localhost/oversikt"), text);
        assertFalse(text.contains((String) punkt.get("fornamn")), "no name: " + text);
        assertFalse(text.contains((String) punkt.get("efternamn")), "no name: " + text);
        String status = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT status FROM utskick WHERE typ = 'overlamnad' AND anvandare_id = :a
                        ORDER BY id DESC LIMIT 1""").bind("a", till).mapTo(String.class).one());
        assertEquals("skickat", status);
    }

    private static String adress(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void ettSvarMed550StopparForGott() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> avvisa(server));
            t.setDaemon(true);
            t.start();
            Epostsandare sandare = new Epostsandare(URI.create("smtp://127.0.0.1:" + server.getLocalPort()
                    + "?starttls=valfri"), "planering@finsam.example");
            Kanalsvar svar = sandare.skicka("finns.inte@af.example", "FINSAM Planering", "test");
            assertEquals(Kanalsvar.Utfall.PERMANENT, svar.utfall());
            assertEquals("SMTP 550", svar.fel());
        }
        Epostsandare ingenServer = new Epostsandare(URI.create("smtp://127.0.0.1:1?starttls=valfri"),
                "planering@finsam.example");
        assertEquals(Kanalsvar.Utfall.FORSOK_IGEN, ingenServer.skicka("a@af.example", "x", "y").utfall(),
                "no server: tried again later");
        assertEquals(Kanalsvar.Utfall.PERMANENT, ingenServer.skicka("inte en adress", "x", "y").utfall());
    }

    /** An SMTP server that refuses every recipient with 550. */
    private static void avvisa(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket s = server.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                 PrintWriter out = new PrintWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.US_ASCII), true)) {
                out.print("220 test ESMTP\r\n");
                out.flush();
                String rad;
                while ((rad = in.readLine()) != null) {
                    String kommando = rad.length() >= 4 ? rad.substring(0, 4).toUpperCase() : rad.toUpperCase();
                    switch (kommando) {
                        case "EHLO", "HELO" -> out.print("250 test\r\n");
                        case "MAIL", "RSET", "NOOP" -> out.print("250 OK\r\n");
                        case "RCPT" -> out.print("550 5.1.1 User unknown\r\n");
                        case "QUIT" -> {
                            out.print("221 Bye\r\n");
                            out.flush();
                            return;
                        }
                        default -> out.print("502 Not implemented\r\n");
                    }
                    out.flush();
                }
            } catch (java.io.IOException e) {
                return;
            }
        }
    }
}
