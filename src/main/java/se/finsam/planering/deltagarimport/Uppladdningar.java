package se.finsam.planering.deltagarimport;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Uploaded files waiting between the preview and the save, kept on the server so that the page never carries
 * the file back. Each is kept under a random token that is used once, for the koordinator who uploaded it and
 * the team she chose, for at most {@link #GILTIG}. A koordinator has at most one waiting file (a new upload lets
 * her earlier one go), and at most {@link #MAX} are kept in all (the oldest let go first), so the memory stays
 * bounded whatever is uploaded.
 */
public final class Uppladdningar {

    public static final Duration GILTIG = Duration.ofHours(1);
    public static final int MAX = 20;

    public record Uppladdning(long anvandare, long team, String filnamn, byte[] innehall, Instant skapad) {
    }

    private final Clock clock;
    private final SecureRandom slump = new SecureRandom();
    private final Map<String, Uppladdning> vantande = new LinkedHashMap<>();

    public Uppladdningar(Clock clock) {
        this.clock = clock;
    }

    /** Keeps a file and gives the token for it. */
    public synchronized String behall(long anvandare, long team, String filnamn, byte[] innehall) {
        rensa();
        vantande.values().removeIf(u -> u.anvandare() == anvandare);
        while (vantande.size() >= MAX) {
            Iterator<String> aldsta = vantande.keySet().iterator();
            aldsta.next();
            aldsta.remove();
        }
        byte[] b = new byte[32];
        slump.nextBytes(b);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        vantande.put(token, new Uppladdning(anvandare, team, filnamn, innehall, clock.instant()));
        return token;
    }

    /** The file kept under the token for this koordinator, taken away so the token cannot be used again. */
    public synchronized Optional<Uppladdning> ta(String token, long anvandare) {
        rensa();
        Uppladdning u = token == null ? null : vantande.get(token);
        if (u == null || u.anvandare() != anvandare) {
            return Optional.empty();
        }
        vantande.remove(token);
        return Optional.of(u);
    }

    /** How many files are waiting now. */
    public synchronized int antal() {
        rensa();
        return vantande.size();
    }

    /** Lets go of every file older than {@link #GILTIG}. */
    public synchronized void rensa() {
        Instant grans = clock.instant().minus(GILTIG);
        vantande.values().removeIf(u -> !u.skapad().isAfter(grans));
    }
}
