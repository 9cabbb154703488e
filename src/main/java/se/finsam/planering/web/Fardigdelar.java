package se.finsam.planering.web;

import gg.jte.Content;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parts of a cached page that depend only on its data and the reader's language, rendered once per language and
 * then copied into each answer as bytes. They live with the cached page they belong to, so they are dropped with
 * it when the data changes.
 *
 * <p>A part holds nothing of the reader's session but her form token: a part's template writes
 * {@link #FORMULARNYCKEL} where the token goes, and each answer writes the reader's own token there. The marker
 * begins with {@code <}, which escaped text never holds, so nothing a person typed can become a place for it. A
 * part rendered with the session's token itself is refused, so that no token is ever copied to another reader.
 *
 * <p>The participant's plan page is such a part, but for the layout around it (menu, the time it was fetched):
 * rendering her plan anew for every view was over a third of the page's CPU.
 */
public final class Fardigdelar {

    /** Where a part's forms take the reader's form token; written with {@code $unsafe} in a hidden field. */
    public static final String FORMULARNYCKEL = "<!--finsam:formularnyckel-->";

    private final Mallar mallar;
    /** Each part as its pieces between the places for the form token. */
    private final Map<String, byte[][]> delar = new ConcurrentHashMap<>();

    public Fardigdelar(Mallar mallar) {
        this.mallar = mallar;
    }

    /** The template {@code mall} rendered with {@code c} and {@code page}, once per language. */
    public Content del(String mall, Sidkontext c, Object page) {
        String nyckel = mall + '|' + c.lang();
        byte[][] bitar = delar.get(nyckel);
        if (bitar == null) {
            bitar = dela(mallar.fardig(mall, Map.of("c", c, "page", page)), c.csrf(), mall);
            delar.putIfAbsent(nyckel, bitar);
        }
        byte[][] klara = bitar;
        if (klara.length == 1) {
            return output -> output.writeBinaryContent(klara[0]);
        }
        String token = c.csrf() == null ? "" : c.csrf();
        return output -> {
            output.writeBinaryContent(klara[0]);
            for (int i = 1; i < klara.length; i++) {
                gg.jte.html.escape.Escape.htmlContent(token, output);
                output.writeBinaryContent(klara[i]);
            }
        };
    }

    /** The rendered part cut at each place for the token (once per part and language, so plain strings do). */
    static byte[][] dela(byte[] html, String token, String mall) {
        String text = new String(html, StandardCharsets.UTF_8);
        if (token != null && token.length() >= 8 && text.contains(token)) {
            throw new IllegalStateException(mall + " writes the session's form token; a shared part must write "
                    + "Fardigdelar.FORMULARNYCKEL instead");
        }
        if (!text.contains(FORMULARNYCKEL)) {
            return new byte[][] {html};
        }
        return Arrays.stream(text.split(java.util.regex.Pattern.quote(FORMULARNYCKEL), -1))
                .map(bit -> bit.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }
}
