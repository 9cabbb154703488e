package se.finsam.planering.util;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server is never alive but deaf. A thread that dies of an {@link Error} (out of memory, a stack overflow,
 * a class that will not load) leaves the process in a state nobody has tested: the process ends at once with
 * status {@link #STATUS}, so that systemd (or whatever started it) starts it again. Threads that can come back
 * on their own (the audit log's writer) do, and do not end the process.
 *
 * <p>{@link #installera} is called by {@code main} only; tests that start the app in their own JVM keep the
 * JVM's usual handling (the dying thread's error is printed).
 */
public final class Vakt {

    private static final Logger LOG = LoggerFactory.getLogger(Vakt.class);

    /** The exit status after a fatal error (EX_SOFTWARE). */
    public static final int STATUS = 70;

    private Vakt() {
    }

    /** Makes every thread that dies of an Error end the process; other deaths are logged. */
    public static void installera() {
        Thread.setDefaultUncaughtExceptionHandler((trad, fel) -> {
            if (fel instanceof Error) {
                stoppa(trad, fel);
            } else {
                try {
                    LOG.error("Thread {} ended with an exception", trad.getName(), fel);
                } catch (Throwable ignorerad) {
                    // Logging itself failed; the thread is gone either way.
                }
            }
        });
    }

    /**
     * Hands an Error caught at the top of a job that stays alive (a scheduled task, a pool's thread) to the
     * handler that would have seen it had the thread died: with {@link #installera}, the process ends.
     */
    public static void dodligt(Throwable fel) {
        Thread trad = Thread.currentThread();
        Thread.UncaughtExceptionHandler handler = trad.getUncaughtExceptionHandler();
        if (handler != null) {
            handler.uncaughtException(trad, fel);
        }
    }

    /**
     * Asks the server's own /health every {@code intervall}; after {@code grans} times in a row without an
     * answer within the interval, the process ends with {@link #STATUS}: a server that is alive but does not
     * answer (its acceptor gone, every thread stuck) is started again rather than left so. Any answer, 503
     * too, counts as alive (503 says what is wrong, and its causes mend themselves or need a person). Called
     * by {@code main}, so this holds for a plain {@code java -jar} too.
     */
    public static Thread horHalsan(java.net.URI halsa, java.time.Duration intervall, int grans) {
        Thread trad = new Thread(() -> {
            int fel = 0;
            while (true) {
                try {
                    Thread.sleep(intervall.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                int status = fraga(halsa, (int) intervall.toMillis());
                fel = status > 0 ? 0 : fel + 1;
                if (fel == 1 || fel == grans) {
                    LOG.warn("/health did not answer ({} in a row)", fel);
                }
                if (fel >= grans) {
                    stoppa(Thread.currentThread(), new IllegalStateException(
                            "/health did not answer " + grans + " times in a row"));
                }
            }
        }, "halsovakt");
        trad.setDaemon(true);
        trad.start();
        return trad;
    }

    /**
     * One question on a new connection, closed after the answer: a kept-alive connection would go on being
     * answered by the selector after the acceptor has died, while nobody else can connect. The status code,
     * or -1 when nothing answers within the time.
     */
    static int fraga(java.net.URI halsa, int millis) {
        try (java.net.Socket uttag = new java.net.Socket()) {
            uttag.connect(new java.net.InetSocketAddress(halsa.getHost(), halsa.getPort()), millis);
            uttag.setSoTimeout(millis);
            uttag.getOutputStream().write(("GET " + halsa.getRawPath() + " HTTP/1.1\r\nHost: " + halsa.getHost()
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String rad = new java.io.BufferedReader(new java.io.InputStreamReader(uttag.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            if (rad == null || !rad.startsWith("HTTP/1.") || rad.length() < 12) {
                return -1;
            }
            return Integer.parseInt(rad.substring(9, 12));
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static void stoppa(Thread trad, Throwable fel) {
        try {
            System.err.println("FINSAM Planering: " + trad.getName() + ": " + fel
                    + "; processen avslutas med status " + STATUS + " för att startas om");
            LOG.error("{}: the process ends with status {} to be restarted", trad.getName(), STATUS, fel);
        } catch (Throwable ignorerad) {
            // Out of memory even for the message: end anyway.
        }
        Runtime.getRuntime().halt(STATUS);
    }
}
