package se.finsam.planering.utskick;

import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.finsam.planering.audit.Handelselogg;

/**
 * What the SMS gateway posts back, as 46elks does: the delivery report of a message ({@code id}, {@code status}
 * sent, delivered or failed) and an incoming SMS ({@code from}, {@code message}); an answer STOPP or STOP turns
 * SMS off for whoever has that number. The gateway has no session and no CSRF token: it proves itself with basic
 * authentication (user {@value #ANVANDARE}, the password FINSAM_SMS_RETUR_LOSENORD, which 46elks takes in the
 * callback's address), compared in constant time. Without the password set, both are refused.
 */
public final class SmsReturRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(SmsReturRoutes.class);

    public static final String ANVANDARE = "finsam";
    public static final String LEVERANSRAPPORT = "/api/sms/leveransrapport";
    public static final String INKOMMANDE = "/api/sms/inkommande";
    /** The paths the gateway posts to: no CSRF token, their own authentication. */
    public static final Set<String> SOKVAGAR = Set.of(LEVERANSRAPPORT, INKOMMANDE);

    private static final Set<String> STOPPORD = Set.of("STOPP", "STOP");

    private final UtskickRepository repo;
    private final Handelselogg audit;
    private final Clock clock;
    private final byte[] vantat;

    public SmsReturRoutes(UtskickRepository repo, Handelselogg audit, Clock clock, String losenord) {
        this.repo = repo;
        this.audit = audit;
        this.clock = clock;
        this.vantat = losenord == null ? null : sha256((ANVANDARE + ":" + losenord).getBytes(StandardCharsets.UTF_8));
    }

    /** The address each SMS gives the gateway for its delivery report: this server's, with the password in it. */
    static String leveransrapportUrl(String baseUrl, String losenord) {
        if (losenord == null || baseUrl == null) {
            return null;
        }
        URI bas = URI.create(baseUrl);
        String vag = (bas.getPath() == null ? "" : bas.getPath().replaceAll("/+$", "")) + LEVERANSRAPPORT;
        try {
            return new URI(bas.getScheme(), ANVANDARE + ":" + losenord, bas.getHost(), bas.getPort(), vag, null, null)
                    .toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("FINSAM_BASE_URL cannot carry the callback address", e);
        }
    }

    /** A delivery report: delivered, or failed for good (shown to the koordinator, never sent again). */
    public void leveransrapport(Context ctx) {
        if (!behorig(ctx)) {
            return;
        }
        String id = ctx.formParam("id");
        String status = ctx.formParam("status");
        if (id == null || id.isBlank() || id.length() > 100 || !id.matches("[\\p{Alnum}._:-]+")) {
            fel(ctx, "id saknas eller är ogiltigt");
            return;
        }
        if (status == null || !Set.of("sent", "delivered", "failed").contains(status)) {
            fel(ctx, "status ska vara sent, delivered eller failed");
            return;
        }
        if (!status.equals("sent")) {
            boolean levererat = status.equals("delivered");
            boolean andrad = repo.leveransrapport(id, levererat, levererat ? null : "sms-tjänsten: kunde inte levereras",
                    clock.instant());
            if (!andrad) {
                LOG.info("SMS delivery report for an unknown or settled message: {} {}", id, status);
            } else if (!levererat) {
                LOG.warn("SMS {} could not be delivered (the gateway's report)", id);
            }
        }
        ctx.status(204);
    }

    /** An incoming SMS: STOPP or STOP (any case, spaces around) from her number turns SMS off for her. */
    public void inkommande(Context ctx) {
        if (!behorig(ctx)) {
            return;
        }
        String fran = ctx.formParam("from");
        String text = ctx.formParam("message");
        if (fran == null || Telefonnummer.e164(fran) == null) {
            fel(ctx, "from saknas eller är inget telefonnummer");
            return;
        }
        if (text == null || text.length() > 2000) {
            fel(ctx, "message saknas eller är för långt");
            return;
        }
        if (STOPPORD.contains(text.strip().toUpperCase(Locale.ROOT))) {
            for (UtskickRepository.Stoppad s : repo.stoppaSms(fran, clock.instant())) {
                audit.log(s.anvandareId(), Handelselogg.Handling.ANDRA, s.deltagareId(), "svarade STOPP: sms avstängt",
                        null);
            }
        }
        // An empty answer: 46elks would send a non-empty one back to her as an SMS.
        ctx.status(204);
    }

    private boolean behorig(Context ctx) {
        if (vantat == null) {
            LOG.warn("Refused {} from {}: FINSAM_SMS_RETUR_LOSENORD is not set", ctx.path(), ctx.ip());
            ctx.status(403).contentType("text/plain; charset=utf-8")
                    .result("Återkoppling från sms-tjänsten är inte inställd på den här servern.");
            return false;
        }
        if (!stammer(ctx.header("Authorization"))) {
            LOG.warn("Refused {} from {}: wrong or missing credentials", ctx.path(), ctx.ip());
            ctx.status(401).header("WWW-Authenticate", "Basic realm=\"FINSAM sms\", charset=\"UTF-8\"")
                    .contentType("text/plain; charset=utf-8").result("Inloggning krävs.");
            return false;
        }
        return true;
    }

    /** Whether the header carries the expected user and password; the comparison takes the same time either way. */
    boolean stammer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.substring(6).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sha256(given), vantat);
    }

    private static void fel(Context ctx, String text) {
        ctx.status(400).contentType("text/plain; charset=utf-8").result(text);
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
