package se.finsam.planering.konto;

import se.finsam.planering.atkomst.CurrentUser;
import se.finsam.planering.atkomst.Roll;
import se.finsam.planering.auth.SessionStore;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import se.finsam.planering.audit.AuditLog;
import se.finsam.planering.web.Fel;
import se.finsam.planering.web.Formular;
import se.finsam.planering.web.Renderer;
import se.finsam.planering.web.WebContext;

/**
 * The account page ("log out everywhere") and the administrator's way to end an account's sessions,
 * for a lost phone or a stolen password.
 */
public final class KontoRoutes {

    public record KontoPage(int sessioner) {
    }

    public record Konto(long id, String anvandarnamn, String namn, String roll, String organisation, int sessioner) {
    }

    public record AdminKontonPage(List<Konto> konton) {
    }

    private final Jdbi jdbi;
    private final SessionStore sessions;
    private final AuditLog audit;
    private final Renderer renderer;
    private final WebContext web;
    private final Clock clock;

    public KontoRoutes(Jdbi jdbi, SessionStore sessions, AuditLog audit, Renderer renderer, WebContext web,
                       Clock clock) {
        this.jdbi = jdbi;
        this.sessions = sessions;
        this.audit = audit;
        this.renderer = renderer;
        this.web = web;
        this.clock = clock;
    }

    public void visa(Context ctx) {
        CurrentUser user = web.requireUser(ctx);
        renderer.render(ctx, "konto/konto.jte", new KontoPage(liveSessions(user.id())));
    }

    /** Ends every session of the logged-in account, this one included. */
    public void loggaUtOverallt(Context ctx) {
        CurrentUser user = web.requireUser(ctx);
        int ended = sessions.deleteAllFor(user.id());
        audit.log(user.id(), AuditLog.Handling.UTLOGGNING, null, "utloggad överallt (" + ended + " inloggningar)",
                ctx.ip());
        web.endSession(ctx);
        ctx.header("Clear-Site-Data", "\"cache\", \"storage\"");
        web.flash(ctx, "flash.utloggad.overallt");
        ctx.redirect(user.roll() == Roll.DELTAGARE ? "/logga-in/deltagare" : "/logga-in");
    }

    /** Staff accounts, for the administrator: who they are and how many live sessions each has. */
    public void adminKonton(Context ctx) {
        var cutoff = clock.instant().minus(sessions.timeout());
        List<Konto> konton = jdbi.withHandle(h -> h.createQuery("""
                        SELECT a.id, a.anvandarnamn, a.namn, a.roll, o.namn AS organisation,
                               (SELECT count(*) FROM session s WHERE s.anvandare_id = a.id AND s.senast_aktiv >= :c)
                               AS sessioner
                        FROM anvandare a LEFT JOIN organisation o ON o.id = a.organisation_id
                        WHERE a.roll <> 'deltagare' ORDER BY a.namn""")
                .bind("c", cutoff)
                .map((rs, c) -> new Konto(rs.getLong("id"), rs.getString("anvandarnamn"), rs.getString("namn"),
                        rs.getString("roll"), rs.getString("organisation"), rs.getInt("sessioner")))
                .list());
        renderer.render(ctx, "konto/admin-konton.jte", new AdminKontonPage(konton));
    }

    /** Ends every session of any account, participants' included; the account itself is not changed. */
    public void adminLoggaUt(Context ctx) {
        CurrentUser admin = web.requireUser(ctx);
        long id = Formular.sokvagsId(ctx, "id");
        boolean exists = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM anvandare WHERE id = :id")
                .bind("id", id).mapTo(Integer.class).one() > 0);
        if (!exists) {
            throw Fel.notFound(web.messages(ctx).get("fel.404"));
        }
        int ended = sessions.deleteAllFor(id);
        audit.log(admin.id(), AuditLog.Handling.ANDRA, null,
                "administratören loggade ut användare " + id + " överallt (" + ended + " inloggningar)", ctx.ip());
        web.flash(ctx, "flash.admin.utloggad");
        ctx.redirect("/admin/konton");
    }

    private int liveSessions(long anvandareId) {
        var cutoff = clock.instant().minus(sessions.timeout());
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM session WHERE anvandare_id = :a AND senast_aktiv >= :c")
                .bind("a", anvandareId).bind("c", cutoff).mapTo(Integer.class).one());
    }
}
