package se.finsam.planering.auth;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * One-time activation codes a handläggare gives a participant for the first login.
 * Codes carry 80 bits of randomness, so a fast hash is enough to store them safely.
 */
public final class Aktiveringskoder {

    /** No 0/O, 1/I/L: the code is read aloud and typed on a phone. */
    private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Aktiveringskoder() {
    }

    /** Sixteen characters in groups of four, e.g. "K7M2-9QX4-HT3W-PA8N". */
    public static String generate() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }

    /**
     * A participant's user id, e.g. "k7m2-9qx4": eight characters of the same alphabet (about 2^39 ids),
     * unrelated to the case code, so nobody can list the accounts there are. Small letters, because it is
     * typed on a phone at every login.
     */
    public static String generateUserId() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                id.append('-');
            }
            id.append(Character.toLowerCase(ALPHABET[RANDOM.nextInt(ALPHABET.length)]));
        }
        return id.toString();
    }

    /** Typing is forgiving: case, spaces and dashes do not matter. */
    public static String normalize(String typed) {
        return typed == null ? "" : typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    public static String hash(String typed) {
        return Token.sha256(normalize(typed));
    }
}
