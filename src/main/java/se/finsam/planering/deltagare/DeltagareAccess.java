package se.finsam.planering.deltagare;

import io.javalin.http.Context;
import se.finsam.planering.audit.AuditLog;
import se.finsam.planering.auth.CurrentUser;
import se.finsam.planering.auth.Roll;
import se.finsam.planering.web.Fel;
import se.finsam.planering.web.WebContext;

/**
 * The per-participant check every page about a person goes through, after the route's role check.
 * A participant sees only themself; staff see participants of their own teams, and the authorities'
 * staff only where the participant's samtycke covers their organisation (the koordinator sees the
 * whole team). Every look is logged, and so is every refusal.
 */
public final class DeltagareAccess {

    private final DeltagareRepository deltagare;
    private final AuditLog audit;
    private final WebContext web;

    public DeltagareAccess(DeltagareRepository deltagare, AuditLog audit, WebContext web) {
        this.deltagare = deltagare;
        this.audit = audit;
        this.web = web;
    }

    /** Parses the {id} path parameter; anything but a positive number is a plain 404. */
    public static long idFrom(Context ctx, String param) {
        try {
            long id = Long.parseLong(ctx.pathParam(param));
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw Fel.notFound("Det finns ingen deltagare med det numret.");
    }

    public boolean mayAccess(CurrentUser user, long deltagareId) {
        return refusal(user, deltagareId) == null;
    }

    /** Why the user may not see the participant, as a bundle key; null when they may. */
    private String refusal(CurrentUser user, long deltagareId) {
        if (user.roll() == Roll.DELTAGARE) {
            return user.deltagareId() != null && user.deltagareId() == deltagareId ? null : "fel.403.deltagare";
        }
        if (!user.roll().arPersonal()
                || !deltagare.teamOf(deltagareId).map(user.teamIds()::contains).orElse(false)) {
            return "fel.403.deltagare";
        }
        // The koordinator sees everything of the team; the authorities' staff only what samtycke covers.
        if (user.roll() != Roll.KOORDINATOR
                && (user.organisationId() == null || !deltagare.harSamtycke(deltagareId, user.organisationId()))) {
            return "fel.403.samtycke";
        }
        return null;
    }

    /** Lets the request through and logs that it read (or changed) the participant's data, or refuses it. */
    public CurrentUser require(Context ctx, long deltagareId, AuditLog.Handling handling, String vad) {
        CurrentUser user = web.requireUser(ctx);
        if (deltagare.teamOf(deltagareId).isEmpty()) {
            throw Fel.notFound(web.messages(ctx).get("fel.404"));
        }
        String refusal = refusal(user, deltagareId);
        if (refusal != null) {
            audit.log(user.id(), AuditLog.Handling.NEKAD, deltagareId, vad, ctx.ip());
            throw Fel.forbidden(web.messages(ctx).get(refusal));
        }
        audit.log(user.id(), handling, deltagareId, vad, ctx.ip());
        return user;
    }
}
