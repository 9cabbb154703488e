package se.finsam.planering.utskick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.Config;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestApp;
import se.finsam.planering.testsupport.TestData;

/**
 * What makes a message, and when: her meeting two days before and on the morning, a meeting moved at once, her
 * plan changed (one a day, none once read), a kvittens missing after two working days, the weekly and the
 * koordinator's daily digest; and that no message the demo data make carries a name, a personnummer, plan text or
 * a note, in any language, with details or without.
 */
class UtskickPlaneringTest {

    private static TestApp app;

    @BeforeAll
    static void starta() {
        app = TestApp.start();
    }

    @AfterAll
    static void stoppa() {
        app.close();
    }

    private static Planerare planerare() {
        return app.app().utskick().planerare();
    }

    private static long antal(String sql, Object... args) {
        return app.jdbi().withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                q.bind(i, args[i]);
            }
            return q.mapTo(Long.class).one();
        });
    }

    private static Instant lokal(LocalDateTime t) {
        return t.atZone(Config.TIDSZON).toInstant();
    }

    @Test
    void hennesMotePaminnsTvaDagarForeOchPaMorgonen() {
        long d = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("anmald").hamta();
        HttpSession k = app.session().loginStaff("koordinator");
        k.get("/moten");
        HttpResponse<String> r = k.post("/moten", Map.of("datum", "2026-12-05", "tid", "08:00",
                "plats", "Kistagången 20 B", "team", ""));
        assertEquals(302, r.statusCode(), r.body());
        long mote = Long.parseLong(r.headers().firstValue("Location").orElseThrow().replace("/moten/", ""));
        k.get("/moten/" + mote);
        r = k.post("/moten/" + mote + "/boka", Map.of("deltagare", String.valueOf(d), "tid", "2026-12-05T08:00", "syfte", "",
                "taMed", ""));
        assertEquals(302, r.statusCode(), r.body());
        String paminnelse = "SELECT count(*) FROM utskick WHERE deltagare_id = ? AND typ = ? AND anvandare_id IS NULL";

        app.clock().set(lokal(LocalDateTime.of(2026, 12, 2, 9, 0)));
        planerare().planera();
        assertEquals(0, antal(paminnelse, d, "mote_paminnelse"), "three days before: not yet");
        app.clock().set(lokal(LocalDateTime.of(2026, 12, 3, 6, 0)));
        planerare().planera();
        planerare().planera();
        assertEquals(1, antal(paminnelse, d, "mote_paminnelse"), "two days before, once");
        assertEquals(lokal(LocalDateTime.of(2026, 12, 3, 8, 0)).toString(), app.jdbi().withHandle(h -> h.createQuery(
                "SELECT planerad FROM utskick WHERE deltagare_id = :d AND typ = 'mote_paminnelse'").bind("d", d)
                .mapTo(String.class).one()), "sent from eight in the morning");
        assertEquals(0, antal(paminnelse, d, "mote_morgon"));
        app.clock().set(lokal(LocalDateTime.of(2026, 12, 5, 6, 30)));
        planerare().planera();
        assertEquals(1, antal(paminnelse, d, "mote_morgon"), "on the morning");

        // Moved: a message at once, and the reminders follow the new time.
        app.clock().set(lokal(LocalDateTime.of(2026, 12, 1, 10, 0)));
        k = app.session().loginStaff("koordinator");
        Document sida = k.page("/moten/" + mote);
        Map<String, String> form = new HashMap<>(HttpSession.formData(sida, "form[action=/moten/" + mote + "/flytta]"));
        form.put("flytt-datum", "2026-12-12");
        r = k.post("/moten/" + mote + "/flytta", form);
        assertEquals(302, r.statusCode(), r.body());
        assertEquals(1, antal(paminnelse, d, "mote_flyttat"), "moved: at once");
        app.clock().set(lokal(LocalDateTime.of(2026, 12, 10, 7, 0)));
        planerare().planera();
        assertEquals(2, antal(paminnelse, d, "mote_paminnelse"), "a reminder for the new time");
        app.clock().set(TestApp.START);
    }

    @Test
    void enKvittensSomSaknasEfterTvaArbetsdagarPaminnsEnGang() {
        long punkt = antal("""
                SELECT pp.id FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                WHERE pp.ansvarig_anvandare_id IS NOT NULL AND p.overlamnad IS NOT NULL ORDER BY pp.id DESC LIMIT 1""");
        long till = antal("SELECT ansvarig_anvandare_id FROM planpunkt WHERE id = ?", punkt);
        // Friday afternoon; Monday is one working day later, Tuesday two.
        Instant fredag = lokal(LocalDateTime.of(2026, 11, 20, 15, 0));
        long o = app.jdbi().withHandle(h -> h.createUpdate(
                        "INSERT INTO overlamning (planpunkt_id, till_id, skapad) VALUES (:p, :t, :s)")
                .bind("p", punkt).bind("t", till).bind("s", fredag).executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class).one());
        assertEquals(1, antal("SELECT count(*) FROM utskick WHERE nyckel = ?", "overlamnad:" + o), "at once");
        String saknas = "SELECT count(*) FROM utskick WHERE nyckel = ? AND anvandare_id = ?";
        app.clock().set(lokal(LocalDateTime.of(2026, 11, 23, 16, 0)));
        planerare().planera();
        assertEquals(0, antal(saknas, "kvittens_saknas:" + o, till));
        app.clock().set(lokal(LocalDateTime.of(2026, 11, 24, 9, 0)));
        planerare().planera();
        planerare().planera();
        assertEquals(1, antal(saknas, "kvittens_saknas:" + o, till));
        app.clock().set(TestApp.START);
    }

    @Test
    void planenAndradEttBeskedOmDagenOchIngetNarHonHarLastDen() {
        long d = TestData.deltagare(app).iFas("uppfoljning").hamta();
        if (antal("SELECT CASE WHEN anvandare_id IS NULL THEN 1 ELSE 0 END FROM deltagare WHERE id = ?", d) == 1) {
            TestData.kontoMedPin(app, d, "428615");
        }
        long personal = antal("SELECT id FROM anvandare WHERE anvandarnamn = 'koordinator'");
        String andrad = "UPDATE planering SET andrad = ?, andrad_av = ?, version = version + 1 WHERE deltagare_id = ?";
        Runnable andra = () -> app.jdbi().useHandle(h -> h.execute(andrad, app.clock().instant(), personal, d));
        String besked = "SELECT count(*) FROM utskick WHERE deltagare_id = ? AND typ = 'plan_andrad' AND anvandare_id IS NULL";
        long fore = antal(besked, d);

        app.clock().set(lokal(LocalDateTime.of(2026, 11, 24, 10, 0)));
        andra.run();
        planerare().planera();
        assertEquals(fore + 1, antal(besked, d));
        app.clock().advance(Duration.ofHours(2));
        andra.run();
        planerare().planera();
        assertEquals(fore + 1, antal(besked, d), "at most one a day");

        app.clock().set(lokal(LocalDateTime.of(2026, 11, 25, 10, 0)));
        app.jdbi().useHandle(h -> h.execute("""
                INSERT INTO lasbekraftelse (deltagare_id, planering_version, last)
                SELECT deltagare_id, version, ? FROM planering WHERE deltagare_id = ?""", app.clock().instant(), d));
        planerare().planera();
        assertEquals(fore + 1, antal(besked, d), "she has read it since");
        app.clock().advance(Duration.ofHours(1));
        andra.run();
        planerare().planera();
        assertEquals(fore + 2, antal(besked, d), "a new change on a new day");
        app.clock().set(TestApp.START);
    }

    @Test
    void sammanfattningarVeckansPaMandagOchKoordinatornsVarjeVardag() {
        app.clock().set(TestApp.START);
        planerare().planera();
        assertTrue(antal("SELECT count(*) FROM utskick WHERE typ = 'veckosammanfattning'") > 0);
        long koordinator = antal("SELECT id FROM anvandare WHERE anvandarnamn = 'koordinator'");
        assertEquals(1, antal("SELECT count(*) FROM utskick WHERE typ = 'dagssammanfattning' AND anvandare_id = ?",
                koordinator));
        UtskickRepository.Rad rad = app.app().utskick().repo().hitta(antal(
                "SELECT id FROM utskick WHERE typ = 'dagssammanfattning' AND anvandare_id = ?", koordinator)).orElseThrow();
        String text = app.app().utskick().texter().gor(rad, app.app().utskick().repo().mottagare(rad).orElseThrow()).text();
        assertTrue(text.startsWith("FINSAM Planering i dag: "), text);
        // In the start page's own words ("I dag"), each with its count.
        assertTrue(text.matches(".*\\d+ (överlämningar? saknar kvittens efter tidsgränsen|ärenden? är lyft).*"), text);
    }

    /** Whole words: a name inside a longer word is not a name. */
    private static boolean innehaller(String text, String ord) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(ord) + "(?![\\p{L}\\p{N}])").matcher(text).find();
    }

    @Test
    void ingetMeddelandeIDemodatanBarNamnPersonnummerPlantextEllerAnteckning() {
        // Two weeks of planning over the demo data, and every message made, with details and without.
        for (int dag = 0; dag < 16; dag++) {
            app.clock().set(TestApp.START.plus(Duration.ofDays(dag)));
            planerare().planera();
        }
        app.clock().set(TestApp.START);
        Set<String> kansligt = new LinkedHashSet<>(app.jdbi().withHandle(h -> h.createQuery("""
                SELECT fornamn FROM deltagare WHERE fornamn IS NOT NULL UNION SELECT efternamn FROM deltagare
                WHERE efternamn IS NOT NULL UNION SELECT personnummer FROM deltagare WHERE personnummer IS NOT NULL
                UNION SELECT text FROM planpunkt UNION SELECT mal FROM planering
                UNION SELECT teamanteckning FROM planering WHERE teamanteckning IS NOT NULL
                UNION SELECT notering_deltagare FROM uppfoljning WHERE notering_deltagare IS NOT NULL
                UNION SELECT notering_intern FROM uppfoljning WHERE notering_intern IS NOT NULL
                UNION SELECT nasta_steg FROM uppfoljning WHERE nasta_steg IS NOT NULL
                UNION SELECT sammanfattning FROM anmalan UNION SELECT namn FROM anvandare WHERE roll = 'deltagare'""")
                .mapTo(String.class).list()));
        kansligt.removeIf(s -> s.length() < 3);
        List<UtskickRepository.Rad> rader = app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM utskick")
                .mapTo(Long.class).list()).stream().map(id -> app.app().utskick().repo().hitta(id).orElseThrow()).toList();
        Set<String> typer = new LinkedHashSet<>();
        rader.forEach(r -> typer.add(r.typ()));
        for (String typ : List.of("plan_andrad", "mote_paminnelse", "mote_morgon", "veckosammanfattning",
                "dagssammanfattning", "kvittens_saknas")) {
            assertTrue(typer.contains(typ), "the demo data make a " + typ + " message: " + typer);
        }
        List<String> fel = new ArrayList<>();
        int texter = 0;
        for (UtskickRepository.Rad r : rader) {
            UtskickRepository.Mottagare m = app.app().utskick().repo().mottagare(r).orElse(null);
            if (m == null) {
                continue;
            }
            for (String sprak : m.deltagare() ? List.of("sv", "en", "ar") : List.of(m.sprak())) {
                for (boolean detaljer : List.of(false, true)) {
                    UtskickRepository.Mottagare som = new UtskickRepository.Mottagare(m.deltagare(), m.anvandareId(),
                            sprak, m.telefon(), m.epost(), true, true, false, detaljer, false, m.sammanfattning(), m.kod());
                    Utskickstexter.Meddelande med = app.app().utskick().texter().gor(r, som);
                    texter++;
                    for (String s : kansligt) {
                        if (innehaller(med.text(), s) || innehaller(med.amne(), s)) {
                            fel.add(r.typ() + " " + sprak + ": '" + s + "' in " + med.text());
                        }
                    }
                    if (m.deltagare()) {
                        assertTrue(Smsdelar.antal(med.text()) <= 2, med.text());
                    }
                }
            }
        }
        assertTrue(texter > 50, "messages read: " + texter);
        assertEquals(List.of(), fel.stream().limit(10).toList());
    }

    @Test
    void varjeDeltagarmeddelandeRymsITvaSmsPaVarjeSprak() {
        // A long address of the kind the teams meet at, and a server name of a förbund's own.
        String lank = "https://planering.finsam-nordvast.se/min-planering";
        String start = "https://planering.finsam-nordvast.se";
        String plats = "Storholmsgatan 4, plan 2, 127 48 Skärholmen";
        for (String sprak : List.of("sv", "en", "ar")) {
            Texter t = Texter.of(sprak);
            for (String text : List.of(t.get("utskick.besked", lank), t.get("utskick.amne"),
                    t.get("utskick.mote.paminnelse", "2026-12-05", "09:00", plats, start),
                    t.get("utskick.mote.flyttat", "2026-12-05", "09:00", plats, start))) {
                assertTrue(Smsdelar.antal(text) <= 2, sprak + " (" + Smsdelar.antal(text) + " segments): " + text);
            }
            // The kallelse beside the printed letter: the link to her meeting page and the letter's activation code.
            // With details it goes on SMS only when it fits; the neutral one must fit always.
            String kallelse = t.get("utskick.besked", start + "/min-planering/mote") + " "
                    + t.get("utskick.kallelse.kod", "K7M2-9QX4-HT3W-PA8N");
            assertTrue(Smsdelar.antal(kallelse) <= 2, sprak + " (" + Smsdelar.antal(kallelse) + " segments): "
                    + kallelse);
            assertEquals(!sprak.equals("ar"), Smsdelar.gsm7(kallelse), sprak);
            assertEquals(!sprak.equals("ar"), Smsdelar.gsm7(t.get("utskick.besked", lank)), sprak);
        }
        assertEquals(1, Smsdelar.antal("a".repeat(160)));
        assertEquals(2, Smsdelar.antal("a".repeat(161)));
        assertEquals(3, Smsdelar.antal("a".repeat(307)));
        assertEquals(1, Smsdelar.antal("€".repeat(80)));
        assertEquals(2, Smsdelar.antal("€".repeat(81)), "the extension table counts twice");
        assertEquals(1, Smsdelar.antal("س".repeat(70)));
        assertEquals(2, Smsdelar.antal("س".repeat(71)));
        assertEquals(3, Smsdelar.antal("س".repeat(135)));
    }
}
