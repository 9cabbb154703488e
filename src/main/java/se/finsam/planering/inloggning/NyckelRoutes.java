package se.finsam.planering.inloggning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;
import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.atkomst.Roll;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.auth.Inloggningsbroms;
import se.finsam.planering.auth.Nycklar;
import se.finsam.planering.auth.Sessioner;
import se.finsam.planering.auth.Totp;
import se.finsam.planering.auth.AnvandarRepository;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.web.Formularfel;
import se.finsam.planering.web.QrCode;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.web.Webbkontext;

/**
 * Passkeys (registering one, a participant's login with one) and the second factor a koordinator or admin passes
 * after the password: a TOTP code or a passkey, enrolled on first login.
 */
public final class NyckelRoutes {

    /** {@code demoKod} is the current code of the demo's published secret, shown only in demo data. */
    public record TvaFaktorPage(boolean totp, boolean nyckel, String tillbaka, Formularfel fel, String demoKod) {
    }

    /** {@code hemlighet} is shown only while TOTP is being enrolled; {@code qr} is its otpauth address as SVG. */
    public record RegistreraPage(String hemlighet, String qr, boolean harTotp, boolean harNyckel, Formularfel fel) {
    }

    public record NyckelErbjudandePage(String namn) {
    }

    /** Roles that must pass a second factor before they see anything. */
    public static boolean kravsAndraFaktor(Roll roll) {
        return roll == Roll.KOORDINATOR || roll == Roll.ADMIN;
    }

    static final int MAX_NAMN = 100;
    private static final int MAX_JSON = 20_000;
    private static final se.finsam.planering.util.Senare<ObjectMapper> JSON =
            se.finsam.planering.util.Senare.av(ObjectMapper::new);

    private final AnvandarRepository users;
    private final Sessioner sessions;
    private final Inloggningsbroms throttle;
    private final Nycklar nycklar;
    private final Totp totp;
    private final Handelselogg audit;
    private final Mallar mallar;
    private final Webbkontext web;
    private final InloggningRoutes auth;
    /** Started with demo data (FINSAM_DEMO small or large). */
    private final boolean demo;

    public NyckelRoutes(AnvandarRepository users, Sessioner sessions, Inloggningsbroms throttle,
                        Nycklar nycklar, Totp totp, Handelselogg audit, Mallar mallar, Webbkontext web,
                        InloggningRoutes auth, boolean demo) {
        this.demo = demo;
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.nycklar = nycklar;
        this.totp = totp;
        this.audit = audit;
        this.mallar = mallar;
        this.web = web;
        this.auth = auth;
    }

    // ---- registering a passkey (any account; during the second factor only for an account without one) ----

    /** After her first PIN: "Log in with one tap next time", which she may skip. */
    public void erbjudande(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        if (nycklar.harNyckel(user.id())) {
            ctx.redirect("/");
            return;
        }
        mallar.render(ctx, "auth/nyckel-ny.jte", new NyckelErbjudandePage(defaultName(web.messages(ctx))));
    }

    public void registreraStart(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        if (!mayEnrol(ctx, user)) {
            refuse(ctx, 403, web.messages(ctx).get("tvafaktor.fel.redan"));
            return;
        }
        String username = users.usernameOf(user.id()).orElseGet(() -> users.giveUsernameIfMissing(user.id()));
        answer(ctx, nycklar.startaRegistrering(user.id(), username, user.namn()));
    }

