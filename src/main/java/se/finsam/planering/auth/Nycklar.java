package se.finsam.planering.auth;

import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.AssertionResult;
import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.FinishAssertionOptions;
import com.yubico.webauthn.FinishRegistrationOptions;
import com.yubico.webauthn.RegisteredCredential;
import com.yubico.webauthn.RegistrationResult;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.StartAssertionOptions;
import com.yubico.webauthn.StartRegistrationOptions;
import com.yubico.webauthn.data.AuthenticatorSelectionCriteria;
import com.yubico.webauthn.data.AuthenticatorTransport;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialCreationOptions;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import com.yubico.webauthn.data.RelyingPartyIdentity;
import com.yubico.webauthn.data.ResidentKeyRequirement;
import com.yubico.webauthn.data.UserIdentity;
import com.yubico.webauthn.data.UserVerificationRequirement;
import com.yubico.webauthn.exception.AssertionFailedException;
import com.yubico.webauthn.data.exception.Base64UrlException;
import com.yubico.webauthn.exception.RegistrationFailedException;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Passkeys (WebAuthn) with Yubico's server library: registration, login and second factor, and the credentials
 * stored per account. The relying party is the app's base address (its host name is the relying party id, the
 * address the only accepted origin; on localhost any port). Every challenge is kept on the server, answered once
 * and only within {@link #GILTIG}.
 */
public final class Nycklar implements CredentialRepository {

    /** How long a browser has to answer a challenge. */
    public static final Duration GILTIG = Duration.ofMinutes(5);

    public enum Syfte {
        REGISTRERING, INLOGGNING, TVAFAKTOR;

        String db() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A challenge as the browser gets it: its id and the options for navigator.credentials (JSON). */
    public record Utmaning(String id, String options) {
    }

    /** A stored passkey, as the account page lists it. */
    public record Nyckel(long id, String namn, Instant skapad, Instant senastAnvand) {
    }

    /** An answer the server does not accept: unknown challenge, expired, wrong credential, bad signature. */
    public static class Nekad extends Exception {
        public Nekad(String why) {
            super(why);
        }

        public Nekad(String why, Throwable cause) {
            super(why, cause);
        }
    }

    /** An answer without a live challenge (none, unknown or already used): nothing was checked. */
    public static final class UtanUtmaning extends Nekad {
        public UtanUtmaning(String why) {
            super(why);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final Clock clock;

    public Nycklar(Jdbi jdbi, Clock clock, String baseUrl) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    private final String baseUrl;
    /** Built on the first passkey ceremony: the WebAuthn library (with its JSON and CBOR) loads then, not at start-up. */
    private final se.finsam.planering.util.Senare<RelyingParty> rp = se.finsam.planering.util.Senare.av(this::bygg);

    private RelyingParty rp() {
        return rp.get();
    }

    private RelyingParty bygg() {
        URI uri = URI.create(baseUrl);
        String host = uri.getHost();
        return RelyingParty.builder()
                .identity(RelyingPartyIdentity.builder().id(host).name("FINSAM Planering").build())
                .credentialRepository(this)
                .origins(Set.of(uri.getScheme() + "://" + uri.getRawAuthority()))
                // In development and tests the app runs on some port of localhost; a real deployment has one origin.
                .allowOriginPort("localhost".equals(host))
                .validateSignatureCounter(true)
                .clock(clock)
                .build();
    }

    // ---- registration ----

    public Utmaning startaRegistrering(long anvandareId, String anvandarnamn, String namn) {
        ByteArray handle = handtag(anvandareId);
        PublicKeyCredentialCreationOptions options = rp().startRegistration(StartRegistrationOptions.builder()
                .user(UserIdentity.builder().name(anvandarnamn).displayName(namn).id(handle).build())
                .authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                        .residentKey(ResidentKeyRequirement.REQUIRED)
                        .userVerification(UserVerificationRequirement.PREFERRED)
                        .build())
                .timeout(GILTIG.toMillis())
                .build());
        try {
            String id = spara(anvandareId, Syfte.REGISTRERING, options.toJson(), null);
            return new Utmaning(id, options.toCredentialsCreateJson());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks the browser's answer and stores the new passkey; returns its id. */
    public long avslutaRegistrering(long anvandareId, String utmaningId, String svar, String namn) throws Nekad {
        String begaran = ta(utmaningId, Syfte.REGISTRERING, anvandareId);
        try {
            PublicKeyCredentialCreationOptions request = PublicKeyCredentialCreationOptions.fromJson(begaran);
            RegistrationResult result = rp().finishRegistration(FinishRegistrationOptions.builder()
                    .request(request)
                    .response(PublicKeyCredential.parseRegistrationResponseJson(svar))
                    .build());
            String transports = result.getKeyId().getTransports()
                    .map(t -> t.stream().map(AuthenticatorTransport::getId).collect(Collectors.joining(",")))
                    .orElse(null);
            Instant now = clock.instant();
            return jdbi.withHandle(h -> h.createUpdate("""
                            INSERT INTO nyckel (anvandare_id, credential_id, user_handle, public_key_cose, sign_count,
                                                transports, namn, skapad)
                            VALUES (:a, :c, :u, :p, :s, :t, :n, :now)""")
                    .bind("a", anvandareId).bind("c", result.getKeyId().getId().getBase64Url())
                    .bind("u", request.getUser().getId().getBase64Url())
                    .bind("p", result.getPublicKeyCose().getBase64Url()).bind("s", result.getSignatureCount())
                    .bind("t", transports).bind("n", namn).bind("now", now)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        } catch (RegistrationFailedException | IOException | RuntimeException e) {
            throw new Nekad("registreringen godtogs inte: " + e.getMessage(), e);
        }
    }

    // ---- login and second factor ----

    /**
     * A challenge for logging in: with a user id only that account's passkeys are asked for, without one the
     * authenticator offers the passkeys it keeps for this site (discoverable credentials).
     */
    public Utmaning startaInloggning(Syfte syfte, Long anvandareId, String anvandarnamn) {
        return startaInloggning(syfte, anvandareId, anvandarnamn, null);
    }

    /** Unused login challenges an address keeps; starting another removes its oldest. */
    public static final int UTMANINGAR_PER_ADRESS = 3;

    /**
     * The same, started from an address (a login without an account yet): the address keeps only its
     * {@value #UTMANINGAR_PER_ADRESS} latest unused challenges.
     */
    public Utmaning startaInloggning(Syfte syfte, Long anvandareId, String anvandarnamn, String adress) {
        StartAssertionOptions.StartAssertionOptionsBuilder options = StartAssertionOptions.builder()
                .userVerification(UserVerificationRequirement.PREFERRED)
                .timeout(GILTIG.toMillis());
        if (anvandarnamn != null && !anvandarnamn.isBlank()) {
            options.username(anvandarnamn);
        }
        AssertionRequest request = rp().startAssertion(options.build());
        try {
            String id = spara(anvandareId, syfte, request.toJson(), adress);
            return new Utmaning(id, request.toCredentialsGetJson());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks a login answer: the challenge is taken (once), the signature and the signature counter checked, and the
     * passkey's counter and last use stored. Returns the account the passkey belongs to.
     */
    public long avslutaInloggning(Syfte syfte, Long anvandareId, String utmaningId, String svar) throws Nekad {
        String begaran = ta(utmaningId, syfte, anvandareId);
        AssertionResult result;
        try {
            result = rp().finishAssertion(FinishAssertionOptions.builder()
                    .request(AssertionRequest.fromJson(begaran))
                    .response(PublicKeyCredential.parseAssertionResponseJson(svar))
                    .build());
        } catch (AssertionFailedException | IOException | RuntimeException e) {
            throw new Nekad("inloggning med nyckel godtogs inte: " + e.getMessage(), e);
        }
        if (!result.isSuccess() || !result.isSignatureCounterValid()) {
            throw new Nekad("inloggning med nyckel godtogs inte");
        }
        String credentialId = result.getCredential().getCredentialId().getBase64Url();
        Instant now = clock.instant();
        Long owner = jdbi.inTransaction(h -> {
            Optional<Long> a = h.createQuery("SELECT anvandare_id FROM nyckel WHERE credential_id = :c")
                    .bind("c", credentialId).mapTo(Long.class).findOne();
            h.createUpdate("UPDATE nyckel SET sign_count = :s, senast_anvand = :n WHERE credential_id = :c")
                    .bind("s", result.getSignatureCount()).bind("n", now).bind("c", credentialId).execute();
            return a.orElse(null);
        });
        if (owner == null || (anvandareId != null && !anvandareId.equals(owner))) {
            throw new Nekad("nyckeln hör inte till kontot");
        }
        return owner;
    }

    // ---- the account's passkeys ----

    public List<Nyckel> lista(long anvandareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, namn, skapad, senast_anvand FROM nyckel WHERE anvandare_id = :a ORDER BY skapad, id""")
                .bind("a", anvandareId)
                .map((rs, c) -> new Nyckel(rs.getLong("id"), rs.getString("namn"), Instant.parse(rs.getString("skapad")),
                        rs.getString("senast_anvand") == null ? null : Instant.parse(rs.getString("senast_anvand"))))
                .list());
    }

    public boolean harNyckel(long anvandareId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM nyckel WHERE anvandare_id = :a)")
                .bind("a", anvandareId).mapTo(Boolean.class).one());
    }

    /**
     * Removes one of the account's passkeys; returns its name, or empty when the account has no such passkey. A
     * participant who removes her last passkey gets PIN login back, so she is never locked out.
     */
    public Optional<String> taBort(long anvandareId, long nyckelId) {
        return jdbi.inTransaction(h -> {
            Optional<String> namn = h.createQuery("SELECT namn FROM nyckel WHERE id = :id AND anvandare_id = :a")
                    .bind("id", nyckelId).bind("a", anvandareId).mapTo(String.class).findOne();
            namn.ifPresent(n -> {
                h.createUpdate("DELETE FROM nyckel WHERE id = :id").bind("id", nyckelId).execute();
                h.createUpdate("""
                                UPDATE anvandare SET pin_avstangd = 0
                                WHERE id = :a AND NOT EXISTS (SELECT 1 FROM nyckel WHERE anvandare_id = :a)""")
                        .bind("a", anvandareId).execute();
            });
            return namn;
        });
    }

    /** Removes every passkey of an account (the administrator's reset of a lost second factor). */
    public int taBortAlla(long anvandareId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM nyckel WHERE anvandare_id = :a")
                .bind("a", anvandareId).execute());
    }

    // ---- challenges ----

    private String spara(Long anvandareId, Syfte syfte, String begaran, String adress) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = new ByteArray(bytes).getBase64Url();
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM webauthn_utmaning WHERE giltig_till < :n").bind("n", now).execute();
            if (adress != null) {
                h.createUpdate("""
                                DELETE FROM webauthn_utmaning WHERE adress = :ad AND id NOT IN (
                                    SELECT id FROM webauthn_utmaning WHERE adress = :ad
                                    ORDER BY giltig_till DESC LIMIT :kvar)""")
                        .bind("ad", adress).bind("kvar", UTMANINGAR_PER_ADRESS - 1).execute();
            }
            h.createUpdate("""
                            INSERT INTO webauthn_utmaning (id, anvandare_id, syfte, begaran, giltig_till, adress)
                            VALUES (:id, :a, :s, :b, :g, :ad)""")
                    .bind("id", id).bind("a", anvandareId).bind("s", syfte.db()).bind("b", begaran)
                    .bind("g", now.plus(GILTIG)).bind("ad", adress).execute();
        });
        return id;
    }

    /** Takes a challenge: it is deleted whatever happens next, so an answer is accepted at most once. */
    private String ta(String utmaningId, Syfte syfte, Long anvandareId) throws Nekad {
        if (utmaningId == null || utmaningId.isEmpty() || utmaningId.length() > 100) {
            throw new UtanUtmaning("ingen utmaning");
        }
        Instant now = clock.instant();
        Optional<LagradUtmaning> row = jdbi.inTransaction(h -> {
            Optional<LagradUtmaning> r = h.createQuery("""
                            SELECT anvandare_id, syfte, begaran, giltig_till FROM webauthn_utmaning WHERE id = :id""")
                    .bind("id", utmaningId)
                    .map(ConstructorMapper.of(LagradUtmaning.class))
                    .findOne();
            h.createUpdate("DELETE FROM webauthn_utmaning WHERE id = :id").bind("id", utmaningId).execute();
            return r;
        });
        if (row.isEmpty()) {
            throw new UtanUtmaning("okänd eller redan använd utmaning");
        }
        LagradUtmaning r = row.get();
        if (!syfte.db().equals(r.syfte()) || !Objects.equals(anvandareId, r.anvandareId())) {
            throw new Nekad("utmaningen hör till något annat");
        }
        if (!now.isBefore(r.giltigTill())) {
            throw new Nekad("utmaningen har gått ut");
        }
        return r.begaran();
    }

    /** A stored challenge, as its row reads. */
    public record LagradUtmaning(Long anvandareId, String syfte, String begaran, Instant giltigTill) {
    }

    // ---- CredentialRepository: the library's view of the table (usernames are the accounts' user ids) ----

    private ByteArray handtag(long anvandareId) {
        return jdbi.inTransaction(h -> {
            Optional<String> existing = h.createQuery("SELECT nyckel_handtag FROM anvandare WHERE id = :id")
                    .bind("id", anvandareId).mapTo(String.class).findOne().filter(Objects::nonNull);
            if (existing.isPresent()) {
                return fromBase64Url(existing.get());
            }
            byte[] bytes = new byte[64];
            RANDOM.nextBytes(bytes);
            ByteArray handle = new ByteArray(bytes);
            h.createUpdate("UPDATE anvandare SET nyckel_handtag = :h WHERE id = :id")
                    .bind("h", handle.getBase64Url()).bind("id", anvandareId).execute();
            return handle;
        });
    }

    @Override
    public Set<PublicKeyCredentialDescriptor> getCredentialIdsForUsername(String username) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT n.credential_id, n.transports FROM nyckel n JOIN anvandare a ON a.id = n.anvandare_id
                        WHERE a.anvandarnamn = :u AND a.aktiv = 1""")
                .bind("u", username)
                .map((rs, c) -> descriptor(rs.getString("credential_id"), rs.getString("transports")))
                .set());
    }

    private static PublicKeyCredentialDescriptor descriptor(String credentialId, String transports) {
        PublicKeyCredentialDescriptor.PublicKeyCredentialDescriptorBuilder b = PublicKeyCredentialDescriptor.builder()
                .id(fromBase64Url(credentialId));
        if (transports != null && !transports.isBlank()) {
            SortedSet<AuthenticatorTransport> set = new TreeSet<>();
            Arrays.stream(transports.split(",")).map(AuthenticatorTransport::of).forEach(set::add);
            b.transports(set);
        }
        return b.build();
    }

    @Override
    public Optional<ByteArray> getUserHandleForUsername(String username) {
        return jdbi.withHandle(h -> h.createQuery("SELECT nyckel_handtag FROM anvandare WHERE anvandarnamn = :u")
                        .bind("u", username).mapTo(String.class).findOne())
                .filter(Objects::nonNull).map(Nycklar::fromBase64Url);
    }

    @Override
    public Optional<String> getUsernameForUserHandle(ByteArray userHandle) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT anvandarnamn FROM anvandare WHERE nyckel_handtag = :h AND aktiv = 1""")
                .bind("h", userHandle.getBase64Url()).mapTo(String.class).findOne());
    }

    @Override
    public Optional<RegisteredCredential> lookup(ByteArray credentialId, ByteArray userHandle) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT n.credential_id, n.user_handle, n.public_key_cose, n.sign_count
                        FROM nyckel n JOIN anvandare a ON a.id = n.anvandare_id
                        WHERE n.credential_id = :c AND n.user_handle = :u AND a.aktiv = 1""")
                .bind("c", credentialId.getBase64Url()).bind("u", userHandle.getBase64Url())
                .map((rs, c) -> credential(rs.getString("credential_id"), rs.getString("user_handle"),
                        rs.getString("public_key_cose"), rs.getLong("sign_count")))
                .findOne());
    }

    @Override
    public Set<RegisteredCredential> lookupAll(ByteArray credentialId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT credential_id, user_handle, public_key_cose, sign_count FROM nyckel
                        WHERE credential_id = :c""")
                .bind("c", credentialId.getBase64Url())
                .map((rs, c) -> credential(rs.getString("credential_id"), rs.getString("user_handle"),
                        rs.getString("public_key_cose"), rs.getLong("sign_count")))
                .set());
    }

    private static RegisteredCredential credential(String id, String handle, String cose, long count) {
        return RegisteredCredential.builder().credentialId(fromBase64Url(id)).userHandle(fromBase64Url(handle))
                .publicKeyCose(fromBase64Url(cose)).signatureCount(count).build();
    }

    private static ByteArray fromBase64Url(String value) {
        try {
            return ByteArray.fromBase64Url(value);
        } catch (Base64UrlException e) {
            throw new IllegalStateException("stored value is not base64url", e);
        }
    }
}
