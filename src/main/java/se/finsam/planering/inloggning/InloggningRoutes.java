package se.finsam.planering.inloggning;

import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.atkomst.Roll;
import se.finsam.planering.auth.Aktiveringskoder;
import se.finsam.planering.auth.Enhetskaka;
import se.finsam.planering.auth.Inloggningsbroms;
import se.finsam.planering.auth.Losenordshash;
import se.finsam.planering.auth.Sessioner;
import se.finsam.planering.auth.AnvandarRepository;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.web.Formularfel;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.web.Formularfel.Meddelande;
import se.finsam.planering.web.Formular;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.web.Webbkontext;

/** Login for staff (password) and participants (activation code once, then PIN), and logout. */
public final class InloggningRoutes {

    /** {@code ingenAdministrator}: no administrator exists yet, so the page says how to create the first. */
    public record LoginPage(String anvandarnamn, String tillbaka, Formularfel fel, boolean ingenAdministrator) {
    }

    /** {@code orsak} is why she sees the login again: "utloggad", "utgangen" or null. */
    public record DeltagareLoginPage(String anvandarnamn, Formularfel fel, String orsak) {

        public DeltagareLoginPage(String anvandarnamn, Formularfel fel) {
            this(anvandarnamn, fel, null);
        }
    }

    public record AktiveraPage(String kod, Formularfel fel) {
    }

    public record PinPage(String anvandarnamn, Formularfel fel) {
    }

    /** Remembers the participant's user id on their phone so the PIN form is filled in. */
    public static final String DEVICE_COOKIE = "finsam_enhet";

    /** No account name is longer; a longer one is refused before anything is looked up or logged. */
    static final int MAX_USERNAME = 100;
    /** Far beyond any real password; hashing longer input is work an attacker chooses. */
    static final int MAX_PASSWORD = 1000;
    static final int MAX_LOGGED_NAME = 64;

    private final AnvandarRepository users;
    private final Sessioner sessions;
    private final Inloggningsbroms throttle;
    private final Losenordshash hasher;
    private final Handelselogg audit;
    private final Mallar mallar;
    private final Webbkontext web;
    private final Clock clock;
    private final Enhetskaka enheter;

    /** This browser's device id for the account, when it has logged in to it since its last new PIN or password. */
    private Optional<String> kandEnhetFor(Context ctx, long anvandareId) {
        return users.enhetsgeneration(anvandareId)
                .flatMap(g -> enheter.enhetFor(web.cookie(ctx, Enhetskaka.COOKIE), anvandareId, g));
    }

    /** The device id of this browser when it has logged in to some account before (a signed cookie). */
    Optional<String> kandEnhet(Context ctx) {
        return enheter.enhet(web.cookie(ctx, Enhetskaka.COOKIE), users::enhetsgeneration);
    }

    public InloggningRoutes(AnvandarRepository users, Sessioner sessions, Inloggningsbroms throttle,
                      Losenordshash hasher, Handelselogg audit, Mallar mallar, Webbkontext web, Clock clock,
                      Enhetskaka enheter) {
        this.enheter = enheter;
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.hasher = hasher;
        this.audit = audit;
        this.mallar = mallar;
        this.web = web;
        this.clock = clock;
    }

    // ---- staff ----

    public void inloggningssida(Context ctx) {
        if (web.user(ctx) != null) {
            ctx.redirect("/");
            return;
        }
        mallar.render(ctx, "auth/login.jte",
                new LoginPage("", Webbkontext.safeLocalPath(ctx.queryParam("tillbaka"), "/"), Formularfel.none(),
                        !users.finnsAdministrator()));
    }

