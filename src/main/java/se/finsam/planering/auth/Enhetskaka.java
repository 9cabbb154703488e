package se.finsam.planering.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed cookie of a device that has logged in to an account (a participant's or staff): "account id . device
 * id . HMAC(server key, both)". It names one account, so it is worth nothing for another, and it cannot be made
 * without the server's key. A device that carries it for the account being logged in to is a known device: the
 * shared budget and the address locks do not hold it back, and a participant's failures on it are counted on their
 * own (OWASP's device cookies). The signature also covers the account's generation (what changes with a new PIN or
 * password), so a new PIN or password revokes every device cookie issued before it.
 */
public final class Enhetskaka {

    public static final String COOKIE = "finsam_enhetsbevis";
    /** A year; each login on the device makes it last a year again. */
    public static final int MAX_AGE_SECONDS = 365 * 24 * 3600;

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    public Enhetskaka(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** A new device id for an account at its current generation, as the cookie's value. */
    public String ny(long anvandareId, String generation) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return varde(anvandareId, Base64.getUrlEncoder().withoutPadding().encodeToString(id), generation);
    }

    /** The same device for the same account, signed again (its cookie gets a new year). */
    public String varde(long anvandareId, String enhet, String generation) {
        String innehall = anvandareId + "." + enhet;
        return innehall + "." + mac(innehall, generation);
    }

    /**
     * The device id, when the cookie is well signed for this account at its current generation; otherwise empty.
     */
    public Optional<String> enhetFor(String cookie, long anvandareId, String generation) {
        if (cookie == null || cookie.length() > 200) {
            return Optional.empty();
        }
        int sista = cookie.lastIndexOf('.');
        int forsta = cookie.indexOf('.');
        if (forsta <= 0 || sista <= forsta) {
            return Optional.empty();
        }
        String innehall = cookie.substring(0, sista);
        if (!MessageDigest.isEqual(mac(innehall, generation).getBytes(StandardCharsets.US_ASCII),
                cookie.substring(sista + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        if (!innehall.substring(0, forsta).equals(Long.toString(anvandareId))) {
            return Optional.empty();
        }
        return Optional.of(innehall.substring(forsta + 1));
    }

    /**
     * The device id of a well-signed cookie, whichever account it names (at that account's current generation, as
     * {@code generationOf} gives it); otherwise empty.
     */
    public Optional<String> enhet(String cookie, java.util.function.LongFunction<Optional<String>> generationOf) {
        if (cookie == null || cookie.length() > 200) {
            return Optional.empty();
        }
        int forsta = cookie.indexOf('.');
        try {
            if (forsta <= 0) {
                return Optional.empty();
            }
            long id = Long.parseLong(cookie.substring(0, forsta));
            return generationOf.apply(id).flatMap(g -> enhetFor(cookie, id, g));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String mac(String innehall, String generation) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    m.doFinal(("enhet:" + innehall + "|" + generation).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