    public void registreraKlar(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        Texter m = web.messages(ctx);
        if (!mayEnrol(ctx, user)) {
            refuse(ctx, 403, m.get("tvafaktor.fel.redan"));
            return;
        }
        JsonNode body = body(ctx);
        if (body == null) {
            refuse(ctx, 400, m.get("nyckel.fel.svar"));
            return;
        }
        String namn = body.path("namn").asText("").strip();
        if (namn.isEmpty()) {
            namn = defaultName(m);
        }
        if (namn.length() > MAX_NAMN || namn.chars().anyMatch(Character::isISOControl)) {
            refuse(ctx, 400, m.get("nyckel.fel.namn"));
            return;
        }
        try {
            nycklar.avslutaRegistrering(user.id(), body.path("utmaning").asText(""), body.path("svar").toString(),
                    namn);
        } catch (Nycklar.Nekad e) {
            audit.log(user.id(), Handelselogg.Handling.NEKAD, user.deltagareId(), "nyckel registrerades inte: "
                    + e.getMessage(), ctx.ip());
            refuse(ctx, 400, m.get("nyckel.fel.registrering"));
            return;
        }
        audit.log(user.id(), Handelselogg.Handling.ANDRA, user.deltagareId(), "nyckel registrerad: " + forLog(namn),
                ctx.ip());
        String till = "/konto";
        Sessioner.Session session = web.session(ctx);
        if (session.andraFaktorKravs()) {
            // The first second factor, enrolled right after the password: it is passed with it.
            sessions.andraFaktorKlar(session.tokenHash());
            auth.kandEnhet(ctx, user.id());
            audit.log(user.id(), Handelselogg.Handling.INLOGGNING, null, "andra faktor registrerad och godkänd (nyckel)",
                    ctx.ip());
            till = "/";
        } else if (user.roll() == Roll.DELTAGARE && "erbjudande".equals(body.path("fran").asText(""))) {
            till = "/";
        }
        web.flash(ctx, "flash.nyckel.sparad");
        ctx.json(JSON.get().createObjectNode().put("till", till));
    }

    /** An account that waits for its second factor may add one only while it has none: a password is not enough. */
    private boolean mayEnrol(Context ctx, Anvandare user) {
        return !web.session(ctx).andraFaktorKravs() || !harAndraFaktor(user.id());
    }

    private boolean harAndraFaktor(long anvandareId) {
        return totp.harTotp(anvandareId) || nycklar.harNyckel(anvandareId);
    }

    // ---- a participant's login with a passkey ----

    public void loggaInStart(Context ctx) {
        Texter m = web.messages(ctx);
        JsonNode body = body(ctx);
        String username = body == null ? "" : body.path("anvandarnamn").asText("").strip();
        if (username.length() > InloggningRoutes.MAX_USERNAME) {
            refuse(ctx, 400, m.get("login.fel.anvandarnamn.lang"));
            return;
        }
        Optional<Duration> locked = throttle.lockedFor(nyckelNyckel(ctx));
        if (locked.isEmpty()) {
            // Each start stores a challenge: an address gets a few freely, then waits, longer each time. A device
            // that has logged in before counts on its own, so others on its network cannot make it wait.
            locked = throttle.borja(startNyckel(ctx), Inloggningsbroms.Regel.NYCKELSTART);
        }
        if (locked.isPresent()) {
            ctx.header("Retry-After", String.valueOf(Math.max(1, locked.get().toSeconds())));
            refuse(ctx, 429, InloggningRoutes.sparrMeddelande(locked.get()).text(m));
            return;
        }
        // A typed user id narrows the question to her passkeys; an unknown one is asked without, so the answer
        // does not tell whether an account exists.
        boolean known = !username.isEmpty() && users.findByUsername(username)
                .filter(k -> k.aktiv() && "deltagare".equals(k.roll())).isPresent();
        // Unused challenges are kept a few per address, or per device for one that has logged in before.
        answer(ctx, nycklar.startaInloggning(Nycklar.Syfte.INLOGGNING, null, known ? username : null,
                auth.kandEnhet(ctx).map(e -> "enhet:" + e).orElse(ctx.ip())));
    }

