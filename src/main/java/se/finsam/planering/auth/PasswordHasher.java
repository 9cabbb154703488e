package se.finsam.planering.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/** Argon2id hashing for staff passwords and participants' PINs (OWASP's recommended parameters). */
public final class PasswordHasher {

    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);

    /**
     * A hash of a password nobody knows, so that unknown users take as long to refuse as known ones.
     * Made on first need rather than at start-up, which it would slow down by a few hundred ms.
     */
    private volatile String dummyHash;

    private String dummyHash() {
        if (dummyHash == null) {
            dummyHash = hash("ingen-anvandare-har-detta-losenord");
        }
        return dummyHash;
    }

    public String hash(String secret) {
        return Password.hash(secret).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    public boolean matches(String secret, String hash) {
        if (secret == null) {
            return false;
        }
        if (hash == null) {
            Password.check(secret, dummyHash()).with(ARGON2ID);
            return false;
        }
        try {
            return Password.check(secret, hash).with(Argon2Function.getInstanceFromHash(hash));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
