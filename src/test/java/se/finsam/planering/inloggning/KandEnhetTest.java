package se.finsam.planering.inloggning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.auth.Enhetskaka;
import se.finsam.planering.auth.Inloggningsbroms;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestApp;

/**
 * A stranger's flood of wrong PINs, from many addresses, no longer locks a participant out on her own phone (a
 * device that has logged in as her carries a signed cookie), while unknown devices are still held back and guessing
 * stays as expensive as before.
 */
class KandEnhetTest {

    private static final String HENNES_ADRESS = "10.0.0.5";
    private static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.startBakomProxy();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** A PIN login sent from an address (the proxy's X-Forwarded-For), with the cookies the session has. */
    private static HttpResponse<String> pin(HttpSession s, String adress, String anvandarnamn, String pin,
                                            String extraCookie) {
        String body = "_csrf=" + enc(s.csrf()) + "&anvandarnamn=" + enc(anvandarnamn) + "&pin=" + enc(pin);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(s.url("/logga-in/deltagare")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .header("X-Forwarded-For", adress).POST(HttpRequest.BodyPublishers.ofString(body));
        if (extraCookie != null) {
            request.header("Cookie", extraCookie);
        }
        return s.send(request);
    }

    private static HttpResponse<String> pin(HttpSession s, String adress, String anvandarnamn, String pin) {
        return pin(s, adress, anvandarnamn, pin, null);
    }

    /** The same, after waiting out a lock that has an end (the 3rd and 4th wrong PIN of an account wait a little). */
    private static HttpResponse<String> pinEfterVantan(HttpSession s, String adress, String anvandarnamn,
                                                        String pin) {
        HttpResponse<String> r = pin(s, adress, anvandarnamn, pin);
        while (r.statusCode() == 429 && r.headers().firstValue("Retry-After").isPresent()) {
            app.clock().advance(java.time.Duration.ofSeconds(
                    Long.parseLong(r.headers().firstValue("Retry-After").get())));
            r = pin(s, adress, anvandarnamn, pin);
        }
        return r;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void loggaUt(HttpSession s) {
        s.get("/konto");
        assertEquals(302, s.post("/logga-ut", Map.of()).statusCode());
    }

    @Test
    void enFramlingsFlodSparrarInteDeltagarenPaHennesEgenTelefon() {
        String hon = DemoData.DEMO_PARTICIPANT_USERNAME;
        String ratt = DemoData.DEMO_PARTICIPANT_PIN;
        // Her phone has logged in before.
        HttpSession telefon = app.session();
        telefon.get("/logga-in/deltagare");
        assertEquals(302, pin(telefon, HENNES_ADRESS, hon, ratt).statusCode());
        String bevis = telefon.cookie(Enhetskaka.COOKIE);
        assertNotNull(bevis, "a device that logged in gets the signed cookie");
        loggaUt(telefon);

        HttpSession framling = app.session();
        framling.get("/logga-in/deltagare");
        // From her own network (a shared wifi): the address lock, which then holds every name.
        int lasta = 0;
        for (int i = 0; i < Inloggningsbroms.ADDRESS_ALL_NAMES_AFTER + 5; i++) {
            if (pin(framling, HENNES_ADRESS, "gissning" + i, "135790").statusCode() == 429) {
                lasta++;
            }
        }
        assertTrue(lasta >= 5, "the address is locked for every name: " + lasta);
        // Her own account name, wrong five times from elsewhere: locked until a new PIN for unknown devices.
        for (int i = 0; i < Inloggningsbroms.DELTAGARE_MAX_FAILURES; i++) {
            assertEquals(401, pinEfterVantan(framling, "198.51.100.7", hon, "97531" + i).statusCode());
        }
        // And from many addresses until the shared hourly budget is spent.
        int fel = 0;
        int sparrade = 0;
        for (int i = 0; i < Inloggningsbroms.DELTAGARE_BUDGET_PER_HOUR + 20; i++) {
            int status = pin(framling, "203.0.113." + (i % 250), "okand" + i, "864209").statusCode();
            if (status == 401) {
                fel++;
            } else if (status == 429) {
                sparrade++;
            }
        }
        assertTrue(sparrade >= 20, "unknown devices are held back once the budget is spent: " + sparrade);
        assertTrue(fel <= Inloggningsbroms.DELTAGARE_BUDGET_PER_HOUR);

        // On her phone, from the locked address, she sees nothing of it.
        telefon.get("/logga-in/deltagare");
        HttpResponse<String> inne = pin(telefon, HENNES_ADRESS, hon, ratt);
        assertEquals(302, inne.statusCode(), HttpSession.html(inne).select("#pin-fel").text());
        assertEquals(200, telefon.get("/min-planering").statusCode());
        loggaUt(telefon);

        // A device she has never used is held back, with the right PIN too.
        HttpSession ny = app.session();
        ny.get("/logga-in/deltagare");
        assertEquals(429, pin(ny, "192.0.2.44", hon, ratt).statusCode());
        // Her cookie changed to name another account, or with its signature changed, is an unknown device.
        String[] delar = bevis.split("\\.");
        String annatKonto = (Long.parseLong(delar[0]) + 1) + "." + delar[1] + "." + delar[2];
        assertEquals(429, pin(ny, "192.0.2.44", hon, ratt, Enhetskaka.COOKIE + "=" + annatKonto).statusCode());
        String andradSignatur = delar[0] + "." + delar[1] + "." + delar[2].substring(1) + "A";
        assertEquals(429, pin(ny, "192.0.2.44", hon, ratt, Enhetskaka.COOKIE + "=" + andradSignatur).statusCode());
        // Her real cookie used for another participant's name is unknown there too.
        assertEquals(429, pin(ny, "192.0.2.44", "okand1", "864209", Enhetskaka.COOKIE + "=" + bevis).statusCode());
    }

    @Test
    void paEnKandEnhetArGissandetLikaDyrt() {
        // A participant activates on her phone and chooses a PIN: the phone becomes a known device.
        HttpSession telefon = app.session();
        telefon.get("/aktivera");
        assertEquals(302, telefon.post("/aktivera", Map.of("kod", DemoData.DEMO_ACTIVATION_CODE)).statusCode());
        String anvandarnamn = HttpSession.text(telefon.page("/aktivera/pin"), "#ditt-id");
        assertEquals(302, telefon.post("/aktivera/pin", Map.of("pin", "258036", "pin2", "258036")).statusCode());
        assertNotNull(telefon.cookie(Enhetskaka.COOKIE));
        loggaUt(telefon);
        telefon.get("/logga-in/deltagare");
        // Whoever holds the phone gets as few guesses as her account has anywhere: then it waits for a new PIN.
        for (int i = 1; i <= Inloggningsbroms.DELTAGARE_MAX_FAILURES; i++) {
            HttpResponse<String> r = pinEfterVantan(telefon, HENNES_ADRESS, anvandarnamn, "11122" + i);
            assertEquals(401, r.statusCode(), "guess " + i);
        }
        HttpResponse<String> sparrad = pin(telefon, HENNES_ADRESS, anvandarnamn, "258036");
        assertEquals(429, sparrad.statusCode());
        assertTrue(HttpSession.html(sparrad).select("#pin-fel").text().contains("aktiveringskod"));
        // The arithmetic of the threat model: at most the shared budget a day from unknown devices, everywhere.
        assertEquals(2400, Inloggningsbroms.deltagareGuessesPerDay());
    }

    private static HttpResponse<String> nyckelStart(HttpSession s, String adress) {
        return s.send(HttpRequest.newBuilder(URI.create(s.url("/api/nyckel/logga-in/start")))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("X-CSRF-Token", s.csrf()).header("X-Forwarded-For", adress)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    }

    private static int utmaningar(String adress) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM webauthn_utmaning WHERE adress = :a")
                .bind("a", adress).mapTo(Integer.class).one());
    }

    @Test
    void passkeyinloggningarSomStartasBegransasPerAdressOchLamnarFaUtmaningar() {
        HttpSession s = app.session();
        s.get("/logga-in/deltagare");
        int startade = 0;
        int vantade = 0;
        for (int i = 0; i < 300; i++) {
            HttpResponse<String> r = nyckelStart(s, "198.51.100.200");
            if (r.statusCode() == 200) {
                startade++;
            } else {
                assertEquals(429, r.statusCode(), r.body());
                assertTrue(r.headers().firstValue("Retry-After").isPresent());
                vantade++;
            }
        }
        assertEquals(Inloggningsbroms.NYCKELSTART_FREE, startade, "started before the address has to wait");
        assertEquals(300 - Inloggningsbroms.NYCKELSTART_FREE, vantade);
        assertEquals(se.finsam.planering.auth.Nycklar.UTMANINGAR_PER_ADRESS, utmaningar("198.51.100.200"),
                "unused challenges kept for the address");
        // Another address is not held back by it.
        assertEquals(200, nyckelStart(s, "198.51.100.201").statusCode());
        assertEquals(1, utmaningar("198.51.100.201"));
        // Nor is a phone on the flooded address that has logged in before: it counts on its own.
        HttpSession telefon = app.session().loginStaff("handlaggare");
        loggaUt(telefon);
        telefon.get("/logga-in/deltagare");
        assertEquals(200, nyckelStart(telefon, "198.51.100.200").statusCode());
        assertEquals(se.finsam.planering.auth.Nycklar.UTMANINGAR_PER_ADRESS, utmaningar("198.51.100.200"));
    }

    private static HttpResponse<String> nyckelKlar(HttpSession s, String adress, String body) {
        return s.send(HttpRequest.newBuilder(URI.create(s.url("/api/nyckel/logga-in/klar")))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("X-CSRF-Token", s.csrf()).header("X-Forwarded-For", adress)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void enFramlingKanInteSparraNyckelinloggningForEnKandEnhet() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        HttpSession framling = app.session();
        framling.get("/logga-in/deltagare");
        // Answers without any challenge cost nothing to send: they are refused and count for nothing.
        String adress = "198.51.100.210";
        for (int i = 0; i < 10; i++) {
            assertEquals(401, nyckelKlar(framling, adress, "").statusCode());
            assertEquals(401, nyckelKlar(framling, adress, "{\"utmaning\":\"skrap" + i + "\",\"svar\":{}}")
                    .statusCode());
        }
        assertEquals(200, nyckelStart(framling, adress).statusCode(), "junk does not lock the address");

        // Wrong answers to real challenges lock the address for devices it does not know...
        for (int i = 0; i < Inloggningsbroms.FREE_ATTEMPTS; i++) {
            String utmaning = json.readTree(nyckelStart(framling, adress).body()).path("utmaning").asText();
            assertEquals(401, nyckelKlar(framling, adress, "{\"utmaning\":\"" + utmaning
                    + "\",\"svar\":{\"id\":\"x\"}}").statusCode());
        }
        assertEquals(429, nyckelStart(framling, adress).statusCode());
        // ...but a phone there that has logged in before starts and answers on its own count.
        HttpSession telefon = app.session().loginStaff("handlaggare");
        loggaUt(telefon);
        telefon.get("/logga-in/deltagare");
        HttpResponse<String> start = nyckelStart(telefon, adress);
        assertEquals(200, start.statusCode(), start.body());
        String utmaning = json.readTree(start.body()).path("utmaning").asText();
        assertEquals(401, nyckelKlar(telefon, adress, "{\"utmaning\":\"" + utmaning
                + "\",\"svar\":{\"id\":\"x\"}}").statusCode(), "refused for a wrong answer, not a lock");
    }

    private static int forsok(String nyckelLike) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM login_attempt WHERE nyckel LIKE :k")
                .bind("k", nyckelLike).mapTo(Integer.class).one());
    }

    @Test
    void enNyPinGorGamlaEnhetsbevisOgiltigaOchAndraFaktornKommerFore() {
        long deltagare = se.finsam.planering.testsupport.TestData.deltagare(app).utanKonto().forsta();
        String hon = se.finsam.planering.testsupport.TestData.kontoMedPin(app, deltagare, "258147");
        long id = app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM anvandare WHERE anvandarnamn = :u")
                .bind("u", hon).mapTo(Long.class).one());
        HttpSession telefon = app.session();
        telefon.get("/logga-in/deltagare");
        assertEquals(302, pin(telefon, "192.0.2.80", hon, "258147").statusCode());
        String gammal = telefon.cookie(Enhetskaka.COOKIE);
        assertNotNull(gammal);
        // The phone is stolen; she chooses a new PIN (after a new activation code, on the PIN page).
        telefon.get("/aktivera/pin");
        assertEquals(302, telefon.post("/aktivera/pin", Map.of("pin", "369258", "pin2", "369258")).statusCode());
        // The thief's copy of the old cookie is no longer a known device: his guesses count on her account, as
        // anyone's would, not on a device of their own.
        HttpSession tjuv = app.session();
        tjuv.get("/logga-in/deltagare");
        assertEquals(401, pin(tjuv, "192.0.2.81", hon, "111222", Enhetskaka.COOKIE + "=" + gammal).statusCode());
        assertEquals(0, forsok("enhet:" + id + ":%"), "no device count for the revoked cookie");
        assertEquals(1, forsok("deltagare:" + hon));
        // The device she chose the new PIN on is known again, with its new cookie.
        String ny = telefon.cookie(Enhetskaka.COOKIE);
        HttpSession hennes = app.session();
        hennes.get("/logga-in/deltagare");
        assertEquals(401, pin(hennes, "192.0.2.81", hon, "111333", Enhetskaka.COOKIE + "=" + ny).statusCode());
        assertEquals(1, forsok("enhet:" + id + ":%"));

        // A koordinator's password alone does not make the device known; the passed second factor does.
        HttpSession koordinator = app.session();
        koordinator.get("/logga-in");
        HttpResponse<String> losenord = koordinator.post("/logga-in", Map.of("anvandarnamn", "koordinator",
                "losenord", DemoData.STAFF_PASSWORD));
        assertTrue(losenord.headers().firstValue("Location").orElse("").startsWith("/tvafaktor"));
        assertTrue(losenord.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith(Enhetskaka.COOKIE)),
                "no device cookie before the second factor");
        koordinator.passSecondFactor("koordinator");
        assertNotNull(koordinator.cookie(Enhetskaka.COOKIE));
    }
}
