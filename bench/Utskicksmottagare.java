import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The receiving end of the messaging benchmarks, on loopback: an SMS gateway speaking 46elks' form API
 * (POST /a1/sms with from, to, message; answered with JSON holding the message's id) and an SMTP server
 * (GreenMail, no STARTTLS: the server is given smtp://...?starttls=valfri). Every message taken is written to the
 * log, one line each, before it is answered: "sms <to> <epoch ms> <id>" or "epost <to> <epoch ms>". A message
 * written there was received, whatever became of the answer.
 *
 * While the file LOG.bortfall exists, the gateway drops the share of requests it names (a whole number of percent):
 * each dropped request at random closes the connection unanswered, gives no answer for 20 s (beyond the sender's
 * 15 s time-out) and then closes it, or answers 429; a dropped request is not taken, and is logged as
 * "tappat <how> <to> <epoch ms>". Removing the file is the gateway's recovery.
 *
 *   java -cp GREENMAIL_CLASSPATH bench/Utskicksmottagare.java LOG SMS_PORT SMTP_PORT
 */
public class Utskicksmottagare {

    private static PrintWriter logg;

    private static synchronized void skriv(String rad) {
        logg.println(rad);
        logg.flush();
    }

    public static void main(String[] args) throws Exception {
        Path loggfil = Path.of(args[0]);
        Path bortfall = Path.of(args[0] + ".bortfall");
        int smsPort = Integer.parseInt(args[1]);
        int smtpPort = Integer.parseInt(args[2]);
        logg = new PrintWriter(Files.newBufferedWriter(loggfil, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND));
        AtomicLong id = new AtomicLong();

        // The JDK's HTTP server leaves Nagle's algorithm on unless told: it writes an answer's headers and body
        // apart, the body then waits for the sender's delayed acknowledgement, and every SMS took about 50 ms
        // longer than the gateway's work (measured: 52 ms a message against 11-17 ms with this on). A gateway
        // on the internet answers without that wait, so the benchmark's gateway does too.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", smsPort), 64);
        http.setExecutor(Executors.newCachedThreadPool());
        http.createContext("/a1/sms", ex -> {
            try (ex) {
                Map<String, String> form = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                String till = form.getOrDefault("to", "-");
                int andel = andel(bortfall);
                if (andel > 0 && ThreadLocalRandom.current().nextInt(100) < andel) {
                    switch (ThreadLocalRandom.current().nextInt(3)) {
                        case 0 -> {
                            // Closing the exchange before any answer ends the connection: the client reads nothing.
                            skriv("tappat stangd " + till + " " + System.currentTimeMillis());
                            return;
                        }
                        case 1 -> {
                            skriv("tappat tyst " + till + " " + System.currentTimeMillis());
                            Thread.sleep(20_000);
                            return;
                        }
                        default -> {
                            skriv("tappat 429 " + till + " " + System.currentTimeMillis());
                            svara(ex, 429, "Too many requests");
                            return;
                        }
                    }
                }
                String nytt = "b" + id.incrementAndGet();
                skriv("sms " + till + " " + System.currentTimeMillis() + " " + nytt);
                svara(ex, 200, "{\"status\": \"created\", \"id\": \"" + nytt + "\", \"to\": \"" + till
                        + "\", \"parts\": 1}");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        http.start();

        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        UserManager anvandare = smtp.getUserManager();
        MessageDeliveryHandler standard = anvandare.getMessageDeliveryHandler();
        anvandare.setMessageDeliveryHandler((meddelande, adress) -> {
            skriv("epost " + adress.getEmail() + " " + System.currentTimeMillis());
            return standard.handle(meddelande, adress);
        });
        System.out.println("Utskicksmottagare: sms on 127.0.0.1:" + smsPort + ", smtp on 127.0.0.1:" + smtpPort);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.stop(0);
            smtp.stop();
            logg.flush();
        }));
        Thread.currentThread().join();
    }

    private static int andel(Path bortfall) {
        try {
            return Files.exists(bortfall) ? Integer.parseInt(Files.readString(bortfall).strip()) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static void svara(HttpExchange ex, int status, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> m = new HashMap<>();
        for (String par : body.split("&")) {
            int i = par.indexOf('=');
            if (i > 0) {
                m.put(URLDecoder.decode(par.substring(0, i), StandardCharsets.UTF_8),
                        URLDecoder.decode(par.substring(i + 1), StandardCharsets.UTF_8));
            }
        }
        return m;
    }
}
