package se.finsam.planering.personal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a staff password must be: at least {@value #MIN_LANGD} characters, at most {@value #MAX_LANGD}, not the
 * user name or e-mail address, and not one of the {@value #VANLIGA} most common passwords. The list is the
 * ranked password dictionary that ships with the nbvcxz library ({@code dictionaries/passwords.txt}, most common
 * first, built from leaked password sets); its first {@value #VANLIGA} lines are used.
 */
public final class Losenordsregler {

    public static final int MIN_LANGD = 12;
    public static final int MAX_LANGD = 200;
    static final int VANLIGA = 10_000;
    private static final String LISTA = "/dictionaries/passwords.txt";

    private static volatile Set<String> vanliga;

    private Losenordsregler() {
    }

    /** The message key of the first rule the password breaks, if any. */
    public static Optional<String> bryter(String losenord, String anvandarnamn, String epost) {
        if (losenord == null || losenord.length() < MIN_LANGD) {
            return Optional.of("inbjudan.fel.kort");
        }
        if (losenord.length() > MAX_LANGD) {
            return Optional.of("inbjudan.fel.lang");
        }
        String liten = losenord.toLowerCase(Locale.ROOT);
        if (liten.equals(lower(anvandarnamn)) || liten.equals(lower(epost))) {
            return Optional.of("inbjudan.fel.namn");
        }
        if (arVanligt(losenord)) {
            return Optional.of("inbjudan.fel.vanligt");
        }
        return Optional.empty();
    }

    public static boolean arVanligt(String losenord) {
        return vanliga().contains(losenord.toLowerCase(Locale.ROOT));
    }

    static int antalVanliga() {
        return vanliga().size();
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static Set<String> vanliga() {
        Set<String> lista = vanliga;
        if (lista == null) {
            lista = las();
            vanliga = lista;
        }
        return lista;
    }

    private static Set<String> las() {
        try (InputStream in = Losenordsregler.class.getResourceAsStream(LISTA)) {
            if (in == null) {
                throw new IllegalStateException("the list of common passwords is missing: " + LISTA);
            }
            Set<String> lista = new HashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while (lista.size() < VANLIGA && (line = reader.readLine()) != null) {
                String ord = line.strip();
                if (!ord.isEmpty()) {
                    lista.add(ord.toLowerCase(Locale.ROOT));
                }
            }
            return Set.copyOf(lista);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
