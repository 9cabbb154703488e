package se.finsam.planering.utskick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import se.finsam.planering.Config;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * "Jag kan inte komma" on her meeting page: she confirms, her time is freed, every koordinator of her team is told
 * by a message naming only her code (and counted in the koordinator's digest), her own cancellation sends her
 * nothing, and it is in the audit log. Another's booking or a bad value changes nothing.
 */
class KanInteKommaTest extends AppTest {

    private static final String PIN = "530917";

    private HttpSession loggaIn(long deltagare) {
        String user = TestData.kontoMedPin(app, deltagare, PIN);
        HttpSession s = app.session();
        s.get("/logga-in/deltagare");
        assertEquals(302, s.post("/logga-in/deltagare", Map.of("anvandarnamn", user, "pin", PIN)).statusCode());
        return s;
    }

    private long bokning(long deltagare) {
        return app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT md.id FROM mote_deltagare md JOIN mote m ON m.id = md.mote_id
                        WHERE md.deltagare_id = :d AND m.status = 'planerat' AND md.tid > :nu ORDER BY md.tid LIMIT 1""")
                .bind("d", deltagare).bind("nu", LocalDateTime.ofInstant(app.clock().instant(), Config.TIDSZON))
                .mapTo(Long.class).one());
    }

    private long antal(String sql, Object... varden) {
        return app.jdbi().withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < varden.length; i++) {
                q.bind(i, varden[i]);
            }
            return q.mapTo(Long.class).one();
        });
    }

    @Test
    void honBekraftarKoordinatornFarVetaOchTidenBlirLedig() {
        long d = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("kallad").utanKonto().medNamn().hamta();
        long b = bokning(d);
        HttpSession hon = loggaIn(d);
        Document mote = hon.page("/min-planering/mote");
        assertNotNull(mote.selectFirst("a#kan-inte-komma[href=/min-planering/mote?kan-inte-komma=1]"), mote.text());

        Document fraga = hon.page("/min-planering/mote?kan-inte-komma=1");
        assertEquals(String.valueOf(b), fraga.selectFirst("form input[name=bokning]").val());
        assertEquals(1, antal("SELECT count(*) FROM mote_deltagare WHERE id = ?", b), "opening the page changes nothing");

        var svar = hon.post("/min-planering/mote/kan-inte-komma", Map.of("bokning", String.valueOf(b)));
        assertEquals(302, svar.statusCode(), svar.body());
        assertEquals("/min-planering/mote", svar.headers().firstValue("Location").orElse(""));
        assertEquals(0, antal("SELECT count(*) FROM mote_deltagare WHERE id = ?", b), "her time is free");
        assertTrue(hon.page("/min-planering/mote").text().contains("Koordinatorn har fått veta att du inte kan komma"));

        List<Long> koordinatorer = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT a.id FROM anvandare a JOIN team_medlem tm ON tm.anvandare_id = a.id
                        WHERE tm.team_id = (SELECT team_id FROM deltagare WHERE id = :d) AND a.roll = 'koordinator'
                          AND a.aktiv = 1 ORDER BY a.id""").bind("d", d).mapTo(Long.class).list());
        assertFalse(koordinatorer.isEmpty());
        List<Long> tillKoordinatorer = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT anvandare_id FROM utskick WHERE typ = 'kan_inte_komma' AND deltagare_id = :d
                        ORDER BY anvandare_id""").bind("d", d).mapTo(Long.class).list());
        assertEquals(koordinatorer, tillKoordinatorer, "every koordinator of her team is told");
        assertEquals(0, antal("SELECT count(*) FROM utskick WHERE nyckel = ?", "mote_installt:" + b),
                "her own cancellation sends her nothing");

        UtskickRepository repo = app.app().utskick().repo();
        UtskickRepository.Rad rad = repo.hitta(antal("SELECT id FROM utskick WHERE typ = 'kan_inte_komma' "
                + "AND deltagare_id = ? LIMIT 1", d)).orElseThrow();
        String text = app.app().utskick().texter().gor(rad, repo.mottagare(rad).orElseThrow()).text();
        String kod = app.jdbi().withHandle(h -> h.createQuery("SELECT kod FROM deltagare WHERE id = :d").bind("d", d)
                .mapTo(String.class).one());
        assertTrue(text.contains(kod) && text.contains("kan inte komma"), text);
        for (String namn : TestData.namn(app, d).split(" ")) {
            assertFalse(text.contains(namn), "no name in the message: " + text);
        }

        Handelselogg.skrivKlart(app.jdbi());
        assertEquals(1, antal("SELECT count(*) FROM audit_log WHERE deltagare_id = ? AND handling = 'andra' "
                + "AND vad = 'kan inte komma till mötet'", d));

        // The koordinator's digest the next working morning counts it.
        long k = antal("SELECT id FROM anvandare WHERE anvandarnamn = 'koordinator'");
        if (koordinatorer.contains(k)) {
            app.clock().set(LocalDateTime.of(2026, 11, 24, 9, 0).atZone(Config.TIDSZON).toInstant());
            app.app().utskick().planerare().planera();
            UtskickRepository.Rad sammanfattning = repo.hitta(antal("SELECT id FROM utskick WHERE typ = "
                    + "'dagssammanfattning' AND anvandare_id = ? AND nyckel LIKE '%2026-11-24'", k)).orElseThrow();
            String dag = app.app().utskick().texter().gor(sammanfattning, repo.mottagare(sammanfattning).orElseThrow())
                    .text();
            assertTrue(dag.contains("1 deltagare kan inte komma till sitt möte"), dag);
            app.clock().set(se.finsam.planering.testsupport.TestApp.START);
        }
    }

    @Test
    void enAnnansBokningEllerEttFelaktigtVardeAndrarIngenting() {
        long annan = TestData.deltagare(app).iTeam("Jobbtorg Farsta").iFas("kallad").hamta();
        long b = bokning(annan);
        long d = TestData.deltagare(app).iTeam("Jobbtorg Farsta").iFas("kallad").utanKonto().medNamn().hamta();
        HttpSession hon = loggaIn(d);
        hon.get("/min-planering/mote?kan-inte-komma=1");
        assertEquals(409, hon.post("/min-planering/mote/kan-inte-komma", Map.of("bokning", String.valueOf(b)))
                .statusCode());
        assertEquals(1, antal("SELECT count(*) FROM mote_deltagare WHERE id = ?", b));
        var fel = hon.post("/min-planering/mote/kan-inte-komma", Map.of("bokning", "inte-ett-tal"));
        assertEquals(400, fel.statusCode());
        assertTrue(HttpSession.html(fel).text().contains("Det gick inte att lämna tiden"));
        assertEquals(0, antal("SELECT count(*) FROM utskick WHERE typ = 'kan_inte_komma' AND deltagare_id IN (?, ?)",
                annan, d));
    }
}
