package se.finsam.planering.gallring;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import se.finsam.planering.db.Ensamjobb;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily gallring job: at a fixed hour in the clock's time zone it clears every participant whose plan was
 * closed longer ago than her förbund's retention time, each in her own transaction, and records the run with its
 * counts. One run at a time; a failed participant is logged and tried again the next day.
 */
public final class Gallring {

    private static final Logger LOG = LoggerFactory.getLogger(Gallring.class);

    /** What one run did. */
    public record Resultat(long korning, int deltagare, Map<String, Integer> rader, int misslyckade) {
    }

    private final GallringRepository repo;
    private final Clock clock;
    private final int timme;
    private final ReentrantLock enAtGangen = new ReentrantLock();
    private final se.finsam.planering.util.Senare<ObjectMapper> json = se.finsam.planering.util.Senare.av(ObjectMapper::new);

    public Gallring(GallringRepository repo, Clock clock, int timme) {
        this.repo = repo;
        this.clock = clock;
        this.timme = timme;
    }

    /** The next time the job runs, by the clock. */
    public ZonedDateTime nastaKorning() {
        ZonedDateTime nu = ZonedDateTime.now(clock);
        ZonedDateTime idag = nu.toLocalDate().atTime(timme, 0).atZone(clock.getZone());
        return idag.isAfter(nu) ? idag : idag.plusDays(1);
    }

    /**
     * Schedules the daily run on the app's housekeeping thread. Of several servers on one database, the one that
     * takes the night's lease of {@link Ensamjobb#GALLRING} runs it; the others skip that night's run.
     */
    public void schemalagg(ScheduledExecutorService executor, Ensamjobb ensam) {
        long forst = Duration.between(ZonedDateTime.now(clock), nastaKorning()).toMinutes();
        executor.scheduleAtFixedRate(() -> {
            try {
                if (!ensam.ta(Ensamjobb.GALLRING, Ensamjobb.GALLRING_LAS)) {
                    LOG.info("Gallring: another server runs tonight's gallring");
                    return;
                }
                kor("schemalagd körning");
            } catch (RuntimeException e) {
                LOG.error("Gallring failed; it runs again tomorrow", e);
            } catch (Error e) {
                // Caught, or the executor would silently never run it again; the process decides (Vakt).
                LOG.error("Gallring died of an error", e);
                se.finsam.planering.util.Vakt.dodligt(e);
            }
        }, Math.max(1, forst), TimeUnit.DAYS.toMinutes(1), TimeUnit.MINUTES);
    }

    /** Runs now; null when a run is already going on. */
    public Resultat kor(String utfordAv) {
        if (!enAtGangen.tryLock()) {
            return null;
        }
        try {
            LocalDate idag = LocalDate.now(clock);
            List<Long> kandidater = repo.kandidater(idag);
            String beslut = String.join("; ", repo.installningar().stream()
                    .map(i -> (i.forbund().isEmpty() ? "förbundet" : i.forbund()) + ": " + i.manader() + " mån (" + i.beslut() + ")").toList());
            long korning = repo.paborja(clock.instant(), beslut, utfordAv);
            Map<String, Integer> rader = new TreeMap<>();
            int klara = 0;
            int misslyckade = 0;
            for (long d : kandidater) {
                try {
                    Map<String, Integer> hennes = repo.gallra(korning, d, clock.instant());
                    if (!hennes.isEmpty()) {
                        klara++;
                        hennes.forEach((t, n) -> rader.merge(t, n, Integer::sum));
                    }
                } catch (RuntimeException e) {
                    misslyckade++;
                    LOG.error("Gallring of participant {} failed; tried again next run", d, e);
                }
            }
            String raderJson;
            try {
                raderJson = json.get().writeValueAsString(rader);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                raderJson = rader.toString();
            }
            repo.avsluta(korning, clock.instant(), klara, raderJson);
            if (klara > 0 && !repo.rensaFilen()) {
                LOG.warn("Gallring run {}: the write-ahead log could not be cut now (a reader held it); the next"
                        + " checkpoint writes over it", korning);
            }
            LOG.info("Gallring run {} by {}: {} participants cleared, {} failed, rows {}; audit log chain ends at {}",
                    korning, utfordAv, klara, misslyckade, rader, repo.kedjansSlut());
            return new Resultat(korning, klara, rader, misslyckade);
        } finally {
            enAtGangen.unlock();
        }
    }
}
