package se.finsam.planering.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.finsam.planering.Config;
import se.finsam.planering.auth.Aktiveringskoder;
import se.finsam.planering.auth.Losenordshash;
import se.finsam.planering.db.Databas;

class DemoDataTest {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-11T09:30:00Z"), STOCKHOLM);
    private static final LocalDate TODAY = LocalDate.now(CLOCK);

    private static Losenordshash hasher;
    /** The small demo, seeded once for the class: the tests of it only read. */
    private static Jdbi small;

    @TempDir
    static Path sharedDir;

    @TempDir
    Path dir;

    @BeforeAll
    static void seedSmallDemoOnce() {
        hasher = new Losenordshash();
        small = Databas.open(sharedDir.resolve("demo.db"));
        assertTrue(DemoData.seedIfEmpty(small, CLOCK, Config.DemoMode.SMALL, hasher));
    }

    private Jdbi smallDemo() {
        return small;
    }

    private static long count(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /**
     * The hard cases of what a participant is told: an Arabic reader who has not consented to Jobbtorg and whose
     * open item is owned by Socialtjänsten's handläggare, who is not among her contact persons; and a participant
     * who reads Swedish with a Persian interpreter.
     */
    @Test
    void smallDemoHasTheHardCasesOfWhatSheIsTold() {
        Jdbi jdbi = smallDemo();
        long arabisk = count(jdbi, """
                SELECT count(*) FROM deltagare d WHERE d.sprak = 'ar'
                  AND NOT EXISTS (SELECT 1 FROM samtycke s JOIN organisation o ON o.id = s.organisation_id
                                  WHERE s.deltagare_id = d.id AND o.kod = 'JOBBTORG' AND s.aterkallat_datum IS NULL)
                  AND EXISTS (SELECT 1 FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                              JOIN anvandare a ON a.id = pp.ansvarig_anvandare_id
                              LEFT JOIN planpunkt_aktuell_status st ON st.planpunkt_id = pp.id
                              WHERE p.deltagare_id = d.id AND a.anvandarnamn = 'soc.handlaggare'
                                AND pp.borttagen IS NULL
                                AND coalesce(st.status, 'ej_paborjad') NOT IN ('genomford', 'avslagen')
                                AND EXISTS (SELECT 1 FROM overlamning ov WHERE ov.planpunkt_id = pp.id)
                                AND NOT EXISTS (SELECT 1 FROM kontaktperson k WHERE k.deltagare_id = d.id
                                                AND k.anvandare_id = a.id AND k.till_datum IS NULL))
                  AND NOT EXISTS (SELECT 1 FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                                  JOIN organisation o ON o.id = pp.ansvarig_organisation_id
                                  WHERE p.deltagare_id = d.id AND o.kod = 'JOBBTORG' AND pp.borttagen IS NULL)""");
        assertEquals(1, arabisk);
        assertTrue(count(jdbi, """
                SELECT count(*) FROM deltagare WHERE sprak = 'sv' AND tolkbehov = 1 AND tolksprak = 'fa'""") >= 1);
    }

    /**
     * Kista's next meeting needs interpreters in two languages, one booked and one not yet, so the meeting page shows
     * both; every interpreter of a meeting held was booked.
     */
    @Test
    void smallDemoHasInterpretersBookedAndStillToBook() {
        Jdbi jdbi = smallDemo();
        String nasta = """
                SELECT count(*) FROM mote_deltagare md JOIN deltagare d ON d.id = md.deltagare_id
                WHERE d.tolkbehov = 1 AND md.tolk_bokad %s AND md.mote_id =
                      (SELECT m.id FROM mote m JOIN team t ON t.id = m.team_id WHERE t.namn = 'Jobbtorg Kista'
                         AND m.status = 'planerat' ORDER BY m.start LIMIT 1)""";
        assertTrue(count(jdbi, nasta.formatted("IS NOT NULL")) >= 1, "an interpreter booked for the next meeting");
        assertTrue(count(jdbi, nasta.formatted("IS NULL")) >= 1, "an interpreter still to book for the next meeting");
        assertEquals(0, count(jdbi, """
                SELECT count(*) FROM mote_deltagare md JOIN deltagare d ON d.id = md.deltagare_id
                JOIN mote m ON m.id = md.mote_id
                WHERE d.tolkbehov = 1 AND m.status = 'genomfort' AND md.tolk_bokad IS NULL"""));
    }

    /**
     * What the demo writes reads as staff write: a reader of another language gets the standard "ta med" in her
     * language (not Swedish free text in her letter), and a lifted follow-up says why in a colleague's words.
     */
    @Test
    void demoTextsReadAsStaffWriteThem() {
        Jdbi jdbi = smallDemo();
        assertEquals(0, count(jdbi, """
                SELECT count(*) FROM mote_deltagare md JOIN deltagare d ON d.id = md.deltagare_id
                WHERE d.sprak <> 'sv' AND md.ta_med IS NOT NULL"""));
        assertTrue(count(jdbi, "SELECT count(*) FROM mote_deltagare WHERE ta_med IS NOT NULL") > 0);
        assertTrue(count(jdbi, "SELECT count(*) FROM uppfoljning WHERE eskalera = 1 AND notering_intern IS NOT NULL") > 0);
        assertEquals(0, count(jdbi, """
                SELECT count(*) FROM uppfoljning WHERE notering_intern LIKE 'Punkt fastnat%'
                   OR notering_intern LIKE '%Eskaleras%' OR notering_intern LIKE 'Intern%'"""));
    }

    @Test
    void smallDemoHasTeamsOrganisationsAndParticipantsInEveryStage() {
        Jdbi jdbi = smallDemo();

        assertEquals(5, count(jdbi, "SELECT count(*) FROM team"));
        assertEquals(5, count(jdbi, "SELECT count(*) FROM organisation"));
        long deltagare = count(jdbi, "SELECT count(*) FROM deltagare");
        assertTrue(deltagare >= 55 && deltagare <= 70, "deltagare: " + deltagare);

        List<String> faser = jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT fas FROM deltagare_fas")
                .mapTo(String.class).list());
        assertEquals(Set.of("anmald", "kallad", "planerad", "uppfoljning", "avslutad"), new TreeSet<>(faser));

        long kista = count(jdbi, "SELECT count(*) FROM deltagare d JOIN team t ON t.id = d.team_id"
                + " WHERE t.namn = 'Jobbtorg Kista'");
        for (String team : List.of("Jobbtorg Farsta", "Jobbtorg Skärholmen", "Jobbtorg Vällingby", "Jobbtorg City")) {
            long n = count(jdbi, "SELECT count(*) FROM deltagare d JOIN team t ON t.id = d.team_id"
                    + " WHERE t.namn = '" + team + "'");
            assertTrue(n > 0 && n < kista, team + " has " + n + ", Kista " + kista);
        }
        assertEquals(2, count(jdbi, "SELECT count(*) FROM deltagare WHERE skyddad_identitet = 1"
                + " AND fornamn IS NULL AND telefon IS NULL"));
        assertTrue(count(jdbi, "SELECT count(*) FROM deltagare WHERE tolkbehov = 1 AND sprak <> 'sv'") > 0);
        assertTrue(count(jdbi, "SELECT count(*) FROM deltagare WHERE kod GLOB 'KIS-[0-9][0-9][0-9][0-9]'") >= 15);
    }

