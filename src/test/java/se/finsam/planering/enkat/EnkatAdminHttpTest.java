package se.finsam.planering.enkat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

/** The administrator loads a question set from a JSON or CSV file, or writes one, and makes it the one asked. */
class EnkatAdminHttpTest extends AppTest {

    private static final String JSON = """
            {"namn": "Förbundets enkät", "tillfalle": "avslut",
             "skalor": {"tre": [{"sv": "Dåligt", "en": "Bad", "ar": "سيئ"},
                                {"sv": "Okej", "en": "Okay", "ar": "مقبول"},
                                {"sv": "Bra", "en": "Good", "ar": "جيد"}]},
             "fragor": [{"skala": "tre", "sv": "Hur var mötet?", "en": "How was the meeting?", "ar": "كيف كان الاجتماع؟"},
                        {"skala": "ja_nej", "sv": "Fick du svar?", "en": "Did you get answers?", "ar": "هل حصلت على إجابات؟"}]}
            """;

    private static final String CSV = """
            typ;kod;sv;en;ar
            enkat;forsta_uppfoljning;Uppföljning från fil;;
            skala;fyra;Aldrig;Never;أبداً
            skala;fyra;Sällan;Rarely;نادراً
            skala;fyra;Ofta;Often;غالباً
            skala;fyra;Alltid;Always;دائماً
            fraga;fyra;Får du svar när du ringer?;Do you get answers when you call?;هل تحصل على إجابات عندما تتصل؟
            """;

    private static List<String> fragor(long enkat) {
        return app.jdbi().withHandle(h -> h.createQuery(
                        "SELECT text_sv || '|' || text_en || '|' || text_ar FROM enkat_fraga WHERE enkat_id = :e ORDER BY ordning")
                .bind("e", enkat).mapTo(String.class).list());
    }

    private static long id(HttpResponse<String> svar) {
        String plats = svar.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(plats.substring(plats.lastIndexOf('/') + 1));
    }

