package se.finsam.planering.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.finsam.planering.Config;
import se.finsam.planering.auth.Losenordshash;
import se.finsam.planering.db.Databas;
import se.finsam.planering.db.Databasadress;
import se.finsam.planering.db.Motor;
import se.finsam.planering.testsupport.PostgresqlKluster;
import se.finsam.planering.testsupport.TestApp;

/**
 * The regional data set (FINSAM_DEMO=region), seeded at a hundredth of its size through the same code: twenty
 * teams of equal size, five years of closed participants beside those on their way now, the hard cases of the
 * other sets (protected identities, Arabic readers, consent to only some organisations), the demo logins, and
 * queues as the large set's tests want them. On the engine the tests run on.
 */
class RegionDemoTest {

    private static final Clock CLOCK = Clock.fixed(TestApp.START, Config.TIDSZON);
    private static final LocalDate IDAG = LocalDate.now(CLOCK);
    private static final int DELTAGARE = DemoData.REGION_COUNT / 100;

    private static Losenordshash hasher;
    private static Databas databas;
    private static Jdbi jdbi;
    private static String pgDatabas;

    @BeforeAll
    static void seedaEnHundradel() throws Exception {
        hasher = new Losenordshash();
        Databasadress adress;
        if (TestApp.MOTOR == Motor.POSTGRESQL) {
            pgDatabas = PostgresqlKluster.get().tomDatabas("region_" + System.nanoTime());
            adress = PostgresqlKluster.get().adress(pgDatabas);
        } else {
            adress = Databasadress.sqlite(Files.createTempDirectory("finsam-region").resolve("region.db"));
        }
        databas = Databas.connect(adress);
        jdbi = databas.jdbi();
        DemoData.seedRegion(jdbi, CLOCK, hasher, DELTAGARE);
    }

    @AfterAll
    static void stang() {
        databas.close();
        if (pgDatabas != null) {
            PostgresqlKluster.get().taBort(pgDatabas);
        }
    }

    /** A person's latest participation: the people, without the earlier participations of those referred again. */
    private static final String SENASTE =
            "NOT EXISTS (SELECT 1 FROM deltagare s WHERE s.tidigare_deltagare_id = d.id)";

