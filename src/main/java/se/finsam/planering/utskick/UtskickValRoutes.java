package se.finsam.planering.utskick;

import io.javalin.http.Context;
import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.web.Webbkontext;

/**
 * Her messages in her hands, from "Mina uppgifter": each channel with the number or address the team has for her,
 * on or off, and whether a message may carry her meeting's time and place.
 */
public final class UtskickValRoutes {

    /**
     * {@code pushHashar}: the browsers she has notifications on in, each as a short hash of its endpoint (the page's
     * script knows its own browser by it); {@code pushNyckel}: the server's public key, which her browser
     * subscribes with.
     */
    public record Sida(String telefon, String adress, boolean sms, boolean epost, boolean detaljer,
                       boolean stoppad, java.util.List<String> pushHashar, String pushNyckel) {
        public int pushAntal() {
            return pushHashar.size();
        }
    }

    private final UtskickRepository repo;
    private final PushRepository push;
    private final Pushnycklar nycklar;
    private final Mallar mallar;
    private final Webbkontext web;
    private final java.time.Clock clock;

    public UtskickValRoutes(UtskickRepository repo, PushRepository push, Pushnycklar nycklar, Mallar mallar,
                            Webbkontext web, java.time.Clock clock) {
        this.repo = repo;
        this.push = push;
        this.nycklar = nycklar;
        this.mallar = mallar;
        this.web = web;
        this.clock = clock;
    }

    public void sida(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        UtskickRepository.Val v = repo.val(user.deltagareId());
        mallar.render(ctx, "utskick/meddelanden.jte", new Sida(v.telefon(), v.epost(), v.smsPa(), v.epostPa(),
                v.detaljer(), v.smsStoppad(), push.hennes(user.id()).stream().map(p -> hash(p.endpoint())).toList(),
                nycklar.publik()));
    }

    /** The first 8 bytes of the endpoint's SHA-256, in hex: enough to know a browser by, without its address. */
    static String hash(String endpoint) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(endpoint.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public void spara(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        boolean sms = "1".equals(ctx.formParam("sms"));
        boolean epost = "1".equals(ctx.formParam("epost"));
        boolean detaljer = "1".equals(ctx.formParam("detaljer"));
        repo.sparaVal(user.id(), sms, epost, detaljer);
        web.flash(ctx, "flash.utskick.val.sparat");
        ctx.redirect("/min-planering/mina-uppgifter/meddelanden");
    }
}
