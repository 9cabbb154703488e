package se.finsam.planering.konto;

import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.atkomst.Roll;
import se.finsam.planering.auth.Nycklar;
import se.finsam.planering.auth.Sessioner;
import se.finsam.planering.auth.Totp;
import se.finsam.planering.auth.AnvandarRepository;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.web.Felsvar;
import se.finsam.planering.web.Formular;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.web.Webbkontext;

/**
 * The account page ("log out everywhere") and the administrator's way to end an account's sessions,
 * for a lost phone or a stolen password.
 */
public final class KontoRoutes {

    /** {@code pinAvstangd} is null for staff (they have no PIN). */
    /** {@code felkoder}: wrong second-factor codes of the last {@value #FELKODER_DAGAR} days (staff with one). */
    public record KontoPage(int sessioner, List<Nycklar.Nyckel> nycklar, boolean harTotp, Boolean pinAvstangd,
                            List<KontoRepository.Felkod> felkoder) {
    }

    static final int FELKODER_DAGAR = 30;

    public record Konto(long id, String anvandarnamn, String namn, String roll, String organisation, int sessioner) {

        /** Accounts whose second factor the administrator can reset. */
        public boolean andraFaktor() {
            return "koordinator".equals(roll) || "admin".equals(roll);
        }
    }

    public record AdminKontonPage(List<Konto> konton) {
    }

    private final KontoRepository konton;
    private final Sessioner sessions;
    private final AnvandarRepository users;
    private final Nycklar nycklar;
    private final Totp totp;
    private final Handelselogg audit;
    private final Mallar mallar;
    private final Webbkontext web;
    private final Clock clock;

    public KontoRoutes(KontoRepository konton, Sessioner sessions, AnvandarRepository users, Nycklar nycklar,
                       Totp totp, Handelselogg audit, Mallar mallar, Webbkontext web, Clock clock) {
        this.konton = konton;
        this.sessions = sessions;
        this.users = users;
        this.nycklar = nycklar;
        this.totp = totp;
        this.audit = audit;
        this.mallar = mallar;
        this.web = web;
        this.clock = clock;
    }

    public void visa(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        List<KontoRepository.Felkod> felkoder = user.roll() == Roll.KOORDINATOR || user.roll() == Roll.ADMIN
                ? konton.felaktigaKoder(user.id(), clock.instant().minus(java.time.Duration.ofDays(FELKODER_DAGAR)), 20)
                : List.of();
        mallar.render(ctx, "konto/konto.jte", new KontoPage(liveSessions(user.id()), nycklar.lista(user.id()),
                totp.harTotp(user.id()), user.roll() == Roll.DELTAGARE ? users.pinAvstangd(user.id()) : null,
                felkoder));
    }

    /** Removes one of the account's own passkeys (named by a form field, checked against the account). */
    public void taBortNyckel(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        long id;
        try {
            id = Long.parseLong(String.valueOf(ctx.formParam("nyckel")));
        } catch (NumberFormatException e) {
            throw new Felsvar(400, web.messages(ctx).get("nyckel.fel.okand"));
        }
        String namn = nycklar.taBort(user.id(), id)
                .orElseThrow(() -> Felsvar.notFound(web.messages(ctx).get("nyckel.fel.okand")));
        audit.log(user.id(), Handelselogg.Handling.ANDRA, user.deltagareId(), "nyckel borttagen: "
                + namn.replaceAll("\\p{Cntrl}", "?"), ctx.ip());
        web.flash(ctx, "flash.nyckel.borttagen");
        ctx.redirect("/konto");
    }

    /** A participant turns PIN login off (only with a passkey) or on again. */
    public void pin(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        String val = ctx.formParam("pin");
        if (!"av".equals(val) && !"pa".equals(val)) {
            throw new Felsvar(400, web.messages(ctx).get("konto.pin.fel"));
        }
        boolean av = "av".equals(val);
        if (!users.setPinAvstangd(user.id(), av)) {
            throw new Felsvar(409, web.messages(ctx).get("konto.pin.fel.nyckel"));
        }
        audit.log(user.id(), Handelselogg.Handling.ANDRA, user.deltagareId(),
                av ? "PIN-inloggning avstängd" : "PIN-inloggning påslagen", ctx.ip());
        web.flash(ctx, av ? "flash.pin.av" : "flash.pin.pa");
        ctx.redirect("/konto");
    }

    /**
     * Recovery of a lost second factor: the administrator removes the account's TOTP secret and passkeys and ends
     * its sessions; at the next login the account enrols a new second factor.
     */
    public void adminAterstallAndraFaktor(Context ctx) {
        Anvandare admin = web.requireUser(ctx);
        long id = kontoId(ctx);
        totp.aterstall(id);
        int borttagna = nycklar.taBortAlla(id);
        int ended = sessions.deleteAllFor(id);
        konton.glomAndraFaktornsFelkoder(id);
        audit.log(admin.id(), Handelselogg.Handling.ANDRA, null, "administratören återställde andra faktorn för användare "
                + id + " (TOTP och " + borttagna + " nycklar borttagna, " + ended + " inloggningar avslutade, "
                + "felaktiga koder glömda)", ctx.ip());
        web.flash(ctx, "flash.admin.tvafaktor");
        ctx.redirect("/admin/konton");
    }

    private long kontoId(Context ctx) {
        long id = Formular.sokvagsId(ctx, "id");
        if (!konton.finns(id)) {
            throw Felsvar.notFound(web.messages(ctx).get("fel.404"));
        }
        return id;
    }

    /** Ends every session of the logged-in account, this one included. */
    public void loggaUtOverallt(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        int ended = sessions.deleteAllFor(user.id());
        audit.log(user.id(), Handelselogg.Handling.UTLOGGNING, null, "utloggad överallt (" + ended + " inloggningar)",
                ctx.ip());
        web.endSession(ctx);
        ctx.header("Clear-Site-Data", "\"cache\", \"storage\"");
        web.flash(ctx, "flash.utloggad.overallt");
        ctx.redirect(user.roll() == Roll.DELTAGARE ? "/logga-in/deltagare" : "/logga-in");
    }

    /** Staff accounts, for the administrator: who they are and how many live sessions each has. */
    public void adminKonton(Context ctx) {
        var cutoff = clock.instant().minus(sessions.timeout());
        List<Konto> lista = konton.personalkonton(cutoff);
        mallar.render(ctx, "konto/admin-konton.jte", new AdminKontonPage(lista));
    }

    /** Ends every session of any account, participants' included; the account itself is not changed. */
    public void adminLoggaUt(Context ctx) {
        Anvandare admin = web.requireUser(ctx);
        long id = kontoId(ctx);
        int ended = sessions.deleteAllFor(id);
        String vad = se.finsam.planering.admin.HandelseRepository.vad("konto", id,
                "utloggad överallt (" + ended + " inloggningar)");
        audit.log(admin.id(), Handelselogg.Handling.ANDRA, null, vad, ctx.ip());
        web.flash(ctx, "flash.admin.utloggad");
        ctx.redirect("/admin/konton");
    }

    private int liveSessions(long anvandareId) {
        return sessions.levande(anvandareId);
    }
}
