package se.finsam.planering.uppfoljning;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.regex.Pattern;
import se.finsam.planering.web.Bounds;
import se.finsam.planering.web.FormErrors;
import se.finsam.planering.web.Messages;

/**
 * Reads and checks a follow-up, whether it comes from the HTML form or from the offline outbox
 * (which sends the same fields as JSON). One set of rules for both.
 *
 * Fields: uuid, datum, klient_tid, forsorjning, sysselsattning, notering_deltagare, notering_intern,
 * nasta_steg, eskalera, korrigerar, and per plan item status_ID, orsak_ID and fore_ID (the status
 * the form showed, so only changes are recorded).
 */
public final class UppfoljningFormular {

    private static final Pattern UUID_FORMAT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern ITEM_FIELD = Pattern.compile("(status|orsak|fore)_(\\d{1,12})");

    /** How far the device's clock may be behind or ahead of the server when a record arrives. */
    public static final Duration KLIENTTID_BAKAT = Duration.ofDays(60);
    public static final Duration KLIENTTID_FRAMAT = Duration.ofMinutes(10);
    /** Without a plan, a follow-up may still be dated up to a year back. */
    private static final int ARLIGT_BAKAT = 1;

    public record Utfall(Uppfoljning uppfoljning, FormErrors fel) {
        public boolean ok() {
            return fel.isEmpty();
        }
    }

    private UppfoljningFormular() {
    }

    public static Utfall tolka(Map<String, String> falt, long deltagareId, List<UppfoljningRepository.Punkt> punkter,
                               LocalDate idag, Instant mottagen, LocalDate planSkapad,
                               LongFunction<Optional<Long>> deltagareFor, Messages m) {
        FormErrors fel = new FormErrors();

        String uuid = text(falt, "uuid");
        if (uuid == null || !UUID_FORMAT.matcher(uuid).matches()) {
            fel.add("uuid", m.get("uppf.fel.uuid"));
        }

        // A follow-up is recorded after the plan exists, and never ahead of today (a day's slack for time zones).
        LocalDate datum = Bounds.date(m, "datum", falt.get("datum"))
                .missing(m.get("uppf.fel.datum.saknas"))
                .format(m.get("uppf.fel.datum.format"))
                .from(planSkapad != null ? planSkapad : idag.minusYears(ARLIGT_BAKAT),
                        planSkapad != null ? m.get("uppf.fel.datum.fore", planSkapad.toString()) : null)
                .to(idag.plusDays(1), m.get("uppf.fel.datum.framtid"))
                .read(fel);

        // The device's clock orders events recorded offline, so it must be near the time the server received
        // them: a clock years ahead would otherwise decide the item's status for ever.
        Instant klientTid = null;
        String klient = text(falt, "klient_tid");
        if (klient != null) {
            try {
                klientTid = Instant.parse(klient.length() > 40 ? klient.substring(0, 40) : klient);
                if (klientTid.isBefore(mottagen.minus(KLIENTTID_BAKAT))
                        || klientTid.isAfter(mottagen.plus(KLIENTTID_FRAMAT))) {
                    fel.add("datum", m.get("uppf.fel.klienttid", klientTid.toString(), mottagen.toString()));
                    klientTid = null;
                }
            } catch (DateTimeParseException e) {
                fel.add("datum", m.get("uppf.fel.datum.format"));
            }
        }

        String forsorjning = text(falt, "forsorjning");
        if (forsorjning != null && !Varden.FORSORJNING.contains(forsorjning)) {
            fel.add("forsorjning", m.get("uppf.fel.forsorjning"));
        }
        String sysselsattning = limited(falt, "sysselsattning", Varden.MAX_SYSSELSATTNING, fel, m);
        String noteringDeltagare = limited(falt, "notering_deltagare", Varden.MAX_NOTERING, fel, m);
        String noteringIntern = limited(falt, "notering_intern", Varden.MAX_NOTERING, fel, m);
        String nastaSteg = limited(falt, "nasta_steg", Varden.MAX_NASTA_STEG, fel, m);
        boolean eskalera = "on".equals(falt.get("eskalera")) || "true".equals(falt.get("eskalera"));

        Long korrigerar = null;
        String korr = text(falt, "korrigerar");
        if (korr != null) {
            try {
                korrigerar = Long.parseLong(korr);
                if (!deltagareFor.apply(korrigerar).map(d -> d == deltagareId).orElse(false)) {
                    fel.add("korrigerar", m.get("uppf.fel.korrigerar"));
                }
            } catch (NumberFormatException e) {
                fel.add("korrigerar", m.get("uppf.fel.korrigerar"));
            }
        }

        // Every item field must name an item of this participant's plan.
        for (String key : falt.keySet()) {
            var match = ITEM_FIELD.matcher(key);
            if (match.matches()) {
                long id = Long.parseLong(match.group(2));
                if (punkter.stream().noneMatch(p -> p.id() == id)) {
                    fel.add("punkter", m.get("uppf.fel.punkt"));
                }
            }
        }

        List<Uppfoljning.Status> statusar = new ArrayList<>();
        for (UppfoljningRepository.Punkt p : punkter) {
            String status = text(falt, "status_" + p.id());
            if (status == null) {
                continue;
            }
            if (!Varden.STATUS.contains(status)) {
                fel.add("status_" + p.id(), m.get("uppf.fel.status"));
                continue;
            }
            String orsak = limited(falt, "orsak_" + p.id(), Varden.MAX_ORSAK, fel, m);
            String fore = text(falt, "fore_" + p.id());
            boolean changed = !status.equals(fore == null ? p.statusEllerStart() : fore);
            if ((status.equals("avslagen") || status.equals("fastnat")) && orsak == null && changed) {
                fel.add("orsak_" + p.id(), m.get(status.equals("avslagen") ? "uppf.fel.orsak.avslagen"
                        : "uppf.fel.orsak.fastnat"));
            }
            if (changed || (orsak != null && !orsak.equals(p.orsak()))) {
                statusar.add(new Uppfoljning.Status(p.id(), status, orsak));
            }
        }

        if (fel.isEmpty() && statusar.isEmpty() && forsorjning == null && sysselsattning == null
                && noteringDeltagare == null && noteringIntern == null && nastaSteg == null && !eskalera) {
            fel.add("notering_deltagare", m.get("uppf.fel.tom"));
        }
        Uppfoljning u = fel.isEmpty()
                ? new Uppfoljning(uuid, deltagareId, datum, klientTid, forsorjning, sysselsattning, noteringDeltagare,
                        noteringIntern, nastaSteg, eskalera, korrigerar, List.copyOf(statusar))
                : null;
        return new Utfall(u, fel);
    }

    private static String text(Map<String, String> falt, String key) {
        String value = falt.get(key);
        if (value == null) {
            return null;
        }
        value = value.strip();
        return value.isEmpty() ? null : value;
    }

    private static String limited(Map<String, String> falt, String key, int max, FormErrors fel, Messages m) {
        String value = text(falt, key);
        if (value != null && value.length() > max) {
            fel.add(key, m.get("uppf.fel.lang", max, value.length()));
        }
        return value;
    }
}