    @Test
    void smallDemoHasOutcomesThatLookLikeARealTeams() {
        long avslutade = count(small, "SELECT count(*) FROM avslut WHERE orsak <> 'felregistrering'");
        long arbeteStudier = count(small, "SELECT count(*) FROM avslut WHERE steg_mot_arbete = 'arbete_studier'");
        double andel = (double) arbeteStudier / avslutade;
        assertTrue(andel >= 0.10 && andel <= 0.40, "share closing to work or studies: " + andel);
        assertTrue(count(small, "SELECT count(*) FROM avslut WHERE steg_mot_arbete = 'annan_insats_rehabilitering'") > 0);
        assertEquals(0L, count(small, "SELECT count(*) FROM avslut WHERE sysselsattning IS NULL OR steg_mot_arbete IS NULL"));
        long anmalningar = count(small, "SELECT count(*) FROM anmalan");
        long startStod = count(small, "SELECT count(*) FROM anmalan WHERE forsorjning IN ('forsorjningsstod', 'sjukpenning')");
        assertTrue(startStod * 2 > anmalningar, "most start on försörjningsstöd or sjukpenning: " + startStod + "/" + anmalningar);
        // every participant who has met the team has the inskrivning values; some referrals wait for the team
        assertEquals(0L, count(small, """
                SELECT count(*) FROM anmalan a JOIN deltagare_fas f ON f.deltagare_id = a.deltagare_id
                WHERE f.fas IN ('planerad', 'uppfoljning', 'avslutad') AND a.utbildning IS NULL"""));
        assertTrue(count(small, "SELECT count(*) FROM anmalan WHERE utbildning IS NULL") > 0);
        assertTrue(count(small, "SELECT count(*) FROM anmalan WHERE tid_forsorjning IN ('3_4', '5_9', 'over_9')") * 2
                > count(small, "SELECT count(*) FROM anmalan WHERE tid_forsorjning IS NOT NULL"), "long support common");
        // checks after avslut: done, not reached, and due ones still waiting
        assertTrue(count(small, "SELECT count(*) FROM efterkontroll WHERE nadd = 1") > 0);
        assertTrue(count(small, "SELECT count(*) FROM efterkontroll WHERE nadd = 0") > 0);
        assertTrue(count(small, """
                SELECT count(*) FROM avslut a WHERE a.orsak <> 'felregistrering' AND a.datum <= date(:idag, '-6 months')
                  AND NOT EXISTS (SELECT 1 FROM efterkontroll e WHERE e.deltagare_id = a.deltagare_id)"""
                .replace(":idag", "'" + TODAY + "'")) > 0, "some 6-month checks are overdue");
    }

