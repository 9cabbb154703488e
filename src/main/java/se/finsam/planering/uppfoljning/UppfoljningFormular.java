package se.finsam.planering.uppfoljning;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.regex.Pattern;
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

    public record Utfall(Uppfoljning uppfoljning, FormErrors fel) {
        public boolean ok() {
            return fel.isEmpty();
        }
    }

    private UppfoljningFormular() {
    }

    public static Utfall tolka(Map<String, String> falt, long deltagareId, List<UppfoljningRepository.Punkt> punkter,
                               LocalDate idag, LocalDate planSkapad, LongFunction<Optional<Long>> deltagareFor,
                               Messages m) {
        FormErrors fel = new FormErrors();

        String uuid = text(falt, "uuid");
        if (uuid == null || !UUID_FORMAT.matcher(uuid).matches()) {
            fel.add("uuid", m.get("uppf.fel.uuid"));
        }

        LocalDate datum = null;
        String datumText = text(falt, "datum");
        if (datumText == null) {
            fel.add("datum", m.get("uppf.fel.datum.saknas"));
        } else {
            try {
                datum = LocalDate.parse(datumText);
                if (datum.isAfter(idag.plusDays(1))) {
                    fel.add("datum", m.get("uppf.fel.datum.framtid"));
                } else if (planSkapad != null && datum.isBefore(planSkapad)) {
                    fel.add("datum", m.get("uppf.fel.datum.fore", planSkapad.toString()));
                }
            } catch (DateTimeParseException e) {
                fel.add("datum", m.get("uppf.fel.datum.format"));
            }
        }

        Instant klientTid = null;
        String klient = text(falt, "klient_tid");
        if (klient != null) {
            try {
                klientTid = Instant.parse(klient);
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
