package se.finsam.planering.statistik;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import se.finsam.planering.testsupport.AppTest;

/**
 * What the statistics keep instead of finding it again on every view: each plan item's latest status and the one
 * before it with their dates, and each participant's first kvittens, referral and avslut days, first meeting and
 * latest step towards work. The database keeps them as the history is written; they must always say what the
 * history says.
 */
class HarleddaKolumnerTest extends AppTest {

    private static final String SENASTE_I_HISTORIKEN = """
            (SELECT %s FROM uppfoljning_status us JOIN uppfoljning u ON u.id = us.uppfoljning_id
              WHERE us.planpunkt_id = pp.id ORDER BY u.datum DESC, u.registrerad DESC, u.id DESC LIMIT 1)""";

    /** The period the tests count: it ends before the days the tests write history on. */
    private static final LocalDate FRAN = LocalDate.parse("2026-01-01");
    private static final LocalDate TILL = LocalDate.parse("2026-10-31");

    private static final String FOREGAENDE_I_HISTORIKEN = """
            (SELECT %s FROM uppfoljning_status us JOIN uppfoljning u ON u.id = us.uppfoljning_id
              WHERE us.planpunkt_id = pp.id ORDER BY u.datum DESC, u.registrerad DESC, u.id DESC LIMIT 1 OFFSET 1)""";

    private static final String STEG_I_HISTORIKEN = """
            (SELECT %s FROM uppfoljning u WHERE u.deltagare_id = d.id AND u.steg_mot_arbete IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM uppfoljning r WHERE r.korrigerar_id = u.id)
              ORDER BY u.datum DESC, u.registrerad DESC, u.id DESC LIMIT 1)""";

    private static final String DELTAGARENS_HISTORIK = """
            SELECT count(*) FROM deltagare d LEFT JOIN anmalan a ON a.deltagare_id = d.id
            LEFT JOIN avslut av ON av.deltagare_id = d.id
            WHERE d.statistik_fran IS DISTINCT FROM a.datum
               OR d.statistik_till IS DISTINCT FROM CASE WHEN av.orsak = 'felregistrering' THEN '' ELSE av.datum END
               OR d.forsta_mote IS DISTINCT FROM (
                    SELECT substr(min(m.start), 1, 10) FROM mote_deltagare md JOIN mote m ON m.id = md.mote_id
                    WHERE md.deltagare_id = d.id AND m.status <> 'installt')
               OR d.senaste_steg IS DISTINCT FROM %s OR d.senaste_steg_datum IS DISTINCT FROM %s"""
            .formatted(STEG_I_HISTORIKEN.formatted("u.steg_mot_arbete"), STEG_I_HISTORIKEN.formatted("u.datum"));

    private static final String FORSTA_I_HISTORIKEN = """
            (SELECT min(ov.kvitterad) FROM planering p JOIN planpunkt x ON x.planering_id = p.id
               JOIN overlamning ov ON ov.planpunkt_id = x.id WHERE p.deltagare_id = d.id)""";

    @Test
    void varjePunktsOchVarjeDeltagaresVardenStammerMedHistoriken() {
        assertEquals(0, felaktigaPunkter(), "every item's kept status and date are its history's latest");
        assertEquals(0, felaktigaDeltagare(), "every participant's first kvittens is her history's first");
        assertTrue(app.tal("SELECT count(*) FROM planpunkt WHERE senaste_status IS NOT NULL") > 100);
        assertTrue(app.tal("SELECT count(*) FROM deltagare WHERE forsta_kvittens IS NOT NULL") > 10);
        assertEquals(0, app.tal(DELTAGARENS_HISTORIK), "every participant's days, first meeting and step are her "
                + "history's");
        assertTrue(app.tal("SELECT count(*) FROM planpunkt WHERE foregaende_status IS NOT NULL") > 10);
        assertTrue(app.tal("SELECT count(*) FROM deltagare WHERE forsta_mote IS NOT NULL") > 10);
    }

