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
        if (args.length > 0) {
            // Nobody answers on this port: the process ends after three misses.
            Vakt.horHalsan(java.net.URI.create("http://127.0.0.1:" + args[0] + "/health"),
                    java.time.Duration.ofMillis(200), 3);
            Thread.sleep(120_000);
            System.exit(0);
        }
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
        assertTrue(ut.contains("fyller-minnet: java.lang.OutOfMemoryError"), ut);
    }

    @Test
    void enServerSomInteSvararPaHealthAvslutasAvHalsovakten() throws Exception {
        int ledig;
        try (var s = new java.net.ServerSocket(0)) {
            ledig = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), VaktTest.class.getName(), String.valueOf(ledig));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String ut = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(Vakt.STATUS, p.waitFor(), ut);
        assertTrue(ut.contains("halsovakt"), ut);
    }

    /**
     * A server whose acceptor has gone still answers on a connection it accepted earlier: each question of the
     * watchdog must open a new connection, or it would hear "200" from a server nobody else can reach.
     */
    @Test
    void varjeFragaOppnarEnNyAnslutning() throws Exception {
        java.net.ServerSocket acceptor = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        int port = acceptor.getLocalPort();
        Thread server = new Thread(() -> {
            try (java.net.Socket enda = acceptor.accept()) {
                acceptor.close(); // the acceptor is gone: nobody new gets in
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(enda.getInputStream(),
                        StandardCharsets.US_ASCII));
                var ut = enda.getOutputStream();
                String rad;
                while ((rad = in.readLine()) != null) {
                    if (rad.isEmpty()) {
                        ut.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        ut.flush();
                    }
                }
            } catch (java.io.IOException e) {
                // the test is over
            }
        }, "halvdod-server");
        server.setDaemon(true);
        server.start();
        java.net.URI halsa = java.net.URI.create("http://127.0.0.1:" + port + "/health");
        assertEquals(200, Vakt.fraga(halsa, 2000), "the first question is answered");
        assertEquals(-1, Vakt.fraga(halsa, 2000), "the next one finds nobody to let it in");
    }
}