    public void loggaInPersonal(Context ctx) {
        Formular f = Formular.av(ctx);
        String username = f.text("anvandarnamn");
        String password = f.somSkrivet("losenord");
        String back = Webbkontext.safeLocalPath(f.text("tillbaka"), "/");
        Formularfel errors = f.fel();
        if (username.isEmpty()) {
            errors.add("anvandarnamn", "login.fel.anvandarnamn");
        } else if (username.length() > MAX_USERNAME) {
            errors.add("anvandarnamn", "login.fel.anvandarnamn.lang");
        }
        if (password.isEmpty()) {
            errors.add("losenord", "login.fel.losenord");
        } else if (password.length() > MAX_PASSWORD) {
            errors.add("losenord", "login.fel.losenord.lang");
        }
        if (!errors.isEmpty()) {
            ctx.status(400);
            mallar.render(ctx, "auth/login.jte", new LoginPage(shown(username), back, errors,
                    !users.finnsAdministrator()));
            return;
        }
        Supplier<Optional<AnvandarRepository.Konto>> findKonto =
                () -> users.findByUsername(username).filter(k -> k.aktiv() && !"deltagare".equals(k.roll()));
        // On a device she has logged in on before, the address lock (which anyone on the network can run up)
        // does not hold her back; her account's own lock does.
        Optional<AnvandarRepository.Konto> hennes = findKonto.get();
        boolean kand = hennes.flatMap(k -> kandEnhetFor(ctx, k.id())).isPresent();
        Utfall utfall = kand
                ? forsok(ctx, Inloggningsbroms.kontoNyckel(Inloggningsbroms.Regel.PERSONAL, username),
                        Inloggningsbroms.Regel.PERSONAL, null, false, "personal (känd enhet): " + forLog(username),
                        password, findKonto, AnvandarRepository.Konto::losenordHash)
                : forsok(ctx, username, Inloggningsbroms.Regel.PERSONAL, password, findKonto,
                        AnvandarRepository.Konto::losenordHash);
        if (utfall.konto().isEmpty()) {
            ctx.status(utfall.status());
            mallar.render(ctx, "auth/login.jte", new LoginPage(username, back,
                    new Formularfel().add("losenord", utfall.meddelande("login.fel.fel")),
                    !users.finnsAdministrator()));
            return;
        }
        AnvandarRepository.Konto konto = utfall.konto().get();
        boolean andraFaktor = NyckelRoutes.kravsAndraFaktor(Roll.fromDb(konto.roll()));
        loggaIn(ctx, konto.id(), false, andraFaktor, andraFaktor ? "personal, lösenord (andra faktor krävs)" : "personal");
        if (!andraFaktor) {
            // With a second factor to come, the device becomes known only when it is passed.
            kandEnhet(ctx, konto.id());
        }
        ctx.redirect(andraFaktor ? "/tvafaktor?tillbaka=" + java.net.URLEncoder.encode(back,
                java.nio.charset.StandardCharsets.UTF_8) : back);
    }

    // ---- participants ----

    public void deltagarInloggningssida(Context ctx) {
        if (web.user(ctx) != null) {
            ctx.redirect("/");
            return;
        }
        String remembered = web.cookie(ctx, DEVICE_COOKIE);
        String orsak = ctx.queryParam("orsak");
        mallar.render(ctx, "auth/deltagare-login.jte", new DeltagareLoginPage(remembered == null ? "" : remembered,
                Formularfel.none(), "utloggad".equals(orsak) || "utgangen".equals(orsak) ? orsak : null));
    }

