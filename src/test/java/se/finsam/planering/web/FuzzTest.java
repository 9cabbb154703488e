package se.finsam.planering.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.http.HandlerType;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * Bad values in every field of every form the app posts, and in the offline sync's JSON: no answer may be a
 * 5xx or show anything of the server's insides. The forms and their fields are read from the pages
 * themselves, so a new field or form is fuzzed without touching this test; every POST route in the route
 * table must be reached. The same seed gives the same requests every run.
 */
class FuzzTest extends AppTest {

    private static final long SEED = 20_261_123L;
    /** Requests per form with several fields changed at once, besides one per field and kind of value. */
    private static final int PER_FORM = 6;
    /** Each login checks a password hash on purpose slowly, so those forms get fewer. */
    private static final int PER_LOGIN_FORM = 5;
    private static final Set<String> LOGIN_FORMS = Set.of("/logga-in", "/logga-in/deltagare", "/aktivera",
            "/aktivera/pin");
    private static final int JSON_REQUESTS = 120;

    private static final Pattern FORM = Pattern.compile("(?s)<form\\b([^>]*)>(.*?)</form>");
    private static final Pattern FIELD = Pattern.compile("<(input|select|textarea)\\b([^>]*)>");
    private static final Pattern ATTR = Pattern.compile("([a-zA-Z-]+)=\"([^\"]*)\"");
    private static final Pattern OPTION = Pattern.compile("<option\\b[^>]*value=\"([^\"]*)\"");
    private static final List<String> LEAKS = List.of("Exception", "at se.finsam", "\tat ", "Caused by",
            "org.eclipse", "io.javalin", "org.jdbi", "SQLITE_", "java.lang", "NullPointer");

