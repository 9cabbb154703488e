package se.finsam.planering.web;

import gg.jte.TemplateOutput;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A page as the template writes it: UTF-8 bytes in one array kept per request thread, written to the answer
 * in one piece. The templates' fixed text arrives as bytes already (the build's binaryStaticContent) and is
 * copied as is; text is encoded straight into the array, and only characters beyond the first plane (emoji)
 * are left to the JDK. jte's own byte output keeps a list of hundreds of small arrays instead, one made for
 * every piece of text, which are then copied again into the answer.
 *
 * <p>The array grows with a large page (a long staff list) and is let go after that page, so that the few
 * request threads keep {@value #START} bytes each, not the largest page they ever wrote.
 */
final class Sidbuffert implements TemplateOutput {

    static final int START = 64 * 1024;
    /** A page that made the array larger than this leaves a new array of {@link #START} for the next. */
    static final int BEHALL_HOGST = 256 * 1024;

    private static final ThreadLocal<Sidbuffert> TRADENS = ThreadLocal.withInitial(Sidbuffert::new);

    private byte[] bytes = new byte[START];
    private int langd;
    private boolean upptagen;

    /**
     * This thread's buffer, empty; or a new one when this thread's is in use (a page rendered while another is
     * being written). Give it back with {@link #slapp()}.
     */
    static Sidbuffert ta() {
        Sidbuffert buffert = TRADENS.get();
        if (buffert.upptagen) {
            buffert = new Sidbuffert();
        }
        buffert.upptagen = true;
        buffert.langd = 0;
        return buffert;
    }

    /** Done with the page: the buffer may be taken again, and a grown array is let go. */
    void slapp() {
        upptagen = false;
        langd = 0;
        if (bytes.length > BEHALL_HOGST) {
            bytes = new byte[START];
        }
    }

    /** The page's bytes are {@code bytes()[0 .. langd())}; the array is only valid until {@link #slapp()}. */
    byte[] bytes() {
        return bytes;
    }

    int langd() {
        return langd;
    }

    @Override
    public void writeContent(String text) {
        writeContent(text, 0, text.length());
    }

    @Override
    public void writeContent(String text, int fran, int till) {
        // At most three bytes a character outside surrogate pairs; room is made once for the worst case.
        plats(3 * (till - fran));
        byte[] b = bytes;
        int n = langd;
        for (int i = fran; i < till; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                b[n++] = (byte) c;
            } else if (c < 0x800) {
                // Å, ä, ö and the Arabic letters: two bytes.
                b[n++] = (byte) (0xc0 | (c >> 6));
                b[n++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                // Emoji and other characters beyond the first plane: the rest as the JDK encodes it (a lone
                // surrogate as '?'). Pieces are split only at ASCII characters (jte escapes <, >, &, quotes),
                // never inside a pair.
                langd = n;
                skrivBytes(text.substring(i, till).getBytes(StandardCharsets.UTF_8));
                return;
            } else {
                b[n++] = (byte) (0xe0 | (c >> 12));
                b[n++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                b[n++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        langd = n;
    }

    @Override
    public void writeBinaryContent(byte[] fast) {
        skrivBytes(fast);
    }

    private void skrivBytes(byte[] b) {
        plats(b.length);
        System.arraycopy(b, 0, bytes, langd, b.length);
        langd += b.length;
    }

    private void plats(int till) {
        int behov = langd + till;
        if (behov > bytes.length) {
            if (behov < 0) {
                throw new IllegalStateException("A page larger than 2 GB");
            }
            bytes = Arrays.copyOf(bytes, Math.max(behov, (int) Math.min(Integer.MAX_VALUE - 8, bytes.length * 2L)));
        }
    }
}
