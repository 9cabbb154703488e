package se.finsam.planering.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.util.function.Supplier;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Argon2id hashing for staff passwords and participants' PINs.
 *
 * <p>Each hash holds {@value #MEMORY_KIB} KiB while it runs, so the number running at once is bounded by a
 * small pool of permits sized from the heap: a flood of logins waits briefly and is then turned away,
 * instead of running the server out of memory. The parameters are one of OWASP's equivalent choices
 * (12 MiB, 3 iterations) picked to fit the 128 MB heap the service runs with. Stored hashes carry their
 * own parameters, so hashes made with other parameters keep verifying.
 */
public final class Losenordshash {

    static final int MEMORY_KIB = 12_288;
    static final int ITERATIONS = 3;
    static final int PARALLELISM = 1;
    /** Loaded on the first hash, not at start-up (the library reads its settings when it loads). */
    private static final class Argon {
        static final Argon2Function ID = Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, 32,
                Argon2.ID);
    }
    /** A burst of logins waits this long for a permit before it is told to try again. */
    private static final long WAIT_MILLIS = 1_500;

    private static final ThreadLocal<Boolean> HOLDING = ThreadLocal.withInitial(() -> false);

    private final Semaphore permits;
    private final int permitCount;

    /**
     * A hash of a password nobody knows, so that unknown users take as long to refuse as known ones.
     * Made on first need rather than at start-up, which it would slow down.
     */
    private final se.finsam.planering.util.Senare<String> dummyHash = se.finsam.planering.util.Senare.av(
            () -> Password.hash("ingen-anvandare-har-detta-losenord").addRandomSalt(16).with(Argon.ID).getResult());

    public Losenordshash() {
        this(permitsFor(Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors()));
    }

    Losenordshash(int permitCount) {
        this.permitCount = permitCount;
        this.permits = new Semaphore(permitCount, true);
    }

    /**
     * A quarter of the heap for hashing, and no more hashes at once than there are processors to run them
     * (Argon2 is CPU-bound: more would only wait longer and hold more memory). At least one.
     */
    static int permitsFor(long maxHeapBytes, int processors) {
        long perHash = MEMORY_KIB * 1024L;
        long byHeap = maxHeapBytes / 4 / perHash;
        return (int) Math.max(1, Math.min(processors, byHeap));
    }

    public int permits() {
        return permitCount;
    }

    /** Thrown when every permit is taken for longer than a login should wait; the caller answers 429. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("Too many password checks at once", null, false, false);
        }
    }

    public String hash(String secret) {
        return withPermit(() -> Password.hash(secret).addRandomSalt(16).with(Argon.ID).getResult());
    }

    /**
     * Whether the secret matches the hash (an unknown user has no hash and takes as long).
     *
     * @throws Busy when no permit came free in time
     */
    public boolean matches(String secret, String hash) {
        if (secret == null) {
            return false;
        }
        return withPermit(() -> {
            if (hash == null) {
                Password.check(secret, dummyHash.get()).with(Argon.ID);
                return false;
            }
            try {
                return Password.check(secret, hash).with(Argon2Function.getInstanceFromHash(hash));
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    /**
     * Runs work that includes hashing while holding one permit; hashing inside it uses that permit. Login
     * takes the permit first and counts the attempt inside, so an attempt turned away as busy counts nothing.
     *
     * @throws Busy when no permit came free in time
     */
    public <T> T withPermit(Supplier<T> work) {
        if (HOLDING.get()) {
            return work.get();
        }
        try {
            if (!permits.tryAcquire(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new Busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        }
        HOLDING.set(true);
        try {
            return work.get();
        } finally {
            HOLDING.set(false);
            permits.release();
        }
    }

    /** Called with a permit held. */
}
