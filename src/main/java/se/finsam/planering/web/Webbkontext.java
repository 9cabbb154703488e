package se.finsam.planering.web;

import se.finsam.planering.sprak.Texter;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.auth.Sessioner;

/** Per-request accessors: the logged-in user, language, CSRF token, cookies and confirmations. */
public final class Webbkontext {

    public static final String SESSION_COOKIE = "finsam_session";
    public static final String CSRF_COOKIE = "finsam_csrf";
    /** The language of this device: chosen on a page, or remembered from the last login. */
    public static final String LANG_COOKIE = "finsam_sprak";
    /** A language chosen before login, carried into the account at the next login on this device. */
    public static final String LANG_CHOICE_COOKIE = "finsam_sprakval";
    /** Set at logout until the next login, so a page opened again says "you have been logged out". */
    public static final String LOGGED_OUT_COOKIE = "finsam_utloggad";
    public static final int YEAR_SECONDS = 365 * 24 * 3600;
    public static final String FLASH_COOKIE = "finsam_flash";

    private static final String USER = Anvandare.ATTRIBUT;
    private static final String SESSION = "finsam.session";
    private static final String CSRF_VALUE = "finsam.csrf";

    /**
     * Behind TLS every cookie is named with the __Host- prefix: the browser then accepts it only when it is
     * Secure, for path / and without a Domain, so neither a subdomain nor plain HTTP can plant or overwrite it.
     */
    static final String SECURE_PREFIX = "__Host-";

    private final Csrf csrf;
    private final boolean secureCookies;
    private final java.time.ZoneId zon;

    public Webbkontext(Csrf csrf, boolean secureCookies, java.time.Clock clock) {
        this.csrf = csrf;
        this.secureCookies = secureCookies;
        this.zon = clock.getZone();
    }

    /** The time zone pages show times in: the injected clock's. */
    public java.time.ZoneId zon() {
        return zon;
    }

    /** The name a cookie has on the wire: read and write cookies only through this. */
    public String cookieName(String name) {
        return secureCookies ? SECURE_PREFIX + name : name;
    }

    public String cookie(Context ctx, String name) {
        return ctx.cookie(cookieName(name));
    }

    public Anvandare user(Context ctx) {
        return ctx.attribute(USER);
    }

    public Anvandare requireUser(Context ctx) {
        Anvandare user = user(ctx);
        if (user == null) {
            throw new Felsvar(401, messages(ctx).get("fel.401"));
        }
        return user;
    }

    public Sessioner.Session session(Context ctx) {
        return ctx.attribute(SESSION);
    }

    void setUser(Context ctx, Sessioner.Session session, Anvandare user) {
        ctx.attribute(SESSION, session);
        ctx.attribute(USER, user);
    }

    /**
     * The language of a page: the account's once logged in (a choice made while logged in updates it);
     * before login the choice made on this device, then the browser's Accept-Language, then Swedish.
     */
    public Texter messages(Context ctx) {
        Anvandare user = user(ctx);
        if (user != null && Texter.supported(user.sprak())) {
            return Texter.of(user.sprak());
        }
        String chosen = cookie(ctx, LANG_COOKIE);
        if (Texter.supported(chosen)) {
            return Texter.of(chosen);
        }
        return Texter.of(Texter.fromAcceptLanguage(ctx.header("Accept-Language")));
    }

    public Sidkontext pageContext(Context ctx) {
        return new Sidkontext(messages(ctx), user(ctx), csrfToken(ctx), ctx.path(), takeFlash(ctx), zon);
    }

    /** The CSRF cookie's value for this request, created on first need. */
    String csrfCookieValue(Context ctx) {
        String value = ctx.attribute(CSRF_VALUE);
        if (value == null) {
            value = cookie(ctx, CSRF_COOKIE);
        }
        if (value == null || value.length() < 20 || value.length() > 100) {
            value = randomToken();
            setCookie(ctx, CSRF_COOKIE, value, -1);
        }
        ctx.attribute(CSRF_VALUE, value);
        return value;
    }