    @Test
    void enPunktAndradTvaGangerEfterPeriodenRaknasEfterHistoriken() {
        long punkt = app.tal("""
                SELECT min(pp.id) FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                JOIN deltagare d ON d.id = p.deltagare_id
                WHERE pp.borttagen IS NULL AND pp.senaste_status_datum <= '2026-10-31'
                  AND pp.senaste_status = 'pagar' AND d.statistik_fran <= '2026-10-31'
                  AND d.statistik_till IS NULL""");
        StatistikRepository repo = repo();
        List<StatistikRepository.Punkter> fore = sorterade(repo.planpunkter(FRAN, TILL, null));

        // Changed once after the period: the kept status before the latest one is the period's.
        nyStatus(punkt, "2026-11-20", "2026-11-23T09:00:00Z", "genomford");
        assertEquals("pagar", app.text("SELECT foregaende_status FROM planpunkt WHERE id = ?", punkt));
        assertEquals(fore, sorterade(repo.planpunkter(FRAN, TILL, null)));
        // Twice: the period's status is found in the history.
        nyStatus(punkt, "2026-11-21", "2026-11-23T09:05:00Z", "ej_paborjad");
        assertTrue(app.text("SELECT foregaende_status_datum FROM planpunkt WHERE id = ?", punkt)
                .compareTo(TILL.toString()) > 0);
        assertEquals(fore, sorterade(repo.planpunkter(FRAN, TILL, null)),
                "an item changed twice after the period's last day is counted by its status on that day");
        assertEquals(0, felaktigaPunkter());
    }

    @Test
    void forstaMotetFoljerBokningarOchMoten() {
        long deltagare = app.tal("""
                SELECT min(d.id) FROM deltagare d JOIN mote_deltagare md ON md.deltagare_id = d.id
                WHERE d.forsta_mote IS NOT NULL""");
        long team = app.tal("SELECT team_id FROM deltagare WHERE id = ?", deltagare);
        app.sql("INSERT INTO mote (team_id, start, slut, plats) VALUES (?, ?, ?, ?)",
                team, "2019-03-04T09:00", "2019-03-04T10:00", "Rum 1");
        long mote = app.tal("SELECT max(id) FROM mote");
        app.sql("INSERT INTO mote_deltagare (mote_id, deltagare_id, tid) VALUES (?, ?, ?)", mote, deltagare,
                "2019-03-04T09:00");
        assertEquals("2019-03-04", forstaMote(deltagare), "an earlier booking is her first meeting");

        app.sql("UPDATE mote SET start = ?, slut = ? WHERE id = ?", "2019-02-01T09:00", "2019-02-01T10:00", mote);
        assertEquals("2019-02-01", forstaMote(deltagare), "a meeting moved moves her first meeting");

        app.sql("UPDATE mote SET status = 'installt' WHERE id = ?", mote);
        assertNotEquals("2019-02-01", forstaMote(deltagare), "a cancelled meeting is not her first");
        assertEquals(0, app.tal(DELTAGARENS_HISTORIK));

        app.sql("UPDATE mote SET status = 'planerat' WHERE id = ?", mote);
        assertEquals("2019-02-01", forstaMote(deltagare));
        app.sql("DELETE FROM mote_deltagare WHERE mote_id = ?", mote);
        assertNotEquals("2019-02-01", forstaMote(deltagare), "a booking removed is not her first meeting");
        assertEquals(0, app.tal(DELTAGARENS_HISTORIK));
    }

    @Test
    void ettStegEfterPeriodensSlutRaknasInteIDenOchEnRattelseDoljerDetRattade() {
        long deltagare = app.tal("""
                SELECT min(id) FROM deltagare WHERE (senaste_steg_datum IS NULL OR senaste_steg_datum <= '2026-10-15')
                  AND statistik_fran <= '2026-10-15' AND statistik_till IS NULL""");
        String steg = "arbete_studier";
        String annat = "inget";
        StatistikRepository repo = repo();
        nyttSteg(deltagare, "2026-10-15", steg, null);
        assertEquals(steg, stegI(repo.rader(FRAN, TILL, null), deltagare));

        long uppfoljning = nyttSteg(deltagare, "2026-11-20", annat, null);
        assertEquals(annat, app.text("SELECT senaste_steg FROM deltagare WHERE id = ?", deltagare));
        assertEquals(steg, stegI(repo.rader(FRAN, TILL, null), deltagare), "a step after the period is not its");
        assertEquals(annat, stegI(repo.rader(FRAN, TILL.plusMonths(1), null), deltagare));

        nyttSteg(deltagare, "2026-11-20", null, uppfoljning);
        assertEquals(steg, app.text("SELECT senaste_steg FROM deltagare WHERE id = ?", deltagare),
                "a correction without a step hides the step it corrects");
        assertEquals(0, app.tal(DELTAGARENS_HISTORIK));
    }

