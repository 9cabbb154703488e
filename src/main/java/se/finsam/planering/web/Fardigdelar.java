package se.finsam.planering.web;

import gg.jte.Content;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parts of a cached page that depend only on its data and the reader's language (never on her session: no form
 * token, no flash), rendered once per language and then copied into each answer as bytes. They live with the
 * cached page they belong to, so they are dropped with it when the data changes.
 *
 * <p>The participant's plan page carries a print-only copy of her plan and of her contacts, over a third of
 * its HTML; rendering them anew for every view was a third of the page's rendering.
 */
public final class Fardigdelar {

    private final Mallar mallar;
    private final Map<String, Content> delar = new ConcurrentHashMap<>();

    public Fardigdelar(Mallar mallar) {
        this.mallar = mallar;
    }

    /** The template {@code mall} rendered with {@code c} and {@code page}, once per language. */
    public Content del(String mall, Sidkontext c, Object page) {
        String nyckel = mall + '|' + c.lang();
        Content klar = delar.get(nyckel);
        if (klar == null) {
            klar = mallar.fardig(mall, Map.of("c", c, "page", page));
            delar.putIfAbsent(nyckel, klar);
        }
        return klar;
    }
}