    /** Values no form should ever trip over, by kind. Bytes, so that invalid UTF-8 can be sent as well. */
    static final List<byte[]> TEXT = List.of(
            b(""), b(" "), b("\t\r\n"), b("a".repeat(5_000)), b("å".repeat(70_000)), b("\u202Eevil\u202C"),
            b("\uFEFF1"), b("😀".repeat(20)), b("' OR '1'='1"), b("\"; DROP TABLE deltagare; --"),
            b("<script>alert(1)</script>"), b("\"><img src=x onerror=alert(1)>"), b("{{7*7}}${7*7}"),
            b("../../etc/passwd"), b("%s%n%x"), b("\\"), b("%"), b("%ZZ"), b("&=&="), b("true"), b("on"), b("ja"),
            b("[]"), b("{}"), b("null"), b("org:-1"), b("anv:99999999999"), b("org:"), b("upp-999"), b("bort-0"),
            b("ner-2147483648"));
    static final List<byte[]> ENCODING = List.of(
            b("\u0000"), b("x\u0000y\u0001\u001f\u007f"), new byte[] {(byte) 0xC3, 0x28},
            new byte[] {(byte) 0xFF, (byte) 0xFE}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82},
            new byte[] {'1', 0, '2'});
    static final List<byte[]> NUMBERS = List.of(
            b("-1"), b("0"), b("9223372036854775807"), b("9223372036854775808"), b("-9223372036854775809"),
            b("2147483648"), b("-2147483649"), b("1e309"), b("NaN"), b("Infinity"), b("0x1F"), b("1.5"), b("１２３"),
            b("٣"), b("1" + "0".repeat(400)));
    static final List<byte[]> DATES = List.of(
            b("+999999999-12-31"), b("-999999999-01-01"), b("9999-12-31"), b("0000-01-01"), b("2026-02-30"),
            b("2026-13-01"), b("+1000000000-12-31T23:59:59Z"), b("-1000000000-01-01T00:00:00Z"),
            b("9999-12-31T23:59:59Z"), b("1970-01-01T00:00:00Z"), b("2026-11-23T25:61"), b("24:00"), b("23:59:60"),
            b("99:99"), b("+999999999-12-31T23:59"), b("2026-11-23T13:00"), b("1899-12-31"), b("2200-01-01"));
    static final List<List<byte[]>> KINDS = List.of(TEXT, ENCODING, NUMBERS, DATES);

    private final Random random = new Random(SEED);
    private int requests;

    record Formular(String action, HttpSession session, Map<String, List<String>> falt) {
    }

    @Test
    void ingenPostRouteSvararMed5xxEllerVisarInreDetaljer() {
        long deltagare = TestData.deltagareIFas(app, "uppfoljning", 0);
        long planerad = TestData.deltagareIFas(app, "planerad", 0);
        long anmald = TestData.deltagareIFas(app, "anmald", 0);
        HttpSession koordinator = app.session().loginStaff("koordinator");
        HttpSession handlaggare = app.session().loginStaff("handlaggare");
        // A participant with a step of their own still to do, so that the page offers "klar".
        long medEgetSteg = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT d.id FROM deltagare d JOIN planering p ON p.deltagare_id = d.id
                        JOIN planpunkt pp ON pp.planering_id = p.id AND pp.borttagen IS NULL
                        LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
                        JOIN team t ON t.id = d.team_id
                        WHERE pp.ansvarig_deltagaren = 1 AND coalesce(s.status, 'ej_paborjad') <> 'genomford'
                          AND d.anvandare_id IS NULL AND d.skyddad_identitet = 0 AND t.namn = 'Jobbtorg Kista'
                          AND NOT EXISTS (SELECT 1 FROM avslut a WHERE a.deltagare_id = d.id)
                        ORDER BY d.id LIMIT 1""").mapTo(Long.class).one());
        String anvandarnamn = TestData.kontoMedPin(app, medEgetSteg, "135790");
        HttpSession deltagaren = app.session();
        deltagaren.get("/logga-in/deltagare");
        assertEquals(302, deltagaren.post("/logga-in/deltagare", Map.of("anvandarnamn", anvandarnamn,
                "pin", "135790")).statusCode());
        HttpSession besokare = app.session();
        HttpSession nyDeltagare = app.session();
        String kod = TestData.kontoMedAktiveringskod(app, TestData.deltagareIFas(app, "uppfoljning", 1));
        nyDeltagare.get("/aktivera");
        assertEquals(302, nyDeltagare.post("/aktivera", Map.of("kod", kod)).statusCode(), "activation");

        long mote = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT m.id FROM mote m JOIN mote_deltagare md ON md.mote_id = m.id
                        JOIN team t ON t.id = m.team_id WHERE t.namn = 'Jobbtorg Kista' AND m.status = 'planerat'
                        ORDER BY md.kallelse_utskriven IS NULL DESC, m.start DESC LIMIT 1""").mapTo(Long.class).one());
        long tomtMote = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT m.id FROM mote m JOIN team t ON t.id = m.team_id
                        WHERE t.namn = 'Jobbtorg Kista' AND m.status = 'planerat' AND m.start > :nu
                          AND NOT EXISTS (SELECT 1 FROM mote_deltagare md WHERE md.mote_id = m.id)
                        ORDER BY m.start LIMIT 1""").bind("nu", app.clock().instant().toString().substring(0, 16))
                .mapTo(Long.class).one());
        long bokning = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM mote_deltagare WHERE mote_id = :m LIMIT 1").bind("m", mote).mapTo(Long.class).one());
        // One letter of that meeting not yet printed, so its "mark as printed" form is there.
        app.sql("UPDATE mote_deltagare SET kallelse_utskriven = NULL WHERE id = ?", bokning);

        // Every form on the pages each kind of user sees, with the fields and values the page gives.
        Map<String, Formular> formular = new TreeMap<>();
        // Closing a participant (avslut) changes what their other forms accept, so that is someone else.
        long avslutas = TestData.deltagareIFas(app, "uppfoljning", 2);
        for (String page : List.of("/oversikt", "/uppfoljning", "/anmalan", "/moten", "/moten/" + mote,
                "/moten/" + tomtMote, "/moten/" + mote + "/flytta/" + bokning, "/moten/" + mote + "/kallelser", "/kallelse/" + bokning, "/offline", "/deltagare/" + deltagare,
                "/deltagare/" + deltagare + "/uppfoljning", "/deltagare/" + avslutas + "/avslut",
                "/deltagare/" + planerad + "/motelage", "/deltagare/" + deltagare + "/kontakter",
                "/deltagare/" + anmald + "/motelage", "/deltagare/" + anmald + "/inskrivning")) {
            read(koordinator, page, formular);
        }
        long stangd = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT a.deltagare_id FROM avslut a JOIN deltagare d ON d.id = a.deltagare_id
                        JOIN team t ON t.id = d.team_id
                        WHERE a.orsak <> 'felregistrering' AND t.namn = 'Jobbtorg Kista' ORDER BY a.id LIMIT 1""")
                .mapTo(Long.class).one());
        read(koordinator, "/deltagare/" + stangd + "/efterkontroll", formular);
        read(koordinator, "/statistik/import", formular);
        read(handlaggare, "/oversikt", formular);
        // Staff turn notifications on from the same page with the same script.
        handlaggare.get("/konto/meddelanden");
        Map<String, List<String>> personalPrenumeration = new LinkedHashMap<>();
        personalPrenumeration.put("_csrf", List.of(handlaggare.csrf()));
        personalPrenumeration.put("endpoint", List.of("https://fcm.googleapis.com/fcm/send/fuzz-personal"));
        personalPrenumeration.put("p256dh", List.of(p256dh()));
        personalPrenumeration.put("auth", List.of("AAECAwQFBgcICQoLDA0ODw"));
        assertEquals(204, handlaggare.post("/konto/meddelanden/push", Map.of(
                "endpoint", "https://fcm.googleapis.com/fcm/send/fuzz-personal", "p256dh", p256dh(),
                "auth", "AAECAwQFBgcICQoLDA0ODw")).statusCode());
        formular.put("/konto/meddelanden/push", new Formular("/konto/meddelanden/push", handlaggare,
                personalPrenumeration));
        read(handlaggare, "/konto/meddelanden", formular);
        read(deltagaren, "/min-planering", formular);
        read(deltagaren, "/min-planering/mina-uppgifter", formular);
        // Notifications: the page's script posts the browser's subscription (no form of its own, so it is added
        // here); one kept shows the form that turns them off everywhere.
        deltagaren.get("/min-planering/mina-uppgifter/meddelanden");
        Map<String, List<String>> prenumeration = new LinkedHashMap<>();
        prenumeration.put("_csrf", List.of(deltagaren.csrf()));
        prenumeration.put("endpoint", List.of("https://fcm.googleapis.com/fcm/send/fuzz"));
        prenumeration.put("p256dh", List.of(p256dh()));
        prenumeration.put("auth", List.of("AAECAwQFBgcICQoLDA0ODw"));
        assertEquals(204, deltagaren.post("/min-planering/mina-uppgifter/meddelanden/push", Map.of(
                "endpoint", "https://fcm.googleapis.com/fcm/send/fuzz", "p256dh", p256dh(),
                "auth", "AAECAwQFBgcICQoLDA0ODw")).statusCode());
        formular.put("/min-planering/mina-uppgifter/meddelanden/push", new Formular(
                "/min-planering/mina-uppgifter/meddelanden/push", deltagaren, prenumeration));
        read(deltagaren, "/min-planering/mina-uppgifter/meddelanden", formular);
        long samtyckeOrg = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT organisation_id FROM samtycke WHERE deltagare_id = :d AND aterkallat_datum IS NULL
                        ORDER BY id LIMIT 1""").bind("d", medEgetSteg).mapTo(Long.class).one());
        read(deltagaren, "/min-planering/mina-uppgifter/samtycke/" + samtyckeOrg, formular);
        read(nyDeltagare, "/aktivera/pin", formular);
        // A participant asked "Vad tycker du?" at her first follow-up, with her survey's form.
        long tillfragad = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT d.id FROM enkat_inbjudan i JOIN deltagare d ON d.id = i.deltagare_id
                        WHERE i.tillfalle = 'forsta_uppfoljning' AND d.anvandare_id IS NULL AND d.skyddad_identitet = 0
                        ORDER BY d.id LIMIT 1""").mapTo(Long.class).one());
        String tillfragadNamn = TestData.kontoMedPin(app, tillfragad, "135790");
        HttpSession svarande = app.session();
        svarande.get("/logga-in/deltagare");
        assertEquals(302, svarande.post("/logga-in/deltagare", Map.of("anvandarnamn", tillfragadNamn,
                "pin", "135790")).statusCode());
        read(svarande, "/min-planering/enkat/forsta_uppfoljning", formular);
        for (String page : List.of("/logga-in", "/logga-in/deltagare", "/aktivera")) {
            read(besokare, page, formular);
        }
        HttpSession admin = app.session().loginStaff("admin");
        read(admin, "/admin/konton", formular);
        read(admin, "/admin/gallring", formular);
        read(admin, "/admin/handelser", formular);
        read(admin, "/admin/statistikmal", formular);
        read(admin, "/admin/gallring/kor", formular);
        long enkat = app.jdbi().withHandle(h -> h.createQuery("SELECT min(id) FROM enkat").mapTo(Long.class).one());
        for (String page : List.of("/admin/enkater", "/admin/enkater/ny", "/admin/enkater/" + enkat)) {
            read(admin, page, formular);
        }
        read(admin, "/admin/kanaler", formular);
        long jobbtorg = app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM organisation WHERE typ = 'jobbtorg'")
                .mapTo(Long.class).one());
        long city = app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM team WHERE namn = 'Jobbtorg City'")
                .mapTo(Long.class).one());
        for (String page : List.of("/admin/organisationer/ny", "/admin/team/nytt", "/admin/organisationer/" + jobbtorg,
                "/admin/team/" + city)) {
            read(admin, page, formular);
        }
        // Staff administration: a person of its own to change, and her invitation page.
        HttpResponse<String> inbjuden = admin.post("/admin/personal/ny", Map.of("namn", "Fuzz Person", "epost",
                "fuzz.person@finsam.se", "roll", "styrgrupp", "organisation", ""));
        assertEquals(201, inbjuden.statusCode(), inbjuden.body());
        String lank = HttpSession.html(inbjuden).select("#lank").val();
        long fuzzPerson = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM anvandare WHERE epost = 'fuzz.person@finsam.se'").mapTo(Long.class).one());
        for (String page : List.of("/admin/personal/ny", "/admin/personal/import", "/admin/personal/" + fuzzPerson)) {
            read(admin, page, formular);
        }
        read(app.session(), lank.substring(lank.indexOf("/inbjudan")), formular);
        read(app.session().loginStaff("teamrep.af"), "/konto", formular);
        // Forms that end sessions would log out the sessions the other forms need: they are fuzzed last.
        List<Formular> sist = new ArrayList<>();
        formular.values().removeIf(f -> f.action().matches("/logga-ut.*|/admin/anvandare/.*/logga-ut")
                && sist.add(f));

        long start = System.nanoTime();
        Set<String> reached = new LinkedHashSet<>();
        for (Formular f : formular.values()) {
            reached.add(routeOf(f.action()));
            if (LOGIN_FORMS.contains(f.action())) {
                for (int i = 0; i < PER_LOGIN_FORM; i++) {
                    check(f.session(), f.action(), mutate(f.falt()));
                }
                continue;
            }
            for (var falt : perField(f.falt())) {
                check(f.session(), f.action(), falt);
            }
            for (int i = 0; i < PER_FORM; i++) {
                check(f.session(), f.action(), mutate(f.falt()));
            }
        }
        fuzzJson(koordinator, deltagare, formular.get("/deltagare/" + deltagare + "/uppfoljning"));
        reached.add("/api/uppfoljning");
        // Passkey and second-factor routes (the API takes JSON from nyckel.js): form bodies and odd values get a 4xx.
        for (byte[] value : TEXT) {
            String v = new String(value, java.nio.charset.StandardCharsets.UTF_8);
            for (String path : List.of("/tvafaktor", "/tvafaktor/registrera", "/api/tvafaktor/nyckel/start",
                    "/api/tvafaktor/nyckel/klar", "/api/nyckel/registrera/start", "/api/nyckel/registrera/klar")) {
                check(admin, path, Map.of("kod", List.of(v), "utmaning", List.of(v), "svar", List.of(v)));
                reached.add(path);
            }
            for (String path : List.of("/api/nyckel/logga-in/start", "/api/nyckel/logga-in/klar")) {
                check(besokare, path, Map.of("anvandarnamn", List.of(v), "utmaning", List.of(v)));
                reached.add(path);
            }
            for (String path : List.of("/konto/nyckel/ta-bort", "/konto/pin")) {
                check(deltagaren, path, Map.of("nyckel", List.of(v), "pin", List.of(v)));
                reached.add(path);
            }
        }
        // Administration routes no page leads to before an upload, or an inactive, locked or deactivated account,
        // organisation or team exists: odd bodies straight to them, with real ids.
        for (byte[] value : TEXT) {
            String v = new String(value, java.nio.charset.StandardCharsets.UTF_8);
            Map<String, List<String>> falt = Map.of("rader", List.of(v), "fil", List.of(v), "x", List.of(v));
            for (String path : List.of("/admin/personal/import/spara", "/admin/personal/import/lankar.csv",
                    "/admin/personal/" + fuzzPerson + "/aktivera", "/admin/personal/" + fuzzPerson + "/las-upp",
                    "/admin/organisationer/" + jobbtorg + "/aktivera", "/admin/team/" + city + "/aktivera",
                    "/admin/enkater/" + enkat + "/aktivera", "/admin/enkater/" + enkat + "/stoppa")) {
                check(admin, path, falt);
                reached.add(routeOf(path));
            }
        }
        // Ids in the path that are not numbers, not there, or far too large.
        for (String id : List.of("0", "-1", "abc", "99999999999999999999", "%00", "1%2F2", "1e3")) {
            for (String path : List.of("/deltagare/" + id + "/uppfoljning", "/deltagare/" + id + "/avslut",
                    "/moten/" + id + "/boka", "/moten/" + mote + "/avboka/" + id, "/overlamning/" + id + "/kvittera",
                    "/kallelse/" + id + "/aktiveringskod", "/deltagare/" + id + "/motelage")) {
                check(koordinator, path, Map.of("x", List.of("1")));
            }
            check(deltagaren, "/min-planering/punkt/" + id + "/klar", Map.of());
            check(deltagaren, "/min-planering/mina-uppgifter/samtycke/" + id, Map.of());
            // a koordinator's task exists only once a participant acts; odd and unknown task ids get a 4xx
            check(koordinator, "/deltagare/" + deltagare + "/koordinatoruppgift/" + id + "/hanterad", Map.of());
            check(koordinator, "/deltagare/" + id + "/koordinatoruppgift/1/hanterad", Map.of());
        }
        reached.add("/deltagare/{id}/koordinatoruppgift/{uppgift}/hanterad");
        // A reminder's button shows only where a message reaches someone (no channel here): odd bodies straight to it.
        for (String id : List.of("0", "-1", "abc", "99999999999999999999", "%00", String.valueOf(deltagare))) {
            check(koordinator, "/deltagare/" + id + "/paminnelse", Map.of("lista", List.of("sena-kvittenser"),
                    "rad", List.of("1")));
        }
        for (List<byte[]> kind : KINDS) {
            for (byte[] value : kind) {
                String v = new String(value, java.nio.charset.StandardCharsets.UTF_8);
                check(koordinator, "/deltagare/" + deltagare + "/paminnelse", Map.of("lista", List.of(v),
                        "rad", List.of(v)));
                check(koordinator, "/deltagare/" + deltagare + "/paminnelse", Map.of("lista",
                        List.of("utan-kvittens"), "rad", List.of(v)));
            }
        }
        reached.add("/deltagare/{id}/paminnelse");
        // The import's confirm step needs a previewed file: odd bodies straight to it.
        for (byte[] value : TEXT) {
            String v = new String(value, java.nio.charset.StandardCharsets.UTF_8);
            check(koordinator, "/statistik/import/spara", Map.of("team", List.of(v), "rader", List.of(v)));
        }
        reached.add("/statistik/import/spara");
        // Her "Jag kan inte komma" (she has no meeting to give up) and the SMS gateway's callbacks (refused: this
        // server has no callback password): odd bodies straight to them.
        for (byte[] value : TEXT) {
            String v = new String(value, java.nio.charset.StandardCharsets.UTF_8);
            check(deltagaren, "/min-planering/mote/kan-inte-komma", Map.of("bokning", List.of(v)));
            check(besokare, "/api/sms/leveransrapport", Map.of("id", List.of(v), "status", List.of(v)));
            check(besokare, "/api/sms/inkommande", Map.of("from", List.of(v), "message", List.of(v)));
        }
        reached.addAll(List.of("/min-planering/mote/kan-inte-komma", "/api/sms/leveransrapport",
                "/api/sms/inkommande"));
        for (Formular f : sist) {
            reached.add(routeOf(f.action()));
            for (int i = 0; i < PER_LOGIN_FORM; i++) {
                check(f.session(), f.action(), mutate(f.falt()));
            }
        }

        List<String> unreached = new ArrayList<>();
        for (var route : app.app().routes()) {
            if (route.method() == HandlerType.POST && !reached.contains(route.path())) {
                unreached.add(route.path());
            }
        }
        assertTrue(unreached.isEmpty(), "POST routes no page led to (add a page above): " + unreached
                + "; reached " + reached);
        assertTrue(requests > 500, "sent " + requests + " requests");
        System.out.printf("FuzzTest: %d requests to %d POST routes in %d s, no 5xx%n", requests, reached.size(),
                (System.nanoTime() - start) / 1_000_000_000);
    }

    /** The route pattern a concrete action belongs to, for the coverage check. */
    private static String routeOf(String action) {
        for (var route : app.app().routes()) {
            String regex = route.path().replaceAll("\\{[^}]+}", "[^/]+");
            if (route.method() == HandlerType.POST && action.matches(regex)) {
                return route.path();
            }
        }
        return action;
    }

    /** A browser's P-256 public key as a push subscription gives it: the uncompressed point, base64url. */
    private static String p256dh() {
        try {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
            g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"), new java.security.SecureRandom(b("fuzz")));
            java.security.interfaces.ECPublicKey k = (java.security.interfaces.ECPublicKey) g.generateKeyPair().getPublic();
            byte[] punkt = new byte[65];
            punkt[0] = 4;
            for (int i = 0; i < 2; i++) {
                byte[] v = (i == 0 ? k.getW().getAffineX() : k.getW().getAffineY()).toByteArray();
                int n = Math.min(v.length, 32);
                System.arraycopy(v, v.length - n, punkt, 1 + 32 * i + 32 - n, n);
            }
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(punkt);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void read(HttpSession session, String page, Map<String, Formular> into) {
        HttpResponse<String> response = session.get(page);
        assertEquals(200, response.statusCode(), page + " as the fuzzer's starting point");
        Matcher form = FORM.matcher(response.body());
        while (form.find()) {
            Map<String, String> attrs = attrs(form.group(1));
            if (!"post".equalsIgnoreCase(attrs.getOrDefault("method", "")) || !attrs.containsKey("action")) {
                continue;
            }
            String action = unescape(attrs.get("action")).replaceAll("[?#].*", "");
            Map<String, List<String>> falt = new LinkedHashMap<>();
            Matcher field = FIELD.matcher(form.group(2));
            while (field.find()) {
                Map<String, String> a = attrs(field.group(2));
                String name = a.get("name");
                if (name == null) {
                    continue;
                }
                String value = unescape(a.getOrDefault("value", ""));
                if (field.group(1).equals("select")) {
                    Matcher option = OPTION.matcher(form.group(2).substring(field.end()));
                    value = option.find() ? unescape(option.group(1)) : "";
                }
                String type = a.getOrDefault("type", "");
                if ((type.equals("checkbox") || type.equals("radio")) && falt.containsKey(name)) {
                    continue;
                }
                falt.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
            into.putIfAbsent(action, new Formular(action, session, falt));
        }
    }

    /** One to three fields get a bad value; sometimes a field goes missing, comes twice or is made up. */
    private Map<String, List<byte[]>> mutate(Map<String, List<String>> falt) {
        Map<String, List<byte[]>> out = new LinkedHashMap<>();
        falt.forEach((k, v) -> out.put(k, new ArrayList<>(v.stream().map(FuzzTest::b).toList())));
        List<String> names = new ArrayList<>(out.keySet());
        names.remove("_csrf");
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes && !names.isEmpty(); i++) {
            String name = names.get(random.nextInt(names.size()));
            switch (random.nextInt(6)) {
                case 0 -> out.remove(name);
                case 1 -> out.computeIfAbsent(name, k -> new ArrayList<>()).add(bad());
                default -> out.put(name, new ArrayList<>(List.of(bad())));
            }
        }
        if (random.nextInt(5) == 0) {
            String made = List.of("status_99999999999999", "status_-1", "orsak_1", "p99_text", "samtycke",
                    "ordinarie-abc", "ordinarie-99999999999999999999", "narvarande", "externa", "extra",
                    "korrigerar").get(random.nextInt(11));
            out.computeIfAbsent(made, k -> new ArrayList<>()).add(bad());
        }
        return out;
    }

    private byte[] bad() {
        List<byte[]> kind = KINDS.get(random.nextInt(KINDS.size()));
        return kind.get(random.nextInt(kind.size()));
    }

    /** Each field of the form in turn gets one bad value of every kind, the other fields as the page gave them. */
    private List<Map<String, List<byte[]>>> perField(Map<String, List<String>> falt) {
        List<Map<String, List<byte[]>>> out = new ArrayList<>();
        for (String name : falt.keySet()) {
            if (name.equals("_csrf")) {
                continue;
            }
            for (List<byte[]> kind : KINDS) {
                Map<String, List<byte[]>> one = new LinkedHashMap<>();
                falt.forEach((k, v) -> one.put(k, new ArrayList<>(v.stream().map(FuzzTest::b).toList())));
                one.put(name, new ArrayList<>(List.of(kind.get(random.nextInt(kind.size())))));
                out.add(one);
            }
        }
        return out;
    }

    /** Posts the fields as a browser would: usually url-encoded, now and then multipart (sometimes cut short). */
    private void check(HttpSession session, String path, Map<String, ?> falt) {
        Map<String, List<byte[]>> fields = new LinkedHashMap<>();
        falt.forEach((name, values) -> {
            for (Object v : (List<?>) values) {
                fields.computeIfAbsent(name, k -> new ArrayList<>()).add(v instanceof byte[] bytes ? bytes
                        : String.valueOf(v).getBytes(StandardCharsets.UTF_8));
            }
        });
        fields.putIfAbsent("_csrf", List.of(b(session.csrf())));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String type;
        if (random.nextInt(5) == 0) {
            String boundary = "fuzz" + random.nextInt(1_000_000);
            type = "multipart/form-data; boundary=" + boundary;
            fields.forEach((name, values) -> values.forEach(v -> {
                body.writeBytes(b("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                        + "\"\r\n\r\n"));
                body.writeBytes(v);
                body.writeBytes(b("\r\n"));
            }));
            if (random.nextInt(4) > 0) {
                body.writeBytes(b("--" + boundary + "--\r\n"));
            }
        } else {
            type = "application/x-www-form-urlencoded";
            fields.forEach((name, values) -> values.forEach(v -> append(body, b(name), v)));
        }
        HttpResponse<String> r;
        try {
            r = session.send(request(session, path, type, body.toByteArray()));
        } catch (java.io.UncheckedIOException stale) {
            // A kept-alive connection the server had already closed after an earlier refusal: like a
            // browser, send once more on a fresh one. A server that never answers fails the retry.
            r = retry(session, path, type, body.toByteArray());
        }
        assertClean(r, "POST " + path + " " + type + " " + abbreviate(body.toString(StandardCharsets.ISO_8859_1)));
    }

    private static HttpRequest.Builder request(HttpSession session, String path, String type, byte[] body) {
        return HttpRequest.newBuilder(URI.create(session.url(path))).header("Content-Type", type)
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static HttpResponse<String> retry(HttpSession session, String path, String type, byte[] body) {
        try {
            return session.send(request(session, path, type, body));
        } catch (RuntimeException e) {
            throw new AssertionError("POST " + path + " " + abbreviate(new String(body, StandardCharsets.ISO_8859_1)),
                    e);
        }
    }

    private void assertClean(HttpResponse<String> r, String what) {
        requests++;
        assertTrue(r.statusCode() < 500, what + " -> " + r.statusCode() + " " + abbreviate(r.body()));
        for (String leak : LEAKS) {
            assertTrue(!r.body().contains(leak), what + " shows '" + leak + "': " + abbreviate(r.body()));
        }
    }

    private void fuzzJson(HttpSession s, long deltagare, Formular formular) {
        List<String> names = new ArrayList<>(formular.falt().keySet());
        names.remove("_csrf");
        List<String> ids = List.of(String.valueOf(deltagare), "\"" + deltagare + "\"", "-1", "0", "1.5", "1e999",
                "99999999999999999999999", "null", "true", "[]", "{}");
        for (int i = 0; i < JSON_REQUESTS; i++) {
            StringBuilder falt = new StringBuilder("{\"uuid\":\"" + java.util.UUID.nameUUIDFromBytes(b("f" + i))
                    + "\",\"datum\":\"2026-11-20\"");
            int n = 1 + random.nextInt(4);
            for (int j = 0; j < n; j++) {
                String name = names.get(random.nextInt(names.size()));
                falt.append(",\"").append(name).append("\":").append(jsonValue());
            }
            falt.append('}');
            String id = random.nextInt(4) == 0 ? ids.get(random.nextInt(ids.size())) : String.valueOf(deltagare);
            String body = switch (random.nextInt(10)) {
                case 0 -> "{\"falt\":" + falt + "}";
                case 1 -> "{\"deltagareId\":" + id + "}";
                case 2 -> "{\"deltagareId\":" + id + ",\"falt\":" + falt + ",\"falt\":{}}";
                case 3 -> "{\"deltagareId\":" + id + ",\"falt\":" + falt.substring(0, random.nextInt(falt.length()));
                case 4 -> "[" + falt + "]";
                default -> "{\"deltagareId\":" + id + ",\"falt\":" + falt + "}";
            };
            HttpResponse<String> r = s.send(HttpRequest.newBuilder(URI.create(s.url("/api/uppfoljning")))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .header("X-CSRF-Token", s.csrf()).POST(HttpRequest.BodyPublishers.ofString(body)));
            assertClean(r, "JSON " + abbreviate(body));
            assertTrue(r.statusCode() == 200 || r.statusCode() == 201 || r.body().contains("\"fel\""),
                    "a refusal the outbox can show: " + r.body());
        }
    }

    private String jsonValue() {
        return switch (random.nextInt(8)) {
            case 0 -> String.valueOf(random.nextLong());
            case 1 -> random.nextBoolean() ? "true" : "null";
            case 2 -> "[1,\"a\"]";
            case 3 -> "{\"a\":1}";
            case 4 -> "1e999";
            default -> "\"" + new String(bad(), StandardCharsets.UTF_8).replace("\\", "\\\\").replace("\"", "\\\"")
                    .replaceAll("[\\x00-\\x1f]", " ") + "\"";
        };
    }

    private static void append(ByteArrayOutputStream out, byte[] name, byte[] value) {
        if (out.size() > 0) {
            out.write('&');
        }
        encode(out, name);
        out.write('=');
        encode(out, value);
    }

    /** Percent-encodes raw bytes as they are, so invalid UTF-8 arrives invalid. */
    private static void encode(ByteArrayOutputStream out, byte[] bytes) {
        for (byte x : bytes) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.') {
                out.write(c);
            } else {
                out.writeBytes(String.format("%%%02X", c).getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    private static Map<String, String> attrs(String tag) {
        Map<String, String> attrs = new LinkedHashMap<>();
        Matcher a = ATTR.matcher(tag);
        while (a.find()) {
            attrs.put(a.group(1).toLowerCase(java.util.Locale.ROOT), a.group(2));
        }
        return attrs;
    }

    private static String unescape(String s) {
        return s.replace("&#34;", "\"").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String abbreviate(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