    /**
     * Some people come back: referred again a year or so after an earlier avslut, the new row naming the closed one
     * as the referral form links them, the same person on both, and the statistics' "referred again" tables count
     * them for the current year.
     */
    @Test
    void smallDemoHasPeopleReferredAgainAfterAnEarlierAvslut() {
        List<Map<String, Object>> par = small.withHandle(h -> h.createQuery("""
                SELECT ny.fornamn || ' ' || ny.efternamn AS ny_namn, fore.fornamn || ' ' || fore.efternamn AS fore_namn,
                       ny.fodelsear AS ny_ar, fore.fodelsear AS fore_ar, ny.kon AS ny_kon, fore.kon AS fore_kon,
                       ny.team_id AS ny_team, fore.team_id AS fore_team, fore.personnummer AS fore_pnr,
                       av.datum AS avslut, av.orsak AS orsak, an.datum AS anmalan
                FROM deltagare ny JOIN deltagare fore ON fore.id = ny.tidigare_deltagare_id
                JOIN avslut av ON av.deltagare_id = fore.id JOIN anmalan an ON an.deltagare_id = ny.id""")
                .mapToMap().list());
        assertTrue(par.size() >= 3, "referred again: " + par.size());
        Set<String> orsaker = new TreeSet<>();
        for (Map<String, Object> p : par) {
            assertEquals(p.get("ny_namn"), p.get("fore_namn"), "the same person");
            assertEquals(p.get("ny_ar"), p.get("fore_ar"));
            assertEquals(p.get("ny_kon"), p.get("fore_kon"));
            assertEquals(p.get("ny_team"), p.get("fore_team"));
            assertNull(p.get("fore_pnr"), "the personnummer is on the newest row only");
            assertFalse("felregistrering".equals(p.get("orsak")));
            LocalDate avslut = LocalDate.parse((String) p.get("avslut"));
            LocalDate anmalan = LocalDate.parse((String) p.get("anmalan"));
            assertEquals(avslut.plusMonths(13), anmalan, "a year or so between");
            orsaker.add((String) p.get("orsak"));
        }
        assertTrue(orsaker.size() >= 3, "for different reasons: " + orsaker);

        // The statistics' tables of those referred again, for the year of the clock, as the koordinator sees them.
        LocalDate fran = TODAY.withDayOfYear(1);
        var repo = new se.finsam.planering.statistik.StatistikRepository(small);
        var resultat = se.finsam.planering.statistik.Statistik.berakna(fran, TODAY,
                se.finsam.planering.statistik.Statistik.Bandset.NATIONELL,
                se.finsam.planering.statistik.Statistik.Skydd.EXAKT, repo.rader(fran, TODAY, null), List.of(), k -> k);
        String[][] igen = resultat.tabell("aterkommande").celler();
        assertTrue(Integer.parseInt(igen[0][igen[0].length - 1]) > 0, "referred again this year");
        String[][] orsak = resultat.tabell("aterkommande_orsak").celler();
        assertTrue(Integer.parseInt(orsak[orsak.length - 1][orsak[0].length - 1]) > 0);
    }

