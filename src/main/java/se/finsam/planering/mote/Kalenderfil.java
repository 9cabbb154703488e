package se.finsam.planering.mote;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Organizer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import se.finsam.planering.sprak.Texter;

/**
 * A participant's booked meeting as an iCalendar file (made with biweekly), in her language. The UID belongs to the
 * booking and stays the same when the meeting or the booking is moved; SEQUENCE rises with each move, so a calendar
 * that already holds the event replaces it.
 */
public final class Kalenderfil {

    private Kalenderfil() {
    }

    /**
     * What the file says; {@code myndigheter} are the organisations taking part that her samtycke covers;
     * {@code organizerEpost} may be null (ORGANIZER is then left out, never empty).
     */
    public record Innehall(long bokningId, int sekvens, LocalDateTime tid, String plats, String syfte, String taMed,
                           String team, java.util.List<String> myndigheter, String organizerNamn,
                           String organizerEpost) {
    }

    public static String uid(long bokningId) {
        return "finsam-bokning-" + bokningId + "@finsam-planering";
    }

    public static String skriv(Innehall i, Texter m, ZoneId zon, Instant nu) {
        ICalendar calendar = new ICalendar();
        calendar.setProductId("-//FINSAM Planering//SV");
        VEvent event = new VEvent();
        Instant start = i.tid().atZone(zon).toInstant();
        event.setDateStart(Date.from(start));
        event.setDateEnd(Date.from(start.plus(Duration.ofMinutes(60))));
        event.setDateTimeStamp(Date.from(nu));
        event.setSummary(m.get("mote.ics.rubrik", i.team()));
        event.getSummary().setLanguage(m.lang());
        event.setLocation(i.plats());
        String syfte = MoteRepository.standardSyfte(i.syfte()) ? m.get("kallelse.syfte.standard") : i.syfte();
        String vem = i.myndigheter().isEmpty() ? "" : "\n" + m.get("mote.vem") + ": " + String.join(", ", i.myndigheter());
        event.setDescription(syfte + "\n" + m.get("mote.tamed") + ": "
                + (i.taMed() == null ? m.get("mote.tamed.standard") : i.taMed()) + vem);
        event.getDescription().setLanguage(m.lang());
        event.setUid(uid(i.bokningId()));
        event.setSequence(i.sekvens());
        if (i.organizerEpost() != null && !i.organizerEpost().isBlank()) {
            event.setOrganizer(new Organizer(i.organizerNamn(), i.organizerEpost().strip()));
        }
        calendar.addEvent(event);
        return Biweekly.write(calendar).go();
    }
}
