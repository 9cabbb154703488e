package se.finsam.planering.inloggning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.auth.Inloggningsbroms;
import se.finsam.planering.auth.Totp;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestApp;

/**
 * Guessing the second factor of someone whose password one has: how many codes an hour get checked, that a right
 * password gives none back, that the holder is told and the administrator sees it, and that nobody without the
 * password can lock her second factor.
 */
class AndraFaktornsGissningarTest {

    private static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** A fresh browser that has typed the right password and now stands before the second factor. */
    private static HttpSession losenordet(String konto) {
        HttpSession s = app.session();
        s.get("/logga-in");
        HttpResponse<String> login = s.post("/logga-in",
                Map.of("anvandarnamn", konto, "losenord", DemoData.STAFF_PASSWORD));
        assertEquals(302, login.statusCode(), login.body());
        assertTrue(login.headers().firstValue("Location").orElse("").startsWith("/tvafaktor"));
        s.get("/tvafaktor");
        return s;
    }

    /** A code that is wrong for every step the server accepts right now. */
    private static String felKod(String konto) {
        String secret = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT t.hemlighet FROM totp t JOIN anvandare a ON a.id = t.anvandare_id
                        WHERE a.anvandarnamn = :u""").bind("u", konto).mapTo(String.class).one());
        long now = Totp.steg(app.clock().instant());
        Set<String> accepted = new HashSet<>();
        for (long s = now - Totp.WINDOW; s <= now + Totp.WINDOW; s++) {
            accepted.add(Totp.kod(secret, s));
        }
        for (int i = 0; ; i++) {
            String candidate = String.format(Locale.ROOT, "%06d", i);
            if (!accepted.contains(candidate)) {
                return candidate;
            }
        }
    }

    private static long retryAfter(HttpResponse<String> response) {
        return Long.parseLong(response.headers().firstValue("Retry-After")
                .orElseThrow(() -> new AssertionError("429 without Retry-After")));
    }

    @Test
    void medLosenordetProvasBaraTioKoderDenForstaTimmenOchEnITimmenSedan() {
        String konto = "koordinator.city";
        // As the attack was run: two wrong codes, the right password again, two more codes, and so on, each as
        // soon as the server lets it through, for one hour of the server's time.
        Instant slut = app.clock().instant().plus(Duration.ofHours(1));
        int provade = 0;
        int begaran = 0;
        while (app.clock().instant().isBefore(slut) && begaran < 400) {
            HttpSession s = losenordet(konto);
            for (int i = 0; i < 2 && app.clock().instant().isBefore(slut); i++) {
                HttpResponse<String> r = s.post("/tvafaktor", Map.of("kod", felKod(konto)));
                begaran++;
                if (r.statusCode() == 401) {
                    provade++;
                } else if (r.statusCode() == 429) {
                    app.clock().advance(Duration.ofSeconds(retryAfter(r)));
                } else {
                    fail("unexpected " + r.statusCode() + ": " + r.body());
                }
            }
        }
        assertEquals(Inloggningsbroms.andraFaktorGuessesIn(Duration.ofHours(1)), provade,
                "codes checked in the first hour (of " + begaran + " sent)");
        assertTrue(provade <= 10, provade + " codes checked in an hour");
        // Once the waits have grown, one code an hour: 24 a day, each a 3 in a million chance.
        assertEquals(33, Inloggningsbroms.andraFaktorGuessesIn(Duration.ofDays(1)));
        assertEquals(33 + 24, Inloggningsbroms.andraFaktorGuessesIn(Duration.ofDays(2)));
    }

    @Test
    void innehavarenFarVetaOchAdministratorenSerDet() {
        String konto = "koordinator.skarholmen";
        HttpSession angripare = losenordet(konto);
        for (int i = 1; i <= Inloggningsbroms.ANDRA_FAKTOR_FREE_ATTEMPTS + 1; i++) {
            HttpResponse<String> r = angripare.post("/tvafaktor", Map.of("kod", felKod(konto)));
            assertEquals(401, r.statusCode(), "wrong code " + i);
            if (i == Inloggningsbroms.ANDRA_FAKTOR_FREE_ATTEMPTS) {
                app.clock().advance(Duration.ofMinutes(1));
            }
        }
        // She logs in herself: her password works, her code waits out the lock (at most an hour), her passkey
        // would not wait at all.
        HttpSession hon = losenordet(konto);
        HttpResponse<String> vanta = hon.post("/tvafaktor", Map.of("kod", app.totpKod(konto)));
        assertEquals(429, vanta.statusCode());
        assertTrue(HttpSession.html(vanta).select("#kod-fel").text().contains("Vänta"));
        assertTrue(retryAfter(vanta) <= Duration.ofHours(1).toSeconds());
        HttpResponse<String> nyckel = hon.send(HttpRequest.newBuilder(URI.create(hon.url(
                        "/api/tvafaktor/nyckel/start")))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("X-CSRF-Token", hon.csrf()).POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(200, nyckel.statusCode(), nyckel.body());

        app.clock().advance(Duration.ofSeconds(retryAfter(vanta)));
        assertEquals(302, hon.post("/tvafaktor", Map.of("kod", app.totpKod(konto))).statusCode());
        Document oversikt = hon.page("/oversikt");
        assertTrue(oversikt.text().contains("Felaktiga koder för andra faktorn"), oversikt.text());
        Document kontoSida = hon.page("/konto");
        assertEquals(Inloggningsbroms.ANDRA_FAKTOR_FREE_ATTEMPTS + 1, kontoSida.select("#felkoder li").size());
        // Told once: the next login with no wrong codes in between says nothing.
        HttpSession igen = losenordet(konto);
        assertEquals(302, igen.post("/tvafaktor", Map.of("kod", app.totpKod(konto))).statusCode());
        assertFalse(igen.page("/oversikt").text().contains("Felaktiga koder för andra faktorn"));

        Document handelser = app.session().loginStaff("admin").page("/admin/handelser?slag=inloggning");
        assertTrue(handelser.text().contains("andra faktor spärrad efter felaktiga koder (" + konto + ")"),
                handelser.text());
    }

    private static long id(String konto) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM anvandare WHERE anvandarnamn = :u")
                .bind("u", konto).mapTo(Long.class).one());
    }

    @Test
    void efterAdministratorensAterstallningRegistrerarHonUtanAttVanta() {
        String konto = "koordinator.vallingby";
        long id = id(konto);
        // Someone with her password runs up the count of wrong codes until it locks.
        HttpSession angripare = losenordet(konto);
        for (int i = 1; i <= Inloggningsbroms.ANDRA_FAKTOR_FREE_ATTEMPTS + 1; i++) {
            assertEquals(401, angripare.post("/tvafaktor", Map.of("kod", felKod(konto))).statusCode(), "code " + i);
            if (i == Inloggningsbroms.ANDRA_FAKTOR_FREE_ATTEMPTS) {
                app.clock().advance(Duration.ofMinutes(1));
            }
        }
        assertEquals(429, angripare.post("/tvafaktor", Map.of("kod", felKod(konto))).statusCode());
        // She has lost her phone too: the administrator resets her second factor.
        HttpSession admin = app.session().loginStaff("admin");
        admin.get("/admin/konton");
        assertEquals(302, admin.post("/admin/anvandare/" + id + "/aterstall-tvafaktor", Map.of()).statusCode());
        assertEquals(0, (int) app.jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM login_attempt WHERE nyckel = :k")
                .bind("k", Inloggningsbroms.andraFaktorNyckel(id)).mapTo(Integer.class).one()),
                "the reset forgets the wrong codes");

        // She enrols a new one; a mistyped code is just wrong, not a wait of up to an hour.
        HttpSession hon = losenordet(konto);
        String secret = hon.page("/tvafaktor/registrera").select("#totp-hemlighet").text().replace(" ", "");
        long steg = Totp.steg(app.clock().instant());
        HttpResponse<String> fel = hon.post("/tvafaktor/registrera", Map.of("kod", Totp.kod(secret, steg + 100)));
        assertEquals(400, fel.statusCode(), HttpSession.html(fel).select("#kod-fel").text());
        assertEquals(302, hon.post("/tvafaktor/registrera", Map.of("kod", Totp.kod(secret, steg))).statusCode());
        assertEquals(200, hon.get("/oversikt").statusCode());
        int rader = app.jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM login_attempt WHERE nyckel IN (:a, :b)")
                .bind("a", Inloggningsbroms.andraFaktorNyckel(id)).bind("b", Inloggningsbroms.registreringsNyckel(id))
                .mapTo(Integer.class).one());
        assertEquals(0, rader, "nothing of the attack is left to count against her");
    }

    @Test
    void denSomInteHarLosenordetKanInteSparraAndraFaktorn() {
        String konto = "koordinator.farsta";
        HttpSession framling = app.session();
        framling.get("/logga-in");
        for (int i = 0; i < 10; i++) {
            // Without a session the code is not even looked at.
            assertEquals(401, framling.post("/tvafaktor", Map.of("kod", "123456")).statusCode());
            framling.post("/logga-in", Map.of("anvandarnamn", konto, "losenord", "fel-losenord-" + i));
        }
        int rader = app.jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM login_attempt WHERE nyckel = :k")
                .bind("k", Inloggningsbroms.andraFaktorNyckel(id(konto)))
                .mapTo(Integer.class).one());
        assertEquals(0, rader, "wrong passwords and codes without a session do not touch the second factor");
        // Once the password lock is over, her first code goes straight through.
        app.clock().advance(Duration.ofMinutes(16));
        HttpSession hon = losenordet(konto);
        assertEquals(302, hon.post("/tvafaktor", Map.of("kod", app.totpKod(konto))).statusCode());
    }
}
