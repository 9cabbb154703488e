package se.finsam.planering.web;

import se.finsam.planering.sprak.Texter;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import se.finsam.planering.sprak.Texter;
import java.util.Map;

/**
 * What is wrong with a form, per field, in the order the fields appear on the page. Each error is a message
 * key with its arguments, translated when the page (or the JSON answer) is written in the reader's language.
 */
public final class Formularfel {

    /** A message key and its arguments. */
    public record Meddelande(String nyckel, List<Object> argument) {
        public Meddelande(String nyckel, Object... argument) {
            this(nyckel, Collections.unmodifiableList(Arrays.asList(argument.clone())));
        }

        /** The text in the reader's language; an argument that is itself a message is translated too. */
        public String text(Texter m) {
            if (argument.isEmpty()) {
                return m.get(nyckel);
            }
            return m.get(nyckel, argument.stream().map(a -> a instanceof Meddelande inre ? inre.text(m) : a).toArray());
        }
    }

    private final Map<String, Meddelande> errors = new LinkedHashMap<>();

    /** The first error for a field is kept; a later one for the same field is not shown. */
    public Formularfel add(String field, String key, Object... args) {
        return add(field, new Meddelande(key, args));
    }

    public Formularfel add(String field, Meddelande meddelande) {
        errors.putIfAbsent(field, meddelande);
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public boolean has(String field) {
        return errors.containsKey(field);
    }

    public Meddelande get(String field) {
        return errors.get(field);
    }

    /** The error for a field in the reader's language, or null. */
    public String text(String field, Texter m) {
        Meddelande e = errors.get(field);
        return e == null ? null : e.text(m);
    }

    public Map<String, Meddelande> all() {
        return Collections.unmodifiableMap(errors);
    }

    /** Every error in the reader's language, field by field. */
    public Map<String, String> texter(Texter m) {
        Map<String, String> texter = new LinkedHashMap<>();
        errors.forEach((field, e) -> texter.put(field, e.text(m)));
        return texter;
    }

    public static Formularfel none() {
        return new Formularfel();
    }
}
