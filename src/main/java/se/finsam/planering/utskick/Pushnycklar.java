package se.finsam.planering.utskick;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Base64;
import nl.martijndwars.webpush.Utils;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jdbi.v3.core.Jdbi;

/**
 * The server's VAPID key pair (RFC 8292) for web push: made at the first start and kept in the database, so that the
 * subscriptions browsers made with its public key stay valid across restarts. The public key is given to the page
 * that turns notifications on; the private key signs each push request and never leaves the server.
 */
public final class Pushnycklar {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder AV_B64 = Base64.getUrlDecoder();

    private final String publik;
    private final String privat;
    /** Read into BouncyCastle's keys on first use: start-up does not load the provider. */
    private KeyPair par;

    private Pushnycklar(String publik, String privat) {
        this.publik = publik;
        this.privat = privat;
    }

    /** The key pair kept in the database, made (once, whoever starts first) when there is none. */
    public static Pushnycklar hamtaEllerSkapa(Jdbi jdbi, Clock clock) {
        String[] rad = jdbi.inTransaction(h -> {
            var finns = h.createQuery("SELECT publik, privat FROM push_nyckel WHERE id = 1")
                    .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).findOne();
            if (finns.isPresent()) {
                return finns.get();
            }
            String[] ny = nyttPar();
            h.createUpdate("INSERT INTO push_nyckel (id, publik, privat, skapad) VALUES (1, :pu, :pr, :nu)")
                    .bind("pu", ny[0]).bind("pr", ny[1]).bind("nu", clock.instant()).execute();
            return ny;
        });
        return new Pushnycklar(rad[0], rad[1]);
    }

    /** The public key as the Push API's applicationServerKey takes it: the uncompressed point, base64url. */
    public String publik() {
        return publik;
    }

    /** The pair as the web-push library signs with it (BouncyCastle's keys). */
    synchronized KeyPair par() {
        if (par == null) {
            par = las(publik, privat);
        }
        return par;
    }

    /** BouncyCastle, which the web-push library asks for by name, registered once. */
    static synchronized void bouncyCastle() {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Provider bc = new BouncyCastleProvider();
            Security.addProvider(bc);
        }
    }

    /** A new P-256 pair: the uncompressed public point and the 32-byte private scalar, both base64url. */
    static String[] nyttPar() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair kp = g.generateKeyPair();
            ECPublicKey pub = (ECPublicKey) kp.getPublic();
            byte[] punkt = new byte[65];
            punkt[0] = 0x04;
            kopiera(pub.getW().getAffineX(), punkt, 1);
            kopiera(pub.getW().getAffineY(), punkt, 33);
            byte[] privat = new byte[32];
            kopiera(((ECPrivateKey) kp.getPrivate()).getS(), privat, 0);
            return new String[] {B64.encodeToString(punkt), B64.encodeToString(privat)};
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no P-256 key pair could be made", e);
        }
    }

    private static void kopiera(BigInteger tal, byte[] till, int fran) {
        byte[] b = tal.toByteArray();
        int langd = Math.min(b.length, 32);
        System.arraycopy(b, b.length - langd, till, fran + 32 - langd, langd);
    }

    private static KeyPair las(String publik, String privat) {
        bouncyCastle();
        try {
            KeyPair par = new KeyPair(Utils.loadPublicKey(AV_B64.decode(publik)),
                    Utils.loadPrivateKey(AV_B64.decode(privat)));
            if (!Utils.verifyKeyPair(par.getPrivate(), par.getPublic())) {
                throw new IllegalStateException("push_nyckel: the public key does not belong to the private key");
            }
            return par;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("push_nyckel holds no usable key pair", e);
        }
    }
}
