package se.finsam.planering.web;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A rendered page as gzip, with a compressor kept between answers.
 *
 * <p>Every browser asks for gzip, and compressing is most of what a page costs: the general response compression
 * makes a new compressor (a quarter megabyte of native memory) for each answer and packs at level 6, which for
 * the 27 kB plan page takes longer than rendering it. Here a few compressors are reused, and level {@value #NIVA}
 * makes that page 3 % larger than level 6 (5.6 kB against 5.4 kB) in about half the time.
 */
final class Gzip {

    static final int NIVA = 4;

    /** Shorter answers fit one packet anyway (the general response compression's limit too). */
    static final int MINSTA = 1500;

    /** Compressors kept; more are made when more pages are compressed at once, and ended after use. */
    private static final int BEHALL = 8;

    private static final byte[] HUVUD = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private static final ConcurrentLinkedDeque<Packare> LEDIGA = new ConcurrentLinkedDeque<>();
    private static final AtomicInteger ANTAL_LEDIGA = new AtomicInteger();

    private Gzip() {
    }

    /** Whether the client takes gzip ({@code Accept-Encoding}, not refused with q=0). */
    static boolean tas(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String del : acceptEncoding.split(",")) {
            String[] namnOchVikt = del.split(";");
            String namn = namnOchVikt[0].strip();
            if (namn.equalsIgnoreCase("gzip") || namn.equals("*")) {
                return namnOchVikt.length < 2 || !namnOchVikt[1].strip().matches("(?i)q=0(\\.0*)?");
            }
        }
        return false;
    }

    /** Writes the first {@code langd} bytes of {@code sida} to the stream as one gzip member. */
    static void skriv(byte[] sida, int langd, OutputStream os) throws IOException {
        Packare p = ta();
        try {
            os.write(HUVUD);
            p.packa(sida, 0, langd, os);
            p.avsluta(langd, os);
        } finally {
            lamna(p);
        }
    }

    private static Packare ta() {
        Packare p = LEDIGA.pollFirst();
        if (p == null) {
            return new Packare();
        }
        ANTAL_LEDIGA.decrementAndGet();
        return p;
    }

    private static void lamna(Packare p) {
        p.deflater.reset();
        p.crc.reset();
        if (ANTAL_LEDIGA.incrementAndGet() <= BEHALL) {
            LEDIGA.addFirst(p);
        } else {
            ANTAL_LEDIGA.decrementAndGet();
            p.deflater.end();
        }
    }

    private static final class Packare {
        final Deflater deflater = new Deflater(NIVA, true);
        final CRC32 crc = new CRC32();
        final byte[] buffert = new byte[8192];

        void packa(byte[] data, int start, int langd, OutputStream os) throws IOException {
            crc.update(data, start, langd);
            deflater.setInput(data, start, langd);
            while (!deflater.needsInput()) {
                tom(os);
            }
        }

        void avsluta(int langd, OutputStream os) throws IOException {
            deflater.finish();
            while (!deflater.finished()) {
                tom(os);
            }
            int crcVarde = (int) crc.getValue();
            os.write(new byte[] {(byte) crcVarde, (byte) (crcVarde >> 8), (byte) (crcVarde >> 16),
                    (byte) (crcVarde >> 24), (byte) langd, (byte) (langd >> 8), (byte) (langd >> 16),
                    (byte) (langd >> 24)});
        }

        private void tom(OutputStream os) throws IOException {
            int n = deflater.deflate(buffert);
            if (n > 0) {
                os.write(buffert, 0, n);
            }
        }
    }
}