    public void loggaInDeltagare(Context ctx) {
        Formular f = Formular.av(ctx);
        String username = f.text("anvandarnamn");
        String pin = f.text("pin");
        Formularfel errors = f.fel();
        if (username.isEmpty()) {
            errors.add("anvandarnamn", "deltagarlogin.fel.anvandarnamn");
        } else if (username.length() > MAX_USERNAME) {
            errors.add("anvandarnamn", "login.fel.anvandarnamn.lang");
        }
        if (pin.isEmpty()) {
            errors.add("pin", "deltagarlogin.fel.pin");
        } else if (!pin.matches("\\d{6}")) {
            // No PIN looks like this, so there is nothing to check and no guess to count.
            errors.add("pin", "pin.fel.format");
        }
        if (!errors.isEmpty()) {
            ctx.status(400);
            mallar.render(ctx, "auth/deltagare-login.jte", new DeltagareLoginPage(shown(username), errors));
            return;
        }
        Optional<AnvandarRepository.Konto> hennes = users.findByUsername(username)
                .filter(k -> k.aktiv() && "deltagare".equals(k.roll()));
        if (hennes.map(k -> users.pinAvstangd(k.id())).orElse(false)) {
            // She turned PIN login off: no PIN is checked (and no guess counted) for her account.
            audit.log(null, Handelselogg.Handling.INLOGGNING_MISSLYCKAD, null, "PIN-inloggning avstängd, deltagare: "
                    + forLog(username), ctx.ip());
            ctx.status(403);
            mallar.render(ctx, "auth/deltagare-login.jte", new DeltagareLoginPage(username,
                    new Formularfel().add("pin", "deltagarlogin.fel.pinav")));
            return;
        }
        // A device that has logged in as her before counts its own failures; the shared budget and the address
        // locks, which anyone can run up, do not hold it back.
        Optional<String> enhet = hennes.flatMap(k -> kandEnhetFor(ctx, k.id()));
        Supplier<Optional<AnvandarRepository.Konto>> findKonto =
                () -> users.findByUsername(username).filter(k -> k.aktiv() && "deltagare".equals(k.roll()));
        Utfall utfall = enhet.isPresent()
                ? forsok(ctx, Inloggningsbroms.enhetsNyckel(hennes.get().id(), enhet.get()), Inloggningsbroms.Regel.ENHET,
                        null, false, "deltagare (känd enhet): " + forLog(username), pin, findKonto,
                        AnvandarRepository.Konto::pinHash)
                : forsok(ctx, username, Inloggningsbroms.Regel.DELTAGARE, pin, findKonto, AnvandarRepository.Konto::pinHash);
        if (utfall.konto().isEmpty()) {
            ctx.status(utfall.status());
            mallar.render(ctx, "auth/deltagare-login.jte", new DeltagareLoginPage(username,
                    new Formularfel().add("pin", utfall.meddelande("deltagarlogin.fel.fel"))));
            return;
        }
        AnvandarRepository.Konto konto = utfall.konto().get();
        loggaIn(ctx, konto.id(), false, false, enhet.isPresent() ? "deltagare, känd enhet" : "deltagare");
        web.setCookie(ctx, DEVICE_COOKIE, konto.anvandarnamn(), 365 * 24 * 3600);
        kandEnhet(ctx, konto.id());
        ctx.redirect("/");
    }

    /**
     * Marks this device as one that has logged in to the account (a signed cookie for her account): the same
     * device id again if it already was, otherwise a new one.
     */
    void kandEnhet(Context ctx, long anvandareId) {
        String generation = users.enhetsgeneration(anvandareId).orElse("");
        String varde = enheter.enhetFor(web.cookie(ctx, Enhetskaka.COOKIE), anvandareId, generation)
                .map(e -> enheter.varde(anvandareId, e, generation))
                .orElseGet(() -> enheter.ny(anvandareId, generation));
        web.setCookie(ctx, Enhetskaka.COOKIE, varde, Enhetskaka.MAX_AGE_SECONDS);
    }

    public void aktiveringssida(Context ctx) {
        mallar.render(ctx, "auth/aktivera.jte", new AktiveraPage("", Formularfel.none()));
    }