    @Test
    void smallDemoHasOverdueAndStuckItems() {
        Jdbi jdbi = smallDemo();
        String today = TODAY.toString();

        long overdue = count(jdbi, "SELECT count(*) FROM planpunkt p"
                + " JOIN planering pl ON pl.id = p.planering_id"
                + " JOIN deltagare_fas f ON f.deltagare_id = pl.deltagare_id AND f.fas = 'uppfoljning'"
                + " LEFT JOIN planpunkt_aktuell_status s ON s.planpunkt_id = p.id"
                + " WHERE p.borttagen IS NULL AND p.klart_senast < '" + today + "'"
                + " AND coalesce(s.status, 'ej_paborjad') NOT IN ('genomford', 'avslagen')");
        assertTrue(overdue > 0, "some planpunkt should be overdue");

        long stuck = count(jdbi, "SELECT count(*) FROM planpunkt_aktuell_status"
                + " WHERE status = 'fastnat' AND orsak IS NOT NULL");
        assertTrue(stuck > 0, "some planpunkt should be fastnat");
        assertTrue(count(jdbi, "SELECT count(*) FROM uppfoljning WHERE eskalera = 1") > 0);
    }

    @Test
    void smallDemoHasClosuresWithAContinuation() {
        Jdbi jdbi = smallDemo();

        assertTrue(count(jdbi, "SELECT count(DISTINCT orsak) FROM avslut") >= 4);
        assertTrue(count(jdbi, "SELECT count(*) FROM avslut WHERE orsak = 'fortsatt_rehabilitering'") >= 3);
        assertTrue(count(jdbi, "SELECT count(*) FROM avslut WHERE orsak = 'arbete'") >= 2);
        assertEquals(0, count(jdbi, "SELECT count(*) FROM avslut WHERE ingen_fortsattning = 0"
                + " AND (nasta_steg IS NULL OR fortsattning_ansvarig IS NULL)"));
        assertEquals(0, count(jdbi, "SELECT count(*) FROM avslut a JOIN anmalan an ON an.deltagare_id = a.deltagare_id"
                + " WHERE a.datum < an.datum OR a.datum >= '" + TODAY + "'"));
    }

