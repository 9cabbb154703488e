package se.finsam.planering.planering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestApp;

/** Shared steps for the tests of the staff flow: ids from the demo data and the forms as a browser posts them. */
final class FlodeStod {

    private FlodeStod() {
    }

    static long org(TestApp app, String kod) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM organisation WHERE kod = :k")
                .bind("k", kod).mapTo(Long.class).one());
    }

    static long anvandare(TestApp app, String anvandarnamn) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM anvandare WHERE anvandarnamn = :a")
                .bind("a", anvandarnamn).mapTo(Long.class).one());
    }

    static long team(TestApp app, String namn) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM team WHERE namn = :n")
                .bind("n", namn).mapTo(Long.class).one());
    }

    /** A complete, valid referral as the AF handläggare of Kista would post it. */
    static Map<String, String> anmalan(TestApp app, String fornamn, String efternamn, String ar) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("fornamn", fornamn);
        form.put("efternamn", efternamn);
        form.put("fodelsear", ar);
        form.put("kon", "kvinna");
        form.put("personnummer", "");
        form.put("telefon", "070-123 45 67");
        form.put("epost", "");
        form.put("sprak", "sv");
        form.put("tolksprak", "");
        form.put("samtyckeDatum", "2026-11-20");
        form.put("samtyckeHur", "skriftligt");
        form.put("sammanfattning", "INTERN-SAMMANFATTNING " + fornamn + ": lång sjukskrivning, vill tillbaka till arbete.");
        form.put("tidigareInsatser", "Arbetsträning 2024");
        form.put("forsorjning", "sjukpenning");
        form.put("informerad", "ja");
        form.put("ordinarie-" + org(app, "AF"), String.valueOf(anvandare(app, "handlaggare")));
        form.put("ordinarie-" + org(app, "FK"), String.valueOf(anvandare(app, "fk.handlaggare")));
        return form;
    }

    /** Posts a referral with samtycke for all five organisations; returns the new participant's id. */
    static long anmal(TestApp app, HttpSession s, Map<String, String> form) {
        s.get("/anmalan");
        String[] orgs = app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM organisation ORDER BY id")
                .mapTo(String.class).list()).toArray(String[]::new);
        HttpResponse<String> r = post(app, s, "/anmalan", form, "samtycke", orgs);
        assertEquals(302, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    /** Posts a form where one field repeats (checkboxes). */
    static HttpResponse<String> post(TestApp app, HttpSession s, String path, Map<String, String> form, String repeated,
                                     String... values) {
        StringBuilder body = new StringBuilder();
        Map<String, String> all = new LinkedHashMap<>(form);
        all.putIfAbsent("_csrf", s.csrf());
        all.forEach((k, v) -> body.append(enc(k)).append('=').append(enc(v)).append('&'));
        for (String v : values) {
            body.append(enc(repeated)).append('=').append(enc(v)).append('&');
        }
        return s.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    static int audit(TestApp app, String handling, long deltagareId) {
        return app.jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM audit_log WHERE handling = :h AND deltagare_id = :d")
                .bind("h", handling).bind("d", deltagareId).mapTo(Integer.class).one());
    }
}