    public void aktivera(Context ctx) {
        String typed = Formular.av(ctx).text("kod");
        String ipKey = "aktivering:" + ctx.ip();
        Optional<Duration> locked = throttle.lockedFor(ipKey);
        if (locked.isPresent()) {
            ctx.status(429);
            mallar.render(ctx, "auth/aktivera.jte",
                    new AktiveraPage(shown(typed), new Formularfel().add("kod", sparrMeddelande(locked.get()))));
            return;
        }
        if (Aktiveringskoder.normalize(typed).length() != 16) {
            ctx.status(400);
            mallar.render(ctx, "auth/aktivera.jte",
                    new AktiveraPage(shown(typed), new Formularfel().add("kod", "aktivera.fel.format")));
            return;
        }
        String hash = Aktiveringskoder.hash(typed);
        var now = clock.instant();
        Optional<Long> userId = users.anvandAktiveringskod(hash, now);
        if (userId.isEmpty()) {
            Optional<Duration> lock = throttle.recordFailure(ipKey);
            audit.log(null, Handelselogg.Handling.INLOGGNING_MISSLYCKAD, null, "aktiveringskod", ctx.ip());
            ctx.status(400);
            mallar.render(ctx, "auth/aktivera.jte", new AktiveraPage(typed, new Formularfel().add("kod",
                    lock.map(InloggningRoutes::sparrMeddelande).orElse(new Meddelande("aktivera.fel.ogiltig")))));
            return;
        }
        users.giveUsernameIfMissing(userId.get());
        audit.log(userId.get(), Handelselogg.Handling.AKTIVERING, deltagarenFor(userId.get()), "aktiveringskod använd",
                ctx.ip());
        web.startSession(ctx, sessions.create(userId.get(), true));
        flyttaSprak(ctx, userId.get());
        ctx.redirect("/aktivera/pin");
    }

    public void pinSida(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        mallar.render(ctx, "auth/pin.jte", new PinPage(anvandarnamnFor(user), Formularfel.none()));
    }

    public void valjPin(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        Formular f = Formular.av(ctx);
        String pin = f.text("pin");
        String repeat = f.text("pin2");
        Formularfel errors = f.fel();
        if (!pin.matches("\\d{6}")) {
            errors.add("pin", "pin.fel.format");
        } else if (tooSimple(pin)) {
            errors.add("pin", "pin.fel.enkel");
        } else if (!pin.equals(repeat)) {
            errors.add("pin2", "pin.fel.olika");
        }
        String username = anvandarnamnFor(user);
        if (!errors.isEmpty()) {
            ctx.status(400);
            mallar.render(ctx, "auth/pin.jte", new PinPage(username, errors));
            return;
        }
        String pinHash;
        try {
            pinHash = hasher.hash(pin);
        } catch (Losenordshash.Busy e) {
            ctx.status(429).header("Retry-After", "2");
            mallar.render(ctx, "auth/pin.jte", new PinPage(username, new Formularfel().add("pin",
                    "login.fel.upptagen")));
            return;
        }
        users.setPin(user.id(), username, pinHash);
        // A new PIN ends every session of the account, also one someone else may hold; this browser gets a
        // fresh one. A lock after wrong PINs ends here too: this is the way out of it.
        sessions.deleteAllFor(user.id());
        web.startSession(ctx, sessions.create(user.id(), false));
        throttle.reset(Inloggningsbroms.kontoNyckel(Inloggningsbroms.Regel.DELTAGARE, username));
        throttle.resetPrefix(Inloggningsbroms.enhetsNyckel(user.id(), ""));
        audit.log(user.id(), Handelselogg.Handling.ANDRA, deltagarenFor(user.id()), "ny PIN-kod vald, alla inloggningar avslutade",
                ctx.ip());
        web.setCookie(ctx, DEVICE_COOKIE, username, 365 * 24 * 3600);
        kandEnhet(ctx, user.id());
        web.flash(ctx, "flash.pin.sparad");
        // Her first login: she is offered a passkey, "log in with one tap next time" (she may skip).
        ctx.redirect("/nyckel/ny");
    }

    public void loggaUt(Context ctx) {
        Anvandare user = web.user(ctx);
        if (user != null) {
            sessions.delete(web.session(ctx).tokenHash());
            audit.log(user.id(), Handelselogg.Handling.UTLOGGNING, null, "utloggad", ctx.ip());
        }
        web.endSession(ctx);
        // Removes what the browser and the service worker kept of this user's pages.
        ctx.header("Clear-Site-Data", "\"cache\", \"storage\"");
        web.flash(ctx, "flash.utloggad");
        ctx.redirect(user != null && user.roll() == Roll.DELTAGARE ? "/logga-in/deltagare" : "/logga-in");
    }

