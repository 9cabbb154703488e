package se.finsam.planering.utskick;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;

/**
 * The server tells its sender to give way while a request is being served, not only while requests queue for a
 * thread: under full load pages answer in about a millisecond, the queue is mostly empty, and a sender that waited
 * for a queue went unpaced. A request whose body has not all come yet holds a request thread; the sender sees it,
 * and sees it gone once the request ends.
 */
class UtskickVikerForPagaendeSidorTest extends AppTest {

    private static boolean inom(long millis, BooleanSupplier villkor) throws InterruptedException {
        long slut = System.nanoTime() + millis * 1_000_000;
        while (!villkor.getAsBoolean()) {
            if (System.nanoTime() > slut) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    @Test
    void enForfraganSomBesvarasFarAvsandarenAttVika() throws Exception {
        Avsandare avsandare = app.app().utskick().avsandare();
        assertTrue(inom(10_000, () -> avsandare.sidorNu() == 0), "nothing served before the test");
        try (Socket klient = new Socket("localhost", app.port())) {
            OutputStream ut = klient.getOutputStream();
            // The headers and the start of a form: the server takes the request up and waits for the rest.
            ut.write(("POST /logga-in HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 200\r\n\r\nanvandarnamn=")
                    .getBytes(StandardCharsets.US_ASCII));
            ut.flush();
            assertTrue(inom(10_000, () -> avsandare.sidorNu() > 0),
                    "a request being served makes the sender give way");
        }
        assertTrue(inom(10_000, () -> avsandare.sidorNu() == 0), "and once it has ended, the sender goes freely");
    }
}
