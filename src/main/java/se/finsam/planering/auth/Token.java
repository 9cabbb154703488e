package se.finsam.planering.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Secrets handed to a browser (session cookies, invitation links) and the hash under which they are stored. */
public final class Token {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Token() {
    }

    /** 256 random bits, URL-safe. */
    public static String nytt() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * One digest per thread: every request hashes its session cookie, and looking the algorithm up among the
     * security providers each time cost more than the hashing. {@code digest} leaves it reset for the next use.
     */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** SHA-256 in hex: what the database keeps instead of the secret itself. */
    public static String sha256(String text) {
        return HexFormat.of().formatHex(SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
