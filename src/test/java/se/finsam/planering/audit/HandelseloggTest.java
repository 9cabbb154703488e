package se.finsam.planering.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import se.finsam.planering.Config;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.MutableClock;

/** Reads go through the writer: every look is kept, and identical looks in the same second share a row. */
class HandelseloggTest extends AppTest {

    /** The looks per second, person and address, with how many rows hold them. */
    private static List<String> rader(Jdbi jdbi, long a, long b) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT tid || ' ' || handling || ' ' || CASE deltagare_id WHEN :a THEN 'A' WHEN :b THEN 'B' END
                               || ' ' || adress || ' x' || sum(antal)
                        FROM audit_log WHERE vad = 'provöversikt'
                        GROUP BY tid, handling, deltagare_id, adress ORDER BY 1""")
                .bind("a", a).bind("b", b).mapTo(String.class).list());
    }

    private static int antalRader(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log WHERE vad = 'provöversikt'")
                .mapTo(Integer.class).one());
    }

    @Test
    void likaLasningarSammaSekundBlirEnRadMedAntal() {
        Jdbi jdbi = app.jdbi();
        long anvandare = jdbi.withHandle(h -> h.createQuery(
                "SELECT id FROM anvandare WHERE anvandarnamn = 'koordinator'").mapTo(Long.class).one());
        List<Long> tva = jdbi.withHandle(h -> h.createQuery("SELECT id FROM deltagare ORDER BY id LIMIT 2")
                .mapTo(Long.class).list());
        long a = tva.get(0);
        long b = tva.get(1);
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00.100Z"), Config.TIDSZON);
        Handelselogg audit = new Handelselogg(jdbi, clock);
        try {
            // Holding the log's lock keeps its writer waiting, as a busy server does: the reads queue up.
            synchronized (audit) {
                // A list of two people shown 100 times within the second, and a change in between.
                for (int i = 0; i < 100; i++) {
                    audit.logMany(anvandare, Handelselogg.Handling.LAS, List.of(a, b), "provöversikt", "10.0.0.1");
                    if (i == 50) {
                        clock.advance(Duration.ofMillis(400));
                        audit.log(anvandare, Handelselogg.Handling.ANDRA, a, "provöversikt", "10.0.0.1");
                    }
                }
                // The same look from another address, and the same look a second later, are rows of their own.
                audit.log(anvandare, Handelselogg.Handling.LAS, a, "provöversikt", "10.0.0.2");
                clock.advance(Duration.ofSeconds(1));
                audit.log(anvandare, Handelselogg.Handling.LAS, a, "provöversikt", "10.0.0.1");
            }
            audit.skrivKlart();

            assertEquals(List.of(
                    "2026-03-02T09:00:00Z andra A 10.0.0.1 x1",
                    "2026-03-02T09:00:00Z las A 10.0.0.1 x100",
                    "2026-03-02T09:00:00Z las A 10.0.0.2 x1",
                    "2026-03-02T09:00:00Z las B 10.0.0.1 x100",
                    "2026-03-02T09:00:01Z las A 10.0.0.1 x1"), rader(jdbi, a, b), "every look is counted");
            // Five kinds of rows; the writer may already have taken the first read off the queue on its own.
            int rows = antalRader(jdbi);
            org.junit.jupiter.api.Assertions.assertTrue(rows <= 6, rows + " rows for 203 looks");
        } finally {
            audit.close();
        }
    }
}
