package se.finsam.planering.mote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/** Moving a meeting or a booking over real HTTP: new kallelse and calendar file, refusals, conflicts, access, audit. */
class MoteFlyttTest extends AppTest {

    private static final String PIN = "371946";
    /** Each referral gets its own birth year, so none looks like a duplicate of another. */
    private static final java.util.concurrent.atomic.AtomicInteger ANMALDA = new java.util.concurrent.atomic.AtomicInteger();
    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    private HttpSession koordinator() {
        return app.session().loginStaff("koordinator");
    }

    /** A new meeting of Jobbtorg Kista on a Saturday morning, clear of the team's usual Tuesday meetings. */
    private long nyttMote(HttpSession k, String datum) {
        k.get("/moten");
        HttpResponse<String> r = k.post("/moten", Map.of("datum", datum, "tid", "08:00", "plats", "Kistagången 20 B",
                "team", ""));
        assertEquals(302, r.statusCode(), r.body());
        return Long.parseLong(r.headers().firstValue("Location").orElseThrow().replace("/moten/", ""));
    }

    private long boka(HttpSession k, long mote, long deltagare, String tid) {
        k.get("/moten/" + mote);
        HttpResponse<String> r = k.post("/moten/" + mote + "/boka", Map.of("deltagare", String.valueOf(deltagare),
                "tid", tid, "syfte", "", "taMed", ""));
        assertEquals(302, r.statusCode(), r.body());
        return Long.parseLong(r.headers().firstValue("Location").orElseThrow().replace("/kallelse/", ""));
    }

    private HttpResponse<String> flytta(HttpSession k, long mote, Map<String, String> andringar) {
        Document sida = k.page("/moten/" + mote);
        Map<String, String> form = new HashMap<>(HttpSession.formData(sida, "form[action=/moten/" + mote + "/flytta]"));
        form.putAll(andringar);
        return k.post("/moten/" + mote + "/flytta", form);
    }

    private static VEvent event(String ics) {
        ICalendar cal = Biweekly.parse(ics).first();
        assertNotNull(cal, "a calendar file");
        return cal.getEvents().get(0);
    }

    private long anmald() {
        return anmal("Flytt", "AF", "FK");
    }