    @Test
    void demoLoginsExistWithRoleTeamAndPassword() {
        Jdbi jdbi = smallDemo();

        Map<String, String> roles = Map.of(
                "koordinator", "koordinator", "handlaggare", "handlaggare", "fk.handlaggare", "handlaggare",
                "region.handlaggare", "handlaggare", "soc.handlaggare", "handlaggare",
                "teamrep.af", "teamrepresentant", "teamrep.fk", "teamrepresentant");
        roles.forEach((user, role) -> {
            assertEquals(role, jdbi.withHandle(h -> h.createQuery("SELECT roll FROM anvandare WHERE anvandarnamn = ?")
                    .bind(0, user).mapTo(String.class).one()), user);
            assertEquals(1, count(jdbi, "SELECT count(*) FROM team_medlem m JOIN team t ON t.id = m.team_id"
                    + " JOIN anvandare a ON a.id = m.anvandare_id"
                    + " WHERE t.namn = 'Jobbtorg Kista' AND a.anvandarnamn = '" + user + "'"), user);
        });
        for (String user : List.of("koordinator.farsta", "koordinator.skarholmen", "koordinator.vallingby",
                "koordinator.city", "teamrep.af.farsta")) {
            assertEquals(1, count(jdbi, "SELECT count(*) FROM team_medlem m JOIN anvandare a ON a.id = m.anvandare_id"
                    + " WHERE a.anvandarnamn = '" + user + "'"), user);
        }
        assertEquals("JOBBTORG", jdbi.withHandle(h -> h.createQuery("SELECT o.kod FROM anvandare a"
                + " JOIN organisation o ON o.id = a.organisation_id WHERE a.anvandarnamn = 'koordinator'")
                .mapTo(String.class).one()));
        assertEquals("AF", jdbi.withHandle(h -> h.createQuery("SELECT o.kod FROM anvandare a"
                + " JOIN organisation o ON o.id = a.organisation_id WHERE a.anvandarnamn = 'handlaggare'")
                .mapTo(String.class).one()));
        for (String user : List.of("admin", "styrgrupp")) {
            assertEquals(1, count(jdbi, "SELECT count(*) FROM anvandare WHERE anvandarnamn = '" + user
                    + "' AND roll = '" + user + "' AND organisation_id IS NULL"));
            assertEquals(0, count(jdbi, "SELECT count(*) FROM team_medlem m JOIN anvandare a ON a.id = m.anvandare_id"
                    + " WHERE a.anvandarnamn = '" + user + "'"));
        }
        assertEquals(0, count(jdbi, "SELECT count(*) FROM anvandare WHERE roll <> 'deltagare'"
                + " AND (titel IS NULL OR telefon IS NULL OR epost IS NULL OR telefontider IS NULL)"));

        String hash = jdbi.withHandle(h -> h.createQuery(
                "SELECT losenord_hash FROM anvandare WHERE anvandarnamn = 'koordinator'").mapTo(String.class).one());
        assertTrue(hasher.matches(DemoData.STAFF_PASSWORD, hash));
    }

    @Test
    void handlaggareHasReferralsAndHandoversSomeNotYetConfirmed() {
        Jdbi jdbi = smallDemo();
        String user = "(SELECT id FROM anvandare WHERE anvandarnamn = 'handlaggare')";

        assertTrue(count(jdbi, "SELECT count(*) FROM anmalan WHERE remitterande_id = " + user) >= 3);
        assertTrue(count(jdbi, "SELECT count(*) FROM planpunkt WHERE ansvarig_anvandare_id = " + user) >= 3);
        assertTrue(count(jdbi, "SELECT count(*) FROM overlamning WHERE till_id = " + user
                + " AND kvitterad IS NOT NULL") > 0);
        assertTrue(count(jdbi, "SELECT count(*) FROM overlamning WHERE till_id = " + user
                + " AND kvitterad IS NULL AND avvisad IS NULL") > 0);
    }

    @Test
    void participantLoginAndActivationCodeAreReady() {
        Jdbi jdbi = smallDemo();

        Map<String, Object> deltagare = jdbi.withHandle(h -> h.createQuery(
                "SELECT a.roll, a.pin_hash, a.organisation_id, t.namn AS team, f.fas FROM anvandare a"
                        + " JOIN deltagare d ON d.anvandare_id = a.id JOIN team t ON t.id = d.team_id"
                        + " JOIN deltagare_fas f ON f.deltagare_id = d.id WHERE a.anvandarnamn = ?")
                .bind(0, DemoData.DEMO_PARTICIPANT_USERNAME).mapToMap().one());
        assertEquals("deltagare", deltagare.get("roll"));
        assertNull(deltagare.get("organisation_id"));
        assertEquals("Jobbtorg Kista", deltagare.get("team"));
        assertEquals("uppfoljning", deltagare.get("fas"));
        assertTrue(hasher.matches(DemoData.DEMO_PARTICIPANT_PIN, (String) deltagare.get("pin_hash")));

        Map<String, Object> kod = jdbi.withHandle(h -> h.createQuery(
                "SELECT a.anvandarnamn, a.pin_hash, k.giltig_till, k.anvand, t.namn AS team, f.fas FROM aktiveringskod k"
                        + " JOIN anvandare a ON a.id = k.anvandare_id JOIN deltagare d ON d.anvandare_id = a.id"
                        + " JOIN team t ON t.id = d.team_id JOIN deltagare_fas f ON f.deltagare_id = d.id"
                        + " WHERE k.kod_hash = ?")
                .bind(0, Aktiveringskoder.hash(DemoData.DEMO_ACTIVATION_CODE)).mapToMap().one());
        assertNull(kod.get("anvandarnamn"));
        assertNull(kod.get("pin_hash"));
        assertNull(kod.get("anvand"));
        assertEquals("Jobbtorg Kista", kod.get("team"));
        assertTrue(Set.of("kallad", "planerad").contains(kod.get("fas")));
        assertTrue(Instant.parse((String) kod.get("giltig_till")).isAfter(CLOCK.instant().plusSeconds(300L * 86_400)));

        List<String> lines = DemoData.loginLines();
        String all = String.join("\n", lines);
        for (String s : List.of("koordinator", "handlaggare", "fk.handlaggare", "admin", "styrgrupp",
                DemoData.STAFF_PASSWORD, DemoData.DEMO_ACTIVATION_CODE, DemoData.DEMO_PARTICIPANT_PIN)) {
            assertTrue(all.contains(s), s);
        }
    }

