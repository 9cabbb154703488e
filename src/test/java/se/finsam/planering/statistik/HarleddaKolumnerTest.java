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
 * What the statistics keep instead of finding it again on every view: each plan item's latest status with its
 * date, and each participant's first kvittens. The database keeps them as statuses and kvittenser are written;
 * they must always say what the history says.
 */
class HarleddaKolumnerTest extends AppTest {

    private static final String SENASTE_I_HISTORIKEN = """
            (SELECT %s FROM uppfoljning_status us JOIN uppfoljning u ON u.id = us.uppfoljning_id
              WHERE us.planpunkt_id = pp.id ORDER BY u.datum DESC, u.registrerad DESC, u.id DESC LIMIT 1)""";

    private static final String FORSTA_I_HISTORIKEN = """
            (SELECT min(ov.kvitterad) FROM planering p JOIN planpunkt x ON x.planering_id = p.id
               JOIN overlamning ov ON ov.planpunkt_id = x.id WHERE p.deltagare_id = d.id)""";

    @Test
    void varjePunktsOchVarjeDeltagaresVardenStammerMedHistoriken() {
        assertEquals(0, felaktigaPunkter(), "every item's kept status and date are its history's latest");
        assertEquals(0, felaktigaDeltagare(), "every participant's first kvittens is her history's first");
        assertTrue(app.tal("SELECT count(*) FROM planpunkt WHERE senaste_status IS NOT NULL") > 100);
        assertTrue(app.tal("SELECT count(*) FROM deltagare WHERE forsta_kvittens IS NOT NULL") > 10);
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
        LocalDate fran = LocalDate.parse("2026-01-01");
        LocalDate till = LocalDate.parse("2026-10-31");
        // An item of a participant in the period whose kept status was set within it.
        long punkt = app.tal("""
                SELECT min(pp.id) FROM planpunkt pp JOIN planering p ON p.id = pp.planering_id
                JOIN anmalan a ON a.deltagare_id = p.deltagare_id
                LEFT JOIN avslut av ON av.deltagare_id = p.deltagare_id
                WHERE pp.borttagen IS NULL AND pp.senaste_status_datum <= '2026-10-31'
                  AND pp.senaste_status IN ('pagar', 'ej_paborjad') AND a.datum <= '2026-10-31' AND av.id IS NULL""");
        StatistikRepository repo = new StatistikRepository(app.jdbi());
        List<StatistikRepository.Punkter> fore = sorterade(repo.planpunkter(fran, till, null));
        List<StatistikRepository.Punkter> novemberFore = sorterade(repo.planpunkter(fran, till.plusMonths(1), null));

        nyStatus(punkt, "2026-11-20", "2026-11-23T09:00:00Z", "genomford");

        assertEquals(fore, sorterade(repo.planpunkter(fran, till, null)),
                "a status set after the period's last day is not counted in it");
        List<StatistikRepository.Punkter> novemberEfter = sorterade(repo.planpunkter(fran, till.plusMonths(1), null));
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
                + SENASTE_I_HISTORIKEN.formatted("u.datum"));
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

    private static List<StatistikRepository.Punkter> sorterade(List<StatistikRepository.Punkter> p) {
        return p.stream().sorted(Comparator.comparing((StatistikRepository.Punkter x) -> String.valueOf(x.ansvarig()))
                .thenComparing(StatistikRepository.Punkter::status)).toList();
    }

    private static int genomforda(List<StatistikRepository.Punkter> p) {
        return p.stream().filter(x -> x.status().equals("genomford")).mapToInt(StatistikRepository.Punkter::antal)
                .sum();
    }
}
