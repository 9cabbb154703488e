package se.finsam.planering.enkat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import se.finsam.planering.avslut.AvslutStod;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;
import se.finsam.planering.testsupport.TestData;

/**
 * "Vad tycker du?": the occasions ask her, she answers once on a page of her own, the answer is stored without
 * her, and the results and exports show no one.
 */
class EnkatHttpTest extends AppTest {

    private static final String PIN = "640218";

    private HttpSession loggaIn(long deltagare) {
        String user = TestData.kontoMedPin(app, deltagare, PIN);
        HttpSession s = app.session();
        s.get("/logga-in/deltagare");
        assertEquals(302, s.post("/logga-in/deltagare", Map.of("anvandarnamn", user, "pin", PIN)).statusCode());
        return s;
    }

    private static int tal(String sql, Object... varden) {
        return app.jdbi().withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < varden.length; i++) {
                q.bind(i, varden[i]);
            }
            return q.mapTo(Integer.class).one();
        });
    }

    /** The koordinator records a follow-up for the participant, as on the follow-up page. */
    private static void uppfoljning(long d) {
        HttpSession k = app.session().loginStaff("koordinator");
        String sida = k.get("/deltagare/" + d + "/uppfoljning").body();
        String uuid = HttpSession.value(sida, "input[name=uuid]");
        HttpResponse<String> svar = k.post("/deltagare/" + d + "/uppfoljning", Map.of("uuid", uuid,
                "datum", "2026-11-23", "notering_intern", "Uppföljning"));
        assertEquals(302, svar.statusCode(), svar.body());
    }

    /** A participant the demo has asked about her first follow-up, who has not answered yet. */
    private static long tillfragad() {
        for (int i = 0; i < 50; i++) {
            String team = List.of("Jobbtorg Farsta", "Jobbtorg Skärholmen", "Jobbtorg Vällingby", "Jobbtorg City").get(i % 4);
            long d = TestData.deltagare(app).iTeam(team).iFas("uppfoljning").utanKonto().medNamn().hamta();
            if (tal("SELECT count(*) FROM enkat_inbjudan WHERE deltagare_id = ? AND tillfalle = 'forsta_uppfoljning'", d) == 1) {
                return d;
            }
        }
        throw new IllegalStateException("the demo has asked no participant in follow-up");
    }

    /** Her answers to every question on the page: the step given, or the first. */
    private static Map<String, String> svar(Document sida, int steg) {
        Map<String, String> form = HttpSession.formData(sida, "form.enkat");
        for (Element fieldset : sida.select("form.enkat fieldset")) {
            String namn = fieldset.selectFirst("input[type=radio]").attr("name");
            int antal = fieldset.select("input[type=radio]").size();
            form.put(namn, Integer.toString(Math.min(steg, antal)));
        }
        return form;
    }

    @Test
    void denForstaUppfoljningenFragarHonSvararEnGangOchTokenGar() {
        long d = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("planerad").utanKonto().medNamn().hamta();
        HttpSession hon = loggaIn(d);
        assertNull(hon.page("/min-planering").selectFirst("#vad-tycker-du"), "not asked before the follow-up");
        assertEquals(0, tal("SELECT count(*) FROM enkat_inbjudan WHERE deltagare_id = ?", d));

        uppfoljning(d);
        assertEquals(1, tal("SELECT count(*) FROM enkat_inbjudan WHERE deltagare_id = ? AND tillfalle = 'forsta_uppfoljning'", d));
        assertEquals(1, tal("SELECT count(*) FROM utskick WHERE deltagare_id = ? AND typ = 'enkat' AND status = 'vantar'"
                + " AND planerad > skapad", d), "one reminder, later");

        Document plan = hon.page("/min-planering");
        Element ruta = plan.selectFirst("#vad-tycker-du");
        assertNotNull(ruta, "the box on her plan");
        assertEquals("Vad tycker du?", ruta.selectFirst("h2").text());
        Element lank = ruta.selectFirst("a");
        assertEquals("/min-planering/enkat/forsta_uppfoljning", lank.attr("href"));

        Document sida = hon.page(lank.attr("href"));
        assertEquals(5, sida.select("form.enkat fieldset").size(), "the demo's example questions");
        assertTrue(sida.text().contains("Jag förstår vad som står i min planering."), sida.text());
        Map<String, String> form = svar(sida, 4);
        String token = form.get("token");
        int fore = tal("SELECT count(*) FROM enkat_svar");
        HttpResponse<String> skickat = hon.post("/min-planering/enkat/forsta_uppfoljning", form);
        assertEquals(302, skickat.statusCode(), skickat.body());
        assertEquals("/min-planering", skickat.headers().firstValue("Location").orElse(""));
        assertTrue(hon.page("/min-planering").text().contains("Tack för dina svar!"));
        assertNull(hon.page("/min-planering").selectFirst("#vad-tycker-du"), "the box is gone");

        assertEquals(fore + 1, tal("SELECT count(*) FROM enkat_svar"));
        assertEquals(0, tal("SELECT count(*) FROM enkat_inbjudan WHERE token = ?", token), "the token is deleted");
        assertEquals(1, tal("SELECT count(*) FROM enkat_besvarad WHERE deltagare_id = ? AND tillfalle = 'forsta_uppfoljning'", d));
        assertEquals(0, tal("SELECT count(*) FROM utskick WHERE deltagare_id = ? AND typ = 'enkat'", d),
                "the reminder is not sent after she answered");

        // Once per occasion: the same form again is refused, and the page says she has answered.
        HttpResponse<String> igen = hon.post("/min-planering/enkat/forsta_uppfoljning", form);
        assertEquals(409, igen.statusCode());
        assertTrue(HttpSession.html(igen).text().contains("Du har redan svarat"), igen.body());
        assertEquals(fore + 1, tal("SELECT count(*) FROM enkat_svar"));
        assertEquals("Du har redan svarat på de här frågorna. Tack för att du svarade!",
                hon.page("/min-planering/enkat/forsta_uppfoljning").selectFirst("#enkat-besked").text());
        // A later follow-up does not ask again.
        uppfoljning(d);
        assertEquals(0, tal("SELECT count(*) FROM enkat_inbjudan WHERE deltagare_id = ?", d));
    }

    @Test
    void ettSvarUtanforSkalanFarEttBeskedPaHennesSprakOchSparasInte() {
        long d = tillfragad();
        HttpSession hon = loggaIn(d);
        Document sida = hon.page("/min-planering/enkat/forsta_uppfoljning");
        Map<String, String> form = svar(sida, 1);
        String forsta = sida.selectFirst("form.enkat fieldset input[type=radio]").attr("name");
        form.put(forsta, "9");
        int fore = tal("SELECT count(*) FROM enkat_svar");
        HttpResponse<String> svar = hon.post("/min-planering/enkat/forsta_uppfoljning", form);
        assertEquals(400, svar.statusCode());
        Document fel = HttpSession.html(svar);
        assertTrue(fel.selectFirst(".felsammanfattning").text().contains("Välj ett av svaren i listan."), svar.body());
        assertEquals(fore, tal("SELECT count(*) FROM enkat_svar"));
        assertEquals(1, tal("SELECT count(*) FROM enkat_inbjudan WHERE deltagare_id = ?", d), "still asked");
        assertEquals(404, hon.get("/min-planering/enkat/nagot_annat").statusCode());
        // A question left blank is no error: it has no row.
        Map<String, String> utanForsta = svar(sida, 2);
        utanForsta.remove(forsta);
        assertEquals(302, hon.post("/min-planering/enkat/forsta_uppfoljning", utanForsta).statusCode());
    }

    @Test
    void avslutetFragarOckså() {
        long d = TestData.deltagare(app).iTeam("Jobbtorg Kista").iFas("uppfoljning").utanKonto().medNamn().hamta();
        HttpSession k = app.session().loginStaff("koordinator");
        k.get("/deltagare/" + d + "/avslut");
        Map<String, String> form = new LinkedHashMap<>(Map.of("orsak", "arbete", "forsorjning", "lon",
                "sysselsattning", "arbete", "steg_mot_arbete", "arbete_studier", "datum", "2026-11-23"));
        assertEquals(302, k.post("/deltagare/" + d + "/avslut", AvslutStod.medBeslut(k, d, form)).statusCode());
        assertEquals(1, tal("SELECT count(*) FROM enkat_inbjudan WHERE deltagare_id = ? AND tillfalle = 'avslut'", d));
        HttpSession hon = loggaIn(d);
        Element lank = hon.page("/min-planering").selectFirst("#vad-tycker-du a[href='/min-planering/enkat/avslut']");
        assertNotNull(lank);
        Document sida = hon.page(lank.attr("href"));
        assertTrue(sida.text().contains("Jag fick det stöd jag behövde."), sida.text());
        assertEquals(302, hon.post("/min-planering/enkat/avslut", svar(sida, 3)).statusCode());
    }

    /**
     * Looks in every table of the database for a way from an answer back to the participant who gave it: a table
     * holding the answer's id together with anything of hers, a key from the answer to a table about people, a
     * time, or an order of rows that follows the order of answering.
     */
    @Test
    void ingenTabellLederFranEttSvarTillbakaTillHenne() {
        List<Long> deltagare = new ArrayList<>();
        Map<Long, String> anvandare = new HashMap<>();
        Set<String> fore = new HashSet<>(app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM enkat_svar")
                .mapTo(String.class).list()));
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long d = tillfragad();
            deltagare.add(d);
            // Her own cell key, the statistics' one, set to one known value for all three.
            app.sql("UPDATE deltagare SET cellnyckel = 77 WHERE id = ?", d);
            HttpSession hon = loggaIn(d);
            anvandare.put(d, app.jdbi().withHandle(h -> h.createQuery("SELECT anvandare_id FROM deltagare WHERE id = :d")
                    .bind("d", d).mapTo(String.class).one()));
            Map<String, String> form = svar(hon.page("/min-planering/enkat/forsta_uppfoljning"), i + 2);
            tokens.add(form.get("token"));
            assertEquals(302, hon.post("/min-planering/enkat/forsta_uppfoljning", form).statusCode());
        }
        List<String> nya = app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM enkat_svar").mapTo(String.class)
                .list()).stream().filter(id -> !fore.contains(id)).toList();
        assertEquals(3, nya.size());

        Map<String, Set<String>> allaKolumner = new LinkedHashMap<>();
        List<String> fel = new ArrayList<>();
        app.jdbi().useHandle(h -> {
            for (String t : app.tabeller()) {
                Set<String> kolumner = new TreeSet<>(app.kolumner(t));
                allaKolumner.put(t, kolumner);
                Set<String> medSvar = new TreeSet<>();
                Set<String> medHenne = new TreeSet<>();
                for (String k : kolumner) {
                    // Byte for byte on PostgreSQL too (LIKE takes no case-blind collation there).
                    String kol = "CAST(\"" + k + "\" AS TEXT)"
                            + (app.motor() == se.finsam.planering.db.Motor.POSTGRESQL ? " COLLATE \"C\"" : "");
                    for (String id : nya) {
                        if (h.createQuery("SELECT EXISTS (SELECT 1 FROM \"" + t + "\" WHERE " + kol + " LIKE :s)")
                                .bind("s", "%" + id + "%").mapTo(Boolean.class).one()) {
                            medSvar.add(k);
                        }
                    }
                    for (String token : tokens) {
                        if (h.createQuery("SELECT EXISTS (SELECT 1 FROM \"" + t + "\" WHERE " + kol + " LIKE :s)")
                                .bind("s", "%" + token + "%").mapTo(Boolean.class).one()) {
                            fel.add(t + "." + k + " still holds a token she answered with");
                        }
                    }
                    if (k.endsWith("deltagare_id") || k.endsWith("anvandare_id") || k.equals("anvandare_id")) {
                        for (long d : deltagare) {
                            String v = k.contains("anvandare") ? anvandare.get(d) : Long.toString(d);
                            if (h.createQuery("SELECT EXISTS (SELECT 1 FROM \"" + t + "\" WHERE " + kol + " = :v)")
                                    .bind("v", v).mapTo(Boolean.class).one()) {
                                medHenne.add(k);
                            }
                        }
                    }
                }
                if (!medSvar.isEmpty() && !medHenne.isEmpty()) {
                    fel.add(t + " holds an answer's id (" + medSvar + ") and one of the participants (" + medHenne + ")");
                }
                if (!medSvar.isEmpty() && !Set.of("enkat_svar", "enkat_svarsrad").contains(t)) {
                    fel.add(t + "." + medSvar + " holds an answer's id");
                }
                // Keys: only the answer's own rows point at an answer, and an answer points at no person.
                for (var fk : h.createQuery(app.motor() == se.finsam.planering.db.Motor.POSTGRESQL ? """
                                SELECT ccu.table_name AS till, kcu.column_name AS fran
                                FROM information_schema.table_constraints tc
                                JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name
                                     AND kcu.table_schema = tc.table_schema
                                JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
                                     AND ccu.table_schema = tc.table_schema
                                WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()
                                  AND tc.table_name = :t"""
                                : "SELECT \"table\" AS till, \"from\" AS fran FROM pragma_foreign_key_list(:t)")
                        .bind("t", t).mapToMap().list()) {
                    String till = (String) fk.get("till");
                    if (till.equals("enkat_svar") && !t.equals("enkat_svarsrad")) {
                        fel.add(t + "." + fk.get("fran") + " refers to an answer");
                    }
                    if (t.startsWith("enkat_svar") && !Set.of("enkat", "enkat_svar", "enkat_fraga", "team").contains(till)) {
                        fel.add(t + "." + fk.get("fran") + " refers from an answer to " + till);
                    }
                }
            }
            // An answer's rows: only what it says, no time, and nothing that keeps the order they came in.
            assertEquals(Set.of("id", "enkat_id", "team_id", "ar", "kon", "aldersband", "aldersgrupp", "cellnyckel"),
                    allaKolumner.get("enkat_svar"));
            // The answer's cell key is its own: not her key (77 for all three), not made from her id.
            List<Integer> nycklar = new ArrayList<>();
            for (String id : nya) {
                nycklar.add(h.createQuery("SELECT cellnyckel FROM enkat_svar WHERE id = :id").bind("id", id)
                        .mapTo(Integer.class).one());
            }
            assertFalse(nycklar.stream().allMatch(k -> k == 77), "the answers' keys are their participants' keys");
            List<Integer> franId = deltagare.stream().map(d -> (int) (d % 256)).sorted().toList();
            assertFalse(nycklar.stream().sorted().toList().equals(franId), "the answers' keys follow her id");

            assertEquals(Set.of("svar_id", "fraga_id", "varde"), allaKolumner.get("enkat_svarsrad"));
            for (String t : List.of("enkat_svar", "enkat_svarsrad", "enkat_besvarad")) {
                assertThrows(org.jdbi.v3.core.JdbiException.class,
                        () -> h.createQuery("SELECT rowid FROM " + t).mapToMap().list(),
                        t + " has no rowid that grows in the order of answering");
            }
            for (String id : nya) {
                assertTrue(id.matches("[0-9a-f]{32}"), "a random id: " + id);
            }
            // What says she answered shares nothing with the answer but the occasion.
            Set<String> gemensamt = new TreeSet<>(allaKolumner.get("enkat_besvarad"));
            gemensamt.retainAll(allaKolumner.get("enkat_svar"));
            assertEquals(Set.of(), gemensamt, "enkat_besvarad and enkat_svar have no column in common");
            assertEquals(Set.of("deltagare_id", "tillfalle"), allaKolumner.get("enkat_besvarad"));
            assertFalse(h.createQuery(app.motor() == se.finsam.planering.db.Motor.POSTGRESQL
                    ? "SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()"
                            + " AND table_name LIKE 'enkat_svar%' AND (is_identity = 'YES' OR column_default LIKE 'nextval%'))"
                    : "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name LIKE 'enkat_svar%'"
                            + " AND upper(sql) LIKE '%AUTOINCREMENT%')").mapTo(Boolean.class).one(),
                    "no sequence numbers");
        });
        assertEquals(List.of(), fel, "a way back from an answer to the participant");
    }

    private static List<List<String>> csv(String text) {
        List<List<String>> rader = new ArrayList<>();
        for (String rad : text.replace("\uFEFF", "").split("\r\n")) {
            if (!rad.isEmpty()) {
                rader.add(List.of(rad.split(";", -1)));
            }
        }
        return rader;
    }

    @Test
    void resultatenArJusteradeMedCellnycklarOchVisasBaraForArSomArSlut() {
        HttpSession styrgrupp = app.session().loginStaff("styrgrupp");
        Document sida = styrgrupp.page("/enkater?ar=2025");
        assertEquals(5, sida.select("section[id^=fraga-]").size(), "one section per question of the active set");
        List<Element> tabeller = sida.select("table.tabell[id$=_team]");
        assertEquals(5, tabeller.size(), "each question by team");
        assertEquals(5, sida.select("table.tabell[id$=_kon]").size(), "by kön");
        assertEquals(5, sida.select("table.tabell[id$=_alder]").size(), "and by age band");
        int enkat = Integer.parseInt(sida.selectFirst("#enkat option[selected]").attr("value"));
        for (Element t : sida.select("table.tabell")) {
            for (Element td : t.select("tbody td.tal:not(.andel)")) {
                int v = Integer.parseInt(td.text());
                assertTrue(v == 0 || v >= se.finsam.planering.statistik.Cellnyckel.MINSTA_VISADE,
                        "a 1 or a 2 is never shown: " + v);
            }
        }
        // A shown count is the cell key method's count of the answers in the database: Jobbtorg Kista's total for
        // the first question, adjusted by the sum of those answers' own keys.
        Element forsta = tabeller.get(0);
        List<String> team = forsta.select("thead th").eachText();
        int kista = team.indexOf("Jobbtorg Kista");
        assertTrue(kista > 0, team.toString());
        String totalt = forsta.select("tbody tr").last().select("td").get(kista - 1).text();
        String villkor = """
                FROM enkat_svarsrad r JOIN enkat_svar s ON s.id = r.svar_id JOIN team t ON t.id = s.team_id
                WHERE s.enkat_id = ? AND s.ar = 2025 AND t.namn = 'Jobbtorg Kista'
                  AND r.fraga_id = (SELECT id FROM enkat_fraga WHERE enkat_id = ? AND ordning = 1)""";
        int iDatabasen = tal("SELECT count(*) " + villkor, enkat, enkat);
        int nyckel = tal("SELECT coalesce(sum(s.cellnyckel), 0) % 256 " + villkor, enkat, enkat);
        assertTrue(iDatabasen > 0, "the demo has answers from Kista");
        assertEquals(Integer.toString(se.finsam.planering.statistik.Cellnyckel.justera(iDatabasen, nyckel)), totalt);
        assertNotNull(sida.selectFirst("#skydd"), "the page says the counts are adjusted");

        // The koordinator sees her own teams only.
        HttpSession koordinator = app.session().loginStaff("koordinator");
        Element hennes = koordinator.page("/enkater?ar=2025").selectFirst("table#tabell-f1_team");
        assertEquals(List.of("Svar", "Jobbtorg Kista", "Summa", "Andel av basen"), hennes.select("thead th").eachText());
        // and the same adjusted count for Kista as the styrgrupp: no exact small counts of her own team's answers.
        assertEquals(totalt, hennes.select("tbody tr").last().select("td").get(0).text());

        // The year in progress: the number of answers, no distribution.
        Document iar = styrgrupp.page("/enkater?ar=2026");
        assertNotNull(iar.selectFirst("#pagaende"));
        assertEquals(0, iar.select("table.tabell").size());
        assertEquals(400, styrgrupp.get("/enkater/svar.csv?ar=2026").statusCode());
        HttpResponse<String> fel = styrgrupp.get("/enkater?ar=tjugo");
        assertEquals(400, fel.statusCode());
        assertTrue(HttpSession.html(fel).selectFirst("#fel").text().contains("Välj ett år"));
        assertEquals(400, styrgrupp.get("/enkater?enkat=999999").statusCode());
    }

    @Test
    void exportenHarEnRadPerSvarUtanIdentitetOchSmaGrupperGrovre() throws IOException {
        HttpSession styrgrupp = app.session().loginStaff("styrgrupp");
        Document sida = styrgrupp.page("/enkater?ar=2025");
        int enkat = Integer.parseInt(sida.selectFirst("#enkat option[selected]").attr("value"));
        HttpResponse<String> svar = styrgrupp.get("/enkater/svar.csv?enkat=" + enkat + "&ar=2025");
        assertEquals(200, svar.statusCode());
        List<List<String>> rader = csv(svar.body());
        assertEquals(List.of("enkat", "tillfalle", "ar", "team", "kon", "aldersband", "f1", "f2", "f3", "f4", "f5"),
                rader.get(0));
        int antal = tal("SELECT count(*) FROM enkat_svar WHERE enkat_id = ? AND ar = 2025", enkat);
        assertEquals(antal, rader.size() - 1, "one row per answer");
        Map<String, Integer> grupper = new HashMap<>();
        for (List<String> rad : rader.subList(1, rader.size())) {
            grupper.merge(String.join("|", rad.subList(2, 6)), 1, Integer::sum);
        }
        boolean grovre = false;
        for (var g : grupper.entrySet()) {
            boolean dold = g.getKey().contains("x");
            grovre |= dold;
            assertTrue(dold || g.getValue() >= 5, "a background shared by fewer than five answers: " + g);
        }
        assertTrue(grovre, "the demo has small groups, coarsened");
        // The same rows as a workbook, and its sheet of questions.
        HttpResponse<byte[]> xlsx = styrgrupp.bytes("/enkater/svar.xlsx?enkat=" + enkat + "&ar=2025");
        assertEquals(200, xlsx.statusCode());
        try (ReadableWorkbook bok = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            List<Row> blad = bok.getFirstSheet().read();
            assertEquals(antal + 1, blad.size());
            assertEquals("aldersband", blad.get(0).getCellText(5));
            List<Row> fragor = bok.getSheets().toList().get(1).read();
            assertEquals("Jag förstår vad som står i min planering.", fragor.get(1).getCellText(1));
        }
        // The koordinator's export holds her teams only.
        HttpSession koordinator = app.session().loginStaff("koordinator");
        List<List<String>> hennes = csv(koordinator.get("/enkater/svar.csv?enkat=" + enkat + "&ar=2025").body());
        for (List<String> rad : hennes.subList(1, hennes.size())) {
            assertTrue(rad.get(3).equals("Jobbtorg Kista") || rad.get(3).equals("x"), rad.toString());
        }
    }
}
