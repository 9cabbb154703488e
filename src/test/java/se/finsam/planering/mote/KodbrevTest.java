package se.finsam.planering.mote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/** A participant who lost her PIN or phone gets a printable letter with a new activation code, in her language. */
class KodbrevTest extends AppTest {

    private static final String PIN = "604817";
    private static final String NY_PIN = "739251";

    private long count(String sql, long deltagare) {
        return app.jdbi().withHandle(h -> h.createQuery(sql).bind(0, deltagare).mapTo(Long.class).one());
    }

    @Test
    void nyKodGerEttBrevPaHennesSprakOchHonSerDetUnderVemHarTittat() {
        long deltagare = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").medNamn().utanKonto()
                .hamta();
        String anvandare = TestData.kontoMedPin(app, deltagare, PIN);
        app.jdbi().useHandle(h -> {
            h.execute("UPDATE deltagare SET sprak = 'ar' WHERE id = ?", deltagare);
            h.execute("UPDATE anvandare SET sprak = 'ar' WHERE anvandarnamn = ?", anvandare);
        });

        HttpSession k = app.session().loginStaff("koordinator");
        Document oversikt = k.page("/deltagare/" + deltagare);
        assertNotNull(oversikt.selectFirst("form[action=/deltagare/" + deltagare + "/kodbrev]"), "offered");
        HttpResponse<String> r = k.post("/deltagare/" + deltagare + "/kodbrev", Map.of());
        assertEquals(200, r.statusCode());
        Document brev = HttpSession.html(r);
        Element arabiskt = brev.selectFirst("article.kallelse[lang=ar]");
        assertNotNull(arabiskt, "the letter in her language");
        assertEquals("rtl", arabiskt.attr("dir"));
        assertEquals("رمزك الجديد لـ FINSAM Planering", arabiskt.selectFirst("h1").text());
        String kod = arabiskt.selectFirst("#aktiveringskod").text();
        assertEquals(kod, brev.selectFirst("article.kallelse--kopia[lang=sv] #aktiveringskod-sv").text(),
                "the Swedish copy carries the same code");
        assertNotNull(arabiskt.selectFirst("svg"), "the QR code");
        assertTrue(arabiskt.text().contains("/aktivera"));

        // The old PIN is over; the new code works once.
        HttpSession gammal = app.session();
        gammal.get("/logga-in/deltagare");
        assertNotEquals(302, gammal.post("/logga-in/deltagare", Map.of("anvandarnamn", anvandare, "pin", PIN))
                .statusCode());
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE deltagare_id = ? AND handling = 'andra'"
                + " AND vad = 'nytt kodbrev'", deltagare));
        assertEquals(1, count("SELECT count(*) FROM audit_log WHERE deltagare_id = ? AND handling = 'andra'"
                + " AND vad = 'ny aktiveringskod, gammal PIN upphävd'", deltagare));

        HttpSession hon = app.session();
        hon.get("/aktivera");
        assertEquals(302, hon.post("/aktivera", Map.of("kod", kod)).statusCode());
        hon.get("/aktivera/pin");
        assertEquals(302, hon.post("/aktivera/pin", Map.of("pin", NY_PIN, "pin2", NY_PIN)).statusCode());
        Document tittat = hon.page("/min-planering/vem-har-tittat");
        assertEquals("ar", tittat.selectFirst("html").attr("lang"));
        assertTrue(tittat.text().contains("طبع لك رسالة فيها رمز تفعيل جديد"), "the letter, in Arabic");
    }

    @Test
    void barakoordinatornITeametSkaparKodbrev() {
        long deltagare = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").medSamtyckeTill("AF")
                .utanKonto().hamta();
        HttpSession af = app.session().loginStaff("handlaggare");
        af.get("/deltagare/" + deltagare);
        assertEquals(403, af.post("/deltagare/" + deltagare + "/kodbrev", Map.of()).statusCode());
        HttpSession farsta = app.session().loginStaff("koordinator.farsta");
        farsta.get("/oversikt");
        assertEquals(403, farsta.post("/deltagare/" + deltagare + "/kodbrev", Map.of()).statusCode());
        assertEquals(0, count("SELECT count(*) FROM aktiveringskod a JOIN deltagare d ON d.anvandare_id = a.anvandare_id"
                + " WHERE d.id = ?", deltagare), "no code was made");
    }
}