    public void loggaInKlar(Context ctx) {
        Texter m = web.messages(ctx);
        Optional<Duration> locked = throttle.lockedFor(nyckelNyckel(ctx));
        if (locked.isPresent()) {
            refuse(ctx, 429, InloggningRoutes.sparrMeddelande(locked.get()).text(m));
            return;
        }
        JsonNode body = body(ctx);
        long anvandareId;
        try {
            if (body == null) {
                throw new Nycklar.UtanUtmaning("inget svar");
            }
            anvandareId = nycklar.avslutaInloggning(Nycklar.Syfte.INLOGGNING, null, body.path("utmaning").asText(""),
                    body.path("svar").toString());
        } catch (Nycklar.UtanUtmaning e) {
            // No live challenge was taken, so nothing was checked: not counted (anyone can send these, and the
            // count would lock others out) and not logged (it would fill the log). Each real challenge comes
            // from a start, which is limited.
            refuse(ctx, 401, m.get("nyckel.fel.inloggning"));
            return;
        } catch (Nycklar.Nekad e) {
            throttle.recordFailure(nyckelNyckel(ctx));
            audit.log(null, Handelselogg.Handling.INLOGGNING_MISSLYCKAD, null, "misslyckad inloggning med nyckel: "
                    + e.getMessage(), ctx.ip());
            refuse(ctx, 401, m.get("nyckel.fel.inloggning"));
            return;
        }
        Optional<AnvandarRepository.Konto> konto = users.usernameOf(anvandareId).flatMap(users::findByUsername)
                .filter(k -> k.aktiv() && "deltagare".equals(k.roll()));
        if (konto.isEmpty()) {
            audit.log(anvandareId, Handelselogg.Handling.INLOGGNING_MISSLYCKAD, null,
                    "nyckel för ett konto som inte loggar in här", ctx.ip());
            refuse(ctx, 401, m.get("nyckel.fel.inloggning"));
            return;
        }
        // Her own start is taken back, nothing more: a success must not wipe what others started from here.
        throttle.angra(startNyckel(ctx), Inloggningsbroms.Regel.NYCKELSTART);
        auth.loggaIn(ctx, anvandareId, false, false, "deltagare, nyckel");
        web.setCookie(ctx, InloggningRoutes.DEVICE_COOKIE, konto.get().anvandarnamn(), 365 * 24 * 3600);
        auth.kandEnhet(ctx, anvandareId);
        ctx.json(JSON.get().createObjectNode().put("till", "/"));
    }

    /**
     * Failed passkey logins (answers to a real challenge) from this address, or from this device when it has logged
     * in before: a device that has, counts on its own, so others on its network cannot lock it out.
     */
    private String nyckelNyckel(Context ctx) {
        return auth.kandEnhet(ctx).map(e -> "nyckel:enhet:" + e).orElse("nyckel:" + ctx.ip());
    }

    private String startNyckel(Context ctx) {
        return auth.kandEnhet(ctx).map(e -> "nyckelstart:enhet:" + e).orElse("nyckelstart:" + ctx.ip());
    }

    // ---- the second factor ----

    public void tvaFaktorSida(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        String back = Webbkontext.safeLocalPath(ctx.queryParam("tillbaka"), "/");
        if (!web.session(ctx).andraFaktorKravs()) {
            ctx.redirect(back);
            return;
        }
        if (!harAndraFaktor(user.id())) {
            ctx.redirect("/tvafaktor/registrera");
            return;
        }
        renderTvaFaktor(ctx, user, back, Formularfel.none());
    }

    /**
     * A TOTP code as the second factor. Wrong codes count on the account's own second-factor key, which a right
     * password never takes back: each code is counted before it is checked, so codes sent at once are counted too.
     */
    public void tvaFaktorTotp(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        Texter m = web.messages(ctx);
        String back = Webbkontext.safeLocalPath(ctx.formParam("tillbaka"), "/");
        Sessioner.Session session = web.session(ctx);
        if (!session.andraFaktorKravs()) {
            ctx.redirect(back);
            return;
        }
        String kod = digits(ctx.formParam("kod"));
        if (!kod.matches("\\d{" + Totp.DIGITS + "}")) {
            ctx.status(400);
            renderTvaFaktor(ctx, user, back, new Formularfel().add("kod", m.get("tvafaktor.fel.format")));
            return;
        }
        String key = andraFaktorNyckel(user);
        Optional<Duration> locked = throttle.borja(key, Inloggningsbroms.Regel.ANDRA_FAKTOR);
        if (locked.isPresent()) {
            ctx.status(429).header("Retry-After", String.valueOf(Math.max(1, locked.get().toSeconds())));
            renderTvaFaktor(ctx, user, back, new Formularfel().add("kod", InloggningRoutes.sparrMeddelande(locked.get())));
            return;
        }
        if (!totp.kontrollera(user.id(), kod)) {
            Optional<Duration> lock = failed(ctx, user, key, "TOTP-kod fel eller redan använd");
            ctx.status(401);
            renderTvaFaktor(ctx, user, back, new Formularfel().add("kod",
                    lock.map(d -> InloggningRoutes.sparrMeddelande(d)).orElse(new Formularfel.Meddelande("tvafaktor.fel.kod"))));
            return;
        }
        passed(ctx, user, session, "TOTP");
        ctx.redirect(back);
    }

