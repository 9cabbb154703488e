package se.finsam.planering.overlamning;

import io.javalin.http.Context;
import java.time.Clock;
import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.web.Felsvar;
import se.finsam.planering.web.Formular;
import se.finsam.planering.web.Webbkontext;

/** The receiving handläggare's answer to a handed-over item: kvittens, or "not mine" with a reason. */
public final class OverlamningRoutes {

    /** The longest reason for sending an item back. */
    private static final int MAX_ORSAK = 1000;

    private final OverlamningRepository overlamningar;
    private final Webbkontext web;
    private final Clock clock;

    public OverlamningRoutes(OverlamningRepository overlamningar, Webbkontext web, Clock clock) {
        this.overlamningar = overlamningar;
        this.web = web;
        this.clock = clock;
    }

    private OverlamningRepository.Kvittens egen(Context ctx) {
        long id = Formular.sokvagsId(ctx, "id");
        var kvittens = overlamningar.hitta(id).orElseThrow(() -> Felsvar.notFound(web.messages(ctx).get("fel.404")));
        Anvandare user = web.requireUser(ctx);
        if (kvittens.tillId() != user.id()) {
            throw Felsvar.forbidden(web.messages(ctx).get("overlamning.fel.intedin"));
        }
        return kvittens;
    }

    public void kvittera(Context ctx) {
        var k = egen(ctx);
        if (!overlamningar.kvittera(k.id(), k.tillId(), clock.instant())) {
            throw Felsvar.badRequest(web.messages(ctx).get("overlamning.fel.besvarad"));
        }
        web.flash(ctx, "flash.overlamning.kvitterad");
        ctx.redirect(se.finsam.planering.web.Aterlank.fran(ctx, "/oversikt"));
    }

    public void avvisa(Context ctx) {
        var k = egen(ctx);
        Formular f = Formular.av(ctx);
        String orsak = f.text("orsak", MAX_ORSAK, "overlamning.fel.orsak");
        if (!f.ok()) {
            throw Felsvar.badRequest(f.fel().text("orsak", web.messages(ctx)));
        }
        if (!overlamningar.avvisa(k.id(), k.tillId(), orsak, clock.instant())) {
            throw Felsvar.badRequest(web.messages(ctx).get("overlamning.fel.besvarad"));
        }
        web.flash(ctx, "flash.overlamning.avvisad");
        ctx.redirect(se.finsam.planering.web.Aterlank.fran(ctx, "/oversikt"));
    }
}
