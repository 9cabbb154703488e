package se.finsam.planering.web;

import se.finsam.planering.atkomst.Atkomst;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.atkomst.Roll;
import se.finsam.planering.auth.Sessioner;
import se.finsam.planering.auth.AnvandarRepository;
import se.finsam.planering.db.Datautgava;

/**
 * The one place where every request is checked: security headers, who is logged in,
 * the CSRF token on state-changing requests, and the roles declared beside each route.
 */
public final class Webbskydd {

    private static final Logger LOG = LoggerFactory.getLogger(Webbskydd.class);

    static final String CSP = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "manifest-src 'self'",
            "worker-src 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "object-src 'none'");

    /** Static files: cached by the browser and service worker; everything else holds personal data. */
    private static final Set<String> STATIC_PREFIXES = Set.of("/css/", "/js/", "/icons/");
    private static final Set<String> STATIC_FILES = Set.of("/sw.js", "/manifest.webmanifest", "/favicon.ico",
            "/robots.txt");

    /** Set when the browser sent a session that has expired, so the login page can say so. */
    private static final String SESSION_ENDED = "finsam.sessionEnded";

    /** Paths a participant who has not yet chosen a PIN may use. */
    private static final Set<String> PIN_SETUP_PATHS = Set.of("/aktivera/pin", "/logga-ut", "/sprak");

    /**
     * Paths a koordinator or admin may use between password and second factor: the second-factor pages (with
     * enrolment), logging out and the language choice. Everything else leads to the second factor.
     */
    private static final Set<String> SECOND_FACTOR_PATHS = Set.of("/tvafaktor", "/tvafaktor/registrera",
            "/api/tvafaktor/nyckel/start", "/api/tvafaktor/nyckel/klar", "/api/nyckel/registrera/start",
            "/api/nyckel/registrera/klar", "/logga-ut", "/sprak", "/health", "/utan-nat");

    private final Webbkontext web;
    private final Sessioner sessions;
    private final AnvandarRepository users;
    private final Handelselogg audit;
    private final boolean secureCookies;
    private final Atkomst.Kontroll atkomst;
    private final Datautgava datautgava;
    private final java.util.Set<String> utanCsrf;

    public Webbskydd(Webbkontext web, Sessioner sessions, AnvandarRepository users, Handelselogg audit,
                       boolean secureCookies, Atkomst.Kontroll atkomst, Datautgava datautgava) {
        this(web, sessions, users, audit, secureCookies, atkomst, datautgava, java.util.Set.of());
    }

    /**
     * As above; {@code utanCsrf} are paths whose POSTs carry no CSRF token because they come from a service,
     * not a browser, and authenticate themselves (an SMS gateway's callbacks).
     */
    public Webbskydd(Webbkontext web, Sessioner sessions, AnvandarRepository users, Handelselogg audit,
                       boolean secureCookies, Atkomst.Kontroll atkomst, Datautgava datautgava,
                       java.util.Set<String> utanCsrf) {
        this.utanCsrf = java.util.Set.copyOf(utanCsrf);
        this.datautgava = datautgava;
        this.atkomst = atkomst;
        this.web = web;
        this.sessions = sessions;
        this.users = users;
        this.audit = audit;
        this.secureCookies = secureCookies;
    }

