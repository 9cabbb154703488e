package se.finsam.planering.utskick;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.TestApp;

/**
 * {@code smtp://} requires STARTTLS. Against a real SMTP server that does not offer it (GreenMail 2.1 speaks SMTP
 * without STARTTLS), the sender refuses to send in clear: the server receives no message (nor the password, which
 * would come before it), and the row waits with the reason, to be tried again once the server offers TLS.
 */
class EpostStarttlsTest {

    private static GreenMail smtp;
    private static TestApp app;

    @BeforeAll
    static void starta() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("finsam", "hemligt"));
        smtp.start();
        app = TestApp.start(new Kanalinstallning(URI.create("smtp://finsam:hemligt@127.0.0.1:"
                + smtp.getSmtp().getPort()), "planering@finsam.example", null, null, null, null, 50));
    }

    @AfterAll
    static void stoppa() {
        app.close();
        smtp.stop();
    }

    @Test
    void utanStarttlsSkickasIngentingOkrypterat() {
        for (int i = 0; i < 100 && app.app().utskick().avsandare().korEnGang() > 0; i++) {
            // what the demo data left due is tried first
        }
        long handlaggare = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM anvandare WHERE anvandarnamn = 'handlaggare'").mapTo(Long.class).one());
        long id = app.jdbi().withHandle(h -> {
            h.execute("UPDATE anvandare SET epost = 'h@af.example' WHERE id = ?", handlaggare);
            return h.createUpdate("""
                            INSERT INTO utskick (nyckel, typ, team_id, deltagare_id, anvandare_id, skapad, planerad)
                            SELECT 'starttls:1', 'kvittens_saknas', team_id, id, :a, :nu, NULL FROM deltagare
                            ORDER BY id LIMIT 1""")
                    .bind("a", handlaggare).bind("nu", app.clock().instant())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        });
        app.app().utskick().avsandare().korEnGang();

        assertEquals(0, smtp.getReceivedMessages().length, "nothing was sent in clear");
        Map<String, Object> rad = app.jdbi().withHandle(h -> h.createQuery("SELECT * FROM utskick WHERE id = :id")
                .bind("id", id).mapToMap().one());
        assertEquals("vantar", rad.get("status"));
        assertEquals("e-postservern erbjuder inte STARTTLS; inget skickas okrypterat", rad.get("fel"));
        assertEquals(1, ((Number) rad.get("forsok")).intValue());
    }
}
