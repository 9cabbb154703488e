package se.finsam.planering.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gg.jte.output.Utf8ByteOutput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

/** Pages go out as gzip when the browser takes it, byte for byte the page, with compressors shared safely. */
class GzipTest extends AppTest {

    private static byte[] packaUpp(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    private static Utf8ByteOutput sida(Random slump) {
        Utf8ByteOutput out = new Utf8ByteOutput();
        int delar = 1 + slump.nextInt(80);
        for (int i = 0; i < delar; i++) {
            if (slump.nextInt(3) == 0) {
                byte[] fast = new byte[slump.nextInt(20_000)];
                slump.nextBytes(fast);
                out.writeBinaryContent(fast);
            } else {
                out.writeContent("<li dir=\"auto\">مرحبا ".repeat(slump.nextInt(200)) + "Åsa " + i);
            }
        }
        return out;
    }

    @Test
    void vilkaWebblasareSomTarGzip() {
        for (String ja : List.of("gzip", "gzip, deflate, br, zstd", "br;q=1.0, GZIP;q=0.5", "*", "deflate, gzip")) {
            assertTrue(Gzip.tas(ja), ja);
        }
        for (String nej : new String[] {null, "", "br", "identity", "gzip;q=0", "gzip; q=0.000", "x-gzip2"}) {
            assertFalse(Gzip.tas(nej), nej);
        }
    }

    @Test
    void sidanPackasUppTillSammaByteISammaTradarSamtidigt() throws Exception {
        ExecutorService tradar = Executors.newFixedThreadPool(12);
        try {
            List<Future<?>> klara = new ArrayList<>();
            for (int t = 0; t < 12; t++) {
                int frö = t;
                klara.add(tradar.submit(() -> {
                    Random slump = new Random(frö);
                    for (int i = 0; i < 60; i++) {
                        byte[] sida = sida(slump).toByteArray();
                        // Only the first langd bytes of the array are the page; the rest must not be packed.
                        byte[] medMer = java.util.Arrays.copyOf(sida, sida.length + slump.nextInt(100));
                        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
                        Gzip.skriv(medMer, sida.length, gzip);
                        assertArrayEquals(sida, packaUpp(gzip.toByteArray()), "page " + frö + "/" + i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : klara) {
                f.get();
            }
        } finally {
            tradar.shutdownNow();
        }
    }

    @Test
    void enSidaKomprimeradEllerInteArSammaSida() throws IOException {
        HttpSession s = app.session();
        s.get("/logga-in");
        HttpResponse<byte[]> vanlig = s.sendBytes(HttpRequest.newBuilder(URI.create(s.url("/logga-in"))).GET());
        HttpResponse<byte[]> packad = s.sendBytes(HttpRequest.newBuilder(URI.create(s.url("/logga-in")))
                .header("Accept-Encoding", "gzip, deflate, br").GET());
        assertEquals(200, packad.statusCode());
        assertEquals("gzip", packad.headers().firstValue("Content-Encoding").orElse(""));
        assertTrue(vanlig.headers().firstValue("Content-Encoding").isEmpty());
        assertEquals("Accept-Encoding", packad.headers().firstValue("Vary").orElse(""));
        assertEquals("Accept-Encoding", vanlig.headers().firstValue("Vary").orElse(""));
        assertTrue(packad.body().length * 2 < vanlig.body().length, packad.body().length + " of " + vanlig.body().length);
        assertArrayEquals(vanlig.body(), packaUpp(packad.body()));

        HttpResponse<byte[]> nekad = s.sendBytes(HttpRequest.newBuilder(URI.create(s.url("/logga-in")))
                .header("Accept-Encoding", "gzip;q=0").GET());
        assertTrue(nekad.headers().firstValue("Content-Encoding").isEmpty(), "q=0 refuses gzip");
        assertArrayEquals(vanlig.body(), nekad.body());
    }
}
