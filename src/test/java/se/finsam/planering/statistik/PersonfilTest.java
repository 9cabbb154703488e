package se.finsam.planering.statistik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

/** The pseudonymised person-level file: the koordinator's teams only, no identity, every participant audited. */
class PersonfilTest extends AppTest {

    @Test
    void personfilenArPseudonymiseradOchLoggad() throws Exception {
        HttpSession k = app.session().loginStaff("koordinator");
        var svar = k.get("/statistik/personfil.csv?ar=2026");
        assertEquals(200, svar.statusCode());
        assertTrue(svar.body().startsWith("\uFEFF"));
        List<CSVRecord> poster = CSVFormat.EXCEL.builder().setDelimiter(';').get()
                .parse(new StringReader(svar.body().substring(1))).getRecords();
        assertEquals(StatistikRoutes.PERSONFIL_KOLUMNER, poster.get(0).toList());
        List<String> koder = poster.subList(1, poster.size()).stream().map(r -> r.get(0)).toList();
        assertTrue(koder.size() > 10, "the team's participants: " + koder.size());
        // her teams only, and nobody's name, personnummer, phone or e-mail anywhere in the file
        List<Long> teams = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT tm.team_id FROM team_medlem tm JOIN anvandare a ON a.id = tm.anvandare_id
                        WHERE a.anvandarnamn = 'koordinator'""").mapTo(Long.class).list());
        app.jdbi().useHandle(h -> h.createQuery("""
                        SELECT kod, team_id, fornamn, efternamn, personnummer, telefon, epost FROM deltagare""")
                .mapToMap().forEach(d -> {
                    boolean egen = teams.contains(((Number) d.get("team_id")).longValue());
                    if (!egen) {
                        assertFalse(koder.contains(d.get("kod")), "another team's participant: " + d.get("kod"));
                    }
                    for (String falt : new String[] {"efternamn", "personnummer", "telefon", "epost"}) {
                        Object v = d.get(falt);
                        if (v != null && v.toString().length() > 3) {
                            assertFalse(svar.body().contains(v.toString()), falt + " in the file: " + v);
                        }
                    }
                }));
        long skyddad = app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM deltagare WHERE skyddad_identitet = 1 AND kod IN (<koder>)""")
                .bindList("koder", koder).mapTo(Long.class).one());
        assertTrue(skyddad > 0, "protected identities are counted, by code only");
        // every participant in it is audited
        String forsta = koder.get(0);
        assertTrue(app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM audit_log l JOIN deltagare d ON d.id = l.deltagare_id
                        WHERE d.kod = :k AND l.vad = 'personfil för förbundets analys'""")
                .bind("k", forsta).mapTo(Long.class).one()) >= 1);
        var xlsx = k.bytes("/statistik/personfil.xlsx?ar=2026");
        assertEquals(200, xlsx.statusCode());
        try (var bok = new org.dhatim.fastexcel.reader.ReadableWorkbook(
                new java.io.ByteArrayInputStream(xlsx.body()))) {
            List<org.dhatim.fastexcel.reader.Row> rader = bok.getFirstSheet().read();
            assertEquals(koder.size() + 1, rader.size());
            assertEquals(forsta, rader.get(1).getCellText(0));
        }
        for (String roll : List.of("styrgrupp", "handlaggare", "teamrep.fk")) {
            assertEquals(403, app.session().loginStaff(roll).get("/statistik/personfil.csv?ar=2026").statusCode(),
                    roll);
        }
    }
}
