package se.finsam.planering.varden;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.finsam.planering.atkomst.Roll;
import se.finsam.planering.audit.Handelselogg;

/**
 * The value sets of domain.md: the codes each coded column may hold, in the order forms show them. The
 * database holds the same sets in the table {@code vardemangd} and refuses any other code; VardemangderTest
 * checks that both say exactly the same. Every feature reads its lists from here.
 */
public final class Varden {

    public static final List<String> ORGANISATIONSTYP = List.of("af", "fk", "region", "socialtjanst", "jobbtorg",
            "annan");
    /** The roles as the database stores them; {@link Roll} is their one list. */
    public static final List<String> ROLL = Arrays.stream(Roll.values()).map(Roll::dbValue).toList();
    /** The participant's language (and the language of the pages for those with a bundle). */
    public static final List<String> SPRAK = List.of("sv", "en", "ar", "so", "ti", "fa", "ru", "uk");
    public static final List<String> KON = List.of("kvinna", "man", "annat");
    public static final List<String> SAMTYCKE_HUR = List.of("skriftligt", "muntligt", "digitalt");
    public static final List<String> FORSORJNING = List.of("lon", "studiemedel", "forsorjningsstod", "sjukpenning",
            "rehabiliteringsersattning", "aktivitetsersattning", "sjukersattning", "aktivitetsstod",
            "etableringsersattning", "a_kassa", "ingen", "annan");
    public static final List<String> MOTESSTATUS = List.of("planerat", "genomfort", "installt");
    public static final List<String> PLANPUNKTTYP = List.of("rekommendation", "beslut", "eget_steg");
    public static final List<String> UPPFOLJNINGSTYP = List.of("uppfoljning", "statusandring");
    /** The status of a plan item. */
    public static final List<String> STATUS = List.of("ej_paborjad", "pagar", "genomford", "avslagen", "fastnat");
    public static final List<String> AVSLUTSORSAK = List.of("arbete", "studier", "arbetssokande",
            "fortsatt_rehabilitering", "ratt_ersattning", "flyttat", "avbrutit", "samtycke_aterkallat", "annat",
            "felregistrering");
    /** What an audit log row records; {@link Handelselogg.Handling} is their one list. */
    public static final List<String> HANDLING = Arrays.stream(Handelselogg.Handling.values())
            .map(h -> h.name().toLowerCase(java.util.Locale.ROOT)).toList();
    /** The participant's stage, derived by the view deltagare_fas, in the order a participant passes them. */
    public static final List<String> FAS = List.of("anmald", "kallad", "planerad", "uppfoljning", "avslutad");

    public static final List<String> UTBILDNING = List.of("forgymnasial", "gymnasial", "eftergymnasial_under_3",
            "eftergymnasial_3_eller_mer", "okand");
    public static final List<String> TID_FORSORJNING = List.of("upp_till_1", "1_2", "3_4", "5_9", "over_9", "okant");
    public static final List<String> SYSSELSATTNING = List.of("arbete", "studier", "arbetssokande", "ingen", "annan");
    public static final List<String> JA_NEJ_OKANT = List.of("ja", "nej", "okant");
    public static final List<String> STEG_MOT_ARBETE = List.of("arbete_studier", "annan_insats_rehabilitering",
            "arbetstraning_praktik", "stabil_narvaro", "inget");

    /** What the koordinator must act on: a samtycke the participant withdrew, or her request for a correction. */
    public static final List<String> KOORDINATORUPPGIFT = List.of("samtycke_aterkallat", "rattelse");

    /** Every set by its name in the table vardemangd. */
    public static final Map<String, List<String>> MANGDER;

    static {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("organisationstyp", ORGANISATIONSTYP);
        m.put("roll", ROLL);
        m.put("sprak", SPRAK);
        m.put("kon", KON);
        m.put("samtycke_hur", SAMTYCKE_HUR);
        m.put("forsorjning", FORSORJNING);
        m.put("motesstatus", MOTESSTATUS);
        m.put("planpunkttyp", PLANPUNKTTYP);
        m.put("uppfoljningstyp", UPPFOLJNINGSTYP);
        m.put("status", STATUS);
        m.put("avslutsorsak", AVSLUTSORSAK);
        m.put("handling", HANDLING);
        m.put("fas", FAS);
        m.put("utbildning", UTBILDNING);
        m.put("tid_forsorjning", TID_FORSORJNING);
        m.put("sysselsattning", SYSSELSATTNING);
        m.put("ja_nej_okant", JA_NEJ_OKANT);
        m.put("steg_mot_arbete", STEG_MOT_ARBETE);
        m.put("koordinatoruppgift", KOORDINATORUPPGIFT);
        MANGDER = java.util.Collections.unmodifiableMap(m);
    }

    /** Closures that need no continuation: the person supports themself, or was never a participant. */
    public static final List<String> UTAN_FORTSATTNING = List.of("arbete", "studier", "felregistrering");

    public static final int MAX_NOTERING = 4000;
    public static final int MAX_NASTA_STEG = 2000;
    public static final int MAX_ORSAK = 1000;
    public static final int MAX_SYSSELSATTNING = 200;

    private Varden() {
    }
}
