package se.finsam.planering.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** A token is the HMAC of its cookie under the server's key, the same whether made now or kept from before. */
class CsrfTest {

    private static String hmac(byte[] nyckel, String cookie) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(nyckel, "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(cookie.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void tokenArHmacAvCookienOchStarSigUtanCookien() throws Exception {
        byte[] nyckel = "en hemlighet på trettiotvå byte!".getBytes(StandardCharsets.UTF_8);
        Csrf csrf = new Csrf(nyckel);
        Csrf annanServer = new Csrf("en annan hemlighet, trettiotvå b".getBytes(StandardCharsets.UTF_8));
        Map<String, String> forst = new HashMap<>();
        // More cookies than are kept, twice over: kept or made again, a cookie's token is the same.
        for (int varv = 0; varv < 2; varv++) {
            for (int i = 0; i < 10_000; i++) {
                String cookie = "cookie-" + i;
                String token = csrf.tokenFor(cookie);
                assertEquals(hmac(nyckel, cookie), token);
                assertEquals(token, forst.computeIfAbsent(cookie, k -> token));
            }
        }
        String token = csrf.tokenFor("abc");
        assertTrue(csrf.valid("abc", token));
        assertFalse(csrf.valid("abd", token), "another browser's cookie");
        assertFalse(csrf.valid("abc", token.substring(1)));
        assertFalse(csrf.valid("abc", null));
        assertFalse(csrf.valid(null, token));
        assertFalse(csrf.valid("", csrf.tokenFor("")), "no cookie, no token");
        assertNotEquals(token, annanServer.tokenFor("abc"), "another key gives another token");
        assertFalse(annanServer.valid("abc", token));
    }
}
