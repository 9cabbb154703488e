package se.finsam.planering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings from the environment: defaults for a first run, and a clear message for a value that cannot be. */
class ConfigTest {

    @Test
    void standardvarden() {
        Config c = Config.fromEnvironment(Map.of());
        assertEquals(7070, c.port());
        assertEquals("http://localhost:7070", c.baseUrl());
        assertEquals(Config.DemoMode.SMALL, c.demo());
        assertEquals(Math.max(8, 4 * Runtime.getRuntime().availableProcessors()), c.threads());
        assertTrue(c.threads() >= 8);
    }

    @Test
    void tradarKanSattasInomGranserna() {
        assertEquals(8, Config.fromEnvironment(Map.of("FINSAM_THREADS", "8")).threads());
        assertEquals(64, Config.fromEnvironment(Map.of("FINSAM_THREADS", " 64 ")).threads());
        for (String fel : new String[] {"7", "0", "-3", "1001"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Config.fromEnvironment(Map.of("FINSAM_THREADS", fel)));
            assertTrue(e.getMessage().startsWith("FINSAM_THREADS must be between 8 and 1000"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Config.fromEnvironment(Map.of("FINSAM_THREADS", "många")));
        assertEquals("FINSAM_THREADS must be a whole number, was: många", e.getMessage());
    }
}
