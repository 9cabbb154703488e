package se.finsam.planering.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

/** The app's own files: each as it is in {@code web/}, with its type, revalidated by ETag; nothing else. */
class StatiskaFilerHttpTest extends AppTest {

    private HttpResponse<byte[]> hamta(HttpSession s, String path, String... rubriker) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url(path))).GET();
        for (int i = 0; i < rubriker.length; i += 2) {
            b.header(rubriker[i], rubriker[i + 1]);
        }
        return s.sendBytes(b);
    }

    @Test
    void varjeFilSomDenArMedTypOchEtag() throws IOException {
        Map<String, String> typer = Map.of("/css/app.css", "text/css", "/css/handlaggare.css", "text/css",
                "/js/app.js", "text/javascript", "/sw.js", "text/javascript", "/icons/icon-192.png", "image/png",
                "/icons/icon.svg", "image/svg+xml", "/manifest.webmanifest", "application/manifest+json",
                "/robots.txt", "text/plain");
        HttpSession s = app.session();
        for (var e : typer.entrySet()) {
            HttpResponse<byte[]> svar = hamta(s, e.getKey());
            assertEquals(200, svar.statusCode(), e.getKey());
            assertArrayEquals(Files.readAllBytes(Path.of("web" + e.getKey())), svar.body(), e.getKey());
            assertEquals(e.getValue(), svar.headers().firstValue("Content-Type").orElse(""), e.getKey());
            assertEquals("no-cache", svar.headers().firstValue("Cache-Control").orElse(""), e.getKey());
            assertTrue(svar.headers().firstValue("ETag").orElse("").startsWith("W/\""), e.getKey());
        }
        assertNotEquals(hamta(s, "/js/app.js").headers().firstValue("ETag"),
                hamta(s, "/sw.js").headers().firstValue("ETag"), "each file has its own tag");
    }

    @Test
    void oforandradFilSvarar304() {
        HttpSession s = app.session();
        String etag = hamta(s, "/css/app.css").headers().firstValue("ETag").orElseThrow();
        for (String ifNoneMatch : List.of(etag, etag.substring(2), "\"annan\", " + etag, "*")) {
            HttpResponse<byte[]> svar = hamta(s, "/css/app.css", "If-None-Match", ifNoneMatch);
            assertEquals(304, svar.statusCode(), ifNoneMatch);
            assertEquals(0, svar.body().length, ifNoneMatch);
            assertEquals(etag, svar.headers().firstValue("ETag").orElse(""), ifNoneMatch);
        }
        assertEquals(200, hamta(s, "/css/app.css", "If-None-Match", "W/\"gammal-1\"").statusCode());
        assertEquals(200, hamta(s, "/js/app.js", "If-None-Match", etag).statusCode(), "another file's tag");
    }

    @Test
    void baraWebmappensFilerAldrigNagotAnnatIJarenEllerUtanfor() {
        HttpSession s = app.session();
        for (String path : List.of("/css", "/css/", "/icons", "/finns-inte.css", "/css/app.css/", "/css/app.cs",
                "/css/%2e%2e/css/app.css", "/css/.app.css", "/web/css/app.css", "/logback.xml",
                "/db/migration/V1__schema.sql", "/se/finsam/planering/App.class", "/i18n/messages.properties",
                "/META-INF/MANIFEST.MF")) {
            HttpResponse<byte[]> svar = hamta(s, path);
            assertEquals(404, svar.statusCode(), path);
            assertTrue(svar.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), path);
        }
        assertEquals(400, hamta(s, "/css/app.css%00.png").statusCode(), "the server refuses a NUL in a path");
        int post = s.sendBytes(HttpRequest.newBuilder(URI.create(s.url("/css/app.css")))
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode();
        assertTrue(post >= 400 && post < 500, "a file is not posted to: " + post);
    }

    @Test
    void komprimeradNarWebblasarenTarDet() throws IOException {
        HttpSession s = app.session();
        HttpResponse<byte[]> svar = hamta(s, "/css/app.css", "Accept-Encoding", "gzip");
        assertEquals("gzip", svar.headers().firstValue("Content-Encoding").orElse(""));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(svar.body()))) {
            assertArrayEquals(Files.readAllBytes(Path.of("web/css/app.css")), in.readAllBytes());
        }
        assertTrue(hamta(s, "/icons/icon-192.png", "Accept-Encoding", "gzip").headers()
                .firstValue("Content-Encoding").isEmpty(), "a PNG is compressed already");
    }

    @Test
    void iUtvecklingLasesFilenFranDiskenVarjeGang(@TempDir Path katalog) throws IOException {
        Files.createDirectories(katalog.resolve("css"));
        Files.writeString(katalog.resolve("css/app.css"), "body { color: red }");
        StatiskaFiler filer = new StatiskaFiler(katalog);
        StatiskaFiler.Fil forst = filer.fil("/css/app.css");
        assertEquals("body { color: red }", new String(forst.innehall(), java.nio.charset.StandardCharsets.UTF_8));
        Files.writeString(katalog.resolve("css/app.css"), "body { color: blue }");
        StatiskaFiler.Fil sedan = filer.fil("/css/app.css");
        assertEquals("body { color: blue }", new String(sedan.innehall(), java.nio.charset.StandardCharsets.UTF_8));
        assertNotEquals(forst.etag(), sedan.etag());
        assertNull(filer.fil("/css"));
        assertNull(filer.fil("/../" + katalog.getFileName() + "/css/app.css"));
    }
}
