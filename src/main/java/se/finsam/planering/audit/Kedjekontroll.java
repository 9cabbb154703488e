package se.finsam.planering.audit;

import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * The audit log's hash chain checked over every row, and the latest result kept with its time. The check reads
 * the whole log, which grows with every page about a person, so it runs after start-up, every hour and when an
 * administrator asks for it, and the events page shows the latest result instead of reading the log on every view.
 * One check runs at a time; the end of a whole chain is noted in the {@link Kedjeankare} only after it was checked.
 */
public final class Kedjekontroll {

    /** One check's result and when it ended. */
    public record Kontroll(Instant tid, Loggkedja.Resultat resultat) {
    }

    private final Jdbi jdbi;
    private final Kedjeankare ankare;
    private final Clock clock;
    private volatile Kontroll senaste;

    public Kedjekontroll(Jdbi jdbi, Kedjeankare ankare, Clock clock) {
        this.jdbi = jdbi;
        this.ankare = ankare;
        this.clock = clock;
    }

    /** Checks every row now, held to the ends noted earlier; a whole chain's end is noted down. */
    public synchronized Kontroll kontrollera() {
        Loggkedja.Resultat resultat = Handelselogg.kontrolleraKedjan(jdbi, ankare.las());
        if (resultat.hel() && resultat.senasteId() != null) {
            ankare.skriv(resultat.senasteId() + ":" + resultat.senaste());
        }
        Kontroll kontroll = new Kontroll(clock.instant(), resultat);
        senaste = kontroll;
        return kontroll;
    }

    /** The latest check, or one made now if none has run since start. */
    public Kontroll senaste() {
        Kontroll kontroll = senaste;
        return kontroll != null ? kontroll : kontrollera();
    }
}
