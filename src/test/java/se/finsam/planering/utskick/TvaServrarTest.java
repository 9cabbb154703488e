package se.finsam.planering.utskick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import se.finsam.planering.App;
import se.finsam.planering.Config;
import se.finsam.planering.db.Ensamjobb;
import se.finsam.planering.testsupport.MutableClock;
import se.finsam.planering.testsupport.TestApp;
import se.finsam.planering.testsupport.TestData;

/**
 * Two servers on one database behave as one for the work that must run once: only the server holding the lease
 * plans and sends messages, each message reaches the gateway once, and a lease that runs out (a server that died)
 * is taken over.
 */
class TvaServrarTest {

    @Test
    void ettLasEnInnehavareTillsDetGarUtEllerSlapps() {
        try (TestApp app = TestApp.start(Config.DemoMode.NONE)) {
            MutableClock klocka = app.clock();
            Ensamjobb a = new Ensamjobb(app.jdbi(), klocka);
            Ensamjobb b = new Ensamjobb(app.jdbi(), klocka);
            assertTrue(a.ta("prov", Duration.ofMinutes(1)), "a free lease is taken");
            assertFalse(b.ta("prov", Duration.ofMinutes(1)), "held by another server");
            klocka.advance(Duration.ofSeconds(50));
            assertTrue(a.ta("prov", Duration.ofMinutes(1)), "the holder renews it");
            klocka.advance(Duration.ofSeconds(50));
            assertFalse(b.ta("prov", Duration.ofMinutes(1)), "renewed, so not run out yet");
            assertTrue(b.ta("annat", Duration.ofMinutes(1)), "each job has its own lease");
            klocka.advance(Duration.ofSeconds(61));
            assertTrue(b.ta("prov", Duration.ofMinutes(1)), "a lease that ran out is taken over");
            assertFalse(a.ta("prov", Duration.ofMinutes(1)), "and the old holder has lost it");
            a.slapp("prov");
            assertFalse(a.ta("prov", Duration.ofMinutes(1)), "letting go of what one does not hold changes nothing");
            b.slapp("prov");
            assertTrue(a.ta("prov", Duration.ofMinutes(1)), "let go, it is free at once");
        }
    }

    @Test
    void tvaServrarPaEnDatabasSkickarVarjeMeddelandeEnGang() throws Exception {
        try (LokalSmsgateway gateway = new LokalSmsgateway();
             TestApp app = TestApp.start(new Kanalinstallning(null, null, gateway.url(), "api", "hemligt", "FINSAM",
                     1000))) {
            gateway.appen(java.net.URI.create(app.url("")));
            App server2 = app.andraServer(
                    new Kanalinstallning(null, null, gateway.url(), "api", "hemligt", "FINSAM", 1000));
            try {
                Avsandare ett = app.app().utskick().avsandare();
                Avsandare tva = server2.utskick().avsandare();
                // What the demo data left due goes out first (by whichever server holds the lease).
                for (int i = 0; i < 200 && (ett.korEnGang() + tva.korEnGang()) > 0; i++) {
                    // again, until nothing is due
                }
                gateway.rensa();

                int antal = 40;
                for (int i = 0; i < antal; i++) {
                    long d = TestData.deltagare(app).talar("sv").medNamn().hamta();
                    if (app.tal("SELECT count(*) FROM deltagare WHERE id = ? AND anvandare_id IS NULL", d) == 1) {
                        TestData.kontoMedPin(app, d, "428615");
                    }
                    app.sql("UPDATE deltagare SET telefon = ? WHERE id = ?", String.format("070-555 %02d %02d", i / 10, i), d);
                    Utkorg.nyttMeddelande(app, d, "tva-servrar:" + i);
                }
                int[] sanda = new int[2];
                ExecutorService tradar = Executors.newFixedThreadPool(2);
                try {
                    for (int varv = 0; varv < 50 && gateway.mottagna.size() < antal; varv++) {
                        Future<Integer> f1 = tradar.submit(ett::korEnGang);
                        Future<Integer> f2 = tradar.submit(tva::korEnGang);
                        sanda[0] += f1.get();
                        sanda[1] += f2.get();
                    }
                } finally {
                    tradar.shutdownNow();
                }
                assertEquals(antal, gateway.mottagna.size(), "every message reached the gateway");
                List<String> till = new ArrayList<>();
                gateway.mottagna.forEach(m -> till.add(m.to()));
                assertEquals(antal, new HashSet<>(till).size(), "each message once: " + till);
                assertTrue(sanda[0] == 0 || sanda[1] == 0,
                        "only the server holding the lease sent: " + sanda[0] + " and " + sanda[1]);
                assertEquals(antal, app.tal("SELECT count(*) FROM utskick WHERE nyckel LIKE 'tva-servrar:%' AND status = 'skickat'"));
                assertEquals(1, app.tal("SELECT count(*) FROM ensamjobb WHERE jobb = ?", Ensamjobb.UTSKICK));
            } finally {
                server2.stop();
            }
        }
    }
}