    /**
     * The participant given the demo activation code, booked into a coming meeting, had her kallelse printed and sent
     * with that code; the demo has no channel, so the outbox row ended as "ingen kanal" and holds no code.
     */
    @Test
    void theActivationParticipantsKallelseWasSentBesideTheLetter() {
        List<Map<String, Object>> rader = smallDemo().withHandle(h -> h.createQuery("""
                        SELECT u.status, u.kanal, u.aktiveringskod, u.skapad, md.kallelse_utskriven, m.status AS mote,
                               t.namn AS team
                        FROM utskick u JOIN mote_deltagare md ON md.id = u.sak_id JOIN mote m ON m.id = md.mote_id
                        JOIN deltagare d ON d.id = u.deltagare_id JOIN team t ON t.id = d.team_id
                        JOIN aktiveringskod k ON k.anvandare_id = d.anvandare_id
                        WHERE u.typ = 'kallelse' AND u.anvandare_id IS NULL AND k.kod_hash = ?""")
                .bind(0, Aktiveringskoder.hash(DemoData.DEMO_ACTIVATION_CODE)).mapToMap().list());
        assertTrue(rader.stream().anyMatch(r -> "Jobbtorg Kista".equals(r.get("team"))), rader.toString());
        for (Map<String, Object> r : rader) {
            assertEquals("ingen_kanal", r.get("status"));
            assertNull(r.get("kanal"));
            assertNull(r.get("aktiveringskod"));
            assertEquals("planerat", r.get("mote"));
            assertEquals(r.get("skapad"), r.get("kallelse_utskriven"), "the letter printed when the message was made");
        }
    }

    @Test
    void internalTextsDifferFromWhatTheParticipantSees() {
        Jdbi jdbi = smallDemo();

        assertEquals(0, count(jdbi, "SELECT count(*) FROM uppfoljning WHERE notering_intern = notering_deltagare"));
        assertEquals(0, count(jdbi, "SELECT count(*) FROM uppfoljning WHERE typ = 'uppfoljning'"
                + " AND (notering_deltagare IS NULL OR notering_intern IS NULL)"));
        assertEquals(0, count(jdbi, "SELECT count(*) FROM planering WHERE mal NOT LIKE 'Jag %'"));
        assertEquals(0, count(jdbi, "SELECT count(*) FROM planering p"
                + " WHERE (SELECT count(*) FROM planpunkt pp WHERE pp.planering_id = p.id) NOT BETWEEN 3 AND 8"));
        assertEquals(0, count(jdbi, "SELECT count(*) FROM planpunkt WHERE typ = 'eget_steg' AND ansvarig_deltagaren = 0"));
        assertEquals(count(jdbi, "SELECT count(*) FROM uppfoljning"),
                count(jdbi, "SELECT count(DISTINCT uuid) FROM uppfoljning"));
    }

