package se.finsam.planering.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * When the audit log's writer dies of an Error (here thrown by the writer itself at its next turn, as an
 * OutOfMemoryError would be), /health answers 503 until a new writer runs; the new one writes what was queued,
 * so no read is lost, and /health answers 200 again.
 */
class AuditSkrivarenTest extends AppTest {

    private static int halsa(HttpClient klient) throws Exception {
        return klient.send(HttpRequest.newBuilder(URI.create(app.url("/health"))).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Reads of the participant in the file, counted on a connection of the test's (which writes nothing out). */
    private static long lasningar(long deltagare) throws Exception {
        try (var c = app.raJdbc();
             var rs = c.createStatement().executeQuery(
                     "SELECT coalesce(sum(antal), 0) FROM audit_log WHERE handling = 'las' AND deltagare_id = " + deltagare)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void skrivarenSomDorGerHalsa503OchKommerTillbakaMedKonIntakt() throws Exception {
        long d = TestData.deltagare(app).iTeam("Jobbtorg Kista").hamta();
        HttpSession koordinator = app.session().loginStaff("koordinator");
        HttpClient klient = HttpClient.newHttpClient();
        assertEquals(200, halsa(klient));
        app.jdbi(); // writes out what is queued, so the count starts from a quiet log
        long fore = lasningar(d);

        app.app().audit().provaFel(new OutOfMemoryError("prov: skrivaren dör"));
        assertEquals(200, koordinator.get("/deltagare/" + d).statusCode());
        List<Integer> svar = new ArrayList<>();
        // Until the writer is back: it is started again after a pause of a second.
        for (int i = 0; i < 3000 && (svar.isEmpty() || svar.get(svar.size() - 1) != 200 || !svar.contains(503)); i++) {
            svar.add(halsa(klient));
            Thread.sleep(10);
        }
        assertTrue(svar.contains(503), "/health said 503 while the writer was gone: " + svar);
        assertEquals(200, svar.get(svar.size() - 1), "and 200 once it was back");
        assertTrue(app.app().audit().skrivarenGar());

        // The read queued around its death is written by the new writer (nobody asked for the queue to be flushed).
        long efter = fore;
        for (int i = 0; i < 500 && efter == fore; i++) {
            Thread.sleep(20);
            efter = lasningar(d);
        }
        assertTrue(efter > fore, "the queued read was written: " + fore + " -> " + efter);
    }
}
