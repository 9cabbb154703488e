package se.finsam.planering.mote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * Preparing a meeting over real HTTP: the interpreter by language and whether it is booked, the kallelse's status,
 * booking several participants at once from a searchable list, refusing an overbooking or a double booking unless
 * the koordinator overrides (and then saying so), two koordinators booking the last slot at once, every kallelse
 * on one page, and a staff member without samtycke who must not learn who is booked.
 */
class MotesforberedelseHttpTest extends AppTest {

    private HttpSession koordinator() {
        return app.session().loginStaff("koordinator");
    }

    private long mote(String datum, int tider) {
        return Anmalningar.mote(app, datum, tider);
    }

    /** A new referral to Jobbtorg Kista who reads Swedish, needs no interpreter and consents to AF and FK. */
    private long anmald() {
        return anmal("Bodil", "sv", null, false, "AF", "FK");
    }

    private long anmal(String fornamn, String sprak, String tolksprak, boolean skyddad, String... samtycke) {
        return Anmalningar.anmal(app, koordinator(), fornamn, sprak, tolksprak, skyddad, samtycke);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Posts the booking form as a browser does: one {@code deltagare} per ticked box. */
    private HttpResponse<String> boka(HttpSession k, long mote, List<Long> deltagare, Map<String, String> falt) {
        StringBuilder body = new StringBuilder("_csrf=").append(enc(k.csrf()));
        for (long d : deltagare) {
            body.append("&deltagare=").append(d);
        }
        falt.forEach((n, v) -> body.append('&').append(enc(n)).append('=').append(enc(v)));
        return k.send(HttpRequest.newBuilder(URI.create(k.url("/moten/" + mote + "/boka")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private long bokningar(long mote) {
        return app.tal("SELECT count(*) FROM mote_deltagare WHERE mote_id = ?", mote);
    }

    private long bokning(long deltagare) {
        return app.tal("SELECT id FROM mote_deltagare WHERE deltagare_id = ?", deltagare);
    }

    private static Element rad(Document sida, long bokning) {
        Element rad = sida.getElementById("bokning-" + bokning);
        assertNotNull(rad, "the booking " + bokning + " is listed: " + sida.select("main").text());
        return rad;
    }

    private static List<String> valda(Document sida) {
        return sida.select("input[name=deltagare][checked]").eachAttr("value");
    }

    @Test
    void motessidanNamnerTolkensSprakPaSvenskaOchOmTolkenArBokad() {
        long mote = mote("2027-01-09", 4);
        long somaliska = anmal("Hodan", "en", "so", false, "AF", "FK");
        long arabiska = anmal("Nour", "ar", "Arabiska", false, "AF", "FK");
        long utanTolk = anmald();
        HttpSession k = koordinator();
        k.get("/moten/" + mote);
        assertEquals(302, boka(k, mote, List.of(somaliska, arabiska, utanTolk), Map.of()).statusCode());

        Document sida = k.page("/moten/" + mote);
        String so = rad(sida, bokning(somaliska)).text();
        assertTrue(so.contains("Somaliska") && so.contains("Tolken är inte bokad"), so);
        assertFalse(so.contains("(so)") || so.contains(" so "), "a language by name, not by code: " + so);
        assertTrue(so.contains("Inte utskriven") && so.contains("På engelska"), so);
        String ar = rad(sida, bokning(arabiska)).text();
        assertTrue(ar.contains("Arabiska") && ar.contains("Tolken är inte bokad") && ar.contains("På arabiska"), ar);
        assertTrue(rad(sida, bokning(utanTolk)).text().contains("Ingen tolk"));

        // Her letter says, in her language, that an interpreter in Somali will be booked; once booked, that it is.
        Document brev = k.page("/kallelse/" + bokning(somaliska) + "?kopia=nej");
        String tolk = brev.select("article.kallelse .kallelse__tolk").text();
        assertEquals("We will book an interpreter in Somali for the meeting.", tolk);
        HttpResponse<String> markerad = k.post("/moten/" + mote + "/tolk/" + bokning(somaliska), Map.of("bokad", "ja"));
        assertEquals(302, markerad.statusCode(), markerad.body());
        assertTrue(rad(k.page("/moten/" + mote), bokning(somaliska)).text().contains("Tolken är bokad"));
        brev = k.page("/kallelse/" + bokning(somaliska) + "?kopia=ja");
        assertEquals(List.of("We have booked an interpreter in Somali for the meeting.",
                "Vi har bokat en tolk på somaliska till mötet."), brev.select(".kallelse__tolk").eachText(),
                "her letter and its Swedish copy say the same, each in its language");
        String helt = brev.select("article.kallelse").text();
        assertFalse(helt.contains("Vi bokar en tolk") || helt.contains("We will book"), helt);

        // The Arabic reader: the language named in Arabic, in a right-to-left letter.
        brev = k.page("/kallelse/" + bokning(arabiska) + "?kopia=nej");
        Element arabisktBrev = brev.selectFirst("article.kallelse");
        assertEquals("rtl", arabisktBrev.attr("dir"));
        assertEquals("سنحجز مترجمًا فوريًا باللغة العربية للاجتماع.", arabisktBrev.select(".kallelse__tolk").text());
        assertTrue(brev.select("article.kallelse").get(0).select(".kallelse__tolk").size() == 1);
        assertTrue(k.page("/kallelse/" + bokning(utanTolk)).select(".kallelse__tolk").isEmpty(),
                "no interpreter line for someone who needs none");

        // Undo, and bad input: a clear message and a 4xx.
        assertEquals(302, k.post("/moten/" + mote + "/tolk/" + bokning(somaliska), Map.of("bokad", "nej"))
                .statusCode());
        assertEquals(null, app.text("SELECT tolk_bokad FROM mote_deltagare WHERE id = ?", bokning(somaliska)));
        HttpResponse<String> fel = k.post("/moten/" + mote + "/tolk/" + bokning(somaliska), Map.of("bokad", "kanske"));
        assertEquals(400, fel.statusCode());
        assertTrue(fel.body().contains("Välj om tolken är bokad"), fel.body());
        assertEquals(400, k.post("/moten/" + mote + "/tolk/" + bokning(utanTolk), Map.of("bokad", "ja")).statusCode(),
                "no interpreter to book for someone who needs none");
        assertEquals(403, app.session().loginStaff("handlaggare")
                .post("/moten/" + mote + "/tolk/" + bokning(somaliska), Map.of("bokad", "ja")).statusCode(),
                "only the koordinator books interpreters");
    }

    @Test
    void kallelsensStatusGarFranInteUtskrivenTillUtskrivenOchSkickadOchNollstallsNarMotetFlyttas() {
        long mote = mote("2027-01-23", 4);
        long d = anmal("Selam", "sv", "tigrinja", false, "AF");
        HttpSession k = koordinator();
        k.get("/moten/" + mote);
        assertEquals(302, boka(k, mote, List.of(d), Map.of()).statusCode());
        long b = bokning(d);
        assertTrue(rad(k.page("/moten/" + mote), b).text().contains("Inte utskriven"));
        assertEquals(302, k.post("/moten/" + mote + "/kallelsestatus/" + b, Map.of("status", "utskriven")).statusCode());
        String rad = rad(k.page("/moten/" + mote), b).text();
        assertTrue(rad.contains("Utskriven") && rad.contains("Markera som skickad"), rad);
        assertEquals(302, k.post("/moten/" + mote + "/kallelsestatus/" + b, Map.of("status", "skickad")).statusCode());
        assertTrue(rad(k.page("/moten/" + mote), b).text().contains("Skickad"));
        assertEquals(302, k.post("/moten/" + mote + "/tolk/" + b, Map.of("bokad", "ja")).statusCode());
        assertTrue(rad(k.page("/moten/" + mote), b).text().contains("Tigrinja"));

        HttpResponse<String> fel = k.post("/moten/" + mote + "/kallelsestatus/" + b, Map.of("status", "bortkommen"));
        assertEquals(400, fel.statusCode());
        assertTrue(fel.body().contains("Välj om kallelsen är utskriven eller skickad"), fel.body());

        // Moved: the letter and the interpreter were for the old time.
        Document sida = k.page("/moten/" + mote);
        Map<String, String> flytt = new java.util.HashMap<>(HttpSession.formData(sida,
                "form[action=/moten/" + mote + "/flytta]"));
        flytt.put("flytt-datum", "2027-01-30");
        assertEquals(302, k.post("/moten/" + mote + "/flytta", flytt).statusCode());
        rad = rad(k.page("/moten/" + mote), b).text();
        assertTrue(rad.contains("Inte utskriven") && rad.contains("Tolken är inte bokad"), rad);
    }

    @Test
    void flerDeltagareBokasMedEnPostOchFarVarsinLedigTid() {
        long mote = mote("2027-02-06", 4);
        long a = anmald();
        long b = anmald();
        long c = anmald();
        HttpSession k = koordinator();
        k.get("/moten/" + mote);
        HttpResponse<String> r = boka(k, mote, List.of(a, b, c), Map.of("tid", "", "syfte", "", "taMed", ""));
        assertEquals(302, r.statusCode(), r.body());
        assertEquals("/moten/" + mote, r.headers().firstValue("Location").orElseThrow(),
                "several booked: back to the meeting, where all their kallelser can be printed");
        assertEquals(List.of("2027-02-06T08:00", "2027-02-06T08:45", "2027-02-06T09:30"),
                List.of(app.text("SELECT tid FROM mote_deltagare WHERE deltagare_id = ?", a),
                        app.text("SELECT tid FROM mote_deltagare WHERE deltagare_id = ?", b),
                        app.text("SELECT tid FROM mote_deltagare WHERE deltagare_id = ?", c)));
        for (long d : List.of(a, b, c)) {
            assertEquals(1, app.tal("""
                    SELECT count(*) FROM audit_log WHERE deltagare_id = ? AND handling = 'andra'
                      AND vad = 'bokad till möte'""", d), "each booking is in her audit log");
        }
        Document sida = k.page("/moten/" + mote);
        assertTrue(sida.select("main").text().contains("3 av 4 tider bokade"));
        assertTrue(sida.select("#overbokat").isEmpty(), "not overbooked");
        assertEquals("/moten/" + mote + "/kallelser", sida.select("a[href$=/kallelser]").attr("href"));

        // From a chosen time on: the next free ones after it.
        long d = anmald();
        HttpResponse<String> fran = boka(k, mote, List.of(d), Map.of("tid", "2027-02-06T08:45"));
        assertEquals(409, fran.statusCode(), "08:45 is taken");
        assertTrue(HttpSession.html(fran).select(".felsammanfattning").text()
                .contains("Klockan 08:45 är redan bokad"), fran.body());
        r = boka(k, mote, List.of(d), Map.of("tid", "2027-02-06T10:15"));
        assertEquals(302, r.statusCode(), r.body());
        assertEquals("/kallelse/" + bokning(d), r.headers().firstValue("Location").orElseThrow(),
                "one booked: straight to her kallelse");
    }

    @Test
    void sokningenHittarPaNamnOchKodOchVisarTolkbehovet() {
        long mote = mote("2027-02-13", 4);
        long d = anmal("Ayan", "sv", "so", false, "AF");
        app.sql("UPDATE deltagare SET efternamn = 'Warsame-Östlund' WHERE id = ?", d);
        String kod = app.text("SELECT kod FROM deltagare WHERE id = ?", d);
        HttpSession k = koordinator();
        Document alla = k.page("/moten/" + mote);
        int totalt = alla.select("input[name=deltagare]").size();
        assertTrue(totalt > 1, "the list of those waiting: " + totalt);
        for (String sok : List.of("östlund", "WARSAME", kod.toLowerCase())) {
            Document sida = k.page("/moten/" + mote + "?sok=" + enc(sok));
            List<String> traffar = sida.select("input[name=deltagare]").eachAttr("value");
            assertEquals(List.of(String.valueOf(d)), traffar, sok);
            Element rad = sida.selectFirst("tr[data-sokbar]");
            assertTrue(rad.text().contains("Somaliska"), rad.text());
            assertTrue(sida.select("#sok-antal").text().contains("1 av " + totalt), sida.select("#sok-antal").text());
        }
        Document ingen = k.page("/moten/" + mote + "?sok=" + enc("zzz-ingen"));
        assertTrue(ingen.select("input[name=deltagare]").isEmpty());
        assertTrue(ingen.select("main").text().contains("Ingen som väntar på ett möte matchar ”zzz-ingen”"));
    }

    @Test
    void ettFulltMoteVagrasUtanOverbokningOchSidanSagerSedanAttDetArOverbokat() {
        long mote = mote("2027-02-20", 4);
        List<Long> forsta = List.of(anmald(), anmald(), anmald());
        HttpSession k = koordinator();
        k.get("/moten/" + mote);
        assertEquals(302, boka(k, mote, forsta, Map.of()).statusCode());

        List<Long> tva = List.of(anmald(), anmald());
        HttpResponse<String> nej = boka(k, mote, tva, Map.of("syfte", "Prata om studier", "taMed", "Betyg"));
        assertEquals(409, nej.statusCode(), nej.body());
        Document sida = HttpSession.html(nej);
        assertTrue(sida.select(".felsammanfattning").text().contains(
                "Mötet har 1 lediga tider, men du valde 2 deltagare"), sida.select(".felsammanfattning").text());
        assertTrue(sida.select("#deltagare-fel").text().contains("Mötet har 1 lediga tider"), "beside the field");
        assertEquals(tva.stream().map(String::valueOf).sorted().toList(), valda(sida).stream().sorted().toList(),
                "both stay ticked");
        assertEquals("Prata om studier", sida.select("#syfte").val(), "what was typed is kept");
        assertEquals(3, bokningar(mote), "nothing was booked");
        for (long d : tva) {
            assertEquals(0, app.tal("SELECT count(*) FROM audit_log WHERE deltagare_id = ? AND vad = 'bokad till möte'", d),
                    "a refused booking is not in her audit log as a booking");
        }

        HttpResponse<String> ja = boka(k, mote, tva, Map.of("overboka", "ja"));
        assertEquals(302, ja.statusCode(), ja.body());
        assertEquals(5, bokningar(mote));
        Document efter = k.page("/moten/" + mote);
        String varning = efter.select("#overbokat").text();
        assertTrue(varning.contains("Mötet är överbokat") && varning.contains("5 bokningar på 4 tider"), varning);
        assertEquals(2, efter.select("tr.bokning--krock").size(), "the overbooked one and the one it shares with");
        assertTrue(k.page("/moten").select("main").text().contains("5 av 4 tider bokade överbokat"));
        assertEquals(1, app.tal("SELECT count(*) FROM mote_deltagare WHERE mote_id = ? AND overbokad = 1", mote));
    }

    @Test
    void enBokadTidVagrasUtanOverbokningOchKrockenVisasMedNamn() {
        long mote = mote("2027-02-27", 4);
        long forst = anmald();
        long sedan = anmald();
        HttpSession k = koordinator();
        k.get("/moten/" + mote);
        assertEquals(302, boka(k, mote, List.of(forst), Map.of("tid", "2027-02-27T08:45")).statusCode());
        HttpResponse<String> nej = boka(k, mote, List.of(sedan), Map.of("tid", "2027-02-27T08:45"));
        assertEquals(409, nej.statusCode());
        assertTrue(HttpSession.html(nej).select("#tid-fel").text().contains("Klockan 08:45 är redan bokad"));
        assertEquals(List.of(String.valueOf(sedan)), valda(HttpSession.html(nej)));
        assertTrue(HttpSession.html(nej).select("#tid option[selected]").text().startsWith("08:45"),
                "the time chosen stays chosen");

        assertEquals(302, boka(k, mote, List.of(sedan), Map.of("tid", "2027-02-27T08:45", "overboka", "ja"))
                .statusCode());
        assertEquals("2027-02-27T08:45", app.text("SELECT tid FROM mote_deltagare WHERE deltagare_id = ?", sedan));
        Document sida = k.page("/moten/" + mote);
        assertTrue(sida.select("#overbokat").text().contains("2 bokningar krockar i tid"), sida.select("#overbokat").text());
        String forstaNamn = TestData.namn(app, forst);
        String sedanNamn = TestData.namn(app, sedan);
        assertTrue(rad(sida, bokning(sedan)).text().contains("Samma tid som 08:45 " + forstaNamn));
        assertTrue(rad(sida, bokning(forst)).text().contains("Samma tid som 08:45 " + sedanNamn));
        assertTrue(sida.select("#tid option").eachText().contains("08:45 (bokad)"));
    }

    @Test
    void tvaKoordinatorerSomBokarSistaTidenSamtidigtFarInteBadaDen() throws Exception {
        HttpSession k1 = koordinator();
        HttpSession k2 = koordinator();
        ExecutorService tradar = Executors.newFixedThreadPool(2);
        try {
            for (int varv = 0; varv < 4; varv++) {
                long mote = mote("2027-03-0" + (varv + 1), 1);
                long d1 = anmald();
                long d2 = anmald();
                k1.get("/moten/" + mote);
                k2.get("/moten/" + mote);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<HttpResponse<String>> f1 = tradar.submit(() -> {
                    start.await();
                    return boka(k1, mote, List.of(d1), Map.of());
                });
                Future<HttpResponse<String>> f2 = tradar.submit(() -> {
                    start.await();
                    return boka(k2, mote, List.of(d2), Map.of());
                });
                List<Integer> svar = new ArrayList<>(List.of(f1.get().statusCode(), f2.get().statusCode()));
                svar.sort(null);
                assertEquals(List.of(302, 409), svar, "one gets the last slot, the other is told it is taken");
                assertEquals(1, bokningar(mote), "the meeting has one slot and one booking");
                HttpResponse<String> nekad = f1.get().statusCode() == 409 ? f1.get() : f2.get();
                assertTrue(HttpSession.html(nekad).select(".felsammanfattning").text()
                        .contains("Mötet har 0 lediga tider, men du valde 1 deltagare"), nekad.body());
            }
        } finally {
            tradar.shutdownNow();
        }
    }

    @Test
    void felaktigaValVagrasMedMeddelande() {
        long mote = mote("2027-03-13", 4);
        HttpSession k = koordinator();
        k.get("/moten/" + mote);
        HttpResponse<String> ingen = boka(k, mote, List.of(), Map.of());
        assertEquals(400, ingen.statusCode());
        assertTrue(HttpSession.html(ingen).select(".felsammanfattning").text()
                .contains("Välj minst en deltagare som väntar på ett möte"));
        long annatTeam = TestData.deltagare(app).iTeam("Jobbtorg Farsta").iFas("anmald").forsta();
        assertEquals(400, boka(k, mote, List.of(annatTeam), Map.of()).statusCode(), "not of this team");
        long redanKallad = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("kallad").forsta();
        assertEquals(400, boka(k, mote, List.of(redanKallad), Map.of()).statusCode(), "already booked");
        assertEquals(400, boka(k, mote, List.of(anmald()), Map.of("tid", "2027-03-13T08:10")).statusCode(),
                "not one of the slots");
        assertEquals(0, bokningar(mote));
        app.sql("UPDATE mote SET status = 'installt' WHERE id = ?", mote);
        HttpResponse<String> installt = boka(k, mote, List.of(anmald()), Map.of());
        assertEquals(409, installt.statusCode());
        assertTrue(installt.body().contains("Mötet är inställt"));
    }

    @Test
    void allaKallelserPaEnSidaVarOchEnPaSittSprak() {
        long mote = mote("2027-03-20", 4);
        long svensk = anmald();
        long engelsk = anmal("Parisa", "en", "persiska", false, "AF");
        long arabisk = anmal("Rana", "ar", "ar", false, "AF");
        long skyddad = anmal(null, "sv", null, true, "FK");
        HttpSession k = koordinator();
        k.get("/moten/" + mote);
        assertEquals(302, boka(k, mote, List.of(svensk, engelsk, arabisk, skyddad), Map.of()).statusCode());

        Document sida = k.page("/moten/" + mote + "/kallelser");
        List<Element> brev = sida.select(".kallelser > article.kallelse");
        assertEquals(4, brev.size());
        assertEquals(List.of("sv", "en", "ar", "sv"), brev.stream().map(e -> e.attr("lang")).toList(),
                "in the order of the times, each in her language");
        assertEquals("rtl", brev.get(2).attr("dir"));
        assertEquals("We will book an interpreter in Persian for the meeting.", brev.get(1).select(".kallelse__tolk").text());
        String skyddadKod = app.text("SELECT kod FROM deltagare WHERE id = ?", skyddad);
        assertEquals(skyddadKod, brev.get(3).select(".kallelse__mottagare").text(), "a protected identity by code");
        assertEquals(1, sida.select("h1").size(), "the letters are headed by h2 under the page's heading");
        assertEquals(sida.select("[id]").size(), sida.select("[id]").eachAttr("id").stream().distinct().count(),
                "no id twice on the page");
        for (Element e : brev) {
            String t = e.text();
            assertFalse(t.contains("Vi har bokat en tolk") && t.contains("Vi bokar en tolk"), t);
        }
        assertTrue(sida.select(".ej-utskrift").text().contains("1 på engelska"), sida.select(".ej-utskrift").text());

        HttpResponse<String> utskrivna = k.post("/moten/" + mote + "/kallelser/utskrivna", Map.of());
        assertEquals(302, utskrivna.statusCode());
        assertEquals(4, app.tal("SELECT count(*) FROM mote_deltagare WHERE mote_id = ? AND kallelse_utskriven IS NOT NULL",
                mote));
        assertEquals(1, app.tal("""
                SELECT count(*) FROM audit_log WHERE deltagare_id = ? AND handling = 'andra'
                  AND vad = 'kallelsens status'""", arabisk));
        Document efter = k.page("/moten/" + mote);
        for (long d : List.of(svensk, engelsk, arabisk, skyddad)) {
            assertTrue(rad(efter, bokning(d)).text().contains("Utskriven "), rad(efter, bokning(d)).text());
        }
        assertEquals(403, app.session().loginStaff("handlaggare").get("/moten/" + mote + "/kallelser").statusCode(),
                "the koordinator prints the kallelser");
    }

    @Test
    void enHandlaggareUtanSamtyckeSerInteVemSomArBokad() {
        long mote = mote("2027-03-27", 4);
        long utanAf = anmal("Fadumo", "sv", "so", false, "FK", "REGION");
        long medAf = anmal("Saba", "sv", "ti", false, "AF", "FK");
        HttpSession k = koordinator();
        k.get("/moten/" + mote);
        assertEquals(302, boka(k, mote, List.of(utanAf, medAf), Map.of("tid", "", "overboka", "")).statusCode());
        assertEquals(302, boka(k, mote, List.of(anmal("Vera", "sv", null, false, "AF")),
                Map.of("tid", "2027-03-27T08:00", "overboka", "ja"))
                .statusCode(), "a third booking overlapping the one she may not see");

        HttpSession mikael = app.session().loginStaff("handlaggare");
        Document sida = mikael.page("/moten/" + mote);
        String text = sida.select("main").text();
        assertFalse(text.contains(TestData.namn(app, utanAf)), "her name is not shown without samtycke");
        assertFalse(text.contains(app.text("SELECT kod FROM deltagare WHERE id = ?", utanAf)), "nor her code");
        assertFalse(text.contains("Somaliska"), "nor her interpreter's language");
        assertTrue(text.contains(TestData.namn(app, medAf)) && text.contains("Tigrinja"), text);
        assertTrue(text.contains("Du kan inte se vem det är"), text);
        assertTrue(text.contains("en bokning du inte kan se"), "an overlap with a hidden booking says so, nameless");
        assertTrue(sida.select("form[action*=/tolk/], form[action*=/kallelsestatus/], form[action$=/boka]").isEmpty(),
                "she reads the preparation, the koordinator changes it");
        assertEquals(403, mikael.get("/kallelse/" + bokning(utanAf)).statusCode());
        assertEquals(0, app.tal("""
                SELECT count(*) FROM audit_log a JOIN anvandare u ON u.id = a.anvandare_id
                WHERE u.anvandarnamn = 'handlaggare' AND a.deltagare_id = ? AND a.handling = 'las'""", utanAf),
                "nothing of hers was read");
    }
}
