package se.finsam.planering.uppfoljning;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One follow-up event as recorded, online through the form or offline through the outbox. */
public record Uppfoljning(String uuid, long deltagareId, LocalDate datum, Instant klientTid, String forsorjning,
                          String sysselsattning, String noteringDeltagare, String noteringIntern, String nastaSteg,
                          boolean eskalera, Long korrigerar, List<Status> statusar, String stegMotArbete) {

    /** A status for one plan item in this event. */
    public record Status(long planpunktId, String status, String orsak) {
    }

    /** A follow-up with no status and no text besides: a status change of a single item. */
    public String typ() {
        boolean onlyStatus = forsorjning == null && sysselsattning == null && noteringDeltagare == null
                && noteringIntern == null && nastaSteg == null && stegMotArbete == null && statusar.size() == 1;
        return onlyStatus ? "statusandring" : "uppfoljning";
    }
}
