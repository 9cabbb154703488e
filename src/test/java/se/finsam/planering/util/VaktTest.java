package se.finsam.planering.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A thread that dies of a real OutOfMemoryError ends the process with status 70 once {@link Vakt} is installed
 * (as {@code main} does), instead of leaving it alive without that thread.
 */
class VaktTest {

    /** Run in a JVM of its own with a small heap: one thread fills the heap, main would go on forever. */
    public static void main(String[] args) throws InterruptedException {
        Vakt.installera();
        Thread fyller = new Thread(() -> {
            List<long[]> minne = new ArrayList<>();
            while (true) {
                minne.add(new long[1 << 17]);
            }
        }, "fyller-minnet");
        fyller.start();
        Thread.sleep(120_000);
        System.exit(0);
    }

    @Test
    void enTradSomDorAvSlutMinneAvslutarProcessen() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-cp", System.getProperty("java.class.path"), VaktTest.class.getName());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String ut = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(Vakt.STATUS, p.waitFor(), ut);
        assertTrue(ut.contains("fyller-minnet dog av java.lang.OutOfMemoryError"), ut);
    }
}
