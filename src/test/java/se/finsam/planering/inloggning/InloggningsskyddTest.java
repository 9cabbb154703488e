package se.finsam.planering.inloggning;

import se.finsam.planering.auth.Inloggningsbroms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.finsam.planering.demo.DemoData;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;
import se.finsam.planering.sprak.Texter;

/** Guessing, floods and busy writers at the login forms. */
class InloggningsskyddTest extends AppTest {

    @BeforeEach
    void forgetFailures() {
        app.jdbi().useHandle(h -> h.execute("DELETE FROM login_attempt"));
    }

    private int failures(String key) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT misslyckade FROM login_attempt WHERE nyckel = :k")
                .bind("k", key).mapTo(Integer.class).findOne().orElse(0));
    }

    private long auditBytes() {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT coalesce(sum(length(vad)), 0) FROM audit_log")
                .mapTo(Long.class).one());
    }

    private int auditRows() {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log").mapTo(Integer.class).one());
    }

    private static Map<String, String> staff(String username, String password) {
        return Map.of("anvandarnamn", username, "losenord", password);
    }

    private static Map<String, String> pin(String username, String pin) {
        return Map.of("anvandarnamn", username, "pin", pin);
    }

    // ---- one address, many people ----

    @Test
    void enAdressMedMangaFelStopparInteKollegorSomSkriverRatt() {
        HttpSession guesser = app.session();
        for (int i = 0; i <= Inloggningsbroms.ADDRESS_FREE_ATTEMPTS + 2; i++) {
            assertEquals(401, guesser.post("/logga-in", staff("gissning" + i, "fel-losenord")).statusCode(),
                    "attempt " + i + ": an account with no failures of its own is still checked");
        }
        assertTrue(failures(Inloggningsbroms.adressNyckel("127.0.0.1")) > Inloggningsbroms.ADDRESS_FREE_ATTEMPTS);

        HttpResponse<String> again = guesser.post("/logga-in", staff("gissning0", "fel-losenord"));
        assertEquals(429, again.statusCode(), "an account that failed from the locked address waits");
        assertTrue(again.headers().firstValue("Retry-After").isPresent());

        // A colleague on the same office network logs in as usual.
        app.session().loginStaff("fk.handlaggare");
        app.session().loginDeltagare();
    }

    // ---- the audit log cannot be filled by typing ----

    @Test
    void jattelangtAnvandarnamnAvvisasUtanAttFyllaGranskningsloggen() {
        long bytesBefore = auditBytes();
        String huge = "a".repeat(900_000);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = app.session().post("/logga-in", staff(huge, "vad-som-helst"));
            assertEquals(400, response.statusCode());
            assertTrue(response.body().contains("Användarnamnet är för långt"));
            assertTrue(response.body().length() < 50_000, "the name is not echoed whole either");
            HttpResponse<String> participant = app.session().post("/logga-in/deltagare", pin(huge, "135792"));
            assertEquals(400, participant.statusCode());
        }
        assertTrue(auditBytes() - bytesBefore < 1_000, "grew by " + (auditBytes() - bytesBefore) + " bytes");
        assertEquals(0, (int) app.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM login_attempt WHERE length(nyckel) > 120").mapTo(Integer.class).one()));

        // A name of the longest allowed length is logged shortened.
        String longName = "b".repeat(InloggningRoutes.MAX_USERNAME);
        assertEquals(401, app.session().post("/logga-in", staff(longName, "fel")).statusCode());
        int longest = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT max(length(vad)) FROM audit_log WHERE vad LIKE '%bbbb%'").mapTo(Integer.class).one());
        assertTrue(longest < InloggningRoutes.MAX_LOGGED_NAME + 50, "logged " + longest + " characters");
    }

    @Test
    void enSparrLoggasEnGangInteVidVarjeForsok() {
        HttpSession s = app.session();
        for (int i = 0; i < Inloggningsbroms.FREE_ATTEMPTS; i++) {
            s.post("/logga-in", staff("teamrep.af", "gissning"));
        }
        int rows = auditRows();
        for (int i = 0; i < 20; i++) {
            assertEquals(429, s.post("/logga-in", staff("teamrep.af", "gissning")).statusCode());
        }
        assertEquals(rows, auditRows(), "requests that hit the lock write nothing");
    }

    // ---- participants' PINs ----

    @Test
    void deltagarkontotSparrasEfterFemFelTillsKoordinatornGerEnNyKod() {
        long deltagare = TestData.ledigDeltagareIFas(app, "kallad");
        String username = TestData.kontoMedPin(app, deltagare, "482915");
        HttpSession guesser = app.session();
        HttpResponse<String> last = null;
        for (int i = 0; i < Inloggningsbroms.DELTAGARE_MAX_FAILURES; i++) {
            last = guesser.post("/logga-in/deltagare", pin(username, "13579" + i));
            assertEquals(401, last.statusCode(), "guess " + i);
            app.clock().advance(Duration.ofMinutes(20));
        }
        assertTrue(last.body().contains("Ditt konto är spärrat"), last.body());

        app.clock().advance(Duration.ofDays(30));
        HttpResponse<String> right = app.session().post("/logga-in/deltagare", pin(username, "482915"));
        assertEquals(429, right.statusCode(), "not even the right PIN, a month later");
        assertTrue(right.body().contains("Ditt konto är spärrat"));

        // In her language: the page tells her the same in Arabic.
        HttpSession arabic = app.session();
        arabic.get("/logga-in/deltagare");
        arabic.post("/sprak", Map.of("sprak", "ar", "tillbaka", "/logga-in/deltagare"));
        HttpResponse<String> inArabic = arabic.post("/logga-in/deltagare", pin(username, "482915"));
        assertTrue(inArabic.body().contains(Texter.of("ar").get("deltagarlogin.fel.sparrad.nykod")));

        // The koordinator gives her a new code; with it she chooses a new PIN and is in again.
        long bokning = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM mote_deltagare WHERE deltagare_id = :d").bind("d", deltagare).mapTo(Long.class).one());
        HttpSession koordinator = app.session().loginStaff("koordinator");
        koordinator.get("/kallelse/" + bokning);
        HttpResponse<String> kallelse = koordinator.post("/kallelse/" + bokning + "/aktiveringskod", Map.of());
        assertEquals(200, kallelse.statusCode());
        String code = HttpSession.text(HttpSession.html(kallelse), "#aktiveringskod");

        HttpSession her = app.session();
        assertEquals(302, her.post("/aktivera", Map.of("kod", code)).statusCode());
        String newUsername = HttpSession.text(her.page("/aktivera/pin"), "#ditt-id");
        assertTrue(newUsername.matches("[a-z2-9]{4}-[a-z2-9]{4}"), newUsername);
        assertNotEquals(username, newUsername, "the user id is random, not the case code");
        assertEquals(302, her.post("/aktivera/pin", Map.of("pin", "602418", "pin2", "602418")).statusCode());
        assertEquals(302, app.session().post("/logga-in/deltagare", pin(newUsername, "602418")).statusCode());
    }

    @Test
    void enAdressFarInteEnGratisGissningPerNamn() {
        // One guess for each of many names, from one address: the address lock counts them all, and after
        // twice its free attempts it holds every name, also those never tried before.
        HttpSession guesser = app.session();
        int checked = 0;
        for (int i = 0; i < Inloggningsbroms.DELTAGARE_BUDGET_PER_HOUR; i++) {
            int status = guesser.post("/logga-in/deltagare", pin("xq" + i + "-gissning", "135792")).statusCode();
            if (status == 401) {
                checked++;
            } else {
                assertEquals(429, status, "guess " + i);
            }
        }
        assertEquals(Inloggningsbroms.ADDRESS_ALL_NAMES_AFTER, checked, "PINs checked for new names from one address");
        HttpResponse<String> next = guesser.post("/logga-in/deltagare", pin("ny-gissning", "135792"));
        assertEquals(429, next.statusCode());
        assertTrue(next.headers().firstValue("Retry-After").isPresent());
        // Staff logins on their own accounts are not in the participants' budget; after the lock, a day without
        // failures forgets the address.
        app.clock().advance(Duration.ofDays(1).plusMinutes(1));
        app.session().loginDeltagare();
    }

    @Test
    void gissningarPerDygnOchVadDeGer() {
        // What the README promises: whatever the number of addresses and accounts, at most this many PINs are
        // checked in a day, and 5 per account until she chooses a new PIN.
        assertEquals(2_400, Inloggningsbroms.deltagareGuessesPerDay());
        assertEquals(5, Inloggningsbroms.DELTAGARE_MAX_FAILURES);
        // A PIN is six digits, minus the ones refused as too simple (all alike, or a run up or down).
        long pins = java.util.stream.IntStream.range(0, 1_000_000)
                .mapToObj(n -> String.valueOf(1_000_000 + n).substring(1)).filter(p -> !InloggningRoutes.tooSimple(p)).count();
        assertEquals(999_980, pins);
        double accountsPerDay = (double) Inloggningsbroms.deltagareGuessesPerDay() / pins;
        assertTrue(accountsPerDay < 0.0025, "at most one account in " + Math.round(1 / accountsPerDay) + " days");
        // And that is with every user id known: the ids are random, 31^8 of them.
        assertTrue(Math.pow(31, 8) > 8e11);
    }

    // ---- the lock message ----

    @Test
    void sparrtidenSagsISekunderEllerMinuterMedRattPluralform() {
        Texter sv = Texter.of("sv");
        assertTrue(InloggningRoutes.sparrMeddelande(Duration.ofSeconds(30)).text(sv).contains("Vänta 30 sekunder"));
        assertTrue(InloggningRoutes.sparrMeddelande(Duration.ofSeconds(1)).text(sv).contains("Vänta 1 sekund "));
        assertTrue(InloggningRoutes.sparrMeddelande(Duration.ofSeconds(60)).text(sv).contains("Vänta 1 minut "));
        assertTrue(InloggningRoutes.sparrMeddelande(Duration.ofSeconds(61)).text(sv).contains("Vänta 2 minuter"));
        assertFalse(InloggningRoutes.sparrMeddelande(Duration.ofMinutes(15)).text(sv).contains("("));
        Texter en = Texter.of("en");
        assertTrue(InloggningRoutes.sparrMeddelande(Duration.ofSeconds(30)).text(en).contains("Wait 30 seconds"));
        assertTrue(InloggningRoutes.sparrMeddelande(Duration.ofMinutes(1)).text(en).contains("Wait 1 minute "));
        Texter ar = Texter.of("ar");
        assertTrue(InloggningRoutes.sparrMeddelande(Duration.ofSeconds(30)).text(ar).contains("ثانية"));
        assertTrue(InloggningRoutes.sparrMeddelande(Duration.ofSeconds(5)).text(ar).contains("ثوانٍ"));
        assertTrue(InloggningRoutes.sparrMeddelande(Duration.ofMinutes(1)).text(ar).contains("دقيقة واحدة"));
        assertTrue(InloggningRoutes.sparrMeddelande(Duration.ofMinutes(2)).text(ar).contains("دقيقتين"));

        HttpSession s = app.session();
        HttpResponse<String> locking = null;
        for (int i = 0; i < Inloggningsbroms.FREE_ATTEMPTS; i++) {
            locking = s.post("/logga-in", staff("styrgrupp", "gissning"));
        }
        assertTrue(locking.body().contains("Vänta 30 sekunder"), locking.body());
    }

    // ---- writers meeting ----

    @Test
    void samtidigaSkrivningarGerInga500OchVarjeMisslyckatForsokRaknas() throws Exception {
        int loginThreads = 6;
        int perThread = 8;
        HttpSession deltagare = app.session().loginDeltagare();
        HttpSession koordinator = app.session().loginStaff("koordinator");
        deltagare.get("/min-planering");
        koordinator.get("/oversikt");
        Map<String, Integer> statusByName = new ConcurrentHashMap<>();
        List<Integer> otherStatuses = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(loginThreads + 2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < loginThreads; t++) {
            int thread = t;
            work.add(pool.submit(() -> {
                HttpSession s = app.session();
                s.get("/logga-in");
                go.await();
                for (int i = 0; i < perThread; i++) {
                    String name = "samtidig-" + thread + "-" + i;
                    statusByName.put(name, s.post("/logga-in", staff(name, "fel-losenord")).statusCode());
                }
                return null;
            }));
        }
        work.add(pool.submit(() -> {
            go.await();
            for (int i = 0; i < perThread * 2; i++) {
                otherStatuses.add(deltagare.post("/min-planering/last", Map.of()).statusCode());
            }
            return null;
        }));
        work.add(pool.submit(() -> {
            go.await();
            for (int i = 0; i < perThread * 2; i++) {
                otherStatuses.add(koordinator.post("/sprak", Map.of("sprak", i % 2 == 0 ? "en" : "sv",
                        "tillbaka", "/oversikt")).statusCode());
            }
            return null;
        }));
        go.countDown();
        for (Future<?> f : work) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertEquals(loginThreads * perThread, statusByName.size());
        statusByName.forEach((name, status) ->
                assertTrue(status == 401 || status == 429, name + " got " + status));
        otherStatuses.forEach(status -> assertTrue(status < 500, "a write got " + status));
        assertEquals(perThread * 4, otherStatuses.size());

        int checked = 0;
        for (var e : statusByName.entrySet()) {
            int counted = failures(Inloggningsbroms.kontoNyckel(Inloggningsbroms.Regel.PERSONAL, e.getKey()));
            // A 401 is a checked guess and counted once; a 429 here means "busy, try again" and counts nothing.
            assertEquals(e.getValue() == 401 ? 1 : 0, counted, e.getKey() + " answered " + e.getValue());
            checked += e.getValue() == 401 ? 1 : 0;
        }
        assertTrue(checked > 0);
        assertEquals(checked, failures(Inloggningsbroms.adressNyckel("127.0.0.1")), "the address counted each one");
    }
}
