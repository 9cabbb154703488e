package se.finsam.planering.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import gg.jte.output.Utf8ByteOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A page written piece by piece arrives whole, and its first write is large enough to be compressed. */
class RendererSkrivTest {

    /** Records the length of every write. */
    private static final class Skrivningar extends ByteArrayOutputStream {
        final List<Integer> langder = new ArrayList<>();

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            langder.add(len);
            super.write(b, off, len);
        }
    }

    @Test
    void heltOchForstaSkrivningenStor() throws IOException {
        Random slump = new Random(7);
        for (int sida = 0; sida < 200; sida++) {
            Utf8ByteOutput out = new Utf8ByteOutput();
            int delar = slump.nextInt(60);
            for (int i = 0; i < delar; i++) {
                if (slump.nextBoolean()) {
                    out.writeContent("ä".repeat(slump.nextInt(300)) + "<p dir=\"auto\">" + i);
                } else {
                    byte[] fast = new byte[slump.nextInt(5000)];
                    slump.nextBytes(fast);
                    out.writeBinaryContent(fast);
                }
            }
            Skrivningar skrivet = new Skrivningar();
            Renderer.skriv(out, skrivet);
            assertArrayEquals(out.toByteArray(), skrivet.toByteArray(), "page " + sida);
            if (out.getContentLength() > 0) {
                assertEquals(Math.min(out.getContentLength(), 4096), skrivet.langder.get(0), "page " + sida);
            }
        }
        Skrivningar tom = new Skrivningar();
        Renderer.skriv(new Utf8ByteOutput(), tom);
        assertEquals(0, tom.size());
        Utf8ByteOutput kort = new Utf8ByteOutput();
        kort.writeContent("hej");
        Skrivningar kortSkrivet = new Skrivningar();
        Renderer.skriv(kort, kortSkrivet);
        assertEquals("hej", kortSkrivet.toString(StandardCharsets.UTF_8));
    }

    @Test
    void sidanSamladISittStycke() throws IOException {
        Random slump = new Random(11);
        for (int sida = 0; sida < 100; sida++) {
            Utf8ByteOutput out = new Utf8ByteOutput();
            int delar = slump.nextInt(200);
            for (int i = 0; i < delar; i++) {
                if (slump.nextBoolean()) {
                    out.writeContent("مرحبا <bdi>" + i + "</bdi> ".repeat(slump.nextInt(20)));
                } else {
                    byte[] fast = new byte[slump.nextInt(600)];
                    slump.nextBytes(fast);
                    out.writeBinaryContent(fast);
                }
            }
            byte[] samlad = Renderer.samla(out);
            if (out.getContentLength() > 64 * 1024) {
                assertEquals(null, samlad, "page " + sida + " is too large for the buffer");
            } else {
                assertArrayEquals(out.toByteArray(), java.util.Arrays.copyOf(samlad, out.getContentLength()),
                        "page " + sida);
            }
        }
        Utf8ByteOutput stor = new Utf8ByteOutput();
        stor.writeBinaryContent(new byte[70_000]);
        assertEquals(null, Renderer.samla(stor), "a page larger than the buffer is written piece by piece");
    }
}
