package se.finsam.planering.auth;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Time-based one-time codes (RFC 6238: SHA-1, 6 digits, 30 seconds, as every authenticator app makes them), with
 * samstevens' TOTP library. A code is accepted for its own step and one step either side, and each step at most
 * once per account, so a code seen over someone's shoulder cannot be used again.
 */
public final class Totp {

    public static final int PERIOD_SECONDS = 30;
    public static final int DIGITS = 6;
    /** Steps either side of now whose code is accepted (clocks of phones drift). */
    public static final int WINDOW = 1;

    private static final CodeGenerator GENERATOR = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);

    private final Jdbi jdbi;
    private final Clock clock;

    public Totp(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The code an authenticator app shows for a secret in a time step. */
    public static String kod(String hemlighet, long steg) {
        try {
            return GENERATOR.generate(hemlighet, steg);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long steg(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), PERIOD_SECONDS);
    }

    public static String nyHemlighet() {
        return new DefaultSecretGenerator(32).generate();
    }

    /** The otpauth address an authenticator app reads from the QR code. */
    public static String uri(String hemlighet, String konto) {
        return new QrData.Builder().label(konto).secret(hemlighet).issuer("FINSAM Planering")
                .algorithm(HashingAlgorithm.SHA1).digits(DIGITS).period(PERIOD_SECONDS).build().getUri();
    }

    public boolean harTotp(long anvandareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT EXISTS (SELECT 1 FROM totp WHERE anvandare_id = :a AND bekraftad IS NOT NULL)""")
                .bind("a", anvandareId).mapTo(Boolean.class).one());
    }

    /**
     * The secret being enrolled for an account that has none in use yet: made once and kept until it is confirmed
     * (so a reload shows the same QR code). Empty when the account already has one in use: it is never shown again.
     */
    public Optional<String> paborjad(long anvandareId) {
        return jdbi.inTransaction(h -> {
            Optional<Hemlighet> row = h.createQuery("SELECT hemlighet, bekraftad FROM totp WHERE anvandare_id = :a")
                    .bind("a", anvandareId).map(ConstructorMapper.of(Hemlighet.class)).findOne();
            if (row.isPresent()) {
                return row.get().bekraftad() == null ? Optional.of(row.get().hemlighet()) : Optional.<String>empty();
            }
            String fresh = nyHemlighet();
            h.createUpdate("INSERT INTO totp (anvandare_id, hemlighet, skapad) VALUES (:a, :h, :n)")
                    .bind("a", anvandareId).bind("h", fresh).bind("n", clock.instant()).execute();
            return Optional.of(fresh);
        });
    }

    /** Confirms the secret being enrolled with a code made from it; false when the code is wrong or used. */
    public boolean bekrafta(long anvandareId, String kod) {
        Optional<String> hemlighet = jdbi.withHandle(h -> h.createQuery("""
                        SELECT hemlighet FROM totp WHERE anvandare_id = :a AND bekraftad IS NULL""")
                .bind("a", anvandareId).mapTo(String.class).findOne());
        if (hemlighet.isEmpty() || !forbruka(anvandareId, hemlighet.get(), kod)) {
            return false;
        }
        jdbi.useHandle(h -> h.createUpdate("UPDATE totp SET bekraftad = :n WHERE anvandare_id = :a")
                .bind("n", clock.instant()).bind("a", anvandareId).execute());
        return true;
    }

    /** Checks a code against the account's secret in use; a code is accepted once. */
    public boolean kontrollera(long anvandareId, String kod) {
        Optional<String> hemlighet = jdbi.withHandle(h -> h.createQuery("""
                        SELECT hemlighet FROM totp WHERE anvandare_id = :a AND bekraftad IS NOT NULL""")
                .bind("a", anvandareId).mapTo(String.class).findOne());
        return hemlighet.isPresent() && forbruka(anvandareId, hemlighet.get(), kod);
    }

    /**
     * The code of this moment, only when the account's secret in use is the given one (the demo's published
     * secret): for any other account, empty.
     */
    public Optional<String> aktuellKodOm(long anvandareId, String publiceradHemlighet) {
        Optional<String> hemlighet = jdbi.withHandle(h -> h.createQuery("""
                        SELECT hemlighet FROM totp WHERE anvandare_id = :a AND bekraftad IS NOT NULL""")
                .bind("a", anvandareId).mapTo(String.class).findOne());
        return hemlighet.filter(publiceradHemlighet::equals).map(x -> kod(x, steg(clock.instant())));
    }

    /** Removes the account's secret and its used steps (the administrator's reset of a lost second factor). */
    public void aterstall(long anvandareId) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM totp WHERE anvandare_id = :a").bind("a", anvandareId).execute();
            h.createUpdate("DELETE FROM totp_anvand WHERE anvandare_id = :a").bind("a", anvandareId).execute();
        });
    }

    private boolean forbruka(long anvandareId, String hemlighet, String kod) {
        if (kod == null || !kod.matches("\\d{" + DIGITS + "}")) {
            return false;
        }
        Instant now = clock.instant();
        long current = steg(now);
        for (long s = current - WINDOW; s <= current + WINDOW; s++) {
            if (MessageDigest.isEqual(kod(hemlighet, s).getBytes(StandardCharsets.US_ASCII),
                    kod.getBytes(StandardCharsets.US_ASCII))) {
                long step = s;
                return jdbi.inTransaction(h -> {
                    h.createUpdate("DELETE FROM totp_anvand WHERE anvandare_id = :a AND steg < :old")
                            .bind("a", anvandareId).bind("old", current - 10L * WINDOW - 10).execute();
                    return h.createUpdate("""
                                    INSERT INTO totp_anvand (anvandare_id, steg, anvand) VALUES (:a, :s, :n)
                                    ON CONFLICT DO NOTHING""")
                            .bind("a", anvandareId).bind("s", step).bind("n", now).execute() == 1;
                });
            }
        }
        return false;
    }

    /** An account's TOTP secret and when it was confirmed (null while being enrolled). */
    public record Hemlighet(String hemlighet, String bekraftad) {
    }
}
