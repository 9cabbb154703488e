package se.finsam.planering.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import se.finsam.planering.minplanering.MinPlaneringRepository;

/**
 * Every text a participant can meet exists in Swedish, English and Arabic. The keys are found by reading the
 * participant's templates (and the templates they include), the scripts, and the Java code that answers her,
 * so a key added there without its translations fails here.
 */
class DeltagarTexterTest {

    private static final Path JTE = Path.of("src/main/jte");
    private static final Path JAVA = Path.of("src/main/java/se/finsam/planering");
    private static final List<String> LANGUAGES = List.of("sv", "en", "ar");

    /** Templates a participant sees, and the letter she receives; the tags they use are added as found. */
    private static final List<String> ROOTS = List.of("minplanering", "minauppgifter", "auth", "fel", "layout",
            "mote/kallelsebrev.jte", "konto/konto.jte", "utskick/meddelanden.jte",
            "mote/kodbrevet.jte");

    /** Java code whose messages reach participants: login, errors, her own pages. */
    private static final List<String> JAVA_FILES = List.of("inloggning/InloggningRoutes.java",
            "inloggning/NyckelRoutes.java", "konto/KontoRoutes.java", "web/Felsidor.java", "web/Webbskydd.java",
            "web/Webbkontext.java", "minplanering/MinPlaneringRoutes.java", "minauppgifter/MinaUppgifterRoutes.java", "atkomst/DeltagarAtkomst.java",
            "minplanering/MinPlaneringRepository.java", "web/Formular.java", "mote/Kalenderfil.java",
            "utskick/Utskickstexter.java", "utskick/PushRoutes.java", "enkat/EnkatSvarRoutes.java");

    private static final Pattern TEMPLATE_KEY = Pattern.compile("\\.(?:t|get|has)\\(\"([a-z][\\w.]*)\"(\\s*\\+)?");
    private static final Pattern TEMPLATE_CALL = Pattern.compile("@template\\.([\\w.]+)\\(");
    private static final Pattern SCRIPT_KEY = Pattern.compile("(?<![\\w.$])t\\('([a-z][\\w.]*)'");
    private static final Pattern JAVA_KEY = Pattern.compile(
            "(?:\\.get\\(|flash\\(ctx, |\\.has\\()\"([a-z][\\w.]*)\"(\\s*\\+)?");
    /** A description written with a read or a change: the first literal after the action, when it stands alone. */
    private static final Pattern AUDIT_CALL = Pattern.compile(
            "Handling\\.(?:LAS|ANDRA)\\b(?!,\\s*null\\b)[^;\"]*\"([^\"]+)\"\\s*[,)]");
    /** A description declared with a route's access rule in the route table. */
    private static final Pattern AUDIT_RULE = Pattern.compile(
            "(?:deltagare|bokning|overlamning|planpunkt)\\(\"\\w+\",\\s*\"([^\"]+)\"\\)");
    private static final Pattern ARABIC = Pattern.compile("[\\u0600-\\u06FF]");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");

    @Test
    void allaTexterEnDeltagareKanMotaFinnsPaSvenskaEngelskaOchArabiska() throws IOException {
        Map<String, Properties> bundles = new TreeMap<>();
        for (String lang : LANGUAGES) {
            bundles.put(lang, load(lang));
        }
        Set<String> keys = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        for (Path template : participantTemplates()) {
            collect(Files.readString(template), TEMPLATE_KEY, keys, prefixes, "");
        }
        try (Stream<Path> scripts = Stream.concat(Files.walk(Path.of("web/js")), Stream.of(Path.of("web/sw.js")))) {
            for (Path script : scripts.filter(p -> p.toString().endsWith(".js")).toList()) {
                collect(Files.readString(script), SCRIPT_KEY, keys, prefixes, "js.");
            }
        }
        for (String file : JAVA_FILES) {
            collect(Files.readString(JAVA.resolve(file)), JAVA_KEY, keys, prefixes, "");
        }
        for (String vad : auditDescriptions()) {
            keys.add(MinPlaneringRepository.Tittat.nyckel(vad));
        }
        Properties sv = bundles.get("sv");
        for (String prefix : prefixes) {
            sv.stringPropertyNames().stream().filter(k -> k.startsWith(prefix)).forEach(keys::add);
        }
        assertTrue(keys.size() > 150, "the scan found the participant's keys: " + keys.size());

        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            for (String lang : LANGUAGES) {
                String value = bundles.get(lang).getProperty(key);
                if (value == null || value.isBlank()) {
                    missing.add(lang + ": " + key);
                } else if (lang.equals("ar") && !ARABIC.matcher(value).find() && !key.equals("app.namn")) {
                    missing.add("ar (not Arabic): " + key + "=" + value);
                } else if (!placeholders(value).equals(placeholders(sv.getProperty(key, "")))) {
                    missing.add(lang + " (placeholders differ from Swedish): " + key);
                }
            }
        }
        assertEquals(List.of(), missing, "texts a participant can meet, missing or incomplete");
    }

    @Test
    void sokningenHittarNycklarIMallarManusOchKod() {
        Set<String> keys = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        collect("${c.t(\"a.b\")} ${l.t(\"c.d\", x)} ${c.t(\"status.\" + s)}", TEMPLATE_KEY, keys, prefixes, "");
        collect("badge.textContent = t('utkorg.vantar', n); document.createElement('li');", SCRIPT_KEY, keys,
                prefixes, "js.");
        assertEquals(Set.of("a.b", "c.d", "js.utkorg.vantar"), keys);
        assertEquals(Set.of("status."), prefixes);
    }

    private static void collect(String source, Pattern pattern, Set<String> keys, Set<String> prefixes,
                                String keyPrefix) {
        Matcher m = pattern.matcher(source);
        while (m.find()) {
            String key = keyPrefix + m.group(1);
            if (m.groupCount() > 1 && m.group(2) != null) {
                prefixes.add(key);
            } else {
                keys.add(key);
            }
        }
    }

    /** The participant's templates and, followed through every @template call, the ones they include. */
    private static Set<Path> participantTemplates() throws IOException {
        Set<Path> found = new LinkedHashSet<>();
        Deque<Path> todo = new ArrayDeque<>();
        for (String root : ROOTS) {
            Path path = JTE.resolve(root);
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    files.filter(p -> p.toString().endsWith(".jte")).forEach(todo::add);
                }
            } else {
                todo.add(path);
            }
        }
        while (!todo.isEmpty()) {
            Path template = todo.pop();
            if (!found.add(template)) {
                continue;
            }
            Matcher m = TEMPLATE_CALL.matcher(Files.readString(template));
            while (m.find()) {
                todo.add(JTE.resolve(m.group(1).replace('.', '/') + ".jte"));
            }
        }
        return found;
    }

    /**
     * What the audit log says was done with her data, as the code writes it: shown under "Vem har tittat". Rows
     * written without a participant (an administrator's changes to staff accounts) never reach her.
     */
    private static Set<String> auditDescriptions() throws IOException {
        Set<String> descriptions = new TreeSet<>();
        try (Stream<Path> files = Files.walk(JAVA)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                for (Pattern pattern : List.of(AUDIT_CALL, AUDIT_RULE)) {
                    Matcher m = pattern.matcher(source);
                    while (m.find()) {
                        descriptions.add(m.group(1));
                    }
                }
            }
        }
        assertTrue(descriptions.contains("planering sparad"), "the scan finds audit descriptions: " + descriptions);
        return descriptions;
    }

    private static Set<String> placeholders(String value) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(value);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static Properties load(String lang) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(
                Path.of("src/main/resources/i18n/messages_" + lang + ".properties"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
