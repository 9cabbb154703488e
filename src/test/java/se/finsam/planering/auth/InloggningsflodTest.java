package se.finsam.planering.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.HttpSession;

/**
 * The server as deployed, in its own JVM with the 128 MB heap of the service unit, under a flood of
 * simultaneous logins for accounts that do not exist (no account is needed for this attack).
 */
class InloggningsflodTest {

    private static final int LOGINS = 50;

    @TempDir
    Path dir;

    /** One visitor: own cookies, a CSRF token from the login page. */
    private static final class Visitor {
        final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(20)).build();
        final String base;
        String csrf;

        Visitor(String base) {
            this.base = base;
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(60)).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            String token = HttpSession.csrfIn(r.body());
            if (token != null) {
                csrf = token;
            }
            return r;
        }

        HttpResponse<String> login(String username, String password) throws IOException, InterruptedException {
            String body = Map.of("_csrf", csrf, "anvandarnamn", username, "losenord", password).entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return client.send(HttpRequest.newBuilder(URI.create(base + "/logga-in"))
                    .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void femtioSamtidigaInloggningarMed128MbHeapGerInga5xxOchIngetMinnesfel() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path output = dir.resolve("server.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseParallelGC", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                "se.finsam.planering.App");
        pb.environment().put("FINSAM_PORT", String.valueOf(port));
        pb.environment().put("FINSAM_DB", dir.resolve("finsam.db").toString());
        pb.environment().put("FINSAM_DEMO", "small");
        pb.environment().remove("FINSAM_DEV");
        pb.redirectErrorStream(true).redirectOutput(output.toFile());
        Process server = pb.start();
        String base = "http://localhost:" + port;
        try {
            waitForHealth(base, server, output);
            // A handläggare's own computer, on the same network as the flood, has logged in before.
            Visitor after = new Visitor(base);
            after.get("/logga-in");
            assertEquals(302, after.login("handlaggare", DemoData.STAFF_PASSWORD).statusCode());
            assertEquals(200, after.get("/oversikt").statusCode());

            List<Visitor> visitors = new ArrayList<>();
            for (int i = 0; i < LOGINS; i++) {
                Visitor v = new Visitor(base);
                v.get("/logga-in");
                visitors.add(v);
            }
            ExecutorService pool = Executors.newFixedThreadPool(LOGINS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < LOGINS; i++) {
                Visitor v = visitors.get(i);
                String name = "finns-inte-" + i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return v.login(name, "gissning-" + name).statusCode();
                }));
            }
            go.countDown();
            Map<Integer, Integer> byStatus = new TreeMap<>();
            for (Future<Integer> f : answers) {
                byStatus.merge(f.get(5, TimeUnit.MINUTES), 1, Integer::sum);
            }
            pool.shutdown();
            System.out.println("50 simultaneous logins at -Xmx128m, answers by status: " + byStatus);

            String log = Files.readString(output);
            assertFalse(log.contains("OutOfMemoryError"), log);
            assertTrue(server.isAlive(), log);
            byStatus.keySet().forEach(status -> assertTrue(status == 401 || status == 429,
                    "status " + status + " in " + byStatus));
            assertTrue(byStatus.getOrDefault(401, 0) > 0, "some were checked: " + byStatus);

            assertEquals(200, after.get("/health").statusCode());
            after.get("/logga-in");
            HttpResponse<String> login = after.login("handlaggare", DemoData.STAFF_PASSWORD);
            assertEquals(302, login.statusCode(), login.body());
            assertEquals(200, after.get("/oversikt").statusCode());
        } finally {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static void waitForHealth(String base, Process server, Path output) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("the server stopped: " + Files.readString(output));
            }
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no answer from /health: " + Files.readString(output));
    }
}
