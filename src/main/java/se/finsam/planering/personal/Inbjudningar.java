package se.finsam.planering.personal;

import se.finsam.planering.auth.Token;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * One-time invitation links for staff accounts. A link carries 256 random bits; only their SHA-256 hash is
 * stored. A link works once, for {@link #GILTIG} after it is made, and dies when a newer one is made for the
 * same account or the account is deactivated.
 */
public final class Inbjudningar {

    public static final Duration GILTIG = Duration.ofHours(72);

    /** The account a valid link belongs to. */
    public record Mottagare(long anvandareId, String anvandarnamn, String namn) {
    }

    private final Jdbi jdbi;
    private final Clock clock;

    public Inbjudningar(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Makes a new link for the account inside the caller's transaction; every older unused link dies. */
    public String skapa(Handle h, long anvandareId, Long skapadAv) {
        Instant nu = clock.instant();
        h.createUpdate("UPDATE inbjudan SET ersatt = :nu WHERE anvandare_id = :a AND anvand IS NULL AND ersatt IS NULL")
                .bind("nu", nu).bind("a", anvandareId).execute();
        String token = nyToken();
        h.createUpdate("""
                        INSERT INTO inbjudan (anvandare_id, token_hash, skapad, giltig_till, skapad_av)
                        VALUES (:a, :h, :nu, :till, :av)""")
                .bind("a", anvandareId).bind("h", hash(token)).bind("nu", nu).bind("till", nu.plus(GILTIG))
                .bind("av", skapadAv).execute();
        return token;
    }

    public String skapa(long anvandareId, Long skapadAv) {
        return jdbi.inTransaction(h -> skapa(h, anvandareId, skapadAv));
    }

    /** Ends the account's unused links (a deactivated account takes no invitation). */
    public static void avslutaFor(Handle h, long anvandareId, Instant nu) {
        h.createUpdate("UPDATE inbjudan SET ersatt = :nu WHERE anvandare_id = :a AND anvand IS NULL AND ersatt IS NULL")
                .bind("nu", nu).bind("a", anvandareId).execute();
    }

    /** The active staff account a link that still works belongs to. */
    public Optional<Mottagare> giltig(String token) {
        if (!rimligToken(token)) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> giltig(h, hash(token), clock.instant()));
    }

    private static Optional<Mottagare> giltig(Handle h, String tokenHash, Instant nu) {
        return h.createQuery("""
                        SELECT a.id AS anvandare_id, a.anvandarnamn, a.namn FROM inbjudan i JOIN anvandare a ON a.id = i.anvandare_id
                        WHERE i.token_hash = :h AND i.anvand IS NULL AND i.ersatt IS NULL AND i.giltig_till > :nu
                          AND a.aktiv = 1 AND a.roll <> 'deltagare'""")
                .bind("h", tokenHash).bind("nu", nu)
                .map(ConstructorMapper.of(Mottagare.class))
                .findOne();
    }

    /**
     * Uses the link: sets the account's password hash and marks the link used, in one transaction, so a link
     * used twice at once works only once. Empty when the link does not (or no longer) work.
     */
    public Optional<Mottagare> anvand(String token, String losenordHash) {
        if (!rimligToken(token)) {
            return Optional.empty();
        }
        String tokenHash = hash(token);
        Instant nu = clock.instant();
        return jdbi.inTransaction(h -> {
            Optional<Mottagare> mottagare = giltig(h, tokenHash, nu);
            mottagare.ifPresent(m -> {
                h.createUpdate("UPDATE inbjudan SET anvand = :nu WHERE token_hash = :h")
                        .bind("nu", nu).bind("h", tokenHash).execute();
                h.createUpdate("UPDATE anvandare SET losenord_hash = :p WHERE id = :id")
                        .bind("p", losenordHash).bind("id", m.anvandareId()).execute();
                PersonalRepository.logga(h, m.anvandareId(), m.anvandareId(), "lösenord valt med inbjudningslänk", nu);
            });
            return mottagare;
        });
    }

    /** Whether the account has a link that still works (to show "invited, not yet activated"). */
    public boolean harGiltig(long anvandareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM inbjudan
                        WHERE anvandare_id = :a AND anvand IS NULL AND ersatt IS NULL AND giltig_till > :nu""")
                .bind("a", anvandareId).bind("nu", clock.instant()).mapTo(Integer.class).one() > 0);
    }

    /** Tokens are 43 URL-safe base64 characters; anything else is refused before any database work. */
    static boolean rimligToken(String token) {
        return token != null && token.length() == 43 && token.chars().allMatch(ch ->
                (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-'
                        || ch == '_');
    }

    static String nyToken() {
        return Token.nytt();
    }

    static String hash(String token) {
        return Token.sha256(token);
    }
}
