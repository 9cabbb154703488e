package se.finsam.planering.utskick;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A push service on a local port, as a browser's push service takes messages for it: a POST to the subscription's
 * endpoint with a VAPID Authorization header and an aes128gcm body. Its next answers can be set (201, 404, 410,
 * 429, 503). And the browser's side: a subscription's key pair and authentication secret, with which the test reads
 * what was sent (RFC 8291, written here with the JDK's crypto), and the check of the VAPID signature (RFC 8292).
 */
final class LokalPushtjanst implements AutoCloseable {

    /** What the push service received on one endpoint. */
    record Mottaget(String endpoint, Map<String, List<String>> headers, byte[] body) {
        String header(String namn) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(namn))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** A browser's subscription: its endpoint here, its P-256 key pair and its 16-byte secret. */
    record Prenumeration(String endpoint, KeyPair par, byte[] auth) {
        String p256dh() {
            return B64.encodeToString(okomprimerad((ECPublicKey) par.getPublic()));
        }

        String authB64() {
            return B64.encodeToString(auth);
        }
    }

    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    static final Base64.Decoder AV_B64 = Base64.getUrlDecoder();

    final List<Mottaget> mottagna = new CopyOnWriteArrayList<>();
    final AtomicInteger anrop = new AtomicInteger();
    private final Deque<Integer> nasta = new ArrayDeque<>();
    private final HttpServer server;
    private final AtomicInteger nummer = new AtomicInteger();
    private final SecureRandom slump = new SecureRandom();

    LokalPushtjanst() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/push/", ex -> {
            anrop.incrementAndGet();
            byte[] body = ex.getRequestBody().readAllBytes();
            int status = nastaSvar();
            if (status == 201) {
                mottagna.add(new Mottaget(origin() + ex.getRequestURI().getPath(),
                        Map.copyOf(ex.getRequestHeaders()), body));
                ex.getResponseHeaders().add("Location", origin() + "/meddelande/" + mottagna.size());
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
    }

    private synchronized int nastaSvar() {
        return nasta.isEmpty() ? 201 : nasta.poll();
    }

    synchronized void svara(Integer... status) {
        nasta.addAll(List.of(status));
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void rensa() {
        mottagna.clear();
        anrop.set(0);
        synchronized (this) {
            nasta.clear();
        }
    }

    /** A new browser's subscription at this push service. */
    Prenumeration nyPrenumeration() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] auth = new byte[16];
        slump.nextBytes(auth);
        return new Prenumeration(origin() + "/push/" + nummer.incrementAndGet(), g.generateKeyPair(), auth);
    }

    /**
     * The body as the browser decrypts it (RFC 8291 with RFC 8188's aes128gcm): the header's salt, record size and
     * the server's one-time public key; the key and nonce from the ECDH secret, the browser's secret and both public
     * keys; one record, its padding delimiter 2 and zeros after it.
     */
    static byte[] dekryptera(Prenumeration p, byte[] body) throws GeneralSecurityException {
        ByteBuffer b = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        b.get(salt);
        int rs = b.getInt();
        int idlen = b.get() & 0xff;
        if (idlen != 65) {
            throw new AssertionError("keyid is the server's uncompressed P-256 key, 65 bytes; was " + idlen);
        }
        byte[] asPublik = new byte[idlen];
        b.get(asPublik);
        byte[] chiffer = new byte[b.remaining()];
        b.get(chiffer);
        if (chiffer.length > rs) {
            throw new AssertionError("one record, no larger than rs " + rs + ": " + chiffer.length);
        }
        ECPublicKey uaPublik = (ECPublicKey) p.par().getPublic();
        KeyAgreement ka = KeyAgreement.getInstance("ECDH");
        ka.init(p.par().getPrivate());
        ka.doPhase(publikNyckel(asPublik, uaPublik.getParams()), true);
        byte[] ecdh = ka.generateSecret();

        byte[] keyInfo = concat("WebPush: info".getBytes(StandardCharsets.US_ASCII), new byte[] {0},
                okomprimerad(uaPublik), asPublik);
        byte[] prkKey = hmac(p.auth(), ecdh);
        byte[] ikm = hmac(prkKey, concat(keyInfo, new byte[] {1}));
        byte[] prk = hmac(salt, ikm);
        byte[] cek = Arrays.copyOf(hmac(prk, concat("Content-Encoding: aes128gcm".getBytes(StandardCharsets.US_ASCII),
                new byte[] {0, 1})), 16);
        byte[] nonce = Arrays.copyOf(hmac(prk, concat("Content-Encoding: nonce".getBytes(StandardCharsets.US_ASCII),
                new byte[] {0, 1})), 12);

        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] klar = aes.doFinal(chiffer);
        int slut = klar.length - 1;
        while (slut >= 0 && klar[slut] == 0) {
            slut--;
        }
        if (slut < 0 || klar[slut] != 2) {
            throw new AssertionError("the last record ends with the delimiter 2");
        }
        return Arrays.copyOf(klar, slut);
    }

    /**
     * Checks the VAPID Authorization header ({@code vapid t=JWT, k=key}) as a push service does: the key is the
     * server's, the JWT is signed with it (ES256), names the endpoint's origin as audience, and has a subject and an
     * expiry. Returns the JWT's claims as JSON text.
     */
    static String vapid(String authorization, String serversNyckel, String endpoint) throws GeneralSecurityException {
        if (authorization == null || !authorization.startsWith("vapid ")) {
            throw new AssertionError("no VAPID Authorization header: " + authorization);
        }
        String t = null;
        String k = null;
        for (String del : authorization.substring(6).split(",")) {
            String[] kv = del.strip().split("=", 2);
            if (kv[0].equals("t")) {
                t = kv[1];
            } else if (kv[0].equals("k")) {
                k = kv[1];
            }
        }
        if (!serversNyckel.equals(k)) {
            throw new AssertionError("k is not the server's public key: " + k);
        }
        String[] jwt = t.split("\\.");
        String huvud = new String(AV_B64.decode(jwt[0]), StandardCharsets.UTF_8);
        if (!huvud.contains("\"ES256\"")) {
            throw new AssertionError("signed with ES256: " + huvud);
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec params = ((ECPublicKey) g.generateKeyPair().getPublic()).getParams();
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initVerify(publikNyckel(AV_B64.decode(k), params));
        s.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        if (!s.verify(AV_B64.decode(jwt[2]))) {
            throw new AssertionError("the JWT's signature is not the server key's");
        }
        String anspraken = new String(AV_B64.decode(jwt[1]), StandardCharsets.UTF_8);
        java.net.URI e = java.net.URI.create(endpoint);
        String aud = e.getScheme() + "://" + e.getHost() + (e.getPort() >= 0 ? ":" + e.getPort() : "");
        if (!anspraken.contains("\"aud\":\"" + aud + "\"") || !anspraken.contains("\"exp\":")
                || !anspraken.contains("\"sub\":")) {
            throw new AssertionError("aud (" + aud + "), exp and sub in the claims: " + anspraken);
        }
        return anspraken;
    }

    static byte[] okomprimerad(ECPublicKey k) {
        byte[] ut = new byte[65];
        ut[0] = 4;
        tal(k.getW().getAffineX(), ut, 1);
        tal(k.getW().getAffineY(), ut, 33);
        return ut;
    }

    private static void tal(BigInteger v, byte[] till, int fran) {
        byte[] b = v.toByteArray();
        int n = Math.min(b.length, 32);
        System.arraycopy(b, b.length - n, till, fran + 32 - n, n);
    }

    private static PublicKey publikNyckel(byte[] punkt, ECParameterSpec params) throws GeneralSecurityException {
        ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(punkt, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(punkt, 33, 65)));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, params));
    }

    private static byte[] hmac(byte[] nyckel, byte[] data) throws GeneralSecurityException {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(nyckel, "HmacSHA256"));
        return m.doFinal(data);
    }

    private static byte[] concat(byte[]... delar) {
        int n = 0;
        for (byte[] d : delar) {
            n += d.length;
        }
        byte[] ut = new byte[n];
        int i = 0;
        for (byte[] d : delar) {
            System.arraycopy(d, 0, ut, i, d.length);
            i += d.length;
        }
        return ut;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
