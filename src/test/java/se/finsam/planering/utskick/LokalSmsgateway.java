package se.finsam.planering.utskick;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMS gateway on a local port that speaks 46elks' form API: POST from, to, message with basic authentication,
 * answered with JSON holding the message's id. Its next answers can be set: success, a failure ("invalid number"),
 * 429, 5xx, or no answer in time.
 */
final class LokalSmsgateway implements AutoCloseable {

    enum Svar { OK, OGILTIGT_NUMMER, FOR_MANGA, SERVERFEL, TYST }

    record Mottaget(String id, String from, String to, String message, String authorization) {
    }

    final List<Mottaget> mottagna = new CopyOnWriteArrayList<>();
    /** Every request, answered or not. */
    final AtomicInteger anrop = new AtomicInteger();
    private final Deque<Svar> nasta = new ArrayDeque<>();
    private volatile Svar standard = Svar.OK;
    private final HttpServer server;
    private final AtomicInteger id = new AtomicInteger();

    LokalSmsgateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/a1/sms", ex -> {
            anrop.incrementAndGet();
            Map<String, String> form = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Svar svar = nastaSvar();
            int status;
            String body;
            switch (svar) {
                case OK -> {
                    String nyttId = "s" + id.incrementAndGet();
                    mottagna.add(new Mottaget(nyttId, form.get("from"), form.get("to"), form.get("message"),
                            ex.getRequestHeaders().getFirst("Authorization")));
                    status = 200;
                    body = "{\"status\": \"created\", \"id\": \"" + nyttId + "\", \"to\": \"" + form.get("to")
                            + "\", \"parts\": 1}";
                }
                case OGILTIGT_NUMMER -> {
                    status = 403;
                    body = "Invalid to number";
                }
                case FOR_MANGA -> {
                    status = 429;
                    body = "Too many requests";
                }
                case SERVERFEL -> {
                    status = 503;
                    body = "Service unavailable";
                }
                default -> {
                    try {
                        Thread.sleep(3_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    status = 200;
                    body = "{\"status\": \"created\", \"id\": \"sent" + id.incrementAndGet() + "\"}";
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            } catch (IOException e) {
                // The client gave up waiting.
            }
        });
        server.start();
    }

    private synchronized Svar nastaSvar() {
        return nasta.isEmpty() ? standard : nasta.poll();
    }

    synchronized void svara(Svar... svar) {
        nasta.addAll(List.of(svar));
    }

    void standard(Svar svar) {
        standard = svar;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/a1/sms");
    }

    void rensa() {
        mottagna.clear();
        anrop.set(0);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String del : body.split("&")) {
            String[] kv = del.split("=", 2);
            if (kv.length == 2) {
                m.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return m;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