    public static boolean isStatic(String path) {
        if (STATIC_FILES.contains(path)) {
            return true;
        }
        // Every request asks this first: a plain loop, no stream.
        for (String prefix : STATIC_PREFIXES) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Runs before every request, static files included. */
    public void before(Context ctx) {
        headers(ctx);
        if (isStatic(ctx.path())) {
            return;
        }
        ctx.header("Cache-Control", "no-store");
        loadUser(ctx);
        // A service's callbacks carry no token: they authenticate themselves.
        if (changesState(ctx.method()) && !utanCsrf.contains(ctx.path()) && !csrfOk(ctx)) {
            LOG.warn("Refused {} {} without a valid CSRF token from {}", ctx.method(), ctx.path(), ctx.ip());
            throw new Felsvar(403, web.messages(ctx).get("fel.csrf"));
        }
    }

    private void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        if (secureCookies) {
            ctx.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
    }

    private void loadUser(Context ctx) {
        String token = web.cookie(ctx, Webbkontext.SESSION_COOKIE);
        if (token == null || token.isEmpty()) {
            return;
        }
        // One small statement for both versions; the session and account come from memory while they stand still.
        Datautgava.Utgavor utgavor = datautgava.las(ctx);
        sessions.find(token, utgavor.sessioner()).ifPresentOrElse(
                session -> users.load(session.anvandareId(), utgavor.data()).ifPresentOrElse(
                        user -> web.setUser(ctx, session, user),
                        () -> sessions.delete(session.tokenHash())),
                () -> {
                    web.setCookie(ctx, Webbkontext.SESSION_COOKIE, "", 0);
                    ctx.attribute(SESSION_ENDED, true);
                });
    }

    private static boolean changesState(HandlerType method) {
        return method == HandlerType.POST || method == HandlerType.PUT || method == HandlerType.PATCH
                || method == HandlerType.DELETE;
    }

    private boolean csrfOk(Context ctx) {
        String token = ctx.header(Csrf.HEADER);
        if (token == null) {
            String type = ctx.contentType();
            if (type != null && (type.startsWith("application/x-www-form-urlencoded")
                    || type.startsWith("multipart/form-data"))) {
                token = ctx.formParam(Csrf.FIELD);
            }
        }
        return web.csrfValid(ctx, token);
    }

    /**
     * Runs before each matched route: the route's declared roles decide (no roles declared means no access), and
     * then its access rule, for the person, meeting, booking, handover or plan item its path names.
     */
    public void checkAccess(Context ctx) {
        Set<RouteRole> declared = ctx.routeRoles();
        Atkomst regel = declared.stream().filter(Atkomst.class::isInstance).map(Atkomst.class::cast).findFirst()
                .orElse(null);
        Set<RouteRole> roles = regel == null ? declared
                : declared.stream().filter(r -> !(r instanceof Atkomst)).collect(java.util.stream.Collectors.toSet());
        Sessioner.Session current = web.session(ctx);
        if (current != null && current.andraFaktorKravs() && !SECOND_FACTOR_PATHS.contains(ctx.path())) {
            if (acceptsHtml(ctx)) {
                ctx.redirect("/tvafaktor", io.javalin.http.HttpStatus.SEE_OTHER);
                ctx.skipRemainingHandlers();
                return;
            }
            throw new Felsvar(401, web.messages(ctx).get("tvafaktor.kravs"));
        }
        if (roles.contains(Roll.Oppen.ALLA)) {
            return;
        }
        if (roles.isEmpty()) {
            LOG.error("Route {} {} declares no roles; refusing", ctx.method(), ctx.endpoint().path);
            throw new Felsvar(403, web.messages(ctx).get("fel.403"));
        }
        Anvandare user = web.user(ctx);
        if (user == null) {
            if (ctx.method() == HandlerType.GET && acceptsHtml(ctx)) {
                ctx.redirect(loginFor(ctx));
                ctx.skipRemainingHandlers();
                return;
            }
            throw new Felsvar(401, web.messages(ctx).get("fel.401"));
        }
        Sessioner.Session session = web.session(ctx);
        if (session.pinSaknas() && !PIN_SETUP_PATHS.contains(ctx.path())) {
            ctx.redirect("/aktivera/pin");
            ctx.skipRemainingHandlers();
            return;
        }
        if (!roles.contains(user.roll())) {
            audit.log(user.id(), Handelselogg.Handling.NEKAD, null, ctx.method() + " " + ctx.path(), ctx.ip());
            throw new Felsvar(403, web.messages(ctx).get("fel.403"));
        }
        if (regel != null) {
            atkomst.kontrollera(ctx, regel);
        } else if (!ctx.pathParamMap().isEmpty()) {
            LOG.error("Route {} {} has path parameters but no access rule; refusing", ctx.method(),
                    ctx.endpoint().path);
            throw new Felsvar(403, web.messages(ctx).get("fel.403"));
        }
    }

    /**
     * Where someone who is not logged in is sent: a participant's pages lead to the participant login
     * (in the language remembered on the device), saying whether the session expired or she logged out.
     */
    private String loginFor(Context ctx) {
        String path = ctx.path();
        if (path.equals("/min-planering") || path.startsWith("/min-planering/") || path.startsWith("/aktivera/")) {
            String orsak = web.cookie(ctx, Webbkontext.LOGGED_OUT_COOKIE) != null ? "utloggad"
                    : Boolean.TRUE.equals(ctx.attribute(SESSION_ENDED)) ? "utgangen" : null;
            return "/logga-in/deltagare" + (orsak == null ? "" : "?orsak=" + orsak);
        }
        return "/logga-in?tillbaka=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
    }

    static boolean acceptsHtml(Context ctx) {
        String accept = ctx.header("Accept");
        return accept == null || accept.contains("text/html") || accept.contains("*/*");
    }
}
