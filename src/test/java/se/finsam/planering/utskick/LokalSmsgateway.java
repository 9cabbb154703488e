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
 * 429, 5xx, or no answer in time. Like 46elks it posts back: a message's delivery report to the address the message
 * gave ({@code whendelivered}, its user and password as basic authentication), and an SMS a phone sends to the
 * number, to the address set for incoming SMS.
 */
final class LokalSmsgateway implements AutoCloseable {

    enum Svar { OK, OGILTIGT_NUMMER, FOR_MANGA, SERVERFEL, TYST }

    record Mottaget(String id, String from, String to, String message, String authorization, String whendelivered) {
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
            vantaPaVillkor();
            int status;
            String body;
            switch (svar) {
                case OK -> {
                    String nyttId = "s" + id.incrementAndGet();
                    mottagna.add(new Mottaget(nyttId, form.get("from"), form.get("to"), form.get("message"),
                            ex.getRequestHeaders().getFirst("Authorization"), form.get("whendelivered")));
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

    private final java.net.http.HttpClient klient = java.net.http.HttpClient.newHttpClient();
    /** Where the server really listens (a test's base URL has no port): the callbacks go there. */
    private volatile URI appen;

    void appen(URI adress) {
        appen = adress;
    }

    /** Posts the delivery report of a message it took, as 46elks does; returns the server's status code. */
    int leveransrapport(String id, String status) {
        Mottaget m = mottagna.stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no message " + id));
        if (m.whendelivered() == null) {
            throw new IllegalStateException("the message gave no address for its delivery report");
        }
        return posta(URI.create(m.whendelivered()), "id=" + enc(id) + "&status=" + enc(status)
                + (status.equals("delivered") ? "&delivered=" + enc(java.time.Instant.now().toString()) : ""));
    }

    /** Posts an SMS from a phone to the address for incoming SMS (user and password in it, as 46elks takes them). */
    int inkommande(URI adress, String fran, String text) {
        return posta(adress, "direction=incoming&id=" + enc("i" + id.incrementAndGet()) + "&from=" + enc(fran)
                + "&to=" + enc("+46766861234") + "&message=" + enc(text)
                + "&created=" + enc(java.time.Instant.now().toString()));
    }

    /** A POST of a form to {@code adress}: its user info becomes basic authentication, as 46elks does it. */
    int posta(URI adress, String form) {
        URI mal = appen == null ? adress : URI.create(appen.getScheme() + "://" + appen.getAuthority()
                + adress.getRawPath());
        java.net.http.HttpRequest.Builder req = java.net.http.HttpRequest.newBuilder(mal)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form));
        if (adress.getRawUserInfo() != null) {
            String info = URLDecoder.decode(adress.getRawUserInfo(), StandardCharsets.UTF_8);
            req.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString(info.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return klient.send(req.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Until this holds (at most 20 s), every request waits for its answer; null: answered at once. */
    private volatile java.util.function.BooleanSupplier svaraNar;

    /** Holds each answer until {@code villkor} holds, or 20 s have passed; null: answers at once again. */
    void svaraNar(java.util.function.BooleanSupplier villkor) {
        svaraNar = villkor;
    }

    private void vantaPaVillkor() {
        java.util.function.BooleanSupplier villkor = svaraNar;
        for (int i = 0; villkor != null && !villkor.getAsBoolean() && i < 400; i++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
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

    /**
     * Before each test of a class that shares this gateway and {@code app}: the test clock at its start, the
     * outbox empty, the gateway answering OK and having received nothing.
     */
    void inforTest(se.finsam.planering.testsupport.TestApp app) {
        app.clock().set(se.finsam.planering.testsupport.TestApp.START);
        app.tomUtkorgen();
        standard(Svar.OK);
        rensa();
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

    /** A test server whose SMS goes here, with {@code installning} given this gateway's address; reports go to it. */
    se.finsam.planering.testsupport.TestApp starta(
            java.util.function.Function<URI, Kanalinstallning> installning) {
        se.finsam.planering.testsupport.TestApp app = se.finsam.planering.testsupport.TestApp.start(
                installning.apply(url()));
        appen(URI.create(app.url("")));
        return app;
    }

    /** Stops the test server and then this gateway (a test class's end). */
    void stang(se.finsam.planering.testsupport.TestApp app) {
        app.close();
        close();
    }
}
