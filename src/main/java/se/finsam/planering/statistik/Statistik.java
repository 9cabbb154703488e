package se.finsam.planering.statistik;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import se.finsam.planering.varden.Varden;

/** Every figure of the statistics page, computed from the period's rows; nothing is stored. */
public final class Statistik {

    /** Age bands by age at the start of the period (the start's year minus the birth year). */
    public static final List<String> ALDERSBAND = List.of("under30", "30_39", "40_49", "50plus");

    /** A table of counts with translated labels; {@link #celler()} gives it suppressed, totals included. */
    public record Tabell(String id, String rubrik, String radrubrik, List<String> rader, List<String> kolumner,
                         int[][] varden) {
        public String[][] celler() {
            return Smacellsskydd.skydda(varden);
        }

        public boolean tom() {
            for (int[] rad : varden) {
                for (int v : rad) {
                    if (v != 0) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    /** Days between two events: how many, and the quartiles; the quartiles are hidden below five. */
    public record Tid(String rubrik, int antal, Double q1, Double median, Double q3) {
        public boolean visas() {
            return antal >= Smacellsskydd.GRANS;
        }
    }

    public record Resultat(LocalDate fran, LocalDate till, List<Tabell> tabeller, List<Tid> tider,
                           String andelArbeteStudier) {
        public Tabell tabell(String id) {
            return tabeller.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
        }
    }

    private Statistik() {
    }

    public static String aldersband(int fodelsear, LocalDate periodStart) {
        int alder = periodStart.getYear() - fodelsear;
        if (alder < 30) {
            return "under30";
        }
        if (alder < 40) {
            return "30_39";
        }
        return alder < 50 ? "40_49" : "50plus";
    }

    public static Resultat berakna(LocalDate fran, LocalDate till, List<StatistikRepository.Rad> rader,
                                   List<StatistikRepository.Punkt> punkter, Function<String, String> t) {
        List<String> kon = Varden.KON.stream().map(k -> t.apply("kon." + k)).toList();
        List<String> band = ALDERSBAND.stream().map(b -> t.apply("statistik.alder." + b)).toList();
        Predicate<StatistikRepository.Rad> anmald = r -> inom(r.anmalanDatum(), fran, till);
        // The inskrivning date is the date of the first team meeting.
        Predicate<StatistikRepository.Rad> inskriven = r -> inom(r.forstaMote(), fran, till);
        Predicate<StatistikRepository.Rad> avslutad = r -> inom(r.avslutDatum(), fran, till);
        Predicate<StatistikRepository.Rad> pagaende = r -> r.avslutDatum() == null
                || LocalDate.parse(r.avslutDatum()).isAfter(till);

        List<Tabell> tabeller = new ArrayList<>();
        tabeller.add(konOchAlder("anmalda", t, kon, band, rader, anmald, fran));
        tabeller.add(konOchAlder("inskrivna", t, kon, band, rader, inskriven, fran));
        tabeller.add(konOchAlder("pagaende", t, kon, band, rader, pagaende, fran));
        tabeller.add(konOchAlder("avslutade", t, kon, band, rader, avslutad, fran));

        List<StatistikRepository.Rad> avslutade = rader.stream().filter(avslutad).toList();
        List<String> fore = forekommande(Varden.FORSORJNING, avslutade, StatistikRepository.Rad::forsorjningFore);
        List<String> efter = forekommande(Varden.FORSORJNING, avslutade, StatistikRepository.Rad::forsorjningAvslut);
        tabeller.add(korstabell("forsorjning", t, fore, efter, "forsorjning.", avslutade,
                StatistikRepository.Rad::forsorjningFore, StatistikRepository.Rad::forsorjningAvslut));

        // The same flow for sysselsättning, and both six and twelve months after avslut (the current check).
        List<String> syssMangd = med(Varden.SYSSELSATTNING, EJ_REGISTRERAT);
        Function<StatistikRepository.Rad, String> syssFore = r -> ellerEj(r.utfall().sysselsattningFore());
        tabeller.add(korstabell("sysselsattning", t, forekommande(syssMangd, avslutade, syssFore),
                forekommande(syssMangd, avslutade, r -> ellerEj(r.utfall().sysselsattningAvslut())),
                "sysselsattning.", avslutade, syssFore, r -> ellerEj(r.utfall().sysselsattningAvslut())));
        List<String> forsMangd = med(Varden.FORSORJNING, EJ_NADD, INGEN_KONTROLL);
        List<String> syssEfter = med(Varden.SYSSELSATTNING, EJ_REGISTRERAT, EJ_NADD, INGEN_KONTROLL);
        for (int manader : new int[] {6, 12}) {
            Function<StatistikRepository.Rad, String> fors = r -> kontroll(r.utfall(), manader, true);
            Function<StatistikRepository.Rad, String> syss = r -> kontroll(r.utfall(), manader, false);
            tabeller.add(korstabell("forsorjning" + manader, t, fore, forekommande(forsMangd, avslutade, fors),
                    "forsorjning.", avslutade, StatistikRepository.Rad::forsorjningFore, fors));
            tabeller.add(korstabell("sysselsattning" + manader, t, forekommande(syssMangd, avslutade, syssFore),
                    forekommande(syssEfter, avslutade, syss), "sysselsattning.", avslutade, syssFore, syss));
        }

        // At inskrivning, for those enrolled in the period.
        List<StatistikRepository.Rad> inskrivnaRader = rader.stream().filter(inskriven).toList();
        tabeller.add(perKon("utbildning", t, kon, med(Varden.UTBILDNING, EJ_REGISTRERAT), "utbildning.",
                inskrivnaRader, r -> ellerEj(r.utfall().utbildning())));
        tabeller.add(perKon("tid_forsorjning", t, kon, med(Varden.TID_FORSORJNING, EJ_REGISTRERAT),
                "tid_forsorjning.", inskrivnaRader, r -> ellerEj(r.utfall().tidForsorjning())));
        tabeller.add(perKon("anstallning", t, kon, med(Varden.JA_NEJ_OKANT, EJ_REGISTRERAT), "ja_nej_okant.",
                inskrivnaRader, r -> ellerEj(r.utfall().anstallningVidStart())));
        // The step towards work the plan reached, for those closed in the period.
        tabeller.add(perKon("steg", t, kon, med(Varden.STEG_MOT_ARBETE, EJ_REGISTRERAT), "steg.", avslutade,
                r -> ellerEj(r.utfall().steg())));

        List<String> orsaker = forekommande(Varden.AVSLUTSORSAK, avslutade, StatistikRepository.Rad::avslutOrsak);
        int[][] orsak = new int[orsaker.size()][Varden.KON.size()];
        for (StatistikRepository.Rad r : avslutade) {
            orsak[orsaker.indexOf(r.avslutOrsak())][Varden.KON.indexOf(r.kon())]++;
        }
        tabeller.add(new Tabell("avslutsorsak", t.apply("statistik.tabell.avslutsorsak"),
                t.apply("avslut.orsak"), orsaker.stream().map(o -> t.apply("avslutsorsak." + o)).toList(), kon,
                orsak));

        List<StatistikRepository.Rad> inskrivna = rader.stream().filter(anmald).toList();
        List<String> remittenter = new ArrayList<>(new TreeSet<>(inskrivna.stream()
                .map(StatistikRepository.Rad::remitterandeOrganisation).toList()));
        int[][] remiss = new int[remittenter.size()][Varden.KON.size()];
        for (StatistikRepository.Rad r : inskrivna) {
            remiss[remittenter.indexOf(r.remitterandeOrganisation())][Varden.KON.indexOf(r.kon())]++;
        }
        tabeller.add(new Tabell("remitterande", t.apply("statistik.tabell.remitterande"),
                t.apply("statistik.organisation"), remittenter, kon, remiss));

        List<String> ansvariga = new ArrayList<>(new TreeSet<>(punkter.stream()
                .map(p -> p.ansvarig() == null ? t.apply("statistik.deltagaren") : p.ansvarig()).toList()));
        int[][] punktTabell = new int[ansvariga.size()][Varden.STATUS.size()];
        for (StatistikRepository.Punkt p : punkter) {
            String a = p.ansvarig() == null ? t.apply("statistik.deltagaren") : p.ansvarig();
            punktTabell[ansvariga.indexOf(a)][Varden.STATUS.indexOf(p.status())]++;
        }
        tabeller.add(new Tabell("planpunkter", t.apply("statistik.tabell.planpunkter"),
                t.apply("statistik.ansvarig"), ansvariga,
                Varden.STATUS.stream().map(s -> t.apply("status." + s)).toList(), punktTabell));

        int[][] aterkommande = new int[1][Varden.KON.size()];
        for (StatistikRepository.Rad r : inskrivna) {
            if (r.utfall().aterkommande()) {
                aterkommande[0][Varden.KON.indexOf(r.kon())]++;
            }
        }
        tabeller.add(new Tabell("aterkommande", t.apply("statistik.tabell.aterkommande"), "",
                List.of(t.apply("statistik.aterkommande.rad")), kon, aterkommande));

        int[][] nationell = new int[1][Varden.KON.size()];
        for (StatistikRepository.Rad r : rader) {
            nationell[0][Varden.KON.indexOf(r.kon())]++;
        }
        tabeller.add(new Tabell("nationell", t.apply("statistik.tabell.nationell"), "",
                List.of(t.apply("statistik.nationell.rad")), kon, nationell));

        List<Tid> tider = List.of(
                tid(t.apply("statistik.tid.anmalan_mote"), rader, StatistikRepository.Rad::anmalanDatum,
                        StatistikRepository.Rad::forstaMote, till),
                tid(t.apply("statistik.tid.mote_kvittens"), rader, StatistikRepository.Rad::forstaMote,
                        StatistikRepository.Rad::forstaKvittens, till),
                tid(t.apply("statistik.tid.mote_avslut"), rader, StatistikRepository.Rad::forstaMote,
                        StatistikRepository.Rad::avslutDatum, till));

        long arbeteStudier = avslutade.stream().filter(r -> Set.of("arbete", "studier").contains(r.avslutOrsak()))
                .count();
        String andel = avslutade.size() < Smacellsskydd.GRANS
                || (arbeteStudier > 0 && arbeteStudier < Smacellsskydd.GRANS)
                || (avslutade.size() - arbeteStudier > 0 && avslutade.size() - arbeteStudier < Smacellsskydd.GRANS)
                ? null : Math.round(100.0 * arbeteStudier / avslutade.size()) + " %";
        return new Resultat(fran, till, tabeller, tider, andel);
    }

    /** Not recorded (rows from before the outcome data), no check yet, and a check that did not reach her. */
    static final String EJ_REGISTRERAT = "ej_registrerat";
    static final String EJ_NADD = "ej_nadd";
    static final String INGEN_KONTROLL = "ingen_kontroll";

    private static List<String> med(List<String> mangd, String... extra) {
        List<String> alla = new ArrayList<>(mangd);
        alla.addAll(List.of(extra));
        return alla;
    }

    private static String ellerEj(String varde) {
        return varde == null ? EJ_REGISTRERAT : varde;
    }

    /** The current check's försörjning (or sysselsättning) at 6 or 12 months, or why there is none. */
    private static String kontroll(StatistikRepository.Utfall u, int manader, boolean forsorjning) {
        Integer nadd = manader == 6 ? u.nadd6() : u.nadd12();
        if (nadd == null) {
            return INGEN_KONTROLL;
        }
        if (nadd == 0) {
            return EJ_NADD;
        }
        String v = forsorjning ? (manader == 6 ? u.forsorjning6() : u.forsorjning12())
                : (manader == 6 ? u.sysselsattning6() : u.sysselsattning12());
        return ellerEj(v);
    }

    /** One row per value that occurs (in the set's order), one column per kön. */
    private static Tabell perKon(String id, Function<String, String> t, List<String> kon, List<String> mangd,
                                 String prefix, List<StatistikRepository.Rad> urval,
                                 Function<StatistikRepository.Rad, String> varde) {
        List<String> rader = forekommande(mangd, urval, varde);
        int[][] v = new int[rader.size()][Varden.KON.size()];
        for (StatistikRepository.Rad r : urval) {
            v[rader.indexOf(varde.apply(r))][Varden.KON.indexOf(r.kon())]++;
        }
        return new Tabell(id, t.apply("statistik.tabell." + id), t.apply("statistik.tabell." + id + ".rad"),
                rader.stream().map(x -> t.apply(prefix + x)).toList(), kon, v);
    }

    private static Tabell konOchAlder(String id, Function<String, String> t, List<String> kon, List<String> band,
                                      List<StatistikRepository.Rad> rader,
                                      Predicate<StatistikRepository.Rad> med, LocalDate fran) {
        int[][] v = new int[Varden.KON.size()][ALDERSBAND.size()];
        for (StatistikRepository.Rad r : rader) {
            if (med.test(r)) {
                v[Varden.KON.indexOf(r.kon())][ALDERSBAND.indexOf(aldersband(r.fodelsear(), fran))]++;
            }
        }
        return new Tabell(id, t.apply("statistik.tabell." + id), t.apply("statistik.kon"), kon, band, v);
    }

    private static Tabell korstabell(String id, Function<String, String> t, List<String> rader, List<String> kolumner,
                                     String prefix, List<StatistikRepository.Rad> urval,
                                     Function<StatistikRepository.Rad, String> rad,
                                     Function<StatistikRepository.Rad, String> kolumn) {
        int[][] v = new int[rader.size()][kolumner.size()];
        for (StatistikRepository.Rad r : urval) {
            v[rader.indexOf(rad.apply(r))][kolumner.indexOf(kolumn.apply(r))]++;
        }
        return new Tabell(id, t.apply("statistik.tabell." + id), t.apply("statistik.fore"),
                rader.stream().map(x -> t.apply(prefix + x)).toList(),
                kolumner.stream().map(x -> t.apply(prefix + x)).toList(), v);
    }

    /** The values of a value set that occur, in the value set's order. */
    private static List<String> forekommande(List<String> mangd, List<StatistikRepository.Rad> rader,
                                             Function<StatistikRepository.Rad, String> varde) {
        Set<String> finns = new LinkedHashSet<>();
        rader.forEach(r -> finns.add(varde.apply(r)));
        return mangd.stream().filter(finns::contains).toList();
    }

    /** Days from one event to the next, for the participants whose second event falls within the period. */
    private static Tid tid(String rubrik, List<StatistikRepository.Rad> rader,
                           Function<StatistikRepository.Rad, String> fran,
                           Function<StatistikRepository.Rad, String> till, LocalDate periodSlut) {
        List<Long> dagar = new ArrayList<>();
        for (StatistikRepository.Rad r : rader) {
            String a = fran.apply(r);
            String b = till.apply(r);
            if (a != null && b != null && !LocalDate.parse(b).isAfter(periodSlut)
                    && !LocalDate.parse(b).isBefore(LocalDate.parse(a))) {
                dagar.add(ChronoUnit.DAYS.between(LocalDate.parse(a), LocalDate.parse(b)));
            }
        }
        dagar.sort(null);
        if (dagar.isEmpty()) {
            return new Tid(rubrik, 0, null, null, null);
        }
        return new Tid(rubrik, dagar.size(), kvantil(dagar, 0.25), kvantil(dagar, 0.5), kvantil(dagar, 0.75));
    }

    /** Linear interpolation between the closest ranks (the usual spreadsheet QUARTILE.INC). */
    static double kvantil(List<Long> sorterade, double p) {
        double pos = p * (sorterade.size() - 1);
        int lag = (int) Math.floor(pos);
        int hog = (int) Math.ceil(pos);
        return sorterade.get(lag) + (pos - lag) * (sorterade.get(hog) - sorterade.get(lag));
    }

    private static boolean inom(String datum, LocalDate fran, LocalDate till) {
        if (datum == null) {
            return false;
        }
        LocalDate d = LocalDate.parse(datum);
        return !d.isBefore(fran) && !d.isAfter(till);
    }
}
