package se.finsam.planering.overlamning;

import io.javalin.http.Context;
import java.time.Clock;
import se.finsam.planering.atkomst.CurrentUser;
import se.finsam.planering.atkomst.DeltagareAccess;
import se.finsam.planering.web.Fel;
import se.finsam.planering.web.WebContext;

/** The receiving handläggare's answer to a handed-over item: kvittens, or "not mine" with a reason. */
public final class OverlamningRoutes {

    private final OverlamningRepository overlamningar;
    private final DeltagareAccess access;
    private final WebContext web;
    private final Clock clock;

    public OverlamningRoutes(OverlamningRepository overlamningar, DeltagareAccess access, WebContext web,
                             Clock clock) {
        this.overlamningar = overlamningar;
        this.access = access;
        this.web = web;
        this.clock = clock;
    }

    private OverlamningRepository.Kvittens egen(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw Fel.notFound(web.messages(ctx).get("fel.404"));
        }
        var kvittens = overlamningar.hitta(id).orElseThrow(() -> Fel.notFound(web.messages(ctx).get("fel.404")));
        CurrentUser user = web.requireUser(ctx);
        if (kvittens.tillId() != user.id()) {
            throw Fel.forbidden(web.messages(ctx).get("overlamning.fel.intedin"));
        }
        return kvittens;
    }

    public void kvittera(Context ctx) {
        var k = egen(ctx);
        if (!overlamningar.kvittera(k.id(), k.tillId(), clock.instant())) {
            throw Fel.badRequest(web.messages(ctx).get("overlamning.fel.besvarad"));
        }
        web.flash(ctx, "flash.overlamning.kvitterad");
        ctx.redirect("/oversikt");
    }

    public void avvisa(Context ctx) {
        var k = egen(ctx);
        String orsak = ctx.formParam("orsak");
        if (orsak == null || orsak.isBlank() || orsak.length() > 1000) {
            throw Fel.badRequest(web.messages(ctx).get("overlamning.fel.orsak"));
        }
        if (!overlamningar.avvisa(k.id(), k.tillId(), orsak.strip(), clock.instant())) {
            throw Fel.badRequest(web.messages(ctx).get("overlamning.fel.besvarad"));
        }
        web.flash(ctx, "flash.overlamning.avvisad");
        ctx.redirect("/oversikt");
    }
}
