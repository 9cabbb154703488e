package se.finsam.planering.utskick;

import io.javalin.http.Context;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.Set;
import nl.martijndwars.webpush.Utils;
import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.web.Webbkontext;

/**
 * Notifications turned on and off from her message choices (a participant's on Mina uppgifter, staff's on their
 * account page): the page's script posts the subscription its browser made (endpoint, p256dh, auth, with the CSRF
 * token) to the page's address + {@code /push}, or the endpoint it ended to {@code /push/av}. Without an endpoint,
 * "off" ends them in every browser of hers (a plain form, which works without the script) and leads back to the
 * page.
 */
public final class PushRoutes {

    private static final String AV = "/push/av";
    private static final int LANGSTA_ENDPOINT = 1000;

    private final PushRepository repo;
    private final Set<String> extra;
    private final Webbkontext web;
    private final Clock clock;

    public PushRoutes(PushRepository repo, Set<String> extra, Webbkontext web, Clock clock) {
        this.repo = repo;
        this.extra = Set.copyOf(extra);
        this.web = web;
        this.clock = clock;
    }

    public void pa(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        String endpoint = ctx.formParam("endpoint");
        String p256dh = ctx.formParam("p256dh");
        String auth = ctx.formParam("auth");
        if (endpoint == null || endpoint.length() > LANGSTA_ENDPOINT || !Pushsandare.tillaten(endpoint, extra)) {
            fel(ctx, "utskick.push.fel.tjanst");
            return;
        }
        if (!nyckel(p256dh) || !hemlighet(auth)) {
            fel(ctx, "utskick.push.fel.nyckel");
            return;
        }
        repo.spara(user.id(), endpoint, p256dh, auth, clock.instant());
        web.flash(ctx, "flash.utskick.push.pa");
        ctx.status(204);
    }

    public void av(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        String endpoint = ctx.formParam("endpoint");
        if (endpoint != null && !endpoint.isBlank()) {
            repo.taBort(user.id(), endpoint);
            web.flash(ctx, "flash.utskick.push.av");
            ctx.status(204);
            return;
        }
        repo.taBortAlla(user.id());
        web.flash(ctx, "flash.utskick.push.av");
        ctx.redirect(ctx.path().substring(0, ctx.path().length() - AV.length()));
    }

    private void fel(Context ctx, String nyckel) {
        ctx.status(400).contentType("text/plain; charset=utf-8").result(web.messages(ctx).get(nyckel));
    }

    /** The browser's P-256 public key: an uncompressed point on the curve, base64url. */
    private static boolean nyckel(String b64) {
        byte[] b = avkoda(b64);
        if (b == null || b.length != 65 || b[0] != 0x04) {
            return false;
        }
        try {
            Pushnycklar.bouncyCastle();
            Utils.loadPublicKey(b);
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The browser's authentication secret: 16 bytes, base64url. */
    private static boolean hemlighet(String b64) {
        byte[] b = avkoda(b64);
        return b != null && b.length == 16;
    }

    private static byte[] avkoda(String b64) {
        if (b64 == null || b64.length() > 200) {
            return null;
        }
        try {
            return Base64.getUrlDecoder().decode(b64.strip().replace("=", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
