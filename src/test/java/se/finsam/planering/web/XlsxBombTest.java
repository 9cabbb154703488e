package se.finsam.planering.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.finsam.planering.auth.Totp;
import se.finsam.planering.demo.DemoData;

/**
 * An .xlsx of a few kilobytes that unpacks to more than a gigabyte, sent to both imports of the server as
 * deployed (its own JVM with the service unit's 128 MB heap): refused before it is unpacked, with the reason in
 * the form, and the server answers afterwards.
 */
class XlsxBombTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static byte[] bzip2Bomb;
    private static byte[] deflateBomb;

    @TempDir
    Path dir;

    @BeforeAll
    static void bygg() {
        bzip2Bomb = Zipbomb.bzip2(31);
        deflateBomb = Zipbomb.deflate(100);
    }

    @Test
    void bombernaArVerkliga() throws IOException {
        assertTrue(bzip2Bomb.length < 4096, "a few kilobytes: " + bzip2Bomb.length);
        assertTrue(Zipbomb.letters(31) > 1_250_000_000L, "more than 1.25 GB in one cell");
        assertTrue(deflateBomb.length < 200 * 1024, "deflate: " + deflateBomb.length);
        try (var zip = org.apache.commons.compress.archivers.zip.ZipFile.builder()
                .setByteArray(bzip2Bomb).get()) {
            var sheet = zip.getEntry("xl/worksheets/sheet1.xml");
            assertEquals(12, sheet.getMethod(), "bzip2");
            assertEquals(Zipbomb.SHEET_START.length() + Zipbomb.letters(31) + Zipbomb.SHEET_END.length(),
                    sheet.getSize());
            try (var in = zip.getInputStream(sheet)) {
                assertEquals(Zipbomb.SHEET_START + "AAAA", new String(in.readNBytes(Zipbomb.SHEET_START.length() + 4),
                        StandardCharsets.UTF_8));
            }
        }
    }

    /** One visitor with its own cookies and the CSRF token of the last page it saw. */
    static final class Besokare {
        final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(20)).build();
        final String bas;
        volatile String csrf;

        Besokare(String bas) {
            this.bas = bas;
        }

        private HttpResponse<String> skicka(HttpRequest.Builder r) throws IOException, InterruptedException {
            HttpResponse<String> svar = client.send(r.timeout(Duration.ofSeconds(120)).header("Accept", "text/html")
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (svar.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
                var token = Jsoup.parse(svar.body()).selectFirst("input[name=_csrf]");
                if (token != null && !token.val().isEmpty()) {
                    csrf = token.val();
                }
            }
            return svar;
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return skicka(HttpRequest.newBuilder(URI.create(bas + path)).GET());
        }

        HttpResponse<String> post(String path, Map<String, String> falt) throws IOException, InterruptedException {
            Map<String, String> alla = new LinkedHashMap<>(falt);
            alla.put("_csrf", csrf);
            String body = alla.entrySet().stream().map(e -> e.getKey() + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return skicka(HttpRequest.newBuilder(URI.create(bas + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        HttpResponse<String> postFil(String path, Map<String, String> falt, String filnamn, byte[] innehall)
                throws IOException, InterruptedException {
            String grans = "----bomb" + System.nanoTime();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            Map<String, String> alla = new LinkedHashMap<>(falt);
            alla.put("_csrf", csrf);
            for (var e : alla.entrySet()) {
                body.writeBytes(("--" + grans + "\r\nContent-Disposition: form-data; name=\"" + e.getKey()
                        + "\"\r\n\r\n" + e.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            body.writeBytes(("--" + grans + "\r\nContent-Disposition: form-data; name=\"fil\"; filename=\"" + filnamn
                    + "\"\r\nContent-Type: " + XLSX + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(innehall);
            body.writeBytes(("\r\n--" + grans + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return skicka(HttpRequest.newBuilder(URI.create(bas + path))
                    .header("Content-Type", "multipart/form-data; boundary=" + grans)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        }

        Besokare loggaIn(String anvandarnamn) throws IOException, InterruptedException {
            get("/logga-in");
            HttpResponse<String> svar = post("/logga-in", Map.of("anvandarnamn", anvandarnamn,
                    "losenord", DemoData.STAFF_PASSWORD));
            assertEquals(302, svar.statusCode(), svar.body());
            if (svar.headers().firstValue("Location").orElse("").startsWith("/tvafaktor")) {
                get("/tvafaktor");
                HttpResponse<String> kod = post("/tvafaktor", Map.of("kod",
                        Totp.kod(DemoData.DEMO_TOTP_SECRET, Totp.steg(Instant.now()))));
                assertEquals(302, kod.statusCode(), kod.body());
            }
            return this;
        }
    }

    /** The message under the file field, which must say why the file was refused. */
    static String felVidFil(HttpResponse<String> svar) {
        Document d = Jsoup.parse(svar.body());
        return d.select("#fil-fel").text();
    }

    /** The real server in a JVM of its own at the deployment's heap, with the small demo data, its log in a file. */
    static Process startaMed128Mb(Path dir, int port, Path logg) throws java.io.IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
                "se.finsam.planering.App");
        pb.environment().put("FINSAM_PORT", String.valueOf(port));
        pb.environment().put("FINSAM_DB", dir.resolve("finsam.db").toString());
        pb.environment().put("FINSAM_DEMO", "small");
        pb.environment().remove("FINSAM_DEV");
        pb.redirectErrorStream(true).redirectOutput(logg.toFile());
        return pb.start();
    }

    @Test
    void bombernaAvvisasAvBadaImporternaMed128MbHeapOchServernSvararEfterat() throws Exception {
        int port;
        try (ServerSocket ledig = new ServerSocket(0)) {
            port = ledig.getLocalPort();
        }
        Path logg = dir.resolve("server.log");
        Process server = startaMed128Mb(dir, port, logg);
        String bas = "http://localhost:" + port;
        try {
            vantaPaHalsa(bas, server, logg);

            Besokare admin = new Besokare(bas).loggaIn("admin");
            admin.get("/admin/personal/import");
            HttpResponse<String> svar = admin.postFil("/admin/personal/import", Map.of(), "personal.xlsx", bzip2Bomb);
            assertEquals(400, svar.statusCode(), svar.body());
            assertTrue(felVidFil(svar).contains("packad på ett sätt som Excel inte använder"), felVidFil(svar));
            svar = admin.postFil("/admin/personal/import", Map.of(), "personal.xlsx", deflateBomb);
            assertEquals(400, svar.statusCode(), svar.body());
            assertTrue(felVidFil(svar).contains("blir för stor när den packas upp"), felVidFil(svar));

            Besokare koordinator = new Besokare(bas).loggaIn("koordinator");
            Document sida = Jsoup.parse(koordinator.get("/statistik/import").body());
            String team = sida.select("select[name=team] option[value]").stream().map(o -> o.attr("value"))
                    .filter(v -> !v.isEmpty()).findFirst().orElseThrow();
            svar = koordinator.postFil("/statistik/import", Map.of("team", team), "lista.xlsx", deflateBomb);
            assertEquals(400, svar.statusCode(), svar.body());
            assertTrue(felVidFil(svar).contains("blir för stor när den packas upp"), felVidFil(svar));

            // Four parallel loops of five uploads, as the attack was run.
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Integer>> svaren = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                boolean personal = i % 2 == 0;
                svaren.add(pool.submit(() -> personal
                        ? admin.postFil("/admin/personal/import", Map.of(), "personal.xlsx", bzip2Bomb).statusCode()
                        : koordinator.postFil("/statistik/import", Map.of("team", team), "lista.xlsx", bzip2Bomb)
                                .statusCode()));
            }
            for (Future<Integer> f : svaren) {
                assertEquals(400, f.get(5, TimeUnit.MINUTES));
            }
            pool.shutdown();

            assertTrue(server.isAlive(), Files.readString(logg));
            assertEquals(200, new Besokare(bas).get("/health").statusCode());
            assertFalse(Files.readString(logg).contains("OutOfMemoryError"), Files.readString(logg));
        } finally {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    static void vantaPaHalsa(String bas, Process server, Path logg) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long grans = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < grans) {
            if (!server.isAlive()) {
                throw new AssertionError("the server stopped: " + Files.readString(logg));
            }
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(bas + "/health")).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException inteAn) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no answer from /health: " + Files.readString(logg));
    }
}
