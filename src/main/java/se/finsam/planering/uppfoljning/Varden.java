package se.finsam.planering.uppfoljning;

import java.util.List;

/** The value sets of domain.md that follow-up and closure use (the database checks them too). */
public final class Varden {

    public static final List<String> STATUS = List.of("ej_paborjad", "pagar", "genomford", "avslagen", "fastnat");
    public static final List<String> FORSORJNING = List.of("lon", "studiemedel", "forsorjningsstod", "sjukpenning",
            "rehabiliteringsersattning", "aktivitetsersattning", "sjukersattning", "aktivitetsstod",
            "etableringsersattning", "a_kassa", "ingen", "annan");
    public static final List<String> AVSLUTSORSAK = List.of("arbete", "studier", "arbetssokande",
            "fortsatt_rehabilitering", "ratt_ersattning", "flyttat", "avbrutit", "samtycke_aterkallat", "annat",
            "felregistrering");
    /** Closures that need no continuation: the person supports themself, or was never a participant. */
    public static final List<String> UTAN_FORTSATTNING = List.of("arbete", "studier", "felregistrering");

    public static final int MAX_NOTERING = 4000;
    public static final int MAX_NASTA_STEG = 2000;
    public static final int MAX_ORSAK = 1000;
    public static final int MAX_SYSSELSATTNING = 200;

    private Varden() {
    }
}