    private static long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void tjugoTeamLikaStoraMedFemArsDeltagare() {
        assertEquals(DELTAGARE, count("SELECT count(*) FROM deltagare d WHERE " + SENASTE));
        assertTrue(count("SELECT count(*) FROM deltagare WHERE tidigare_deltagare_id IS NOT NULL") > 0,
                "some are referred again, after an earlier participation of their own");
        assertEquals(20, count("SELECT count(*) FROM team"));
        assertEquals(5, count("SELECT count(*) FROM organisation"));
        List<Long> perTeam = jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM team t LEFT JOIN deltagare d ON d.team_id = t.id AND " + SENASTE
                        + " GROUP BY t.id ORDER BY t.id")
                .mapTo(Long.class).list());
        assertEquals(20, perTeam.size());
        perTeam.forEach(n -> assertEquals(DELTAGARE / 20, n, "every team takes the same share: " + perTeam));
        // Every team has its koordinator, a representative and a handläggare of each organisation.
        assertEquals(0, count("""
                SELECT count(*) FROM team t WHERE (SELECT count(*) FROM team_medlem m JOIN anvandare a ON a.id = m.anvandare_id
                                                   WHERE m.team_id = t.id AND a.roll <> 'deltagare') <> 10"""));
        assertEquals(20, count("SELECT count(*) FROM anvandare WHERE roll = 'koordinator'"));

        // Five years: referrals from five years back to the last weeks, most of them closed long ago.
        String forsta = jdbi.withHandle(h -> h.createQuery("SELECT min(datum) FROM anmalan").mapTo(String.class).one());
        String senaste = jdbi.withHandle(h -> h.createQuery("SELECT max(datum) FROM anmalan").mapTo(String.class).one());
        assertTrue(LocalDate.parse(forsta).isBefore(IDAG.minusYears(4).minusMonths(9)), "first referral " + forsta);
        assertTrue(LocalDate.parse(senaste).isAfter(IDAG.minusDays(21)), "latest referral " + senaste);
        for (int ar = IDAG.getYear() - 4; ar <= IDAG.getYear(); ar++) {
            assertTrue(count("SELECT count(*) FROM avslut WHERE datum LIKE '" + ar + "-%'") >= DELTAGARE / 20,
                    "participants closed in " + ar);
        }
        long avslutade = count("SELECT count(*) FROM avslut");
        assertTrue(avslutade * 100 >= 70L * DELTAGARE && avslutade * 100 <= 90L * DELTAGARE, "closed: " + avslutade);
        assertEquals(0, count("SELECT count(*) FROM avslut a JOIN anmalan an ON an.deltagare_id = a.deltagare_id"
                + " WHERE a.datum < an.datum OR a.datum >= '" + IDAG + "'"));
        // The 6- and 12-month checks: each done for about three in four of those due (the 12-month one after the
        // 6-month one), so for about half of those closed over a year ago.
        long forEttAr = count("SELECT count(*) FROM avslut WHERE orsak <> 'felregistrering' AND datum < '"
                + IDAG.minusMonths(13) + "'");
        long tolv = count("SELECT count(*) FROM efterkontroll WHERE manader = 12");
        assertTrue(tolv * 100 >= 40 * forEttAr && tolv * 100 <= 70 * forEttAr,
                tolv + " 12-month checks of " + forEttAr + " closed over a year ago");
    }

    @Test
    void varjeFasOchSvaraFallFinns() {
        assertEquals(5, count("SELECT count(DISTINCT fas) FROM deltagare_fas"));
        assertTrue(count("SELECT count(DISTINCT orsak) FROM avslut") >= 8, "the reasons for closing");
        assertTrue(count("SELECT count(*) FROM uppfoljning") > DELTAGARE, "follow-ups");
        double perPlan = (double) count("SELECT count(*) FROM planpunkt") / count("SELECT count(*) FROM planering");
        assertTrue(perPlan >= 4 && perPlan <= 6, "planpunkter per plan: " + perPlan);
        assertTrue(count("SELECT count(*) FROM deltagare WHERE skyddad_identitet = 1 AND fornamn IS NULL") > 0,
                "protected identities");
        assertTrue(count("SELECT count(*) FROM deltagare WHERE sprak = 'ar'") > 0, "Arabic readers");
        assertTrue(count("SELECT count(*) FROM deltagare WHERE tolksprak = 'ar'") > 0, "Arabic interpreters");
        assertTrue(count("""
                SELECT count(*) FROM deltagare d
                WHERE (SELECT count(*) FROM samtycke s WHERE s.deltagare_id = d.id) BETWEEN 1 AND 4""") > 0,
                "consent to only some of the organisations");
        assertTrue(count("SELECT count(*) FROM samtycke WHERE aterkallat_datum IS NOT NULL") > 0, "consent withdrawn");
        // The survey's answers, of most of those closed, each with its rows.
        long svar = count("SELECT count(*) FROM enkat_svar");
        assertTrue(svar > DELTAGARE, "survey answers: " + svar);
        assertEquals(0, count("SELECT count(*) FROM enkat_svar s"
                + " WHERE NOT EXISTS (SELECT 1 FROM enkat_svarsrad r WHERE r.svar_id = s.id)"));
    }

    @Test
    void demoinloggningarnaFinns() {
        Map<String, String> team = Map.of("koordinator", "Jobbtorg Kista", "teamrep.af.farsta", "Jobbtorg Farsta",
                "koordinator.sodertalje", "Finsam Södertälje", "handlaggare.soc.lidingo", "Finsam Lidingö");
        team.forEach((anvandare, namn) -> assertEquals(namn, jdbi.withHandle(h -> h.createQuery("""
                        SELECT t.namn FROM anvandare a JOIN team_medlem m ON m.anvandare_id = a.id
                        JOIN team t ON t.id = m.team_id WHERE a.anvandarnamn = ?""")
                .bind(0, anvandare).mapTo(String.class).one()), anvandare));
        String hash = jdbi.withHandle(h -> h.createQuery(
                "SELECT losenord_hash FROM anvandare WHERE anvandarnamn = 'koordinator.sodertalje'")
                .mapTo(String.class).one());
        assertTrue(hasher.matches(DemoData.STAFF_PASSWORD, hash));
        String pin = jdbi.withHandle(h -> h.createQuery("SELECT pin_hash FROM anvandare WHERE anvandarnamn = ?")
                .bind(0, DemoData.DEMO_PARTICIPANT_USERNAME).mapTo(String.class).one());
        assertTrue(hasher.matches(DemoData.DEMO_PARTICIPANT_PIN, pin));
        assertEquals(1, count("SELECT count(*) FROM aktiveringskod WHERE anvand IS NULL"));
        // Every koordinator and the admin pass the second factor with the demo secret.
        assertEquals(21, count("SELECT count(*) FROM totp t JOIN anvandare a ON a.id = t.anvandare_id"
                + " WHERE a.roll IN ('koordinator', 'admin')"));
        assertEquals(1, count("SELECT count(*) FROM anvandare WHERE anvandarnamn = 'styrgrupp'"));
    }

    /** As in the large set: nobody closed keeps an open handover, a returned item or an item without a decision. */
    @Test
    void stangdaDeltagareLamnarIngaOppnaKoer() {
        assertEquals(0, count("""
                SELECT count(*) FROM overlamning o JOIN planpunkt pp ON pp.id = o.planpunkt_id
                JOIN planering p ON p.id = pp.planering_id JOIN avslut a ON a.deltagare_id = p.deltagare_id
                WHERE o.kvitterad IS NULL AND o.avvisad IS NULL"""));
        assertEquals(0, count("""
                SELECT count(*) FROM overlamning o JOIN planpunkt pp ON pp.id = o.planpunkt_id
                JOIN planering p ON p.id = pp.planering_id JOIN avslut a ON a.deltagare_id = p.deltagare_id
                WHERE o.avvisad IS NOT NULL AND pp.ansvarig_deltagaren = 0
                  AND NOT EXISTS (SELECT 1 FROM overlamning n WHERE n.planpunkt_id = o.planpunkt_id AND n.id > o.id)"""));
        assertEquals(0, count("""
                SELECT count(*) FROM planering p JOIN avslut a ON a.deltagare_id = p.deltagare_id
                JOIN planpunkt pp ON pp.planering_id = p.id AND pp.borttagen IS NULL
                LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = pp.id
                WHERE coalesce(s.status, 'ej_paborjad') NOT IN ('genomford', 'avslagen')
                  AND NOT EXISTS (SELECT 1 FROM avslut_punkt b WHERE b.planpunkt_id = pp.id)"""));
        // Escalations older than two weeks were answered by the koordinator.
        assertEquals(0, count("""
                SELECT count(*) FROM uppfoljning u WHERE u.eskalera = 1 AND u.datum < '%s'
                  AND NOT EXISTS (SELECT 1 FROM eskalering_hanterad eh WHERE eh.uppfoljning_id = u.id)"""
                .formatted(IDAG.minusDays(14))));
        if (TestApp.MOTOR == Motor.SQLITE) {
            assertEquals(List.of(), jdbi.withHandle(h -> h.createQuery("PRAGMA foreign_key_check").mapToMap().list()));
        }
    }

    /** The data version moved on, and on PostgreSQL its triggers, switched off while the rows were written, are on. */
    @Test
    void datautgavanRaknasEfterSadden() {
        assertTrue(count("SELECT nr FROM datautgava") > 1);
        if (TestApp.MOTOR == Motor.POSTGRESQL) {
            assertEquals(0, count("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D'"));
            assertTrue(count("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'datautgava%' AND tgenabled = 'O'") > 30);
        }
    }

    @Test
    void seedasInteTvaGanger() {
        assertFalse(DemoData.seedIfEmpty(jdbi, CLOCK, Config.DemoMode.REGION, hasher));
        assertThrows(IllegalStateException.class, () -> DemoData.seedRegion(jdbi, CLOCK, hasher, 10));
        assertEquals(DELTAGARE, count("SELECT count(*) FROM deltagare d WHERE " + SENASTE));
    }
}
