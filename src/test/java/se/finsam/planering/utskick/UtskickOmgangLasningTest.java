package se.finsam.planering.utskick;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.finsam.planering.Config;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.testsupport.TestApp;
import se.finsam.planering.testsupport.TestData;

/**
 * What the sender reads for a pass, and that reading it once per pass changes nothing a recipient is promised: the
 * recipients of a pass's rows and their counts for the daily limit are read in a few queries however many rows the
 * pass holds; each recipient still gets no more than the daily limit, counting what she was sent earlier that day;
 * a number changed between two passes is the one the next pass sends to; and a pass in which the gateway fails some
 * messages marks sent, with an audit line, only those it accepted.
 */
class UtskickOmgangLasningTest {

    private static final int MAX_PER_DAG = 3;
    private static LokalSmsgateway gateway;
    private static TestApp app;

    @BeforeAll
    static void starta() throws Exception {
        gateway = new LokalSmsgateway();
        app = gateway.starta(url -> new Kanalinstallning(null, null, url, "api", "hemligt", "FINSAM", MAX_PER_DAG));
        app.tomUtkorgen();
    }

    @AfterAll
    static void stoppa() {
        gateway.stang(app);
    }

    @BeforeEach
    void rensa() {
        gateway.inforTest(app);
    }

    @Test
    void mottagarnaOchDagensAntalLasesMedNagraFragorForHelaOmgangen() {
        List<Long> deltagare = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long d = deltagareMedTelefon("070-555 10 " + (10 + i));
            deltagare.add(d);
            Utkorg.nyttMeddelande(app, d, "lasning:" + i);
        }
        List<String> sql = new ArrayList<>();
        SqlStatements satser = app.app().utskick().repo().jdbi().getConfig(SqlStatements.class);
        SqlLogger fore = satser.getSqlLogger();
        satser.setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext ctx) {
                synchronized (sql) {
                    sql.add(ctx.getRenderedSql().replaceAll("\\s+", " "));
                }
            }
        });
        try {
            app.app().utskick().avsandare().korEnGang();
        } finally {
            satser.setSqlLogger(fore);
        }

        assertEquals(8, gateway.mottagna.size(), "each of the eight got her message");
        assertEquals(1, sql.stream().filter(s -> s.contains("FROM deltagare d LEFT JOIN utskick_val v")).count(),
                "the eight recipients were read in one query");
        assertEquals(1, sql.stream().filter(s -> s.contains("count(*) FROM utskick WHERE anvandare_id IS NULL")).count(),
                "their counts for the daily limit in one");
        for (long d : deltagare) {
            assertEquals("skickat", app.text("SELECT status FROM utskick WHERE deltagare_id = ? AND nyckel LIKE 'lasning:%'", d));
        }
    }

    @Test
    void dagensGransRaknarMedDetSomSkickatsTidigareSammaDagForVarjeMottagare() {
        long full = deltagareMedTelefon("070-555 20 01");
        long tva = deltagareMedTelefon("070-555 20 02");
        long ingen = deltagareMedTelefon("070-555 20 03");
        long personal = personalMedSms("070-555 20 04");
        Instant tidigare = app.clock().instant().minus(Duration.ofHours(1));
        Instant igar = app.clock().instant().minus(Duration.ofDays(1));
        skickatTidigare(full, null, MAX_PER_DAG, tidigare);
        skickatTidigare(tva, null, 1, tidigare);
        skickatTidigare(ingen, null, MAX_PER_DAG, igar);
        skickatTidigare(ingen, personal, MAX_PER_DAG, tidigare);
        List<Long> rader = new ArrayList<>();
        rader.add(Utkorg.nyttMeddelande(app, full, "gräns:full"));
        for (int i = 0; i < 3; i++) {
            rader.add(Utkorg.nyttMeddelande(app, tva, "gräns:tva:" + i));
        }
        for (int i = 0; i < 4; i++) {
            rader.add(Utkorg.nyttMeddelande(app, ingen, "gräns:ingen:" + i));
        }
        long tillPersonal = tillPersonal(personal, ingen, "gräns:personal");
        app.app().utskick().avsandare().korEnGang();

        Instant imorgon = LocalDate.of(2026, 11, 24).atTime(8, 0).atZone(Config.TIDSZON).toInstant();
        assertEquals(List.of("vantar"), statusar(full), "she had her three today already");
        assertEquals(List.of("skickat", "skickat", "vantar"), statusar(tva), "one before, two now");
        assertEquals(List.of("skickat", "skickat", "skickat", "vantar"), statusar(ingen),
                "yesterday's do not count, nor those to staff about her");
        assertEquals("vantar", app.text("SELECT status FROM utskick WHERE id = ?", tillPersonal),
                "the staff member had her three today");
        for (long id : List.of(rader.get(0), rader.get(3), rader.get(7), tillPersonal)) {
            assertEquals(imorgon.toString(), app.text("SELECT planerad FROM utskick WHERE id = ?", id),
                    "held till tomorrow morning");
        }
        assertEquals(5, gateway.mottagna.size());

        app.clock().set(imorgon);
        app.app().utskick().avsandare().korEnGang();
        assertEquals(List.of("skickat"), statusar(full));
        assertEquals(List.of("skickat", "skickat", "skickat"), statusar(tva));
        assertEquals(List.of("skickat", "skickat", "skickat", "skickat"), statusar(ingen));
        assertEquals("skickat", app.text("SELECT status FROM utskick WHERE id = ?", tillPersonal));
    }

    @Test
    void ettNyttNummerMellanTvaOmgangarArDetNastaOmgangSkickarTill() {
        long d = deltagareMedTelefon("070-555 30 01");
        Utkorg.nyttMeddelande(app, d, "nummer:1");
        app.app().utskick().avsandare().korEnGang();
        app.sql("UPDATE deltagare SET telefon = '073-555 30 02' WHERE id = ?", d);
        Utkorg.nyttMeddelande(app, d, "nummer:2");
        app.app().utskick().avsandare().korEnGang();

        assertEquals(List.of("+46705553001", "+46735553002"),
                gateway.mottagna.stream().map(LokalSmsgateway.Mottaget::to).toList());
    }

    @Test
    void enOmgangDarGatewayenFelarNagraMarkerarBaraDeAccepterade() {
        List<Long> deltagare = new ArrayList<>();
        List<Long> rader = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long d = deltagareMedTelefon("070-555 40 0" + i);
            deltagare.add(d);
            rader.add(Utkorg.nyttMeddelande(app, d, "fel:" + i));
        }
        Map<Long, Long> loggadeFore = new java.util.HashMap<>();
        deltagare.forEach(d -> loggadeFore.put(d, loggade(d)));
        gateway.svara(LokalSmsgateway.Svar.OK, LokalSmsgateway.Svar.SERVERFEL, LokalSmsgateway.Svar.OK,
                LokalSmsgateway.Svar.OGILTIGT_NUMMER, LokalSmsgateway.Svar.OK);
        app.app().utskick().avsandare().korEnGang();

        List<String> status = rader.stream().map(id -> app.text("SELECT status FROM utskick WHERE id = ?", id)).toList();
        assertEquals(List.of("skickat", "vantar", "skickat", "misslyckat", "skickat"), status);
        assertEquals(1, app.tal("SELECT forsok FROM utskick WHERE id = ?", rader.get(1)), "the failed try is counted");
        List<Long> loggade = deltagare.stream().map(d -> loggade(d) - loggadeFore.get(d)).toList();
        assertEquals(List.of(1L, 0L, 1L, 0L, 1L), loggade, "an audit line for each message accepted, none for the rest");

        app.clock().advance(Duration.ofMinutes(1));
        app.app().utskick().avsandare().korEnGang();
        assertEquals("skickat", app.text("SELECT status FROM utskick WHERE id = ?", rader.get(1)));
        assertEquals("misslyckat", app.text("SELECT status FROM utskick WHERE id = ?", rader.get(3)), "never again");
        assertEquals(4, gateway.mottagna.size(), "each accepted message once");
    }

    /** A participant with an account (SMS is her default channel) and a number of her own. */
    private static long deltagareMedTelefon(String telefon) {
        long d = TestData.deltagare(app).utanKonto().medNamn().hamta();
        TestData.kontoMedPin(app, d, "428615");
        app.sql("UPDATE deltagare SET telefon = ? WHERE id = ?", telefon, d);
        return d;
    }

    /** A staff member in a team, set to SMS at {@code telefon}. */
    private static long personalMedSms(String telefon) {
        long a = app.tal("""
                SELECT a.id FROM anvandare a WHERE a.aktiv = 1 AND a.roll = 'handlaggare'
                  AND EXISTS (SELECT 1 FROM team_medlem m WHERE m.anvandare_id = a.id) ORDER BY a.id LIMIT 1""");
        app.sql("UPDATE anvandare SET telefon = ? WHERE id = ?", telefon, a);
        app.sql("""
                INSERT INTO utskick_val (anvandare_id, epost, sms, push) VALUES (?, 0, 1, 0)
                ON CONFLICT (anvandare_id) DO UPDATE SET epost = 0, sms = 1, push = 0""", a);
        return a;
    }

    /** {@code antal} messages sent at {@code tid}: to the participant, or with {@code anvandare} to staff about her. */
    private static void skickatTidigare(long deltagare, Long anvandare, int antal, Instant tid) {
        for (int i = 0; i < antal; i++) {
            app.sql("""
                    INSERT INTO utskick (nyckel, typ, team_id, deltagare_id, anvandare_id, skapad, planerad, status,
                                         kanal, skickat, avgjord)
                    SELECT ?, 'plan_andrad', team_id, id, ?, ?, NULL, 'skickat', 'sms', ?, ? FROM deltagare WHERE id = ?""",
                    "tidigare:" + deltagare + ":" + anvandare + ":" + tid + ":" + i, anvandare, tid.toString(),
                    tid.toString(), tid.toString(), deltagare);
        }
    }

    private static long tillPersonal(long anvandare, long deltagare, String nyckel) {
        app.sql("""
                INSERT INTO utskick (nyckel, typ, team_id, deltagare_id, anvandare_id, skapad, planerad)
                SELECT ?, 'overlamnad', team_id, id, ?, ?, NULL FROM deltagare WHERE id = ?""",
                nyckel, anvandare, app.clock().instant().toString(), deltagare);
        return app.tal("SELECT id FROM utskick WHERE nyckel = ?", nyckel);
    }

    /** The statuses of the messages to her (not those to staff about her), in the order they were made. */
    private static List<String> statusar(long deltagare) {
        return app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT status FROM utskick WHERE deltagare_id = :d AND anvandare_id IS NULL
                          AND nyckel LIKE 'gräns:%' ORDER BY id""")
                .bind("d", deltagare).mapTo(String.class).list());
    }

    /** The audit lines saying that she was sent an SMS. */
    private static long loggade(long deltagare) {
        Handelselogg.skrivKlart(app.jdbi());
        return app.tal("SELECT count(*) FROM audit_log WHERE deltagare_id = ? AND vad = 'skickade sms till dig'",
                deltagare);
    }
}
