package se.finsam.planering.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF tokens bound to a random per-browser cookie: token = HMAC(server key, cookie value).
 * A page cannot be tricked into posting without the token, and the token is useless without the cookie.
 */
public final class Csrf {

    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";

    private final SecretKeySpec key;
    /** A Mac is not thread-safe and costly to look up; each request thread keeps one, keyed once. */
    private final ThreadLocal<Mac> mac;

    public Csrf(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(key);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public String tokenFor(String cookieValue) {
        return kanda.hamta(cookieValue, cookie -> Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.get().doFinal(cookie.getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * Tokens already made, by cookie value: every page a browser opens needs its token again (a form in the page
     * header, the page's ETag). At most 4 096, under a megabyte.
     */
    private final se.finsam.planering.util.Behallna<String, String> kanda =
            new se.finsam.planering.util.Behallna<>(4096);

    public boolean valid(String cookieValue, String token) {
        if (cookieValue == null || token == null || cookieValue.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(tokenFor(cookieValue).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }
}
