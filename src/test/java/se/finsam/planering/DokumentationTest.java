package se.finsam.planering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link in README.md and docs/ leads somewhere: to a file that exists and, when it names a
 * heading ({@code #anchor}), to a heading of that file, with the anchor GitHub makes of it.
 */
class DokumentationTest {

    @Test
    void varjeRelativLankLederTillEnFilOchEnRubrikSomFinns() throws IOException {
        List<Path> filer = dokumentation(Path.of("."));
        assertTrue(filer.contains(Path.of(".", "README.md")), "README.md finns inte i " + Path.of(".").toAbsolutePath());
        assertTrue(filer.size() > 1, "inga filer i docs/");
        List<String> trasiga = new ArrayList<>();
        int relativa = 0;
        for (Path fil : filer) {
            for (String lank : lankar(Files.readString(fil))) {
                if (!relativ(lank)) {
                    continue;
                }
                relativa++;
                String fel = kontrollera(fil, lank);
                if (fel != null) {
                    trasiga.add(fil + ": " + lank + " (" + fel + ")");
                }
            }
        }
        assertTrue(relativa > 10, "för få relativa länkar hittades: " + relativa);
        assertEquals(List.of(), trasiga, "länkar som inte leder någonstans");
    }

    @Test
    void enTrasigLankEllerRubrikUpptacks(@TempDir Path katalog) throws IOException {
        Files.createDirectories(katalog.resolve("docs/bilder"));
        Files.writeString(katalog.resolve("docs/bilder/bild.png"), "x");
        Files.writeString(katalog.resolve("docs/drift.md"), """
                # Drift

                ## Starting a new förbund
                ## Backup and restore
                ## Backup and restore
                ## `FINSAM_DB` and the file: see [here](x.md)

                Setext heading
                --------------

                ```
                [not a link](saknas.md)
                ## Not a heading
                ```
                """);
        Path readme = katalog.resolve("README.md");
        Files.writeString(readme, "x");

        assertNull(kontrollera(readme, "docs/drift.md"));
        assertNull(kontrollera(readme, "docs/drift.md#starting-a-new-förbund"));
        assertNull(kontrollera(readme, "docs/drift.md#starting-a-new-f%C3%B6rbund"));
        assertNull(kontrollera(readme, "docs/drift.md#backup-and-restore-1"));
        assertNull(kontrollera(readme, "docs/drift.md#finsam_db-and-the-file-see-here"));
        assertNull(kontrollera(readme, "docs/drift.md#setext-heading"));
        assertNull(kontrollera(readme, "docs/bilder/bild.png"));
        assertNull(kontrollera(katalog.resolve("docs/drift.md"), "bilder/bild.png"));
        assertNull(kontrollera(katalog.resolve("docs/drift.md"), "#drift"));

        assertEquals("filen finns inte", kontrollera(readme, "docs/saknas.md"));
        assertEquals("filen finns inte", kontrollera(readme, "docs/bilder/annan.png"));
        assertEquals("rubriken finns inte", kontrollera(readme, "docs/drift.md#starting-a-new-forbund"));
        assertEquals("rubriken finns inte", kontrollera(readme, "docs/drift.md#backup-and-restore-2"));
        assertEquals("rubriken finns inte", kontrollera(readme, "docs/drift.md#not-a-heading"));
        assertEquals("rubriken finns inte", kontrollera(katalog.resolve("docs/drift.md"), "#saknas"));
        assertEquals("rubriken finns inte", kontrollera(readme, "docs/bilder/bild.png#x"));
    }

    @Test
    void lankarHittasITextBilderOchTabellerMenInteIKod() {
        String text = """
                See [drift](docs/drift.md#backup) and ![bild](docs/bilder/a.png "titel"), [a text over
                two lines](docs/tva.md).
                | a | [b](docs/b.md) |
                <img src="docs/bilder/c.png" alt="c"> <a href="https://example.org">x</a>
                [ref]: docs/d.md
                Not `[code](docs/e.md)`, nor a bare [bracket] or <https://example.org>.
                ```sh
                [fenced](docs/f.md)
                ```
                """;
        assertEquals(List.of("docs/drift.md#backup", "docs/bilder/a.png", "docs/tva.md", "docs/b.md", "docs/bilder/c.png",
                "https://example.org", "docs/d.md"), lankar(text));
        assertTrue(relativ("docs/b.md"));
        assertTrue(relativ("#rubrik"));
        assertTrue(!relativ("https://example.org") && !relativ("mailto:a@b.se") && !relativ("//example.org/x"));
    }

    @Test
    void rubrikerFarGithubsAnkare() {
        assertEquals(List.of("the-participants-pages-min-planering", "from-anmälan-to-överlämning-staff",
                "utfall-what-is-recorded-when", "statistik", "statistik-1", "benchwrksh-and-finsam_port",
                "-a-b"), new ArrayList<>(ankare("""
                # The participant's pages (Min planering)
                ## From anmälan to överlämning (staff)
                ## Utfall: what is recorded when
                ## Statistik
                ## Statistik ##
                ### `bench/wrk.sh` and **FINSAM_PORT**
                ## – a b
                """)));
    }

    // ---- the checker ----

    private static final Pattern INLINE = Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\[\\]]*\\])*\\]\\(\\s*(<[^>]*>|[^)\\s]+)(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENS = Pattern.compile("(?m)^ {0,3}\\[[^\\]]+\\]:\\s*(<[^>]*>|\\S+)");
    private static final Pattern HTML = Pattern.compile("<(?:a|img)\\b[^>]*?\\s(?:href|src)=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATX = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern SETEXT = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");
    private static final Pattern HTML_ID = Pattern.compile("<[^>]*\\s(?:id|name)=\"([^\"]+)\"");

    static List<Path> dokumentation(Path rot) throws IOException {
        List<Path> filer = new ArrayList<>();
        filer.add(rot.resolve("README.md"));
        Path docs = rot.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> s = Files.walk(docs)) {
                s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(filer::add);
            }
        }
        return filer;
    }

    /** The link targets of a Markdown text, in order; code blocks and code spans are not read. */
    static List<String> lankar(String markdown) {
        String text = utanKod(markdown);
        List<int[]> traffar = new ArrayList<>();
        for (Pattern p : List.of(INLINE, REFERENS, HTML)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                traffar.add(new int[] {m.start(1), m.end(1)});
            }
        }
        traffar.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<String> lankar = new ArrayList<>();
        for (int[] t : traffar) {
            String mal = text.substring(t[0], t[1]);
            if (mal.startsWith("<") && mal.endsWith(">")) {
                mal = mal.substring(1, mal.length() - 1);
            }
            lankar.add(mal);
        }
        return lankar;
    }

    static boolean relativ(String lank) {
        return !lank.startsWith("//") && !lank.matches("(?s)^[A-Za-z][A-Za-z0-9+.-]*:.*");
    }

    /** Null when the link leads somewhere, else why not. */
    static String kontrollera(Path fran, String lank) {
        int hash = lank.indexOf('#');
        String sokvag = hash < 0 ? lank : lank.substring(0, hash);
        String ankare = hash < 0 ? null : URLDecoder.decode(lank.substring(hash + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
        Path mal = sokvag.isEmpty() ? fran
                : fran.toAbsolutePath().getParent().resolve(URLDecoder.decode(sokvag.replace("+", "%2B"), StandardCharsets.UTF_8)).normalize();
        if (!Files.exists(mal)) {
            return "filen finns inte";
        }
        if (ankare == null || ankare.isEmpty()) {
            return null;
        }
        if (!mal.toString().endsWith(".md")) {
            return "rubriken finns inte";
        }
        try {
            return ankare(Files.readString(mal)).contains(ankare) ? null : "rubriken finns inte";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The anchors of a Markdown text's headings as GitHub makes them, and any HTML id or name. */
    static Set<String> ankare(String markdown) {
        Set<String> ankare = new LinkedHashSet<>();
        Map<String, Integer> anvanda = new HashMap<>();
        String[] rader = utanKodblock(markdown).split("\n", -1);
        for (int i = 0; i < rader.length; i++) {
            String rubrik = null;
            Matcher atx = ATX.matcher(rader[i]);
            if (atx.matches()) {
                rubrik = atx.group(2) == null ? "" : atx.group(2);
            } else if (i + 1 < rader.length && SETEXT.matcher(rader[i + 1]).matches() && !rader[i].isBlank()
                    && !rader[i].stripLeading().startsWith("|") && !ATX.matcher(rader[i]).matches()
                    && (i == 0 || rader[i - 1].isBlank())) {
                rubrik = rader[i].strip();
                i++;
            }
            if (rubrik != null) {
                String slug = slug(text(rubrik));
                String unik = slug;
                int n = anvanda.getOrDefault(slug, 0);
                while (ankare.contains(unik)) {
                    unik = slug + "-" + ++n;
                }
                anvanda.put(slug, n);
                ankare.add(unik);
            }
            Matcher id = HTML_ID.matcher(rader[i]);
            while (id.find()) {
                ankare.add(id.group(1));
            }
        }
        return ankare;
    }

    /** GitHub's slug: lower case, only letters, marks, digits, connector punctuation, hyphens and spaces kept, spaces to hyphens. */
    static String slug(String rubrik) {
        return rubrik.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "").replace(' ', '-');
    }

    /** A heading's text as it is shown: links as their text, without code marks, emphasis marks or tags. */
    private static String text(String rubrik) {
        return rubrik.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
                .replaceAll("<[^>]+>", "")
                .replace("`", "")
                .replace("*", "")
                .strip();
    }

    private static String utanKod(String markdown) {
        return utanKodblock(markdown).replaceAll("(`+)[^`]*?\\1", "");
    }

    /** Fenced code blocks become empty lines, so line numbers and headings around them stay as they are. */
    private static String utanKodblock(String markdown) {
        StringBuilder ut = new StringBuilder();
        String stangs = null;
        for (String rad : markdown.split("\n", -1)) {
            String s = rad.stripLeading();
            if (stangs == null && (s.startsWith("```") || s.startsWith("~~~"))) {
                stangs = s.substring(0, 3);
                ut.append('\n');
            } else if (stangs != null) {
                if (s.startsWith(stangs)) {
                    stangs = null;
                }
                ut.append('\n');
            } else {
                ut.append(rad).append('\n');
            }
        }
        return ut.toString();
    }
}