    @Test
    void enFelregistreringRaknasIIngenPeriod() {
        long deltagare = app.tal("""
                SELECT min(id) FROM deltagare WHERE statistik_fran <= '2026-10-31' AND statistik_till IS NULL""");
        StatistikRepository repo = repo();
        assertTrue(repo.rader(FRAN, TILL, null).stream().anyMatch(r -> r.id() == deltagare));
        long av = app.tal("SELECT min(id) FROM anvandare WHERE roll = 'koordinator'");

        app.sql("""
                INSERT INTO avslut (deltagare_id, datum, orsak, forsorjning, registrerad, registrerad_av)
                VALUES (?, '2026-11-02', 'felregistrering', 'ingen', '2026-11-02T10:00:00Z', ?)""", deltagare, av);

        assertEquals("", app.text("SELECT statistik_till FROM deltagare WHERE id = ?", deltagare));
        assertTrue(repo.rader(FRAN, TILL, null).stream().noneMatch(r -> r.id() == deltagare),
                "one registered by mistake counts in no period");
        assertEquals(0, app.tal(DELTAGARENS_HISTORIK));
    }

    @Test
    void enStatusInfordSenareMenMedTidigareDatumArInteDenSenaste() {
        long punkt = app.tal("SELECT min(id) FROM planpunkt WHERE senaste_status IS NOT NULL");
        String status = app.text("SELECT senaste_status FROM planpunkt WHERE id = ?", punkt);
        String datum = app.text("SELECT senaste_status_datum FROM planpunkt WHERE id = ?", punkt);
        String annan = status.equals("pagar") ? "genomford" : "pagar";

        // A follow-up made offline a day before the latest, and synced only now.
        nyStatus(punkt, LocalDate.parse(datum).minusDays(1).toString(), "2026-11-23T09:00:00Z", annan);
        assertEquals(status, app.text("SELECT senaste_status FROM planpunkt WHERE id = ?", punkt));
        assertEquals(datum, app.text("SELECT senaste_status_datum FROM planpunkt WHERE id = ?", punkt));

        // One of the same day registered later is the latest.
        nyStatus(punkt, datum, "2026-11-23T09:05:00Z", annan);
        assertEquals(annan, app.text("SELECT senaste_status FROM planpunkt WHERE id = ?", punkt));
        assertEquals(0, felaktigaPunkter());
    }

    @Test
    void enStatusEfterPeriodensSlutAndrarInteDessSiffror() {
        // An item of a participant in the period whose kept status was set within it.
        long punkt = app.tal("""
                SELECT min(pp.id) FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                JOIN anmalan a ON a.deltagare_id = p.deltagare_id
                LEFT JOIN avslut av ON av.deltagare_id = p.deltagare_id
                WHERE pp.borttagen IS NULL AND pp.senaste_status_datum <= '2026-10-31'
                  AND pp.senaste_status IN ('pagar', 'ej_paborjad') AND a.datum <= '2026-10-31' AND av.id IS NULL""");
        StatistikRepository repo = repo();
        List<StatistikRepository.Punkter> fore = sorterade(repo.planpunkter(FRAN, TILL, null));
        List<StatistikRepository.Punkter> novemberFore = sorterade(repo.planpunkter(FRAN, TILL.plusMonths(1), null));

        nyStatus(punkt, "2026-11-20", "2026-11-23T09:00:00Z", "genomford");

        assertEquals(fore, sorterade(repo.planpunkter(FRAN, TILL, null)),
                "a status set after the period's last day is not counted in it");
        List<StatistikRepository.Punkter> novemberEfter = sorterade(repo.planpunkter(FRAN, TILL.plusMonths(1), null));
        assertNotEquals(novemberFore, novemberEfter, "a period that includes the day counts it");
        assertEquals(genomforda(novemberFore) + 1, genomforda(novemberEfter));
    }

