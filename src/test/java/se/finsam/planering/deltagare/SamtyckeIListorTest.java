package se.finsam.planering.deltagare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

/**
 * A participant who consents to some organisations but not to Försäkringskassan: the FK handläggare of her team
 * finds her in no list, even where her items have been handed to him; the koordinator finds her everywhere, and
 * every list writes an audit row for each person it shows.
 */
class SamtyckeIListorTest extends AppTest {

    private static final String NAMN = "Samira Samtyckesdotter";
    private static long hon;
    private static long annan;
    private static long mote;
    private static long hennesBokning;
    private static long fkUser;
    private static long koordinator;

    private static long id(String sql) {
        return app.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @BeforeAll
    static void enDeltagareUtanSamtyckeForFk() {
        long fk = id("SELECT id FROM organisation WHERE kod = 'FK'");
        long kista = id("SELECT id FROM team WHERE namn = 'Jobbtorg Kista'");
        fkUser = id("SELECT id FROM anvandare WHERE anvandarnamn = 'fk.handlaggare'");
        koordinator = id("SELECT id FROM anvandare WHERE anvandarnamn = 'koordinator'");
        // A Kista participant after the handover, whose items the FK handläggare could hold.
        hon = id("""
                SELECT d.id FROM deltagare d JOIN deltagare_fas f ON f.deltagare_id = d.id
                JOIN team t ON t.id = d.team_id
                WHERE t.namn = 'Jobbtorg Kista' AND f.fas = 'uppfoljning' AND d.skyddad_identitet = 0
                  AND d.anvandare_id IS NULL
                  AND EXISTS (SELECT 1 FROM planering p JOIN planpunkt pp ON pp.planering_id = p.id
                              WHERE p.deltagare_id = d.id AND pp.borttagen IS NULL AND pp.ansvarig_deltagaren = 0)
                ORDER BY d.id LIMIT 1""");
        annan = app.jdbi().withHandle(h -> h.createQuery("""
                SELECT d.id FROM deltagare d JOIN team t ON t.id = d.team_id
                WHERE t.namn = 'Jobbtorg Kista' AND d.id <> :hon AND d.skyddad_identitet = 0
                  AND EXISTS (SELECT 1 FROM samtycke s WHERE s.deltagare_id = d.id AND s.organisation_id = :fk
                              AND s.aterkallat_datum IS NULL)
                ORDER BY d.id LIMIT 1""").bind("hon", hon).bind("fk", fk).mapTo(Long.class).one());
        app.jdbi().useTransaction(h -> {
            h.createUpdate("UPDATE deltagare SET fornamn = 'Samira', efternamn = 'Samtyckesdotter' WHERE id = :d")
                    .bind("d", hon).execute();
            // She consents to AF, the region, socialtjänst and the Jobbtorg, not to FK.
            h.createUpdate("DELETE FROM samtycke WHERE deltagare_id = :d AND organisation_id = :fk")
                    .bind("d", hon).bind("fk", fk).execute();
            // One of her items was nevertheless given to the FK handläggare, is past its date and waits for kvittens.
            long punkt = h.createQuery("""
                            SELECT pp.id FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                            WHERE p.deltagare_id = :d AND pp.borttagen IS NULL AND pp.ansvarig_deltagaren = 0
                            ORDER BY pp.id LIMIT 1""").bind("d", hon).mapTo(Long.class).one();
            h.createUpdate("""
                            UPDATE planpunkt SET ansvarig_organisation_id = :fk, ansvarig_anvandare_id = :u,
                                   klart_senast = '2026-10-01' WHERE id = :p""")
                    .bind("fk", fk).bind("u", fkUser).bind("p", punkt).execute();
            h.createUpdate("INSERT INTO overlamning (planpunkt_id, till_id, skapad) VALUES (:p, :u, '2026-11-10T09:00:00Z')")
                    .bind("p", punkt).bind("u", fkUser).execute();
            // A meeting next week: another participant first, then her.
            mote = h.createUpdate("""
                            INSERT INTO mote (team_id, start, slut, plats) VALUES (:t, '2026-12-02T09:00',
                                              '2026-12-02T12:00', 'Kista')""")
                    .bind("t", kista).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("INSERT INTO mote_deltagare (mote_id, deltagare_id, tid) VALUES (:m, :d, '2026-12-02T09:00')")
                    .bind("m", mote).bind("d", annan).execute();
            hennesBokning = h.createUpdate("""
                            INSERT INTO mote_deltagare (mote_id, deltagare_id, tid) VALUES (:m, :d, '2026-12-02T09:45')""")
                    .bind("m", mote).bind("d", hon).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        });
    }

    private static int audit(long anvandare, long deltagare, String vad) {
        return app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM audit_log WHERE anvandare_id = :a AND deltagare_id = :d AND vad = :v""")
                .bind("a", anvandare).bind("d", deltagare).bind("v", vad).mapTo(Integer.class).one());
    }

    private static int nekade() {
        return app.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM audit_log WHERE handling = 'nekad' AND deltagare_id = :d AND anvandare_id = :a")
                .bind("d", hon).bind("a", fkUser).mapTo(Integer.class).one());
    }

    private static void syns(HttpSession s, String path, boolean syns) {
        HttpResponse<String> page = s.get(path);
        assertEquals(200, page.statusCode(), path);
        assertEquals(syns, page.body().contains(NAMN), path + (syns ? " shows her" : " does not show her"));
        assertEquals(syns, page.body().contains("/deltagare/" + hon + "/"), path + " links to her pages");
    }

    @Test
    void handlaggareUtanSamtyckeSerHennePaIngenLista() {
        HttpSession fk = app.session().loginStaff("fk.handlaggare");
        syns(fk, "/oversikt", false);
        // Every work list a handläggare has, even the one of items waiting for her own kvittens.
        for (String lista : List.of("kvittera", "mina-punkter", "uppfoljningar")) {
            syns(fk, "/arbetslista?lista=" + lista, false);
        }
        for (String variant : List.of("", "?alla=1", "?sortering=namn", "?sortering=team", "?alla=1&sortering=namn",
                "?organisation=" + id("SELECT id FROM organisation WHERE kod = 'FK'"),
                "?team=" + id("SELECT id FROM team WHERE namn = 'Jobbtorg Kista'"))) {
            syns(fk, "/uppfoljning" + variant, false);
        }
        syns(fk, "/offline", false);
        HttpResponse<String> motet = fk.get("/moten/" + mote);
        assertEquals(200, motet.statusCode());
        assertFalse(motet.body().contains(NAMN), "the meeting page does not name her");
        assertTrue(motet.body().contains("Bokad tid. Du kan inte se vem det är"), "her time shows as taken");
        assertTrue(motet.body().contains(se.finsam.planering.testsupport.TestData.namn(app, annan)),
                "the participant who consented is named");
        HttpResponse<String> motelage = fk.get("/deltagare/" + annan + "/motelage");
        assertEquals(200, motelage.statusCode());
        assertFalse(motelage.body().contains(NAMN), "meeting mode's next link does not name her");
        assertFalse(motelage.body().contains("/deltagare/" + hon + "/motelage"), "nor leads to her");
        assertEquals(0, audit(fkUser, hon, "startsidans listor") + audit(fkUser, hon, "uppföljningsöversikt")
                + audit(fkUser, hon, "mötesläge: nästa deltagare"), "nothing of hers was shown to him");
    }

    @Test
    void deSidorSomPekarUtHenneVagrasOchLoggas() {
        HttpSession fk = app.session().loginStaff("fk.handlaggare");
        int nekade = nekade();
        assertEquals(403, fk.get("/kallelse/" + hennesBokning).statusCode());
        assertEquals(403, fk.get("/deltagare/" + hon + "/uppfoljning").statusCode());
        long overlamning = (long) app.jdbi().withHandle(h -> h.createQuery("SELECT max(id) FROM overlamning WHERE till_id = :u")
                .bind("u", fkUser).mapTo(Long.class).one());
        assertEquals(403, fk.post("/overlamning/" + overlamning + "/kvittera", java.util.Map.of()).statusCode());
        assertEquals(nekade + 3, nekade(), "each refusal is logged");
        assertEquals(404, fk.get("/kallelse/999999").statusCode());
        assertEquals(404, fk.get("/moten/abc").statusCode());
    }

    @Test
    void koordinatornSerHenneOchVarjeListaLoggarDemSomVisas() {
        HttpSession k = app.session().loginStaff("koordinator");
        // Her handover waits for a kvittens past its limit: the koordinator's list of those shows and logs her.
        int lista = audit(koordinator, hon, "arbetslista utan-kvittens");
        syns(k, "/arbetslista?lista=utan-kvittens", true);
        assertEquals(lista + 1, audit(koordinator, hon, "arbetslista utan-kvittens"));
        int oversikt = audit(koordinator, hon, "uppföljningsöversikt");
        syns(k, "/uppfoljning?alla=1", true);
        syns(k, "/uppfoljning?organisation=" + id("SELECT id FROM organisation WHERE kod = 'FK'"), true);
        assertEquals(oversikt + 2, audit(koordinator, hon, "uppföljningsöversikt"));
        assertTrue(k.get("/moten/" + mote).body().contains(NAMN), "the koordinator sees the whole team");
        int nasta = audit(koordinator, hon, "mötesläge: nästa deltagare");
        HttpResponse<String> motelage = k.get("/deltagare/" + annan + "/motelage");
        assertTrue(motelage.body().contains("/deltagare/" + hon + "/motelage"), "next participant: her");
        assertEquals(nasta + 1, audit(koordinator, hon, "mötesläge: nästa deltagare"));
    }

    @Test
    void handlaggarensListaLoggarVarjePersonDenVisar() {
        HttpSession fk = app.session().loginStaff("fk.handlaggare");
        fk.get("/uppfoljning?alla=1");
        List<Long> loggade = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT deltagare_id FROM audit_log WHERE anvandare_id = :a AND vad = 'uppföljningsöversikt'
                          AND id > (SELECT coalesce(max(id), 0) - 1000 FROM audit_log)""")
                .bind("a", fkUser).mapTo(Long.class).list());
        assertFalse(loggade.isEmpty(), "the FK handläggare's own participants are logged as shown");
        assertFalse(loggade.contains(hon));
        for (long d : loggade) {
            boolean samtycke = app.jdbi().withHandle(h -> h.createQuery("""
                            SELECT EXISTS (SELECT 1 FROM samtycke s JOIN organisation o ON o.id = s.organisation_id
                                           WHERE s.deltagare_id = :d AND o.kod = 'FK' AND s.aterkallat_datum IS NULL)""")
                    .bind("d", d).mapTo(Boolean.class).one());
            assertTrue(samtycke, "everyone shown to FK consented to FK: " + d);
        }
    }
}
