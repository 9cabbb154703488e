package se.finsam.planering.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A kept value is made once while kept, and never more than the maximum are kept. */
class BehallnaTest {

    @Test
    void gorsEnGangOchHallerSigInomMax() {
        Behallna<Integer, String> behallna = new Behallna<>(100);
        AtomicInteger gjorda = new AtomicInteger();
        for (int varv = 0; varv < 3; varv++) {
            for (int i = 0; i < 50; i++) {
                assertEquals("v" + i, behallna.hamta(i, k -> {
                    gjorda.incrementAndGet();
                    return "v" + k;
                }));
            }
        }
        assertEquals(50, gjorda.get(), "made once each while kept");
        for (int i = 0; i < 1000; i++) {
            assertEquals("v" + i, behallna.hamta(i, k -> "v" + k));
            assertTrue(behallna.storlek() <= 100, "never more than the maximum: " + behallna.storlek());
        }
        assertThrows(IllegalArgumentException.class, () -> new Behallna<>(0));
    }
}
