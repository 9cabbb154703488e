package se.finsam.planering.utskick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.TestApp;
import se.finsam.planering.testsupport.TestData;

/**
 * Messages give way to pages: while requests wait for a request thread, the sender waits between its messages
 * (and asks again whether they still wait) instead of sending as fast as the channel takes them; every message
 * still goes. With nothing waiting it sends at once, asking once per message.
 */
class UtskickVikerForSidornaTest {

    private static LokalSmsgateway gateway;
    private static TestApp app;

    @BeforeAll
    static void starta() throws Exception {
        gateway = new LokalSmsgateway();
        app = gateway.starta(url -> new Kanalinstallning(null, null, url, "api", "hemligt", "FINSAM", 10));
    }

    @AfterAll
    static void stoppa() {
        gateway.stang(app);
    }

    @BeforeEach
    void rensa() {
        gateway.inforTest(app);
    }

    @AfterEach
    void ingenKo() {
        app.app().utskick().avsandare().vikFor(() -> 0);
        app.app().utskick().avsandare().vikTakt(Avsandare.VIK_TAKT);
    }

    @Test
    void medforfragningarIKoVantarVarjeKanalMellanSinaMeddelanden() {
        List<Long> rader = fyraMeddelanden("ko");
        AtomicInteger fragor = new AtomicInteger();
        // A pace long beside the time a message takes here, so that it shows however slow the machine is.
        app.app().utskick().avsandare().vikTakt(java.time.Duration.ofMillis(100));
        app.app().utskick().avsandare().vikFor(() -> {
            fragor.incrementAndGet();
            return 3;
        });
        app.app().utskick().avsandare().korEnGang();

        assertEquals(4, gateway.mottagna.size(), "every message still goes");
        for (long id : rader) {
            assertEquals("skickat", app.text("SELECT status FROM utskick WHERE id = ?", id));
        }
        assertTrue(fragor.get() > 8,
                "it waited between messages, asking again while it waited: " + fragor.get() + " times for 4");
    }

    @Test
    void utanKoSkickasDeGenastOchFragasEnGangPerMeddelande() {
        fyraMeddelanden("fri");
        AtomicInteger fragor = new AtomicInteger();
        app.app().utskick().avsandare().vikFor(() -> {
            fragor.incrementAndGet();
            return 0;
        });
        app.app().utskick().avsandare().korEnGang();

        assertEquals(4, gateway.mottagna.size());
        assertEquals(4, fragor.get(), "asked once before each message, never waited");
    }

    private static List<Long> fyraMeddelanden(String prefix) {
        List<Long> rader = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long d = TestData.deltagare(app).utanKonto().medNamn().hamta();
            TestData.kontoMedPin(app, d, "428615");
            app.sql("UPDATE deltagare SET telefon = ? WHERE id = ?", "070-555 6" + prefix.length() + " 1" + i, d);
            rader.add(Utkorg.nyttMeddelande(app, d, prefix + ":" + i));
        }
        return rader;
    }
}
