package se.finsam.planering.auth;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import se.finsam.planering.audit.AuditLog;
import se.finsam.planering.web.FormErrors;
import se.finsam.planering.web.Messages;
import se.finsam.planering.web.Renderer;
import se.finsam.planering.web.WebContext;

/** Login for staff (password) and participants (activation code once, then PIN), and logout. */
public final class AuthRoutes {

    public record LoginPage(String anvandarnamn, String tillbaka, FormErrors fel) {
    }

    /** {@code orsak} is why she sees the login again: "utloggad", "utgangen" or null. */
    public record DeltagareLoginPage(String anvandarnamn, FormErrors fel, String orsak) {

        public DeltagareLoginPage(String anvandarnamn, FormErrors fel) {
            this(anvandarnamn, fel, null);
        }
    }

    public record AktiveraPage(String kod, FormErrors fel) {
    }

    public record PinPage(String anvandarnamn, FormErrors fel) {
    }

    /** Remembers the participant's user id on their phone so the PIN form is filled in. */
    public static final String DEVICE_COOKIE = "finsam_enhet";

    private final Jdbi jdbi;
    private final UserRepository users;
    private final SessionStore sessions;
    private final LoginThrottle throttle;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Renderer renderer;
    private final WebContext web;
    private final Clock clock;

    public AuthRoutes(Jdbi jdbi, UserRepository users, SessionStore sessions, LoginThrottle throttle,
                      PasswordHasher hasher, AuditLog audit, Renderer renderer, WebContext web, Clock clock) {
        this.jdbi = jdbi;
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.hasher = hasher;
        this.audit = audit;
        this.renderer = renderer;
        this.web = web;
        this.clock = clock;
    }

    // ---- staff ----

    public void loginPage(Context ctx) {
        if (web.user(ctx) != null) {
            ctx.redirect("/");
            return;
        }
        renderer.render(ctx, "auth/login.jte",
                new LoginPage("", WebContext.safeLocalPath(ctx.queryParam("tillbaka"), "/"), FormErrors.none()));
    }

    public void login(Context ctx) {
        Messages m = web.messages(ctx);
        String username = trim(ctx.formParam("anvandarnamn"));
        String password = ctx.formParam("losenord");
        String back = WebContext.safeLocalPath(ctx.formParam("tillbaka"), "/");
        FormErrors errors = new FormErrors();
        if (username.isEmpty()) {
            errors.add("anvandarnamn", m.get("login.fel.anvandarnamn"));
        }
        if (password == null || password.isEmpty()) {
            errors.add("losenord", m.get("login.fel.losenord"));
        }
        if (!errors.isEmpty()) {
            ctx.status(400);
            renderer.render(ctx, "auth/login.jte", new LoginPage(username, back, errors));
            return;
        }
        Optional<Duration> locked = lockedFor(username, ctx);
        if (locked.isPresent()) {
            audit.log(null, AuditLog.Handling.INLOGGNING_SPARRAD, null, "personal: " + username, ctx.ip());
            ctx.status(429);
            renderer.render(ctx, "auth/login.jte", new LoginPage(username, back,
                    new FormErrors().add("losenord", lockMessage(m, locked.get()))));
            return;
        }
        Optional<UserRepository.Konto> konto = users.findByUsername(username)
                .filter(k -> k.aktiv() && !"deltagare".equals(k.roll()));
        boolean ok = hasher.matches(password, konto.map(UserRepository.Konto::losenordHash).orElse(null));
        if (!ok) {
            Optional<Duration> lock = recordFailure(username, ctx, konto.map(UserRepository.Konto::id).orElse(null));
            ctx.status(401);
            renderer.render(ctx, "auth/login.jte", new LoginPage(username, back, new FormErrors().add("losenord",
                    lock.map(d -> lockMessage(m, d)).orElse(m.get("login.fel.fel")))));
            return;
        }
        succeed(ctx, konto.get().id(), false, username, "personal");
        ctx.redirect(back);
    }

    // ---- participants ----

    public void deltagareLoginPage(Context ctx) {
        if (web.user(ctx) != null) {
            ctx.redirect("/");
            return;
        }
        String remembered = ctx.cookie(DEVICE_COOKIE);
        String orsak = ctx.queryParam("orsak");
        renderer.render(ctx, "auth/deltagare-login.jte", new DeltagareLoginPage(remembered == null ? "" : remembered,
                FormErrors.none(), "utloggad".equals(orsak) || "utgangen".equals(orsak) ? orsak : null));
    }

