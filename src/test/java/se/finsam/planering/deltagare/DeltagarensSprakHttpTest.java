package se.finsam.planering.deltagare;

import se.finsam.planering.minplanering.MinPlaneringRepository;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/** The participant's language, from the anmälan to every page, letter and file she gets, and her way back in. */
class DeltagarensSprakHttpTest extends AppTest {

    private static final String PIN = "530917";

    private HttpSession loggaIn(String user) {
        HttpSession s = app.session();
        s.get("/logga-in/deltagare");
        assertEquals(302, s.post("/logga-in/deltagare", Map.of("anvandarnamn", user, "pin", PIN)).statusCode());
        return s;
    }

    private static HttpResponse<String> getMedSprak(HttpSession s, String path, String acceptLanguage) {
        return s.send(HttpRequest.newBuilder(URI.create(s.url(path))).header("Accept", "text/html")
                .header("Accept-Language", acceptLanguage).GET());
    }

    private String kontoSprak(String user) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT sprak FROM anvandare WHERE anvandarnamn = :u")
                .bind("u", user).mapTo(String.class).one());
    }

    @Test
    void webblasarensSprakGallerInnanNagotAnnatArKant() {
        HttpSession s = app.session();
        String arabiska = getMedSprak(s, "/logga-in/deltagare", "ar-SE,ar;q=0.9,sv;q=0.5").body();
        assertTrue(arabiska.contains("<html lang=\"ar\" dir=\"rtl\""), arabiska);
        assertTrue(arabiska.contains("تسجيل الدخول إلى خطتك"));
        assertTrue(getMedSprak(s, "/logga-in", "en-GB,en;q=0.8").body().contains("<html lang=\"en\""));
        assertTrue(getMedSprak(s, "/aktivera", "de-DE,fr;q=0.5").body().contains("<html lang=\"sv\""),
                "Swedish when none of the browser's languages is ours");
        // An explicit choice wins over the browser.
        s.post("/sprak", Map.of("sprak", "en", "tillbaka", "/aktivera"));
        assertTrue(getMedSprak(s, "/aktivera", "ar").body().contains("<html lang=\"en\""));
    }

    @Test
    void sprakvaletPaInloggningssidanBlirKontotsSprak() {
        long deltagare = TestData.deltagareIFas(app, "planerad", 0);
        String user = TestData.kontoMedPin(app, deltagare, PIN);
        assertEquals("sv", kontoSprak(user));
        HttpSession s = app.session();
        String sida = s.get("/logga-in/deltagare").body();
        assertTrue(sida.contains("action=\"/sprak\""), "the language is offered on the login page");
        s.post("/sprak", Map.of("sprak", "ar", "tillbaka", "/logga-in/deltagare"));
        assertEquals(302, s.post("/logga-in/deltagare", Map.of("anvandarnamn", user, "pin", PIN)).statusCode());
        assertEquals("ar", kontoSprak(user), "the choice made before login is kept with the account");
        assertTrue(s.get("/min-planering").body().contains("<html lang=\"ar\" dir=\"rtl\""));

        // On another phone, with a Swedish browser, the account's language still decides once she is in.
        HttpSession annan = app.session();
        annan.get("/logga-in/deltagare");
        assertEquals(302, annan.post("/logga-in/deltagare", Map.of("anvandarnamn", user, "pin", PIN)).statusCode());
        assertTrue(getMedSprak(annan, "/min-planering", "sv-SE").body().contains("<html lang=\"ar\""));
        // A choice while logged in updates the account.
        annan.post("/sprak", Map.of("sprak", "en", "tillbaka", "/min-planering"));
        assertEquals("en", kontoSprak(user));
    }

    @Test
    void arabiskaPaAktiveraSkrivsInteOverVidInloggningen() {
        long deltagare = TestData.deltagareIFas(app, "planerad", 1);
        String kod = TestData.kontoMedAktiveringskod(app, deltagare);
        HttpSession s = app.session();
        s.get("/aktivera");
        s.post("/sprak", Map.of("sprak", "ar", "tillbaka", "/aktivera"));
        assertTrue(s.get("/aktivera").body().contains("<html lang=\"ar\""));
        HttpResponse<String> in = s.post("/aktivera", Map.of("kod", kod));
        assertEquals("/aktivera/pin", in.headers().firstValue("Location").orElse(""));
        String pin = s.get("/aktivera/pin").body();
        assertTrue(pin.contains("<html lang=\"ar\" dir=\"rtl\""), "the PIN page keeps the language chosen");
        assertTrue(pin.contains("action=\"/sprak\""), "and offers the choice");
        assertEquals(302, s.post("/aktivera/pin", Map.of("pin", "482915", "pin2", "482915")).statusCode());
        assertTrue(s.get("/min-planering").body().contains("<html lang=\"ar\""));
    }

    @Test
    void kontotFarSprketFranAnmalanNarKodenSkapas() {
        long deltagare = TestData.deltagareIFas(app, "kallad", 0);
        app.jdbi().useHandle(h -> h.execute("UPDATE deltagare SET sprak = 'ar' WHERE id = ?", deltagare));
        long bokning = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM mote_deltagare WHERE deltagare_id = :d ORDER BY id LIMIT 1").bind("d", deltagare).mapTo(Long.class).one());
        HttpSession koordinator = app.session().loginStaff("koordinator");
        koordinator.get("/kallelse/" + bokning);
        assertEquals(200, koordinator.post("/kallelse/" + bokning + "/aktiveringskod", Map.of()).statusCode());
        String sprak = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT a.sprak FROM anvandare a JOIN deltagare d ON d.anvandare_id = a.id WHERE d.id = :d")
                .bind("d", deltagare).mapTo(String.class).one());
        assertEquals("ar", sprak);
    }

    @Test
    void utloggadDeltagareKommerTillSinEgenInloggningPaSittSprak() {
        long deltagare = TestData.deltagareIFas(app, "uppfoljning", 2);
        String user = TestData.kontoMedPin(app, deltagare, PIN);
        app.jdbi().useHandle(h -> h.execute("UPDATE anvandare SET sprak = 'ar' WHERE anvandarnamn = ?", user));
        HttpSession s = loggaIn(user);
        assertEquals(200, s.get("/min-planering").statusCode());
        HttpResponse<String> ut = s.post("/logga-ut", Map.of());
        assertEquals("/logga-in/deltagare", ut.headers().firstValue("Location").orElse(""));
        assertTrue(s.get("/logga-in/deltagare").body().contains("تم تسجيل خروجك"), "the page after logout says so");

        // The back button: the page is not in the browser's cache, so it is asked for again.
        HttpResponse<String> tillbaka = s.get("/min-planering");
        assertEquals(302, tillbaka.statusCode());
        assertEquals("/logga-in/deltagare?orsak=utloggad", tillbaka.headers().firstValue("Location").orElse(""));
        String login = getMedSprak(s, "/logga-in/deltagare?orsak=utloggad", "sv-SE").body();
        assertTrue(login.contains("<html lang=\"ar\" dir=\"rtl\""), "her language, remembered on the device");
        assertTrue(login.contains("لقد سجّلت الخروج"), "says she has been logged out");
        assertTrue(login.contains("value=\"" + user + "\""), "her user id is filled in");
        assertFalse(login.contains("name=\"losenord\""), "not the staff login");
        assertTrue(s.get("/").headers().firstValue("Location").orElse("").equals("/logga-in/deltagare"),
                "the app's start address on her phone leads to her login");
    }

    @Test
    void sidanDaSessionenHarGattUtSagerDet() {
        long deltagare = TestData.deltagareIFas(app, "uppfoljning", 3);
        String user = TestData.kontoMedPin(app, deltagare, PIN);
        HttpSession s = loggaIn(user);
        // Her plan may be kept by her own browser only (never by a shared cache), and only checked against the
        // server every time: the page leaves with her session's end, and logging out clears it.
        assertEquals("private, no-cache", s.get("/min-planering").headers().firstValue("Cache-Control").orElse(""));
        assertTrue(s.get("/min-planering/mina-uppgifter").headers().firstValue("Cache-Control").orElse("")
                .contains("no-store"), "pages without a tag are never stored");
        app.clock().advance(Duration.ofMinutes(45));
        try {
            HttpResponse<String> igen = s.get("/min-planering/kontakter");
            assertEquals("/logga-in/deltagare?orsak=utgangen", igen.headers().firstValue("Location").orElse(""));
            String login = s.get("/logga-in/deltagare?orsak=utgangen").body();
            assertTrue(login.contains("inte har använt sidan på en stund"), login);
        } finally {
            app.clock().advance(Duration.ofMinutes(-45));
        }
        HttpSession aldrig = app.session();
        HttpResponse<String> forsta = aldrig.get("/min-planering");
        assertEquals("/logga-in/deltagare", forsta.headers().firstValue("Location").orElse(""),
                "never logged in: her login, with nothing said about logging out");
        assertEquals("/logga-in?tillbaka=%2Foversikt", aldrig.get("/oversikt").headers().firstValue("Location")
                .orElse(""), "staff pages still lead to the staff login");
    }

    @Test
    void kalenderfilenArPaHennesSprakOchKoordinatornArOrganisator() {
        long kallad = TestData.deltagareIFas(app, "kallad", 1);
        String user = TestData.kontoMedPin(app, kallad, PIN);
        app.jdbi().useHandle(h -> h.execute("UPDATE anvandare SET sprak = 'ar' WHERE anvandarnamn = ?", user));
        HttpSession s = loggaIn(user);
        String ics = s.get("/min-planering/mote.ics").body().replace("\r\n ", "");
        assertTrue(ics.contains("SUMMARY;LANGUAGE=ar:اجتماع مع"), ics);
        assertTrue(ics.contains("أحضر معك"), "what to bring, in Arabic");
        var koordinator = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT a.namn, a.epost FROM anvandare a JOIN team_medlem m ON m.anvandare_id = a.id
                        JOIN deltagare d ON d.team_id = m.team_id
                        WHERE d.id = :d AND a.roll = 'koordinator' ORDER BY a.id LIMIT 1""")
                .bind("d", kallad).mapToMap().one());
        String organizer = ics.lines().filter(l -> l.startsWith("ORGANIZER")).findFirst().orElse("");
        assertTrue(organizer.contains("CN=" + koordinator.get("namn")), organizer);
        assertTrue(organizer.endsWith(":mailto:" + koordinator.get("epost")), organizer);

        // Without the koordinator's e-mail the property is left out, never empty.
        app.jdbi().useHandle(h -> h.execute("UPDATE anvandare SET epost = NULL WHERE epost = ?",
                koordinator.get("epost")));
        try {
            String utan = s.get("/min-planering/mote.ics").body();
            assertFalse(utan.contains("ORGANIZER"), utan);
        } finally {
            app.jdbi().useHandle(h -> h.execute("UPDATE anvandare SET epost = ? WHERE namn = ? AND roll = 'koordinator'",
                    koordinator.get("epost"), koordinator.get("namn")));
        }
    }

    @Test
    void vemHarTittatBeskriverHandlingarnaPaHennesSprak() {
        long deltagare = TestData.deltagareIFas(app, "uppfoljning", 4);
        String user = TestData.kontoMedPin(app, deltagare, PIN);
        app.jdbi().useHandle(h -> h.execute("UPDATE anvandare SET sprak = 'ar' WHERE anvandarnamn = ?", user));
        HttpSession koordinator = app.session().loginStaff("koordinator");
        assertEquals(200, koordinator.get("/deltagare/" + deltagare + "/motelage").statusCode());
        assertEquals(200, koordinator.get("/deltagare/" + deltagare + "/kontakter").statusCode());
        HttpSession hon = loggaIn(user);
        String sida = hon.get("/min-planering/vem-har-tittat").body();
        assertTrue(sida.contains("عمل على خطتك في الاجتماع"), "meeting mode, in Arabic");
        assertTrue(sida.contains("اطّلع على جهات الاتصال الخاصة بك"), "contacts, in Arabic");
        assertFalse(sida.contains("mötesläge") || sida.contains("kontaktpersoner"), "no Swedish audit text");

        // Error pages are in her language too.
        HttpResponse<String> saknas = hon.get("/min-planering/finns-inte");
        assertEquals(404, saknas.statusCode());
        assertTrue(saknas.body().contains("الصفحة غير موجودة") && saknas.body().contains("<html lang=\"ar\""));
        HttpResponse<String> nekad = hon.get("/deltagare/" + deltagare);
        assertEquals(403, nekad.statusCode());
        assertTrue(nekad.body().contains("ليست لديك صلاحية"), nekad.body());
    }

    @Test
    void okandaBeskrivningarBlirEnAllmanMeningInteSvenska() {
        var tittat = new MinPlaneringRepository.Tittat(java.time.Instant.EPOCH, "Anna", null, "något helt nytt",
                "andra");
        assertEquals("غيّر شيئًا في بياناتك", tittat.beskrivning(se.finsam.planering.sprak.Texter.of("ar")));
        assertEquals("tittat.vad.registrerade_uppfoljning_synk",
                MinPlaneringRepository.Tittat.nyckel("registrerade uppföljning (synk)"));
    }

    @Test
    void sidanUtanNatFinnsPaVarjeSprakOchVisarIngetOmVemSomArInloggad() {
        HttpSession s = app.session().loginStaff("koordinator");
        String ar = s.get("/utan-nat?sprak=ar").body();
        assertTrue(ar.contains("<html lang=\"ar\" dir=\"rtl\"") && ar.contains("أنت غير متصل بالإنترنت"), ar);
        assertFalse(ar.contains("_csrf") || ar.contains("logga-ut"), "nothing personal in a page kept by the worker");
        assertTrue(s.get("/utan-nat?sprak=en").body().contains("You are not connected to the internet"));
        assertEquals(404, s.get("/utan-nat?sprak=xx").statusCode());
    }
}