    /** A new referral to Jobbtorg Kista, posted by the koordinator, with samtycke for the given organisations. */
    private long anmal(String fornamn, String... samtycke) {
        HttpSession k = koordinator();
        k.get("/anmalan");
        StringBuilder body = new StringBuilder();
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("_csrf", k.csrf());
        form.put("fornamn", fornamn);
        form.put("efternamn", "Flyttsson");
        form.put("fodelsear", String.valueOf(1960 + ANMALDA.getAndIncrement()));
        form.put("kon", "kvinna");
        form.put("telefon", "070-123 45 67");
        form.put("sprak", "sv");
        form.put("samtyckeDatum", "2026-11-20");
        form.put("samtyckeHur", "skriftligt");
        form.put("sammanfattning", "Vill tillbaka till arbete.");
        form.put("forsorjning", "sjukpenning");
        form.put("informerad", "ja");
        form.forEach((n, v) -> body.append(enc(n)).append('=').append(enc(v)).append('&'));
        for (String kod : samtycke) {
            body.append("samtycke=").append(app.tal("SELECT id FROM organisation WHERE kod = ?", kod)).append('&');
        }
        HttpResponse<String> r = k.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(k.url("/anmalan")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())));
        assertEquals(302, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private HttpSession loggaIn(String anvandare) {
        HttpSession s = app.session();
        s.get("/logga-in/deltagare");
        assertEquals(302, s.post("/logga-in/deltagare", Map.of("anvandarnamn", anvandare, "pin", PIN)).statusCode());
        return s;
    }

    @Test
    void flyttatMoteGerNyKallelseOchKalenderfilMedSammaUidOchHogreSequence() {
        HttpSession k = koordinator();
        long mote = nyttMote(k, "2027-02-06");
        long anna = anmald();
        long bo = anmald();
        long bokningAnna = boka(k, mote, anna, "2027-02-06T08:00");
        long bokningBo = boka(k, mote, bo, "2027-02-06T08:45");
        HttpSession hon = loggaIn(TestData.kontoMedPin(app, anna, PIN));

        VEvent fore = event(hon.get("/min-planering/mote.ics").body());
        String uid = fore.getUid().getValue();
        assertEquals(0, fore.getSequence().getValue());

        HttpResponse<String> r = flytta(k, mote, Map.of("flytt-datum", "2027-02-13", "flytt-tid", "10:00",
                "flytt-plats", "Kista torg 7, rum 3"));
        assertEquals(302, r.statusCode(), r.body());
        assertEquals("2027-02-13T10:00", app.text("SELECT start FROM mote WHERE id = ?", mote));
        assertEquals(1, app.tal("SELECT version FROM mote WHERE id = ?", mote));
        assertEquals("2027-02-13T10:45", app.text("SELECT tid FROM mote_deltagare WHERE id = ?", bokningBo),
                "each booking keeps its place in the order of slots");

        VEvent efter = event(hon.get("/min-planering/mote.ics").body());
        assertEquals(uid, efter.getUid().getValue(), "the same UID, so calendars replace the event");
        assertEquals(1, efter.getSequence().getValue(), "a higher SEQUENCE");
        assertEquals(LocalDateTime.parse("2027-02-13T10:00").atZone(STOCKHOLM).toInstant(),
                efter.getDateStart().getValue().toInstant());
        assertEquals("Kista torg 7, rum 3", efter.getLocation().getValue());

        // Her meeting page says it moved: the old time struck through, the new one.
        Document motesida = hon.page("/min-planering/mote");
        Element flyttat = motesida.selectFirst("#mote-flyttat");
        assertNotNull(flyttat, "the move is shown");
        assertEquals("2027-02-06T08:00", flyttat.selectFirst("del time[datetime*=T]").attr("datetime"));
        assertTrue(flyttat.selectFirst("del").text().contains("Kistagången 20 B"), "the old place too");
        assertEquals("2027-02-13T10:00", flyttat.selectFirst("strong time[datetime*=T]").attr("datetime"));

        // The new kallelse, for the koordinator to print, says so too; staff see the move on the meeting page.
        Document kallelse = k.page("/kallelse/" + bokningAnna);
        assertTrue(kallelse.selectFirst(".kallelse__flyttad del").text().contains("08:00"));
        Document motet = k.page("/moten/" + mote);
        assertTrue(motet.selectFirst("#flyttat-fran del").text().contains("2027-02-06 08:00"));
        VEvent bosFil = event(k.get("/kallelse/" + bokningBo + "/mote.ics").body());
        assertEquals(Kalenderfil.uid(bokningBo), bosFil.getUid().getValue());
        assertEquals(1, bosFil.getSequence().getValue());

        // In the audit log for both, and in her "Vem har tittat" in plain words.
        for (long d : List.of(anna, bo)) {
            assertEquals(1, app.tal("SELECT count(*) FROM audit_log WHERE deltagare_id = ? AND handling = 'andra'"
                    + " AND vad = 'mötet flyttat'", d));
        }
        assertTrue(hon.page("/min-planering/vem-har-tittat").text()
                .contains("Flyttade ditt möte till en ny tid eller plats"));

        // Moving again raises the SEQUENCE again.
        assertEquals(302, flytta(k, mote, Map.of("flytt-tid", "11:00")).statusCode());
        assertEquals(2, event(hon.get("/min-planering/mote.ics").body()).getSequence().getValue());
    }

    @Test
    void flyttTillDetForflutnaEnKrockEllerEttInstalltMoteVagras() {
        HttpSession k = koordinator();
        long mote = nyttMote(k, "2027-03-06");
        long annat = nyttMote(k, "2027-03-13");

        HttpResponse<String> forflutet = flytta(k, mote, Map.of("flytt-datum", "2026-11-20"));
        assertEquals(400, forflutet.statusCode());
        assertTrue(HttpSession.html(forflutet).selectFirst(".felsammanfattning").text()
                .contains("Välj en tid som inte har passerat"));
        // Today, but earlier than now (the test clock stands at 09:00 in Stockholm).
        HttpResponse<String> idagTidigare = flytta(k, mote, Map.of("flytt-datum", "2026-11-23", "flytt-tid", "07:00"));
        assertEquals(400, idagTidigare.statusCode());
        assertTrue(HttpSession.html(idagTidigare).selectFirst("#flytt-tid-fel").text().contains("har passerat"));

        HttpResponse<String> krock = flytta(k, mote, Map.of("flytt-datum", "2027-03-13", "flytt-tid", "10:00"));
        assertEquals(400, krock.statusCode());
        assertTrue(HttpSession.html(krock).selectFirst("#flytt-tid-fel").text()
                .contains("Teamet har redan ett möte 2027-03-13 klockan 08:00–11:00"));

        HttpResponse<String> samma = flytta(k, mote, Map.of());
        assertEquals(400, samma.statusCode(), "nothing changed");
        assertEquals("2027-03-06T08:00", app.text("SELECT start FROM mote WHERE id = ?", mote), "nothing was moved");
        assertEquals(0, app.tal("SELECT version FROM mote WHERE id = ?", mote));

        Map<String, String> form = HttpSession.formData(k.page("/moten/" + annat), "form[action=/moten/" + annat
                + "/flytta]");
        assertEquals(302, k.post("/moten/" + annat + "/installa", Map.of()).statusCode());
        form.put("flytt-datum", "2027-03-20");
        HttpResponse<String> installt = k.post("/moten/" + annat + "/flytta", form);
        assertEquals(409, installt.statusCode());
        assertTrue(installt.body().contains("Mötet är inställt och kan inte flyttas."));
        assertEquals("2027-03-13T08:00", app.text("SELECT start FROM mote WHERE id = ?", annat));
    }

    @Test
    void tvaKoordinatorerSomFlyttarSammaMoteSamtidigtSkriverInteOverVarandra() {
        HttpSession forsta = koordinator();
        HttpSession andra = koordinator();
        long mote = nyttMote(forsta, "2027-04-03");
        Map<String, String> forstasForm = new HashMap<>(HttpSession.formData(forsta.page("/moten/" + mote),
                "form[action=/moten/" + mote + "/flytta]"));
        Map<String, String> andrasForm = new HashMap<>(HttpSession.formData(andra.page("/moten/" + mote),
                "form[action=/moten/" + mote + "/flytta]"));

        forstasForm.put("flytt-tid", "12:00");
        assertEquals(302, forsta.post("/moten/" + mote + "/flytta", forstasForm).statusCode());
        andrasForm.put("flytt-datum", "2027-04-10");
        HttpResponse<String> sen = andra.post("/moten/" + mote + "/flytta", andrasForm);
        assertEquals(409, sen.statusCode());
        Document sida = HttpSession.html(sen);
        assertTrue(sida.selectFirst(".felsammanfattning").text()
                .contains("Någon annan flyttade mötet medan du skrev. Mötet är nu 2027-04-03 klockan 12:00"));
        assertEquals("2027-04-10", sida.selectFirst("#flytt-datum").val(), "what she typed is kept");
        assertEquals("2027-04-03T12:00", app.text("SELECT start FROM mote WHERE id = ?", mote), "the first move stands");
        assertEquals("1", sida.selectFirst("input[name=version]").val(), "the form now carries the current version");
        assertEquals(302, andra.post("/moten/" + mote + "/flytta",
                HttpSession.formData(sida, "form[action=/moten/" + mote + "/flytta]")).statusCode(),
                "after looking again she can move it");
        assertEquals("2027-04-10T08:00", app.text("SELECT start FROM mote WHERE id = ?", mote),
                "her own time, typed before the first move");
    }

    @Test
    void bokningFlyttasTillEttAnnatMoteIteametEnligtSammaReglerSomBokning() {
        HttpSession k = koordinator();
        long fran = nyttMote(k, "2027-05-08");
        long till = nyttMote(k, "2027-05-15");
        long deltagare = anmald();
        long upptagen = anmald();
        long bokning = boka(k, fran, deltagare, "2027-05-08T08:45");
        boka(k, till, upptagen, "2027-05-15T08:00");

        Document sida = k.page("/moten/" + fran + "/flytta/" + bokning);
        assertTrue(sida.select("#till option").stream().noneMatch(o -> o.val().equals(till + "|2027-05-15T08:00")),
                "a taken time is not offered");
        HttpResponse<String> tagen = k.post("/moten/" + fran + "/flytta/" + bokning,
                Map.of("till", till + "|2027-05-15T08:00"));
        assertEquals(400, tagen.statusCode());
        assertTrue(tagen.body().contains("Tiden är redan bokad"));
        long farstasMote = app.tal("SELECT m.id FROM mote m JOIN team t ON t.id = m.team_id WHERE t.namn = 'Jobbtorg Farsta'"
                + " AND m.status = 'planerat' AND m.start > '2026-11-24' ORDER BY m.start LIMIT 1");
        String farstasTid = app.text("SELECT start FROM mote WHERE id = ?", farstasMote);
        assertEquals(400, k.post("/moten/" + fran + "/flytta/" + bokning, Map.of("till", farstasMote + "|"
                + farstasTid)).statusCode(), "only to a meeting of the same team");

        HttpResponse<String> ok = k.post("/moten/" + fran + "/flytta/" + bokning, Map.of("till", till
                + "|2027-05-15T09:30"));
        assertEquals(302, ok.statusCode(), ok.body());
        assertEquals(till, app.tal("SELECT mote_id FROM mote_deltagare WHERE id = ?", bokning));
        assertEquals("2027-05-15T09:30", app.text("SELECT tid FROM mote_deltagare WHERE id = ?", bokning));
        assertEquals("2027-05-08T08:45", app.text("SELECT flyttad_fran_tid FROM mote_deltagare WHERE id = ?", bokning));
        assertEquals(1, app.tal("SELECT sekvens FROM mote_deltagare WHERE id = ?", bokning));
        assertEquals(1, app.tal("SELECT count(*) FROM audit_log WHERE deltagare_id = ? AND handling = 'andra'"
                + " AND vad = 'bokning flyttad'", deltagare));
        VEvent fil = event(k.get("/kallelse/" + bokning + "/mote.ics").body());
        assertEquals(Kalenderfil.uid(bokning), fil.getUid().getValue(), "the booking keeps its UID");
        assertEquals(1, fil.getSequence().getValue());
        assertTrue(k.page("/kallelse/" + bokning).selectFirst(".kallelse__flyttad del").text().contains("08:45"));
    }

    @Test
    void personalUtanforSamtycketEllerUtanRollFarIngenAtkomst() {
        HttpSession k = koordinator();
        long mote = nyttMote(k, "2027-06-05");
        long deltagare = anmal("Utan", "FK");
        long bokning = boka(k, mote, deltagare, "2027-06-05T08:00");

        HttpSession af = app.session().loginStaff("handlaggare");
        assertEquals(403, af.get("/kallelse/" + bokning + "/mote.ics").statusCode(), "no samtycke for AF");
        assertEquals(403, af.get("/kallelse/" + bokning).statusCode());
        assertEquals(1, app.tal("SELECT count(*) FROM audit_log WHERE deltagare_id = ? AND handling = 'nekad'"
                + " AND vad = 'kallelse som kalenderfil'", deltagare));
        Document motet = af.page("/moten/" + mote);
        assertTrue(motet.select("form[action=/moten/" + mote + "/flytta]").isEmpty(), "only the koordinator moves");
        assertTrue(motet.select("a[href=/kallelse/" + bokning + "/mote.ics]").isEmpty(), "her booking is not shown");
        af.get("/moten/" + mote);
        assertEquals(403, af.post("/moten/" + mote + "/flytta", Map.of("flytt-datum", "2027-06-12", "flytt-tid",
                "08:00", "flytt-plats", "x", "version", "0")).statusCode());
        assertEquals(403, af.post("/moten/" + mote + "/flytta/" + bokning, Map.of("till", "")).statusCode());

        HttpSession farsta = app.session().loginStaff("koordinator.farsta");
        farsta.get("/moten");
        assertEquals(403, farsta.post("/moten/" + mote + "/flytta", Map.of("flytt-datum", "2027-06-12",
                "flytt-tid", "08:00", "flytt-plats", "x", "version", "0")).statusCode(), "another team's koordinator");
        assertEquals(403, farsta.get("/moten/" + mote + "/flytta/" + bokning).statusCode());
        assertEquals("2027-06-05T08:00", app.text("SELECT start FROM mote WHERE id = ?", mote));
    }
}