    /**
     * In demo data, the current code of a demo account (one whose secret is still the demo's published one), so
     * that a newcomer gets in without an authenticator app. Without demo data nothing is looked up.
     */
    private String demoKod(Anvandare user) {
        if (!demo) {
            return null;
        }
        return totp.aktuellKodOm(user.id(), se.finsam.planering.demo.DemoData.DEMO_TOTP_SECRET).orElse(null);
    }

    private void renderTvaFaktor(Context ctx, Anvandare user, String back, Formularfel fel) {
        mallar.render(ctx, "auth/tvafaktor.jte", new TvaFaktorPage(totp.harTotp(user.id()),
                nycklar.harNyckel(user.id()), back, fel, demoKod(user)));
    }

    public void tvaFaktorNyckelStart(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        Texter m = web.messages(ctx);
        if (!web.session(ctx).andraFaktorKravs()) {
            refuse(ctx, 409, m.get("tvafaktor.fel.klar"));
            return;
        }
        // A passkey cannot be guessed: wrong TOTP codes (perhaps someone else's, who has her password) do not
        // hold it back.
        String username = users.usernameOf(user.id()).orElseThrow();
        answer(ctx, nycklar.startaInloggning(Nycklar.Syfte.TVAFAKTOR, user.id(), username));
    }

    public void tvaFaktorNyckelKlar(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        Texter m = web.messages(ctx);
        Sessioner.Session session = web.session(ctx);
        if (!session.andraFaktorKravs()) {
            refuse(ctx, 409, m.get("tvafaktor.fel.klar"));
            return;
        }
        JsonNode body = body(ctx);
        try {
            if (body == null) {
                throw new Nycklar.Nekad("inget svar");
            }
            nycklar.avslutaInloggning(Nycklar.Syfte.TVAFAKTOR, user.id(), body.path("utmaning").asText(""),
                    body.path("svar").toString());
        } catch (Nycklar.Nekad e) {
            audit.log(user.id(), Handelselogg.Handling.INLOGGNING_MISSLYCKAD, null, "andra faktor misslyckad: nyckel: "
                    + e.getMessage(), ctx.ip());
            refuse(ctx, 401, m.get("nyckel.fel.inloggning"));
            return;
        }
        passed(ctx, user, session, "nyckel");
        ctx.json(JSON.get().createObjectNode().put("till", Webbkontext.safeLocalPath(body.path("tillbaka").asText("/"), "/")));
    }

    /** Enrolment: a TOTP secret as a QR code and as text (shown only now), and the passkey button. */
    public void registreraSida(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        if (web.session(ctx).andraFaktorKravs() && harAndraFaktor(user.id())) {
            ctx.redirect("/tvafaktor");
            return;
        }
        renderRegistrera(ctx, user, Formularfel.none());
    }

    private void renderRegistrera(Context ctx, Anvandare user, Formularfel fel) {
        Optional<String> hemlighet = totp.paborjad(user.id());
        String username = users.usernameOf(user.id()).orElse("");
        mallar.render(ctx, "auth/tvafaktor-registrera.jte", new RegistreraPage(
                hemlighet.map(NyckelRoutes::grouped).orElse(null),
                hemlighet.map(h -> QrCode.svg(Totp.uri(h, username), web.messages(ctx).get("tvafaktor.qr")))
                        .orElse(null),
                totp.harTotp(user.id()), nycklar.harNyckel(user.id()), fel));
    }

