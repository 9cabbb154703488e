package se.finsam.planering.sprak;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/** Interface text from the bundles in src/main/resources/i18n (UTF-8 properties). */
public final class Texter {

    public record Sprak(String kod, String namn, String dir) {
    }

    /** Languages with a complete bundle, each named in its own language. */
    public static final List<Sprak> SPRAK = List.of(
            new Sprak("sv", "Svenska", "ltr"),
            new Sprak("en", "English", "ltr"),
            new Sprak("ar", "العربية", "rtl"));

    private static final Map<String, Texter> CACHE = new ConcurrentHashMap<>();

    private final Sprak sprak;
    private final ResourceBundle bundle;
    /** Swedish, for staff-only text that is not translated into every language. */
    private final ResourceBundle fallback;
    private volatile String scriptTexts;

    private Texter(Sprak sprak) {
        this.sprak = sprak;
        this.bundle = load(sprak.kod());
        this.fallback = load("sv");
    }

    private static ResourceBundle load(String kod) {
        return ResourceBundle.getBundle("i18n.messages", Locale.forLanguageTag(kod),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static Texter of(String kod) {
        return CACHE.computeIfAbsent(supported(kod) ? kod : "sv",
                k -> new Texter(SPRAK.stream().filter(s -> s.kod().equals(k)).findFirst().orElseThrow()));
    }

    /** The best of our languages for a browser's Accept-Language header, or Swedish when none fits. */
    public static String fromAcceptLanguage(String header) {
        if (header == null || header.isBlank() || header.length() > 500) {
            return "sv";
        }
        try {
            String match = Locale.lookupTag(Locale.LanguageRange.parse(header),
                    SPRAK.stream().map(Sprak::kod).toList());
            return supported(match) ? match : "sv";
        } catch (IllegalArgumentException malformed) {
            return "sv";
        }
    }

    public static boolean supported(String kod) {
        return kod != null && SPRAK.stream().anyMatch(s -> s.kod().equals(kod));
    }

    public String lang() {
        return sprak.kod();
    }

    public String dir() {
        return sprak.dir();
    }

    /**
     * A language by name in this language, as it reads inside a sentence: a code as stored (ISO 639, "so") becomes
     * its name ("somaliska", "Somali", "الصومالية"), and so does a language that staff wrote out in Swedish
     * ("Somaliska", "dari"). Codes the JDK names badly or not at all are named in the bundles
     * ({@code spraknamn.<code>}). Anything else is kept as written.
     */
    public String spraknamn(String kodEllerNamn) {
        if (kodEllerNamn == null || kodEllerNamn.isBlank()) {
            return "";
        }
        String text = kodEllerNamn.strip();
        String kod = sprakkod(text);
        if (kod == null) {
            return text;
        }
        if (bundle.containsKey(SPRAKNAMN + kod)) {
            return bundle.getString(SPRAKNAMN + kod);
        }
        String namn = Locale.forLanguageTag(kod).getDisplayLanguage(Locale.forLanguageTag(lang()));
        return namn.isBlank() || namn.equalsIgnoreCase(kod) ? text : namn;
    }

    /** {@link #spraknamn} with a capital first letter, for a table cell or the start of a line ("Somaliska"). */
    public String spraknamnVersal(String kodEllerNamn) {
        String namn = spraknamn(kodEllerNamn);
        return namn.isEmpty() ? namn
                : namn.substring(0, 1).toUpperCase(Locale.forLanguageTag(lang())) + namn.substring(1);
    }

    private static final String SPRAKNAMN = "spraknamn.";

    /**
     * The ISO 639 code of a language written as a code ("so", "SO") or by its Swedish or English name as staff write
     * it ("Somaliska", "dari", "Somali"); null when it is neither.
     */
    public static String sprakkod(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip().toLowerCase(SVENSKA);
        if (s.matches("[a-z]{2,3}")) {
            return s;
        }
        return Namnregister.KODER.get(s);
    }

    private static final Locale SVENSKA = Locale.forLanguageTag("sv");

    /** Language names as staff write them, to their codes: made on first use. */
    private static final class Namnregister {
        static final Map<String, String> KODER = las();

        private static Map<String, String> las() {
            Map<String, String> koder = new java.util.HashMap<>();
            ResourceBundle sv = load("sv");
            for (String nyckel : sv.keySet()) {
                if (nyckel.startsWith(SPRAKNAMN)) {
                    koder.put(sv.getString(nyckel).toLowerCase(SVENSKA), nyckel.substring(SPRAKNAMN.length()));
                }
            }
            for (String kod : Locale.getISOLanguages()) {
                Locale sprak = Locale.forLanguageTag(kod);
                koder.putIfAbsent(sprak.getDisplayLanguage(SVENSKA).toLowerCase(SVENSKA), kod);
                koder.putIfAbsent(sprak.getDisplayLanguage(Locale.ENGLISH).toLowerCase(SVENSKA), kod);
            }
            return Map.copyOf(koder);
        }
    }

    public boolean has(String key) {
        return bundle.containsKey(key) || fallback.containsKey(key);
    }

    public String get(String key) {
        String text = texter.get(key);
        if (text == null) {
            if (bundle.containsKey(key)) {
                text = bundle.getString(key);
            } else {
                try {
                    text = fallback.getString(key);
                } catch (MissingResourceException e) {
                    // Not kept: only keys the bundles have are, so the kept texts never outgrow them.
                    return "[" + key + "]";
                }
            }
            texter.put(key, text);
        }
        return text;
    }

    /**
     * Each key's text once looked up (in the language's bundle, else the Swedish one): a page asks for a hundred,
     * and a bundle answers each with several lookups along its chain.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, String> texter =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The texts scripts show (keys starting with "js."), as JSON for the page's data block. Made once per
     * language; "<" is escaped so the block can never end the script element early.
     */
    public String scriptTexts() {
        if (scriptTexts == null) {
            java.util.Map<String, String> texts = new java.util.TreeMap<>();
            for (String key : java.util.Collections.list(fallback.getKeys())) {
                if (key.startsWith("js.")) {
                    texts.put(key.substring(3), get(key));
                }
            }
            try {
                scriptTexts = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(texts)
                        .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return scriptTexts;
    }

    public String get(String key, Object... args) {
        MessageFormat format = formats.computeIfAbsent(key,
                k -> new MessageFormat(get(k), Locale.forLanguageTag(sprak.kod())));
        // A MessageFormat is not thread-safe. Each use formats with a copy of the parsed one: a lock per key
        // made every request that writes the same message queue behind one another under load.
        return ((MessageFormat) format.clone()).format(args);
    }

    /** Formats parsed once per key (a Texter instance is one language's, shared by all requests). */
    private final java.util.concurrent.ConcurrentHashMap<String, MessageFormat> formats =
            new java.util.concurrent.ConcurrentHashMap<>();
}