    public String csrfToken(Context ctx) {
        String value = csrfCookieValue(ctx);
        String[] kant = ctx.attribute(CSRF_TOKEN);
        if (kant != null && kant[0].equals(value)) {
            return kant[1];
        }
        String token = csrf.tokenFor(value);
        ctx.attribute(CSRF_TOKEN, new String[] {value, token});
        return token;
    }

    /** The request attribute holding the cookie value and the token made from it, so it is made once. */
    private static final String CSRF_TOKEN = "finsam.csrfToken";

    boolean csrfValid(Context ctx, String token) {
        return csrf.valid(cookie(ctx, CSRF_COOKIE), token);
    }

    /** A new CSRF cookie: on login and logout, so a token seen before cannot be reused. */
    public void rotateCsrf(Context ctx) {
        String value = randomToken();
        setCookie(ctx, CSRF_COOKIE, value, -1);
        ctx.attribute(CSRF_VALUE, value);
    }

    public void startSession(Context ctx, String token) {
        setCookie(ctx, SESSION_COOKIE, token, -1);
        if (cookie(ctx, LOGGED_OUT_COOKIE) != null) {
            setCookie(ctx, LOGGED_OUT_COOKIE, "", 0);
        }
        rotateCsrf(ctx);
    }

    public void endSession(Context ctx) {
        setCookie(ctx, SESSION_COOKIE, "", 0);
        setCookie(ctx, LOGGED_OUT_COOKIE, "1", -1);
        rotateCsrf(ctx);
    }

    /** A confirmation shown once on the next page, given as a bundle key. */
    public void flash(Context ctx, String messageKey) {
        setCookie(ctx, FLASH_COOKIE, messageKey, 120);
    }

    private String takeFlash(Context ctx) {
        String key = cookie(ctx, FLASH_COOKIE);
        if (key == null || key.isEmpty()) {
            return null;
        }
        setCookie(ctx, FLASH_COOKIE, "", 0);
        Texter messages = messages(ctx);
        return key.startsWith("flash.") && messages.has(key) ? messages.get(key) : null;
    }

    public void setCookie(Context ctx, String name, String value, int maxAgeSeconds) {
        Cookie cookie = new Cookie(cookieName(name), value);
        cookie.setPath("/");
        cookie.setMaxAge(maxAgeSeconds);
        cookie.setHttpOnly(true);
        cookie.setSecure(secureCookies);
        cookie.setSameSite(SameSite.LAX);
        ctx.cookie(cookie);
    }

    /**
     * Conditional GET for a page that is the same as long as {@code delar} (the data version and what else the
     * page was built from) are: sets its ETag and lets the browser keep the page privately, revalidating every
     * time. Answers 304 and returns true when the browser already has this page. The language, the user, the
     * CSRF token in its forms and the address are always part of the tag; a page with a confirmation to show
     * once is always sent in full.
     */
    public boolean oforandrad(Context ctx, Object... delar) {
        Anvandare user = user(ctx);
        StringBuilder text = new StringBuilder(ctx.path()).append('?').append(ctx.queryString())
                .append('|').append(messages(ctx).lang()).append('|').append(user == null ? "-" : user.id())
                .append('|').append(csrfToken(ctx));
        for (Object del : delar) {
            text.append('|').append(del);
        }
        String tag = "W/\"" + se.finsam.planering.auth.Token.sha256(text.toString()).substring(0, 27) + "\"";
        ctx.header("ETag", tag);
        ctx.header("Cache-Control", "private, no-cache");
        String flash = cookie(ctx, FLASH_COOKIE);
        if (flash != null && !flash.isEmpty()) {
            return false;
        }
        String fran = ctx.header("If-None-Match");
        if (fran == null) {
            return false;
        }
        for (String kandidat : fran.split(",")) {
            if (kandidat.strip().equals(tag)) {
                ctx.status(304);
                return true;
            }
        }
        return false;
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Only local paths, so a link cannot send someone to another site after login. */
    public static String safeLocalPath(String path, String fallback) {
        if (path == null || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")
                || path.length() > 500 || path.chars().anyMatch(ch -> ch < 0x20)) {
            return fallback;
        }
        return path;
    }
}
