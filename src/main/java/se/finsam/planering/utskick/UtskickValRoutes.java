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

    public record Sida(String telefon, String adress, boolean sms, boolean epost, boolean detaljer,
                       boolean stoppad) {
    }

    private final UtskickRepository repo;
    private final Mallar mallar;
    private final Webbkontext web;
    private final java.time.Clock clock;

    public UtskickValRoutes(UtskickRepository repo, Mallar mallar, Webbkontext web, java.time.Clock clock) {
        this.repo = repo;
        this.mallar = mallar;
        this.web = web;
        this.clock = clock;
    }

    public void sida(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        UtskickRepository.Val v = repo.val(user.deltagareId());
        mallar.render(ctx, "utskick/meddelanden.jte", new Sida(v.telefon(), v.epost(), v.smsPa(), v.epostPa(),
                v.detaljer(), v.smsStoppad()));
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
