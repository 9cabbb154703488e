package se.finsam.planering.utskick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.finsam.planering.Config;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestApp;

/**
 * Staff choose on their account page how messages reach them (e-mail, SMS, none) and how often their digest comes
 * (daily, Mondays, never); the sender sends on the channel she chose and the planner makes digests as often as she
 * chose. Against a local SMS gateway.
 */
class PersonalValTest {

    private static LokalSmsgateway gateway;
    private static TestApp app;

    @BeforeAll
    static void starta() throws Exception {
        gateway = new LokalSmsgateway();
        app = TestApp.start(new Kanalinstallning(null, null, gateway.url(), "api-anvandare", "hemligt", "FINSAM", 50));
        app.tomUtkorgen();
    }

    @AfterAll
    static void stoppa() {
        gateway.stang(app);
    }

    @BeforeEach
    void rensa() {
        app.clock().set(TestApp.START);
        app.tomUtkorgen();
        gateway.rensa();
    }


    private static long id(String anvandarnamn) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM anvandare WHERE anvandarnamn = :u")
                .bind("u", anvandarnamn).mapTo(Long.class).one());
    }

    private static long antal(String sql, Object... varden) {
        return app.jdbi().withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < varden.length; i++) {
                q.bind(i, varden[i]);
            }
            return q.mapTo(Long.class).one();
        });
    }

    /** A message to the staff member, due at once, about some participant of her team. */
    private static long meddelandeTill(long anvandare, String nyckel) {
        return app.jdbi().withHandle(h -> h.createUpdate("""
                        INSERT INTO utskick (nyckel, typ, team_id, deltagare_id, anvandare_id, skapad, planerad)
                        SELECT :n, 'kvittens_saknas', d.team_id, d.id, :a, :nu, NULL FROM deltagare d
                        WHERE d.team_id = (SELECT min(team_id) FROM team_medlem WHERE anvandare_id = :a)
                        ORDER BY d.id LIMIT 1""")
                .bind("n", nyckel).bind("a", anvandare).bind("nu", app.clock().instant())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    @Test
    void handlaggarenValjerSmsOchFarMeddelandetSomSms() {
        long h = id("handlaggare");
        app.jdbi().useHandle(x -> x.execute("UPDATE anvandare SET telefon = '070-555 12 34', epost = 'h@af.example' "
                + "WHERE id = ?", h));
        HttpSession s = app.session().loginStaff("handlaggare");
        Document konto = s.page("/konto");
        assertNotNull(konto.selectFirst("a#konto-meddelanden[href=/konto/meddelanden]"), "the account page links to it");
        Document sida = s.page("/konto/meddelanden");
        assertTrue(sida.selectFirst("#kanal-epost").hasAttr("checked"), "e-mail by default");
        assertTrue(sida.selectFirst("#sammanfattning-vecka").hasAttr("checked"), "a weekly digest by default");
        assertTrue(sida.text().contains("070-555 12 34"), "her number is shown");

        var svar = s.post("/konto/meddelanden", Map.of("kanal", "sms", "sammanfattning", "dag"));
        assertEquals(302, svar.statusCode(), svar.body());
        sida = s.page("/konto/meddelanden");
        assertTrue(sida.selectFirst("#kanal-sms").hasAttr("checked"));
        assertTrue(sida.selectFirst("#sammanfattning-dag").hasAttr("checked"));

        long rad = meddelandeTill(h, "personalval:sms");
        app.app().utskick().avsandare().korEnGang();
        assertEquals("sms", app.jdbi().withHandle(x -> x.createQuery("SELECT kanal FROM utskick WHERE id = ?")
                .bind(0, rad).mapTo(String.class).one()));
        assertTrue(gateway.mottagna.stream().anyMatch(m -> m.to().equals("+46705551234")));
    }

    @Test
    void ingaMeddelandenStangerAv() {
        long t = id("teamrep.af");
        HttpSession s = app.session().loginStaff("teamrep.af");
        assertEquals(302, s.post("/konto/meddelanden", Map.of("kanal", "ingen", "sammanfattning", "vecka")).statusCode());
        long rad = meddelandeTill(t, "personalval:ingen");
        app.app().utskick().avsandare().korEnGang();
        assertEquals("avstangd", app.jdbi().withHandle(x -> x.createQuery("SELECT status FROM utskick WHERE id = ?")
                .bind(0, rad).mapTo(String.class).one()));
    }

    @Test
    void koordinatornsSammanfattningKommerSaOftaSomHonValt() {
        long k = id("koordinator");
        String dagens = "SELECT count(*) FROM utskick WHERE typ = 'dagssammanfattning' AND anvandare_id = ? AND nyckel LIKE ?";
        HttpSession s = app.session().loginStaff("koordinator");
        assertTrue(s.page("/konto/meddelanden").selectFirst("#sammanfattning-dag").hasAttr("checked"),
                "the koordinator's digest is daily by default");

        assertEquals(302, s.post("/konto/meddelanden", Map.of("kanal", "epost", "sammanfattning", "vecka")).statusCode());
        app.clock().set(LocalDateTime.of(2026, 11, 24, 9, 0).atZone(Config.TIDSZON).toInstant());
        app.app().utskick().planerare().planera();
        assertEquals(0, antal(dagens, k, "%:2026-11-24"), "weekly: not on a Tuesday");
        app.clock().set(LocalDateTime.of(2026, 11, 30, 9, 0).atZone(Config.TIDSZON).toInstant());
        app.app().utskick().planerare().planera();
        assertEquals(1, antal(dagens, k, "%:2026-11-30"), "weekly: on Monday");

        s = app.session().loginStaff("koordinator");
        assertEquals(302, s.post("/konto/meddelanden", Map.of("kanal", "epost", "sammanfattning", "aldrig")).statusCode());
        app.clock().set(LocalDateTime.of(2026, 12, 7, 9, 0).atZone(Config.TIDSZON).toInstant());
        app.app().utskick().planerare().planera();
        assertEquals(0, antal(dagens, k, "%:2026-12-07"), "never");
        assertEquals(0, antal("SELECT count(*) FROM utskick WHERE anvandare_id = ? AND nyckel LIKE ?", k, "%2026-V50"));

        s = app.session().loginStaff("koordinator");
        assertEquals(302, s.post("/konto/meddelanden", Map.of("kanal", "epost", "sammanfattning", "dag")).statusCode());
        app.clock().set(LocalDateTime.of(2026, 12, 8, 9, 0).atZone(Config.TIDSZON).toInstant());
        app.app().utskick().planerare().planera();
        assertEquals(1, antal(dagens, k, "%:2026-12-08"), "daily: on a Tuesday too");
    }

    @Test
    void felaktigaValGer400MedBeskedIFormularet() {
        long h = id("soc.handlaggare");
        app.jdbi().useHandle(x -> x.execute("UPDATE anvandare SET telefon = NULL WHERE id = ?", h));
        HttpSession s = app.session().loginStaff("soc.handlaggare");
        var svar = s.post("/konto/meddelanden", Map.of("kanal", "fax", "sammanfattning", "ibland"));
        assertEquals(400, svar.statusCode());
        Document sida = HttpSession.html(svar);
        assertTrue(sida.text().contains("Välj e-post, sms, notiser eller inga meddelanden."), sida.text());
        assertTrue(sida.text().contains("Välj hur ofta du vill få en sammanfattning."));
        svar = s.post("/konto/meddelanden", Map.of("kanal", "sms", "sammanfattning", "vecka"));
        assertEquals(400, svar.statusCode());
        assertTrue(HttpSession.html(svar).text().contains("Ditt konto har inget mobilnummer."));
        assertEquals(0, antal("SELECT count(*) FROM utskick_val WHERE anvandare_id = ?", h), "nothing saved");
    }

    @Test
    void deltagarenOchAdministratorenNarInteSidan() {
        assertEquals(403, app.session().loginDeltagare().get("/konto/meddelanden").statusCode());
    }
}