    public void deltagareLogin(Context ctx) {
        Messages m = web.messages(ctx);
        String username = trim(ctx.formParam("anvandarnamn"));
        String pin = trim(ctx.formParam("pin"));
        FormErrors errors = new FormErrors();
        if (username.isEmpty()) {
            errors.add("anvandarnamn", m.get("deltagarlogin.fel.anvandarnamn"));
        }
        if (pin.isEmpty()) {
            errors.add("pin", m.get("deltagarlogin.fel.pin"));
        }
        if (!errors.isEmpty()) {
            ctx.status(400);
            renderer.render(ctx, "auth/deltagare-login.jte", new DeltagareLoginPage(username, errors));
            return;
        }
        Optional<Duration> locked = lockedFor(username, ctx);
        if (locked.isPresent()) {
            audit.log(null, AuditLog.Handling.INLOGGNING_SPARRAD, null, "deltagare: " + username, ctx.ip());
            ctx.status(429);
            renderer.render(ctx, "auth/deltagare-login.jte", new DeltagareLoginPage(username,
                    new FormErrors().add("pin", lockMessage(m, locked.get()))));
            return;
        }
        Optional<UserRepository.Konto> konto = users.findByUsername(username)
                .filter(k -> k.aktiv() && "deltagare".equals(k.roll()));
        boolean ok = hasher.matches(pin, konto.map(UserRepository.Konto::pinHash).orElse(null));
        if (!ok) {
            Optional<Duration> lock = recordFailure(username, ctx, konto.map(UserRepository.Konto::id).orElse(null));
            ctx.status(401);
            renderer.render(ctx, "auth/deltagare-login.jte", new DeltagareLoginPage(username, new FormErrors()
                    .add("pin", lock.map(d -> lockMessage(m, d)).orElse(m.get("deltagarlogin.fel.fel")))));
            return;
        }
        succeed(ctx, konto.get().id(), false, username, "deltagare");
        web.setCookie(ctx, DEVICE_COOKIE, konto.get().anvandarnamn(), 365 * 24 * 3600);
        ctx.redirect("/");
    }

    public void aktiveraPage(Context ctx) {
        renderer.render(ctx, "auth/aktivera.jte", new AktiveraPage("", FormErrors.none()));
    }

    public void aktivera(Context ctx) {
        Messages m = web.messages(ctx);
        String typed = trim(ctx.formParam("kod"));
        String ipKey = "aktivering:" + ctx.ip();
        Optional<Duration> locked = throttle.lockedFor(ipKey);
        if (locked.isPresent()) {
            ctx.status(429);
            renderer.render(ctx, "auth/aktivera.jte",
                    new AktiveraPage(typed, new FormErrors().add("kod", lockMessage(m, locked.get()))));
            return;
        }
        if (ActivationCodes.normalize(typed).length() != 16) {
            ctx.status(400);
            renderer.render(ctx, "auth/aktivera.jte",
                    new AktiveraPage(typed, new FormErrors().add("kod", m.get("aktivera.fel.format"))));
            return;
        }
        String hash = ActivationCodes.hash(typed);
        var now = clock.instant();
        Optional<Long> userId = jdbi.inTransaction(h -> {
            Optional<Long> id = h.createQuery("""
                            SELECT k.anvandare_id FROM aktiveringskod k JOIN anvandare a ON a.id = k.anvandare_id
                            WHERE k.kod_hash = :h AND k.anvand IS NULL AND k.giltig_till > :now
                              AND a.roll = 'deltagare' AND a.aktiv = 1""")
                    .bind("h", hash).bind("now", now).mapTo(Long.class).findOne();
            id.ifPresent(x -> h.createUpdate("UPDATE aktiveringskod SET anvand = :now WHERE kod_hash = :h")
                    .bind("now", now).bind("h", hash).execute());
            return id;
        });
        if (userId.isEmpty()) {
            Optional<Duration> lock = throttle.recordFailure(ipKey);
            audit.log(null, AuditLog.Handling.INLOGGNING_MISSLYCKAD, null, "aktiveringskod", ctx.ip());
            ctx.status(400);
            renderer.render(ctx, "auth/aktivera.jte", new AktiveraPage(typed, new FormErrors().add("kod",
                    lock.map(d -> lockMessage(m, d)).orElse(m.get("aktivera.fel.ogiltig")))));
            return;
        }
        audit.log(userId.get(), AuditLog.Handling.AKTIVERING, deltagareOf(userId.get()), "aktiveringskod använd",
                ctx.ip());
        web.startSession(ctx, sessions.create(userId.get(), true));
        carryLanguage(ctx, userId.get());
        ctx.redirect("/aktivera/pin");
    }

    public void pinPage(Context ctx) {
        CurrentUser user = web.requireUser(ctx);
        renderer.render(ctx, "auth/pin.jte", new PinPage(usernameFor(user), FormErrors.none()));
    }

    public void setPin(Context ctx) {
        CurrentUser user = web.requireUser(ctx);
        Messages m = web.messages(ctx);
        String pin = trim(ctx.formParam("pin"));
        String repeat = trim(ctx.formParam("pin2"));
        FormErrors errors = new FormErrors();
        if (!pin.matches("\\d{6}")) {
            errors.add("pin", m.get("pin.fel.format"));
        } else if (tooSimple(pin)) {
            errors.add("pin", m.get("pin.fel.enkel"));
        } else if (!pin.equals(repeat)) {
            errors.add("pin2", m.get("pin.fel.olika"));
        }
        String username = usernameFor(user);
        if (!errors.isEmpty()) {
            ctx.status(400);
            renderer.render(ctx, "auth/pin.jte", new PinPage(username, errors));
            return;
        }
        users.setPin(user.id(), username, hasher.hash(pin));
        sessions.pinSet(web.session(ctx).tokenHash());
        web.setCookie(ctx, DEVICE_COOKIE, username, 365 * 24 * 3600);
        web.flash(ctx, "flash.pin.sparad");
        ctx.redirect("/");
    }