    public void registreraTotp(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        Texter m = web.messages(ctx);
        Sessioner.Session session = web.session(ctx);
        if (session.andraFaktorKravs() && harAndraFaktor(user.id())) {
            ctx.redirect("/tvafaktor");
            return;
        }
        String kod = digits(ctx.formParam("kod"));
        if (!kod.matches("\\d{" + Totp.DIGITS + "}")) {
            ctx.status(400);
            renderRegistrera(ctx, user, new Formularfel().add("kod", m.get("tvafaktor.fel.format")));
            return;
        }
        String key = Inloggningsbroms.registreringsNyckel(user.id());
        Optional<Duration> locked = throttle.borja(key, Inloggningsbroms.Regel.ANDRA_FAKTOR);
        if (locked.isPresent()) {
            ctx.status(429).header("Retry-After", String.valueOf(Math.max(1, locked.get().toSeconds())));
            renderRegistrera(ctx, user, new Formularfel().add("kod", InloggningRoutes.sparrMeddelande(locked.get())));
            return;
        }
        if (!totp.bekrafta(user.id(), kod)) {
            Optional<Duration> lock = failed(ctx, user, key, "TOTP-kod vid registrering fel");
            ctx.status(400);
            renderRegistrera(ctx, user, new Formularfel().add("kod",
                    lock.map(d -> InloggningRoutes.sparrMeddelande(d)).orElse(new Formularfel.Meddelande("tvafaktor.fel.kod"))));
            return;
        }
        audit.log(user.id(), Handelselogg.Handling.ANDRA, null, "TOTP registrerad", ctx.ip());
        throttle.reset(key);
        if (session.andraFaktorKravs()) {
            passed(ctx, user, session, "TOTP, vid registrering");
        }
        web.flash(ctx, "flash.totp.sparad");
        ctx.redirect(session.andraFaktorKravs() ? "/" : "/konto");
    }

    private void passed(Context ctx, Anvandare user, Sessioner.Session session, String how) {
        sessions.andraFaktorKlar(session.tokenHash());
        // Only now, with both factors passed, does this device become a known device of the account.
        auth.kandEnhet(ctx, user.id());
        int felaktiga = throttle.lyckades(andraFaktorNyckel(user));
        audit.log(user.id(), Handelselogg.Handling.INLOGGNING, null, "andra faktor godkänd (" + how + ")", ctx.ip());
        if (felaktiga > 0) {
            // Wrong codes since her last login: perhaps her own typing, perhaps someone who has her password.
            web.flash(ctx, "flash.tvafaktor.felkoder");
        }
    }

    /** A wrong code, already counted by {@link Inloggningsbroms#borja}: logged, and the lock it set (if any). */
    private Optional<Duration> failed(Context ctx, Anvandare user, String key, String why) {
        audit.log(user.id(), Handelselogg.Handling.INLOGGNING_MISSLYCKAD, null, "andra faktor misslyckad: " + why,
                ctx.ip());
        Optional<Duration> lock = throttle.lockedFor(key, Inloggningsbroms.Regel.ANDRA_FAKTOR);
        lock.ifPresent(d -> audit.log(user.id(), Handelselogg.Handling.INLOGGNING_SPARRAD, null,
                "andra faktor spärrad efter felaktiga koder (" + InloggningRoutes.forLog(users.usernameOf(user.id())
                        .orElse("")) + ")", ctx.ip()));
        return lock;
    }

    /** The account's own count of wrong second-factor codes: not the password's, so a right password keeps it. */
    private static String andraFaktorNyckel(Anvandare user) {
        return Inloggningsbroms.andraFaktorNyckel(user.id());
    }

    // ---- shared ----

    private static String defaultName(Texter m) {
        return m.get("nyckel.namn.standard");
    }

    private static void answer(Context ctx, Nycklar.Utmaning utmaning) {
        ObjectNode node = JSON.get().createObjectNode().put("utmaning", utmaning.id()).put("options", utmaning.options());
        ctx.json(node);
    }

    private static void refuse(Context ctx, int status, String message) {
        ctx.status(status).json(JSON.get().createObjectNode().put("fel", message));
    }

    /** The JSON body, or null when there is none or it is not JSON. */
    private static JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text.isEmpty() || text.length() > MAX_JSON) {
            return null;
        }
        try {
            JsonNode node = JSON.get().readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String digits(String typed) {
        return typed == null ? "" : typed.replaceAll("[\\s-]", "");
    }

    /** A base32 secret in groups of four, easier to type into an app by hand. */
    static String grouped(String secret) {
        return String.join(" ", secret.split("(?<=\\G.{4})"));
    }

    private static String forLog(String name) {
        return InloggningRoutes.forLog(name);
    }
}
