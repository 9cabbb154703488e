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
import se.finsam.planering.planering.PlaneringRepository;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.varden.Varden;
import se.finsam.planering.web.Formularfel;
import se.finsam.planering.web.Formular;

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

    public record Utfall(Uppfoljning uppfoljning, Formularfel fel) {
        public boolean ok() {
            return fel.isEmpty();
        }
    }

    /** A field that must be filled in when another field has one of the given values and was changed. */
    public record KravsOm(String falt, String om, List<String> varden, String andrad, String felnyckel) {
    }

    // The rules as data. The server checks them below, and the form carries them as JSON (regler) so that the
    // device checks exactly the same before it stores anything offline. "*" stands for a plan item's id.
    /** The longest text each field may hold. */
    static final Map<String, Integer> MAX_LANGD = new java.util.LinkedHashMap<>(Map.of(
            "sysselsattning", Varden.MAX_SYSSELSATTNING, "notering_deltagare", Varden.MAX_NOTERING,
            "notering_intern", Varden.MAX_NOTERING, "nasta_steg", Varden.MAX_NASTA_STEG, "orsak_*", Varden.MAX_ORSAK));
    /** Fields that only take a value from a list, and the message when they do not. */
    static final Map<String, List<String>> VARDEN = Map.of("forsorjning", Varden.FORSORJNING,
            "steg_mot_arbete", Varden.STEG_MOT_ARBETE, "status_*", Varden.STATUS);
    static final Map<String, String> VARDEN_FEL = Map.of("forsorjning", "uppf.fel.forsorjning",
            "steg_mot_arbete", "uppf.fel.steg", "status_*", "uppf.fel.status");
    /** A rejected or stuck item needs the reason, when its status was changed to that. */
    static final List<KravsOm> KRAVS_OM = List.of(
            new KravsOm("orsak_*", "status_*", List.of("avslagen"), "fore_*", "uppf.fel.orsak.avslagen"),
            new KravsOm("orsak_*", "status_*", List.of("fastnat"), "fore_*", "uppf.fel.orsak.fastnat"));
    /** Something to save: one of these, or a changed status. */
    static final List<String> NAGOT_ATT_SPARA = List.of("forsorjning", "sysselsattning", "notering_deltagare",
            "notering_intern", "nasta_steg", "eskalera", "steg_mot_arbete");
    /** How many days ahead of the server's date a follow-up may be dated (a device a little ahead in time). */
    static final int DAGAR_FRAMAT = 1;

    /** The rules for the device, with the messages in the user's language. */
    public static Map<String, Object> regler(LocalDate planSkapad, Texter m) {
        Map<String, Object> regler = new java.util.LinkedHashMap<>();
        regler.put("kravs", Map.of("datum", m.get("uppf.fel.datum.saknas")));
        Map<String, Object> datum = new java.util.LinkedHashMap<>();
        datum.put("falt", "datum");
        datum.put("format", m.get("uppf.fel.datum.format"));
        datum.put("dagarFramat", DAGAR_FRAMAT);
        datum.put("framtid", m.get("uppf.fel.datum.framtid"));
        if (planSkapad != null) {
            datum.put("min", planSkapad.toString());
            datum.put("fore", m.get("uppf.fel.datum.fore", planSkapad.toString()));
        }
        regler.put("datum", datum);
        regler.put("maxLangd", MAX_LANGD);
        regler.put("lang", m.get("form.fel.lang"));
        regler.put("varden", VARDEN);
        Map<String, String> vardenFel = new java.util.LinkedHashMap<>();
        VARDEN_FEL.forEach((k, v) -> vardenFel.put(k, m.get(v)));
        regler.put("vardenFel", vardenFel);
        regler.put("kravsOm", KRAVS_OM.stream().map(r -> Map.of("falt", r.falt(), "om", r.om(), "varden", r.varden(),
                "andrad", r.andrad(), "fel", m.get(r.felnyckel()))).toList());
        regler.put("nagot", Map.of("falt", NAGOT_ATT_SPARA, "status", "status_*", "fore", "fore_*",
                "vid", "notering_deltagare", "fel", m.get("uppf.fel.tom")));
        regler.put("rubrik", m.get("form.felrubrik"));
        return regler;
    }

    private static String item(String pattern, long id) {
        return pattern.replace("*", Long.toString(id));
    }

    private UppfoljningFormular() {
    }

    public static Utfall tolka(Map<String, String> falt, long deltagareId, List<PlaneringRepository.Planpunkt> punkter,
                               LocalDate idag, Instant mottagen, LocalDate planSkapad,
                               LongFunction<Optional<Long>> deltagareFor, Texter m) {
        Formular f = Formular.av(falt);
        Formularfel fel = f.fel();

        String uuid = text(f, "uuid");
        if (uuid == null || !UUID_FORMAT.matcher(uuid).matches()) {
            fel.add("uuid", "uppf.fel.uuid");
        }

        // A follow-up is recorded after the plan exists, and never ahead of today (a day's slack for time zones).
        Formular.Datum datumFalt = f.datum("datum").saknas("uppf.fel.datum.saknas").format("uppf.fel.datum.format")
                .till(idag.plusDays(DAGAR_FRAMAT), "uppf.fel.datum.framtid");
        if (planSkapad != null) {
            datumFalt.fran(planSkapad, "uppf.fel.datum.fore", planSkapad.toString());
        } else {
            datumFalt.fran(idag.minusYears(ARLIGT_BAKAT));
        }
        LocalDate datum = datumFalt.las();

        // The device's clock orders events recorded offline, so it must be near the time the server received
        // them: a clock years ahead would otherwise decide the item's status for ever.
        Instant klientTid = null;
        String klient = text(f, "klient_tid");
        if (klient != null) {
            try {
                klientTid = Instant.parse(klient.length() > 40 ? klient.substring(0, 40) : klient);
                if (klientTid.isBefore(mottagen.minus(KLIENTTID_BAKAT))
                        || klientTid.isAfter(mottagen.plus(KLIENTTID_FRAMAT))) {
                    fel.add("datum", "uppf.fel.klienttid", klientTid.toString(), mottagen.toString());
                    klientTid = null;
                }
            } catch (DateTimeParseException e) {
                fel.add("datum", "uppf.fel.datum.format");
            }
        }

        String forsorjning = blankNull(f.val("forsorjning", VARDEN.get("forsorjning"), VARDEN_FEL.get("forsorjning")));
        String sysselsattning = limited(f, "sysselsattning", MAX_LANGD.get("sysselsattning"));
        String steg = blankNull(f.val("steg_mot_arbete", VARDEN.get("steg_mot_arbete"),
                VARDEN_FEL.get("steg_mot_arbete")));
        String noteringDeltagare = limited(f, "notering_deltagare", MAX_LANGD.get("notering_deltagare"));
        String noteringIntern = limited(f, "notering_intern", MAX_LANGD.get("notering_intern"));
        String nastaSteg = limited(f, "nasta_steg", MAX_LANGD.get("nasta_steg"));
        boolean eskalera = f.kryss("eskalera", "on") || f.kryss("eskalera", "true");

        Long korrigerar = null;
        if (text(f, "korrigerar") != null) {
            korrigerar = f.id("korrigerar", "uppf.fel.korrigerar");
            if (korrigerar != null && !deltagareFor.apply(korrigerar).map(d -> d == deltagareId).orElse(false)) {
                fel.add("korrigerar", "uppf.fel.korrigerar");
            }
        }

        // Every item field must name an item of this participant's plan.
        for (String key : f.namn()) {
            var match = ITEM_FIELD.matcher(key);
            if (match.matches()) {
                long id = Long.parseLong(match.group(2));
                if (punkter.stream().noneMatch(p -> p.id() == id)) {
                    fel.add("punkter", "uppf.fel.punkt");
                }
            }
        }

        List<Uppfoljning.Status> statusar = new ArrayList<>();
        for (PlaneringRepository.Planpunkt p : punkter) {
            String status = text(f, item("status_*", p.id()));
            if (status == null) {
                continue;
            }
            if (!VARDEN.get("status_*").contains(status)) {
                fel.add(item("status_*", p.id()), VARDEN_FEL.get("status_*"));
                continue;
            }
            String orsak = limited(f, item("orsak_*", p.id()), MAX_LANGD.get("orsak_*"));
            String fore = text(f, item("fore_*", p.id()));
            boolean changed = !status.equals(fore == null ? p.statusEllerStart() : fore);
            for (KravsOm regel : KRAVS_OM) {
                String om = text(f, item(regel.om(), p.id()));
                String andrad = text(f, item(regel.andrad(), p.id()));
                boolean regelAndrad = !java.util.Objects.equals(om, andrad == null ? p.statusEllerStart() : andrad);
                if (regel.varden().contains(om) && regelAndrad && text(f, item(regel.falt(), p.id())) == null) {
                    fel.add(item(regel.falt(), p.id()), regel.felnyckel());
                }
            }
            if (changed || (orsak != null && !orsak.equals(p.orsak()))) {
                statusar.add(new Uppfoljning.Status(p.id(), status, orsak));
            }
        }

        if (fel.isEmpty() && statusar.isEmpty() && forsorjning == null && sysselsattning == null
                && noteringDeltagare == null && noteringIntern == null && nastaSteg == null && steg == null
                && !eskalera) {
            fel.add("notering_deltagare", "uppf.fel.tom");
        }
        Uppfoljning u = fel.isEmpty()
                ? new Uppfoljning(uuid, deltagareId, datum, klientTid, forsorjning, sysselsattning, noteringDeltagare,
                        noteringIntern, nastaSteg, eskalera, korrigerar, List.copyOf(statusar), steg)
                : null;
        return new Utfall(u, fel);
    }

    private static String text(Formular f, String key) {
        return blankNull(f.text(key));
    }

    private static String blankNull(String value) {
        return value.isEmpty() ? null : value;
    }

    private static String limited(Formular f, String key, int max) {
        return blankNull(f.text(key, max));
    }
}