    public void logout(Context ctx) {
        CurrentUser user = web.user(ctx);
        if (user != null) {
            sessions.delete(web.session(ctx).tokenHash());
            audit.log(user.id(), AuditLog.Handling.UTLOGGNING, null, "utloggad", ctx.ip());
        }
        web.endSession(ctx);
        // Removes what the browser and the service worker kept of this user's pages.
        ctx.header("Clear-Site-Data", "\"cache\", \"storage\"");
        web.flash(ctx, "flash.utloggad");
        ctx.redirect(user != null && user.roll() == Roll.DELTAGARE ? "/logga-in/deltagare" : "/logga-in");
    }

    public void chooseLanguage(Context ctx) {
        String lang = ctx.formParam("sprak");
        String back = WebContext.safeLocalPath(ctx.formParam("tillbaka"), "/");
        if (Messages.supported(lang)) {
            web.setCookie(ctx, WebContext.LANG_COOKIE, lang, WebContext.YEAR_SECONDS);
            CurrentUser user = web.user(ctx);
            if (user != null) {
                users.setSprak(user.id(), lang);
            } else {
                web.setCookie(ctx, WebContext.LANG_CHOICE_COOKIE, lang, WebContext.YEAR_SECONDS);
            }
        }
        ctx.redirect(back);
    }

    // ---- shared ----

    private Optional<Duration> lockedFor(String username, Context ctx) {
        Optional<Duration> account = throttle.lockedFor(accountKey(username));
        return account.isPresent() ? account : throttle.lockedFor("ip:" + ctx.ip());
    }

    private Optional<Duration> recordFailure(String username, Context ctx, Long knownId) {
        audit.log(knownId, AuditLog.Handling.INLOGGNING_MISSLYCKAD, null, "misslyckad inloggning: " + username,
                ctx.ip());
        Optional<Duration> accountLock = throttle.recordFailure(accountKey(username));
        // Many accounts tried from one address: lock the address too, but later than an account.
        Optional<Duration> ipLock = throttle.recordFailure("ip:" + ctx.ip(), LoginThrottle.FREE_ATTEMPTS * 5);
        if (accountLock.isPresent() || ipLock.isPresent()) {
            audit.log(knownId, AuditLog.Handling.INLOGGNING_SPARRAD, null, "spärrad efter misslyckade försök: "
                    + username, ctx.ip());
        }
        return accountLock.isPresent() ? accountLock : ipLock;
    }

    private void succeed(Context ctx, long userId, boolean pinSaknas, String username, String kind) {
        throttle.reset(accountKey(username));
        audit.log(userId, AuditLog.Handling.INLOGGNING, deltagareOf(userId), kind, ctx.ip());
        web.startSession(ctx, sessions.create(userId, pinSaknas));
        carryLanguage(ctx, userId);
    }

    /**
     * A language chosen on the login pages becomes the account's; otherwise the account's language is
     * remembered on the device, so the login page after logout or an expired session speaks it too.
     */
    private void carryLanguage(Context ctx, long userId) {
        String chosen = ctx.cookie(WebContext.LANG_CHOICE_COOKIE);
        if (Messages.supported(chosen)) {
            users.setSprak(userId, chosen);
            web.setCookie(ctx, WebContext.LANG_CHOICE_COOKIE, "", 0);
        }
        String sprak = Messages.supported(chosen) ? chosen : users.sprakOf(userId).orElse(null);
        if (Messages.supported(sprak)) {
            web.setCookie(ctx, WebContext.LANG_COOKIE, sprak, WebContext.YEAR_SECONDS);
        }
    }

    private Long deltagareOf(long userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM deltagare WHERE anvandare_id = :a")
                .bind("a", userId).mapTo(Long.class).findOne().orElse(null));
    }

    /** A participant's user id is their deltagare code, which they can read and type easily. */
    private String usernameFor(CurrentUser user) {
        return users.usernameOf(user.id()).orElseGet(() -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT lower(kod) FROM deltagare WHERE anvandare_id = :a")
                .bind("a", user.id()).mapTo(String.class).findOne().orElse("deltagare" + user.id())));
    }

    private static String accountKey(String username) {
        return "konto:" + username.toLowerCase(Locale.ROOT);
    }

    private static String lockMessage(Messages m, Duration d) {
        long minutes = Math.max(1, (d.getSeconds() + 59) / 60);
        return m.get("login.fel.sparrad", minutes);
    }

    static boolean tooSimple(String pin) {
        if (pin.chars().distinct().count() == 1) {
            return true;
        }
        return "0123456789".contains(pin) || "9876543210".contains(pin);
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }
}