    public void valjSprak(Context ctx) {
        Formular f = Formular.av(ctx);
        String lang = f.text("sprak");
        String back = Webbkontext.safeLocalPath(f.text("tillbaka"), "/");
        if (Texter.supported(lang)) {
            web.setCookie(ctx, Webbkontext.LANG_COOKIE, lang, Webbkontext.YEAR_SECONDS);
            Anvandare user = web.user(ctx);
            if (user != null) {
                users.setSprak(user.id(), lang);
            } else {
                web.setCookie(ctx, Webbkontext.LANG_CHOICE_COOKIE, lang, Webbkontext.YEAR_SECONDS);
            }
        }
        ctx.redirect(back);
    }

    // ---- shared ----

    /** What became of a login attempt: the account when it succeeded, otherwise why not. */
    private record Utfall(Optional<AnvandarRepository.Konto> konto, int status, Optional<Inloggningsbroms.Sparr> sparr) {
        Meddelande meddelande(String wrongKey) {
            if (status == 429 && sparr.isEmpty()) {
                return new Meddelande("login.fel.upptagen");
            }
            return sparr.map(InloggningRoutes::sparrMeddelande).orElse(new Meddelande(wrongKey));
        }
    }

    /**
     * One login attempt, in the order that keeps the server standing under a flood: locks are checked
     * before any hashing; a permit for the hash is taken (or the answer is a quick 429 with Retry-After);
     * the attempt is counted; only then the slow check runs.
     */
    private Utfall forsok(Context ctx, String username, Inloggningsbroms.Regel regel, String secret,
                           Supplier<Optional<AnvandarRepository.Konto>> findKonto,
                           Function<AnvandarRepository.Konto, String> hashOf) {
        String who = (regel == Inloggningsbroms.Regel.DELTAGARE ? "deltagare: " : "personal: ") + forLog(username);
        return forsok(ctx, Inloggningsbroms.kontoNyckel(regel, username), regel, Inloggningsbroms.adressNyckel(ctx.ip()),
                regel == Inloggningsbroms.Regel.DELTAGARE, who, secret, findKonto, hashOf);
    }

    /** The same with the keys given: {@code ipKey} null for no address count, {@code budget} for the shared one. */
    private Utfall forsok(Context ctx, String kontoKey, Inloggningsbroms.Regel regel, String ipKey, boolean budget,
                           String who, String secret, Supplier<Optional<AnvandarRepository.Konto>> findKonto,
                           Function<AnvandarRepository.Konto, String> hashOf) {
        Optional<Inloggningsbroms.Sparr> locked = throttle.wouldRefuse(kontoKey, regel, ipKey, budget);
        if (locked.isPresent()) {
            // Logged once, when the lock was set; a request that hits it writes nothing.
            return refused(ctx, locked);
        }
        Checked checked;
        try {
            checked = hasher.withPermit(() -> {
                Inloggningsbroms.Forsok f = throttle.begin(kontoKey, regel, ipKey, budget);
                if (!f.admitted()) {
                    return new Checked(f, Optional.empty(), false);
                }
                Optional<AnvandarRepository.Konto> k = findKonto.get();
                return new Checked(f, k, hasher.matches(secret, k.map(hashOf).orElse(null)));
            });
        } catch (Losenordshash.Busy e) {
            ctx.header("Retry-After", "2");
            return new Utfall(Optional.empty(), 429, Optional.empty());
        }
        Inloggningsbroms.Forsok forsok = checked.forsok();
        Optional<AnvandarRepository.Konto> konto = checked.konto();
        boolean ok = checked.ok();
        if (!forsok.admitted()) {
            return refused(ctx, forsok.nekad());
        }
        if (ok) {
            throttle.succeeded(forsok);
            return new Utfall(konto, 200, Optional.empty());
        }
        Long knownId = konto.map(AnvandarRepository.Konto::id).orElse(null);
        audit.log(knownId, Handelselogg.Handling.INLOGGNING_MISSLYCKAD, null, "misslyckad inloggning, " + who, ctx.ip());
        if (forsok.nyttSparrOmFel()) {
            audit.log(knownId, Handelselogg.Handling.INLOGGNING_SPARRAD, null,
                    forsok.sparrOmFel().get().tillsNyPin() ? "spärrad tills ny PIN-kod, " + who
                            : "spärrad efter misslyckade försök, " + who, ctx.ip());
        }
        return new Utfall(Optional.empty(), 401, forsok.sparrOmFel());
    }