    @Test
    void forstaKvittensenFlyttasBaraBakat() {
        long deltagare = app.tal("SELECT min(id) FROM deltagare WHERE forsta_kvittens IS NOT NULL");
        String forsta = app.text("SELECT forsta_kvittens FROM deltagare WHERE id = ?", deltagare);
        long punkt = app.tal("""
                SELECT min(pp.id) FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                WHERE p.deltagare_id = ? AND pp.ansvarig_deltagaren = 0""", deltagare);
        long till = app.tal("SELECT min(id) FROM anvandare WHERE roll = 'handlaggare'");

        app.sql("INSERT INTO overlamning (planpunkt_id, till_id, skapad, kvitterad) VALUES (?, ?, ?, ?)",
                punkt, till, "2026-11-23T09:00:00Z", "2026-11-23T09:00:00Z");
        assertEquals(forsta, app.text("SELECT forsta_kvittens FROM deltagare WHERE id = ?", deltagare),
                "a later kvittens leaves the first one");

        app.sql("INSERT INTO overlamning (planpunkt_id, till_id, skapad) VALUES (?, ?, ?)",
                punkt, till, "2020-01-01T08:00:00Z");
        app.sql("UPDATE overlamning SET kvitterad = ? WHERE planpunkt_id = ? AND skapad = ?",
                "2020-01-02T08:00:00Z", punkt, "2020-01-01T08:00:00Z");
        assertEquals("2020-01-02T08:00:00Z",
                app.text("SELECT forsta_kvittens FROM deltagare WHERE id = ?", deltagare),
                "an earlier kvittens is the first");
        assertEquals(0, felaktigaDeltagare());
    }

    private static long felaktigaPunkter() {
        return app.tal("SELECT count(*) FROM planpunkt pp WHERE pp.senaste_status IS DISTINCT FROM "
                + SENASTE_I_HISTORIKEN.formatted("us.status") + " OR pp.senaste_status_datum IS DISTINCT FROM "
                + SENASTE_I_HISTORIKEN.formatted("u.datum") + " OR pp.foregaende_status IS DISTINCT FROM "
                + FOREGAENDE_I_HISTORIKEN.formatted("us.status") + " OR pp.foregaende_status_datum IS DISTINCT FROM "
                + FOREGAENDE_I_HISTORIKEN.formatted("u.datum"));
    }

    private static long felaktigaDeltagare() {
        return app.tal("SELECT count(*) FROM deltagare d WHERE d.forsta_kvittens IS DISTINCT FROM "
                + FORSTA_I_HISTORIKEN);
    }

    private static void nyStatus(long punkt, String datum, String registrerad, String status) {
        long deltagare = app.tal("""
                SELECT p.deltagare_id FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                WHERE pp.id = ?""", punkt);
        long av = app.tal("SELECT min(id) FROM anvandare WHERE roll = 'handlaggare'");
        String uuid = UUID.randomUUID().toString();
        app.sql("""
                INSERT INTO uppfoljning (uuid, deltagare_id, typ, datum, registrerad, registrerad_av)
                VALUES (?, ?, 'statusandring', ?, ?, ?)""", uuid, deltagare, datum, registrerad, av);
        app.sql("INSERT INTO uppfoljning_status (uppfoljning_id, planpunkt_id, status) "
                + "SELECT id, ?, ? FROM uppfoljning WHERE uuid = ?", punkt, status, uuid);
    }

    private static StatistikRepository repo() {
        return new StatistikRepository(app.jdbi());
    }

    private static String forstaMote(long deltagare) {
        return app.text("SELECT forsta_mote FROM deltagare WHERE id = ?", deltagare);
    }

    private static String stegI(List<StatistikRepository.Rad> rader, long deltagare) {
        return rader.stream().filter(r -> r.id() == deltagare).findFirst().orElseThrow().stegUppfoljning();
    }

    /** A follow-up of the participant with a step (or none), correcting another one (or none); its id. */
    private static long nyttSteg(long deltagare, String datum, String steg, Long korrigerar) {
        long av = app.tal("SELECT min(id) FROM anvandare WHERE roll = 'handlaggare'");
        String uuid = UUID.randomUUID().toString();
        app.sql("""
                INSERT INTO uppfoljning (uuid, deltagare_id, typ, datum, registrerad, registrerad_av, steg_mot_arbete,
                                         korrigerar_id)
                VALUES (?, ?, 'uppfoljning', ?, ?, ?, ?, ?)""", uuid, deltagare, datum, "2026-11-23T10:00:00Z", av,
                steg, korrigerar);
        return app.tal("SELECT id FROM uppfoljning WHERE uuid = ?", uuid);
    }

    private static List<StatistikRepository.Punkter> sorterade(List<StatistikRepository.Punkter> p) {
        return p.stream().sorted(Comparator.comparing((StatistikRepository.Punkter x) -> String.valueOf(x.ansvarig()))
                .thenComparing(StatistikRepository.Punkter::status)).toList();
    }

    private static int genomforda(List<StatistikRepository.Punkter> p) {
        return p.stream().filter(x -> x.status().equals("genomford")).mapToInt(StatistikRepository.Punkter::antal)
                .sum();
    }
}
