package se.finsam.planering.mote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestApp;

/** New referrals to Jobbtorg Kista through the referral form, and meetings to book them into, for the tests here. */
final class Anmalningar {

    /** Each referral gets its own birth year and surname, so none looks like a duplicate of another. */
    private static final AtomicInteger ANMALDA = new AtomicInteger();

    private Anmalningar() {
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * A new referral to Jobbtorg Kista, posted by the koordinator {@code k}: the language of her letters, the
     * interpreter's language as staff write it (null: no interpreter), protected identity, and the organisations
     * (codes) her samtycke covers. Returns her id.
     */
    static long anmal(TestApp app, HttpSession k, String fornamn, String sprak, String tolksprak, boolean skyddad,
                      String... samtycke) {
        k.get("/anmalan");
        int n = ANMALDA.getAndIncrement();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", k.csrf());
        form.put("fornamn", skyddad ? "" : fornamn);
        form.put("efternamn", skyddad ? "" : "Mötesson" + (char) ('a' + n % 26) + (char) ('a' + n / 26));
        form.put("fodelsear", String.valueOf(1960 + n));
        form.put("kon", "kvinna");
        form.put("telefon", skyddad ? "" : "070-123 45 67");
        form.put("sprak", sprak);
        if (tolksprak != null) {
            form.put("tolkbehov", "ja");
            form.put("tolksprak", tolksprak);
        }
        if (skyddad) {
            form.put("skyddad", "ja");
        }
        form.put("samtyckeDatum", "2026-11-20");
        form.put("samtyckeHur", "skriftligt");
        form.put("sammanfattning", "Vill tillbaka till arbete.");
        form.put("forsorjning", "sjukpenning");
        form.put("informerad", "ja");
        StringBuilder body = new StringBuilder();
        form.forEach((namn, v) -> body.append(enc(namn)).append('=').append(enc(v)).append('&'));
        for (String kod : samtycke) {
            long org = app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM organisation WHERE kod = :k")
                    .bind("k", kod).mapTo(Long.class).one());
            body.append("samtycke=").append(org).append('&');
        }
        HttpResponse<String> r = k.send(HttpRequest.newBuilder(URI.create(k.url("/anmalan")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        assertEquals(302, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    /** A meeting of Jobbtorg Kista with the given number of 45-minute slots from 08:00 on the date. */
    static long mote(TestApp app, String datum, int tider) {
        LocalDateTime start = LocalDateTime.parse(datum + "T08:00");
        return app.jdbi().withHandle(h -> h.createUpdate("""
                        INSERT INTO mote (team_id, start, slut, plats)
                        SELECT id, :start, :slut, 'Kistagången 20 B, plan 4' FROM team WHERE namn = 'Jobbtorg Kista'""")
                .bind("start", start.toString()).bind("slut", start.plusMinutes(45L * tider).toString())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }
}