    private record Checked(Inloggningsbroms.Forsok forsok, Optional<AnvandarRepository.Konto> konto, boolean ok) {
    }

    private static Utfall refused(Context ctx, Optional<Inloggningsbroms.Sparr> sparr) {
        sparr.filter(s -> !s.tillsNyPin())
                .ifPresent(s -> ctx.header("Retry-After", String.valueOf(Math.max(1, s.kvar().toSeconds()))));
        return new Utfall(Optional.empty(), 429, sparr);
    }

    /** A typed name as the audit log keeps it: short, one line, so nobody can fill the log by typing. */
    static String forLog(String typed) {
        String oneLine = typed.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= MAX_LOGGED_NAME ? oneLine : oneLine.substring(0, MAX_LOGGED_NAME) + "…";
    }

    /** A typed name as the form shows it again. */
    private static String shown(String typed) {
        return typed.length() <= MAX_USERNAME ? typed : typed.substring(0, MAX_USERNAME);
    }

    /** Starts the session of a login that succeeded (with a password, a PIN, a code or a passkey). */
    void loggaIn(Context ctx, long userId, boolean pinSaknas, boolean andraFaktorKravs, String kind) {
        audit.log(userId, Handelselogg.Handling.INLOGGNING, deltagarenFor(userId), kind, ctx.ip());
        web.startSession(ctx, sessions.create(userId, pinSaknas, andraFaktorKravs));
        flyttaSprak(ctx, userId);
    }

    /**
     * A language chosen on the login pages becomes the account's; otherwise the account's language is
     * remembered on the device, so the login page after logout or an expired session speaks it too.
     */
    private void flyttaSprak(Context ctx, long userId) {
        String chosen = web.cookie(ctx, Webbkontext.LANG_CHOICE_COOKIE);
        if (Texter.supported(chosen)) {
            users.setSprak(userId, chosen);
            web.setCookie(ctx, Webbkontext.LANG_CHOICE_COOKIE, "", 0);
        }
        String sprak = Texter.supported(chosen) ? chosen : users.sprakOf(userId).orElse(null);
        if (Texter.supported(sprak)) {
            web.setCookie(ctx, Webbkontext.LANG_COOKIE, sprak, Webbkontext.YEAR_SECONDS);
        }
    }

    private Long deltagarenFor(long userId) {
        return users.deltagareOf(userId).orElse(null);
    }

    /** The participant's user id, given at activation: random, so it cannot be guessed from the case code. */
    private String anvandarnamnFor(Anvandare user) {
        return users.usernameOf(user.id()).orElseGet(() -> users.giveUsernameIfMissing(user.id()));
    }

    static Meddelande sparrMeddelande(Inloggningsbroms.Sparr sparr) {
        return sparr.tillsNyPin() ? new Meddelande("deltagarlogin.fel.sparrad.nykod") : sparrMeddelande(sparr.kvar());
    }

    /** Under a minute in seconds, otherwise in whole minutes rounded up, each with its plural form. */
    static Meddelande sparrMeddelande(Duration d) {
        long seconds = Math.max(1, d.toSeconds());
        Meddelande wait = seconds < 60 ? new Meddelande("login.tid.sekunder", seconds)
                : new Meddelande("login.tid.minuter", (seconds + 59) / 60);
        return new Meddelande("login.fel.sparrad", wait);
    }

    static boolean tooSimple(String pin) {
        if (pin.chars().distinct().count() == 1) {
            return true;
        }
        return "0123456789".contains(pin) || "9876543210".contains(pin);
    }

}