    @Test
    void storedTimesUseTheIsoTextForms() {
        Jdbi jdbi = smallDemo();

        assertEquals(0, count(jdbi, "SELECT count(*) FROM mote WHERE start NOT GLOB"
                + " '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]'"));
        assertEquals(0, count(jdbi, "SELECT count(*) FROM uppfoljning WHERE registrerad NOT GLOB"
                + " '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'"
                + " OR datum NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"));
        String now = CLOCK.instant().toString();
        assertEquals(0, count(jdbi, "SELECT count(*) FROM uppfoljning WHERE registrerad > '" + now + "'"));
        assertEquals(0, count(jdbi, "SELECT count(*) FROM overlamning WHERE kvitterad > '" + now + "'"));
        assertTrue(count(jdbi, "SELECT count(*) FROM mote WHERE status = 'planerat' AND start >= '" + TODAY + "'") > 0);
    }

    @Test
    void seedingTwiceDoesNotDuplicate() {
        Jdbi jdbi = smallDemo();
        long deltagare = count(jdbi, "SELECT count(*) FROM deltagare");
        long anvandare = count(jdbi, "SELECT count(*) FROM anvandare");

        assertFalse(DemoData.seedIfEmpty(jdbi, CLOCK, Config.DemoMode.SMALL, hasher));
        assertFalse(DemoData.seedIfEmpty(jdbi, CLOCK, Config.DemoMode.LARGE, hasher));

        assertEquals(deltagare, count(jdbi, "SELECT count(*) FROM deltagare"));
        assertEquals(anvandare, count(jdbi, "SELECT count(*) FROM anvandare"));
        assertEquals(5, count(jdbi, "SELECT count(*) FROM organisation"));
    }

    @Test
    void noneSeedsNothing() {
        Jdbi jdbi = Databas.open(dir.resolve("none.db"));

        assertFalse(DemoData.seedIfEmpty(jdbi, CLOCK, Config.DemoMode.NONE, hasher));

        assertEquals(0, count(jdbi, "SELECT count(*) FROM organisation"));
        assertEquals(0, count(jdbi, "SELECT count(*) FROM anvandare"));
        assertEquals(0, count(jdbi, "SELECT count(*) FROM deltagare"));
    }

    @Test
    void largeSeedWithAChosenCountHasPlansAndFollowUps() {
        Jdbi jdbi = Databas.open(dir.resolve("large.db"));

        DemoData.seedLarge(jdbi, CLOCK, hasher, 500);

        assertEquals(500, count(jdbi, "SELECT count(*) FROM deltagare"));
        assertEquals(5, count(jdbi, "SELECT count(DISTINCT team_id) FROM deltagare"));
        assertTrue(count(jdbi, "SELECT count(*) FROM planering") > 300);
        assertTrue(count(jdbi, "SELECT count(*) FROM uppfoljning") > 300);
        assertTrue(count(jdbi, "SELECT count(*) FROM avslut") > 100);
        double perPlan = (double) count(jdbi, "SELECT count(*) FROM planpunkt") / count(jdbi, "SELECT count(*) FROM planering");
        assertTrue(perPlan >= 4 && perPlan <= 6, "planpunkter per plan: " + perPlan);
        assertEquals(5, count(jdbi, "SELECT count(DISTINCT fas) FROM deltagare_fas"));
        assertNotNull(jdbi.withHandle(h -> h.createQuery("SELECT id FROM anvandare WHERE anvandarnamn = ?")
                .bind(0, DemoData.DEMO_PARTICIPANT_USERNAME).mapTo(Long.class).one()));
        assertNoForeignKeyViolations(jdbi);

        assertThrows(IllegalStateException.class, () -> DemoData.seedLarge(jdbi, CLOCK, hasher, 10));
    }

    @Test
    void foreignKeysHoldAfterSeeding() {
        assertNoForeignKeyViolations(smallDemo());
    }

    private static void assertNoForeignKeyViolations(Jdbi jdbi) {
        List<Map<String, Object>> violations = jdbi.withHandle(h -> h.createQuery("PRAGMA foreign_key_check")
                .mapToMap().list());
        assertEquals(List.of(), violations);
    }
}
