package se.finsam.planering.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TokenTest {

    /** FIPS 180-2's test vectors; "Ä" checks that the text is hashed as UTF-8. */
    @Test
    void sha256GivesTheStandardDigestEveryTime() {
        for (int i = 0; i < 3; i++) {
            assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Token.sha256("abc"));
            assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Token.sha256(""));
            assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                    Token.sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
        }
        assertNotEquals(Token.sha256("A"), Token.sha256("Ä"));
        assertEquals(referens("Ä"), Token.sha256("Ä"));
    }

    /** The digest kept per thread is never shared: many threads hashing at once get each text's own digest. */
    @Test
    void sha256IsRightInManyThreadsAtOnce() throws Exception {
        List<String> texter = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            texter.add(Token.nytt());
        }
        List<String> vantat = texter.stream().map(TokenTest::referens).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> svar = new ArrayList<>();
            for (String text : texter) {
                svar.add(pool.submit(() -> Token.sha256(text)));
            }
            for (int i = 0; i < texter.size(); i++) {
                assertEquals(vantat.get(i), svar.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String referens(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