    private static boolean aktiv(long enkat) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT aktiv FROM enkat WHERE id = :e").bind("e", enkat)
                .mapTo(Integer.class).one()) == 1;
    }

    @Test
    void ettFormularFranJsonOchEttFranCsvSparasPaTreSprakOchGorsAktivt() {
        HttpSession admin = app.session().loginStaff("admin");
        admin.get("/admin/enkater");
        HttpResponse<String> json = admin.postFil("/admin/enkater/fil", Map.of(), "enkat.json", "application/json",
                JSON.getBytes(StandardCharsets.UTF_8));
        assertEquals(302, json.statusCode(), json.body());
        long franJson = id(json);
        assertEquals(List.of("Hur var mötet?|How was the meeting?|كيف كان الاجتماع؟",
                "Fick du svar?|Did you get answers?|هل حصلت على إجابات؟"), fragor(franJson));
        assertEquals(List.of("Dåligt|Bad|سيئ", "Okej|Okay|مقبول", "Bra|Good|جيد"), app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT a.text_sv || '|' || a.text_en || '|' || a.text_ar FROM enkat_alternativ a
                        JOIN enkat_fraga f ON f.id = a.fraga_id WHERE f.enkat_id = :e AND f.ordning = 1 ORDER BY a.varde""")
                .bind("e", franJson).mapTo(String.class).list()));
        assertTrue(!aktiv(franJson), "saved, not yet asked");

        Document sida = admin.page("/admin/enkater/" + franJson);
        assertTrue(sida.text().contains("كيف كان الاجتماع؟"), sida.text());
        long demonsAvslut = app.jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM enkat WHERE tillfalle = 'avslut' AND aktiv = 1").mapTo(Long.class).one());
        assertEquals(302, admin.post("/admin/enkater/" + franJson + "/aktivera", Map.of()).statusCode());
        assertTrue(aktiv(franJson));
        assertTrue(!aktiv(demonsAvslut), "one set per occasion is asked");

        HttpResponse<String> csv = admin.postFil("/admin/enkater/fil", Map.of(), "enkat.csv", "text/csv",
                CSV.getBytes(StandardCharsets.UTF_8));
        assertEquals(302, csv.statusCode(), csv.body());
        long franCsv = id(csv);
        assertEquals(List.of("Får du svar när du ringer?|Do you get answers when you call?|هل تحصل على إجابات عندما تتصل؟"),
                fragor(franCsv));
        assertEquals(4, (int) app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM enkat_alternativ a JOIN enkat_fraga f ON f.id = a.fraga_id WHERE f.enkat_id = :e""")
                .bind("e", franCsv).mapTo(Integer.class).one()));

        // Stopped again, the demo's set back.
        assertEquals(302, admin.post("/admin/enkater/" + franJson + "/stoppa", Map.of()).statusCode());
        assertEquals(302, admin.post("/admin/enkater/" + demonsAvslut + "/aktivera", Map.of()).statusCode());
        assertTrue(aktiv(demonsAvslut));
        assertEquals(404, admin.post("/admin/enkater/999999/aktivera", Map.of()).statusCode());
    }

    @Test
    void enFilMedFelFarBeskedOchSparasInte() {
        HttpSession admin = app.session().loginStaff("admin");
        admin.get("/admin/enkater");
        int fore = app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM enkat").mapTo(Integer.class).one());
        HttpResponse<String> utanArabiska = admin.postFil("/admin/enkater/fil", Map.of(), "enkat.json",
                "application/json", JSON.replace("\"ar\": \"كيف كان الاجتماع؟\"", "\"ar\": \"\"")
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(400, utanArabiska.statusCode());
        assertTrue(HttpSession.html(utanArabiska).selectFirst(".felsammanfattning").text()
                .contains("Fråga 1: texten saknas på svenska, engelska eller arabiska"), utanArabiska.body());
        HttpResponse<String> trasig = admin.postFil("/admin/enkater/fil", Map.of(), "enkat.json", "application/json",
                "{\"namn\": ".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, trasig.statusCode());
        assertTrue(HttpSession.html(trasig).text().contains("inte giltig JSON"));
        HttpResponse<String> okandSkala = admin.postFil("/admin/enkater/fil", Map.of(), "enkat.csv", "text/csv",
                CSV.replace("fraga;fyra", "fraga;fem").getBytes(StandardCharsets.UTF_8));
        assertEquals(400, okandSkala.statusCode());
        assertTrue(HttpSession.html(okandSkala).text().contains("Fråga 7: skalan \"fem\" finns inte."),
                HttpSession.html(okandSkala).text());
        HttpResponse<String> pdf = admin.postFil("/admin/enkater/fil", Map.of(), "enkat.pdf", "application/pdf",
                "%PDF-1.4".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, pdf.statusCode());
        assertEquals(fore, (int) app.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM enkat").mapTo(Integer.class).one()));
    }

    @Test
    void administratorenSkriverEttFormularEnFragaPerRadPaVarjeSprak() {
        HttpSession admin = app.session().loginStaff("admin");
        admin.get("/admin/enkater/ny");
        Map<String, String> form = new LinkedHashMap<>(Map.of("namn", "Skrivet formulär", "tillfalle", "avslut",
                "skala", "instammer5", "fragor_sv", "Första frågan\nAndra frågan", "fragor_en", "First question",
                "fragor_ar", "السؤال الأول\nالسؤال الثاني"));
        HttpResponse<String> fel = admin.post("/admin/enkater/ny", form);
        assertEquals(400, fel.statusCode());
        assertTrue(HttpSession.html(fel).selectFirst(".felsammanfattning").text()
                .contains("2 på svenska, 1 på engelska, 2 på arabiska"), fel.body());
        assertEquals("Första frågan\nAndra frågan", HttpSession.html(fel).selectFirst("#fragor_sv").val(),
                "what she wrote stays");
        form.put("fragor_en", "First question\nSecond question");
        HttpResponse<String> ok = admin.post("/admin/enkater/ny", form);
        assertEquals(302, ok.statusCode(), ok.body());
        assertEquals(List.of("Första frågan|First question|السؤال الأول", "Andra frågan|Second question|السؤال الثاني"),
                fragor(id(ok)));
        form.put("tillfalle", "nagon_gang");
        assertEquals(400, admin.post("/admin/enkater/ny", form).statusCode());
    }
}
