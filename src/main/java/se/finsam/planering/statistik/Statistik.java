package se.finsam.planering.statistik;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import se.finsam.planering.varden.Varden;

/** Every figure of the statistics page, computed from the period's rows; nothing is stored. */
public final class Statistik {

    /**
     * A set of age bands by age at the start of the period (the start's year minus the birth year). The national
     * follow-up's bands are the default; an age outside the set's range (16–64 for the national bands) is counted
     * in a band of its own, shown only when someone is in it.
     */
    public enum Bandset {
        NATIONELL("nationell", List.of("16_29", "30_44", "45_59", "60_64")),
        NATIONELL_ALDRE("nationell_aldre", List.of("under30", "30_59", "60plus")),
        TIOAR("tioar", List.of("under30", "30_39", "40_49", "50plus"));

        public static final String UTANFOR = "utanfor";

        private final String kod;
        private final List<String> band;

        Bandset(String kod, List<String> band) {
            this.kod = kod;
            this.band = band;
        }

        public String kod() {
            return kod;
        }

        public List<String> band() {
            return band;
        }

        /** The set named by its code (as in the address), or null for an unknown code. */
        public static Bandset av(String kod) {
            for (Bandset b : values()) {
                if (b.kod.equals(kod)) {
                    return b;
                }
            }
            return null;
        }

        public String band(int fodelsear, LocalDate periodStart) {
            int alder = periodStart.getYear() - fodelsear;
            return switch (this) {
                case NATIONELL -> alder < 16 || alder > 64 ? UTANFOR
                        : alder < 30 ? "16_29" : alder < 45 ? "30_44" : alder < 60 ? "45_59" : "60_64";
                case NATIONELL_ALDRE -> alder < 30 ? "under30" : alder < 60 ? "30_59" : "60plus";
                case TIOAR -> alder < 30 ? "under30" : alder < 40 ? "30_39" : alder < 50 ? "40_49" : "50plus";
            };
        }
    }

    /** A share of a table's base: the count and the base as shown, or null where either is protected. */
    public record Andel(int antal, int bas) {
        /** The share in per cent with one decimal, for the exports. */
        public java.math.BigDecimal procent() {
            return java.math.BigDecimal.valueOf(antal * 100L).divide(java.math.BigDecimal.valueOf(bas), 1,
                    java.math.RoundingMode.HALF_UP);
        }

        /** "27 av 98 (28 %)", as on the page. */
        public String text() {
            return antal + " av " + bas + " (" + Math.round(100.0 * antal / bas) + " %)";
        }
    }

    /** How the counts of a result are shown. */
    public enum Skydd {
        /** As counted: the koordinator's own teams on her page. */
        EXAKT,
        /** Every cell adjusted by its cell key ({@link Cellnyckel}): the styrgrupp and every export. */
        JUSTERAD
    }

    /**
     * A table of counts with translated labels; {@link #celler()} gives it as shown, totals included (last row and
     * last column). {@code nycklar} holds the cell key of every cell and total. The population says whom it counts;
     * the base of its shares is the table's total.
     */
    public record Tabell(String id, String rubrik, String radrubrik, List<String> rader, List<String> kolumner,
                         int[][] varden, int[][] nycklar, Skydd skydd, String population) {
        public Tabell(String id, String rubrik, String radrubrik, List<String> rader, List<String> kolumner,
                      int[][] varden, String population) {
            this(id, rubrik, radrubrik, rader, kolumner, varden,
                    new int[varden.length + 1][(varden.length == 0 ? 0 : varden[0].length) + 1], Skydd.EXAKT,
                    population);
        }

        public Tabell(String id, String rubrik, String radrubrik, List<String> rader, List<String> kolumner,
                      Rakning rakning, Skydd skydd, String population) {
            this(id, rubrik, radrubrik, rader, kolumner, rakning.varden, rakning.nycklar, skydd, population);
        }

        public String[][] celler() {
            int antalRader = varden.length;
            int antalKolumner = antalRader == 0 ? 0 : varden[0].length;
            int[][] m = new int[antalRader + 1][antalKolumner + 1];
            for (int r = 0; r < antalRader; r++) {
                for (int k = 0; k < antalKolumner; k++) {
                    m[r][k] += varden[r][k];
                    m[r][antalKolumner] += varden[r][k];
                    m[antalRader][k] += varden[r][k];
                    m[antalRader][antalKolumner] += varden[r][k];
                }
            }
            String[][] ut = new String[antalRader + 1][antalKolumner + 1];
            for (int r = 0; r <= antalRader; r++) {
                for (int k = 0; k <= antalKolumner; k++) {
                    int v = skydd == Skydd.JUSTERAD ? Cellnyckel.justera(m[r][k], nycklar[r][k]) : m[r][k];
                    ut[r][k] = Integer.toString(v);
                }
            }
            return ut;
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

        /** The base of the shares as shown: the grand total. */
        public String bas() {
            String[][] c = celler();
            return c[c.length - 1][c[0].length - 1];
        }

        /** Each row's total as a share of the base (the total row last); null where the base is 0. */
        public List<Andel> radandelar() {
            return radandelar(celler());
        }

        public static List<Andel> radandelar(String[][] celler) {
            int sista = celler[0].length - 1;
            List<Andel> ut = new ArrayList<>();
            for (String[] rad : celler) {
                ut.add(andel(rad[sista], celler[celler.length - 1][sista]));
            }
            return ut;
        }

        /** Each column's total as a share of the base (the total column last); null where the base is 0. */
        public List<Andel> kolumnandelar() {
            return kolumnandelar(celler());
        }

        public static List<Andel> kolumnandelar(String[][] celler) {
            String[] summa = celler[celler.length - 1];
            List<Andel> ut = new ArrayList<>();
            for (String cell : summa) {
                ut.add(andel(cell, summa[summa.length - 1]));
            }
            return ut;
        }

        private static Andel andel(String antal, String bas) {
            Integer a = Smacellsskydd.tal(antal);
            Integer b = Smacellsskydd.tal(bas);
            return a == null || b == null || b == 0 ? null : new Andel(a, b);
        }
    }

    /** Counts and cell keys of a table being filled, totals' keys included. */
    public static final class Rakning {
        final int[][] varden;
        final int[][] nycklar;

        public Rakning(int rader, int kolumner) {
            varden = new int[rader][kolumner];
            nycklar = new int[rader + 1][kolumner + 1];
        }

        /** One more person (or answer) with the given cell key in the cell. */
        public void lagg(int rad, int kolumn, int nyckel) {
            lagg(rad, kolumn, 1, nyckel);
        }

        /** {@code antal} more whose cell keys sum to {@code nyckel} (mod 256). */
        public void lagg(int rad, int kolumn, int antal, int nyckel) {
            varden[rad][kolumn] += antal;
            int r = varden.length;
            int k = varden[0].length;
            nycklar[rad][kolumn] = Cellnyckel.summa(nycklar[rad][kolumn], nyckel);
            nycklar[rad][k] = Cellnyckel.summa(nycklar[rad][k], nyckel);
            nycklar[r][kolumn] = Cellnyckel.summa(nycklar[r][kolumn], nyckel);
            nycklar[r][k] = Cellnyckel.summa(nycklar[r][k], nyckel);
        }
    }

    /** A share shown as a text: "27 av 98 (28 %)", the hidden count's marker, or empty for an empty base. */
    public static String andelText(Andel andel, String antal) {
        if (andel != null) {
            return andel.text();
        }
        return Smacellsskydd.tal(antal) == null ? antal : "";
    }

    /**
     * Days between two events: how many (as counted and as shown), and the quartiles; the quartiles are hidden
     * below five people (counted or shown), and given in whole days when the count is adjusted.
     */
    public record Tid(String rubrik, int antal, int visatAntal, Double q1, Double median, Double q3) {
        public Tid(String rubrik, int antal, Double q1, Double median, Double q3) {
            this(rubrik, antal, antal, q1, median, q3);
        }

        public boolean visas() {
            return antal >= Smacellsskydd.GRANS && visatAntal >= Smacellsskydd.GRANS;
        }
    }

    /**
     * The figures of a period. {@code andelArbeteStudier} is those who started in the period and closed to work
     * or studies by its end, of all who started ("27 av 98 (28 %)"), or null when protected.
     */
    public record Resultat(LocalDate fran, LocalDate till, Bandset bandset, Skydd skydd, List<Tabell> tabeller,
                           List<Tid> tider, String andelArbeteStudier) {
        public Tabell tabell(String id) {
            return tabeller.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
        }
    }

    /**
     * The thread that counts the first half of a page's tables while the page's own thread counts the second: two,
     * so that two pages count side by side and a third waits.
     */
    private static final java.util.concurrent.ExecutorService BREDVID =
            java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
                Thread trad = new Thread(r, "statistik-rakning");
                trad.setDaemon(true);
                return trad;
            });

    private Statistik() {
    }

    public static Resultat berakna(LocalDate fran, LocalDate till, List<StatistikRepository.Rad> rader,
                                   List<StatistikRepository.Punkter> punkter, Function<String, String> t) {
        return berakna(fran, till, Bandset.NATIONELL, Skydd.EXAKT, rader, punkter, t);
    }

    public static Resultat berakna(LocalDate fran, LocalDate till, Bandset bandset,
                                   List<StatistikRepository.Rad> rader, List<StatistikRepository.Punkter> punkter,
                                   Function<String, String> t) {
        return berakna(fran, till, bandset, Skydd.EXAKT, rader, punkter, t);
    }

    public static Resultat berakna(LocalDate fran, LocalDate till, Bandset bandset, Skydd skydd,
                                   List<StatistikRepository.Rad> rader, List<StatistikRepository.Punkter> punkter,
                                   Function<String, String> t) {
        List<String> kon = Varden.KON.stream().map(k -> t.apply("kon." + k)).toList();
        // The rows' dates are ISO days (yyyy-mm-dd), which sort as text in date order: compared as text, each of
        // tens of thousands of rows is not parsed again for every table it is counted in.
        String franDag = fran.toString();
        String tillDag = till.toString();
        Predicate<StatistikRepository.Rad> anmald = r -> inom(r.anmalanDatum(), franDag, tillDag);
        // The inskrivning date (the start) is the date of the first team meeting.
        Predicate<StatistikRepository.Rad> inskriven = r -> inom(r.forstaMote(), franDag, tillDag);
        Predicate<StatistikRepository.Rad> avslutad = r -> inom(r.avslutDatum(), franDag, tillDag);
        Predicate<StatistikRepository.Rad> pagaende = r -> r.avslutDatum() == null
                || r.avslutDatum().compareTo(tillDag) > 0;
        String popAnmalda = t.apply("statistik.population.anmalda");
        String popInskrivna = t.apply("statistik.population.inskrivna");
        String popPagaende = t.apply("statistik.population.pagaende");
        String popAvslutade = t.apply("statistik.population.avslutade");

        // What became of those who started in the period, by the period's end: the base of the key share.
        List<StatistikRepository.Rad> inskrivnaRader = rader.stream().filter(inskriven).toList();
        Function<StatistikRepository.Rad, String> lage = r -> pagaende.test(r) ? PAGAENDE : r.avslutOrsak();

        // The tables are counted in two halves side by side: a year of a region is tens of thousands of rows, each
        // counted in some twenty tables, and the database has nothing left to do for the page by now.
        java.util.concurrent.CompletableFuture<List<Tabell>> forstaHalften =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            List<Tabell> halften = new ArrayList<>();
            halften.add(konOchAlder("anmalda", skydd, t, kon, bandset, rader, anmald, fran, popAnmalda));
            halften.add(konOchAlder("inskrivna", skydd, t, kon, bandset, rader, inskriven, fran, popInskrivna));
            halften.add(konOchAlder("pagaende", skydd, t, kon, bandset, rader, pagaende, fran, popPagaende));
            halften.add(konOchAlder("avslutade", skydd, t, kon, bandset, rader, avslutad, fran, popAvslutade));
            halften.add(perKon(skydd, "startade_utfall", t, kon, med(Varden.AVSLUTSORSAK, PAGAENDE), "avslutsorsak.",
                    inskrivnaRader, lage, popInskrivna));

            // Before start, for everyone who started in the period.
            halften.add(perKon(skydd, "forsorjning_fore", t, kon, Varden.FORSORJNING, "forsorjning.", inskrivnaRader,
                    StatistikRepository.Rad::forsorjningFore, popInskrivna));
            halften.add(perKon(skydd, "sysselsattning_fore", t, kon, med(Varden.SYSSELSATTNING, EJ_REGISTRERAT),
                    "sysselsattning.", inskrivnaRader, r -> ellerEj(r.utfall().sysselsattningFore()), popInskrivna));
            halften.add(perKon(skydd, "utbildning", t, kon, med(Varden.UTBILDNING, EJ_REGISTRERAT), "utbildning.",
                    inskrivnaRader, r -> ellerEj(r.utfall().utbildning()), popInskrivna));
            halften.add(perKon(skydd, "tid_forsorjning", t, kon, med(Varden.TID_FORSORJNING, EJ_REGISTRERAT),
                    "tid_forsorjning.", inskrivnaRader, r -> ellerEj(r.utfall().tidForsorjning()), popInskrivna));
            halften.add(perKon(skydd, "anstallning", t, kon, med(Varden.JA_NEJ_OKANT, EJ_REGISTRERAT),
                    "ja_nej_okant.", inskrivnaRader, r -> ellerEj(r.utfall().anstallningVidStart()), popInskrivna));
            return halften;
        }, BREDVID);
        List<Tabell> tabeller = new ArrayList<>();

        List<StatistikRepository.Rad> avslutade = rader.stream().filter(avslutad).toList();
        List<String> fore = forekommande(Varden.FORSORJNING, avslutade, StatistikRepository.Rad::forsorjningFore);
        List<String> efter = forekommande(Varden.FORSORJNING, avslutade, StatistikRepository.Rad::forsorjningAvslut);
        tabeller.add(korstabell(skydd, "forsorjning", t, fore, efter, "forsorjning.", avslutade,
                StatistikRepository.Rad::forsorjningFore, StatistikRepository.Rad::forsorjningAvslut, popAvslutade));

        // The same flow for sysselsättning, and both six and twelve months after avslut (the current check).
        List<String> syssMangd = med(Varden.SYSSELSATTNING, EJ_REGISTRERAT);
        Function<StatistikRepository.Rad, String> syssFore = r -> ellerEj(r.utfall().sysselsattningFore());
        tabeller.add(korstabell(skydd, "sysselsattning", t, forekommande(syssMangd, avslutade, syssFore),
                forekommande(syssMangd, avslutade, r -> ellerEj(r.utfall().sysselsattningAvslut())),
                "sysselsattning.", avslutade, syssFore, r -> ellerEj(r.utfall().sysselsattningAvslut()),
                popAvslutade));
        List<String> forsMangd = med(Varden.FORSORJNING, EJ_NADD, INGEN_KONTROLL);
        List<String> syssEfter = med(Varden.SYSSELSATTNING, EJ_REGISTRERAT, EJ_NADD, INGEN_KONTROLL);
        for (int manader : new int[] {6, 12}) {
            Function<StatistikRepository.Rad, String> fors = r -> kontroll(r.utfall(), manader, true);
            Function<StatistikRepository.Rad, String> syss = r -> kontroll(r.utfall(), manader, false);
            tabeller.add(korstabell(skydd, "forsorjning" + manader, t, fore, forekommande(forsMangd, avslutade, fors),
                    "forsorjning.", avslutade, StatistikRepository.Rad::forsorjningFore, fors, popAvslutade));
            tabeller.add(korstabell(skydd, "sysselsattning" + manader, t, forekommande(syssMangd, avslutade, syssFore),
                    forekommande(syssEfter, avslutade, syss), "sysselsattning.", avslutade, syssFore, syss,
                    popAvslutade));
        }

        // The step towards work the plan reached, recorded at avslut, for those closed in the period; and for those
        // who have started and are still in the team at the period's end, the step of their latest follow-up.
        tabeller.add(perKon(skydd, "steg", t, kon, med(Varden.STEG_MOT_ARBETE, EJ_REGISTRERAT), "steg.", avslutade,
                r -> ellerEj(r.utfall().steg()), popAvslutade));
        List<StatistikRepository.Rad> pagaendeInskrivna = rader.stream()
                .filter(r -> r.forstaMote() != null && r.forstaMote().compareTo(tillDag) <= 0)
                .filter(pagaende).toList();
        tabeller.add(perKon(skydd, "steg_pagaende", t, kon, med(Varden.STEG_MOT_ARBETE, EJ_REGISTRERAT), "steg.",
                pagaendeInskrivna, r -> ellerEj(r.stegUppfoljning()),
                t.apply("statistik.population.pagaende_inskrivna")));

        List<String> orsaker = forekommande(Varden.AVSLUTSORSAK, avslutade, StatistikRepository.Rad::avslutOrsak);
        Rakning orsak = new Rakning(orsaker.size(), Varden.KON.size());
        ToIntFunction<String> orsaksrad = plats(orsaker);
        for (StatistikRepository.Rad r : avslutade) {
            orsak.lagg(orsaksrad.applyAsInt(r.avslutOrsak()), Varden.KON.indexOf(r.kon()), r.nyckel());
        }
        tabeller.add(new Tabell("avslutsorsak", t.apply("statistik.tabell.avslutsorsak"),
                t.apply("avslut.orsak"), orsaker.stream().map(o -> t.apply("avslutsorsak." + o)).toList(), kon,
                orsak, skydd, popAvslutade));

        List<StatistikRepository.Rad> anmalda = rader.stream().filter(anmald).toList();
        List<String> remittenter = new ArrayList<>(new TreeSet<>(anmalda.stream()
                .map(StatistikRepository.Rad::remitterandeOrganisation).toList()));
        Rakning remiss = new Rakning(remittenter.size(), Varden.KON.size());
        ToIntFunction<String> remissrad = plats(remittenter);
        for (StatistikRepository.Rad r : anmalda) {
            remiss.lagg(remissrad.applyAsInt(r.remitterandeOrganisation()), Varden.KON.indexOf(r.kon()), r.nyckel());
        }
        tabeller.add(new Tabell("remitterande", t.apply("statistik.tabell.remitterande"),
                t.apply("statistik.organisation"), remittenter, kon, remiss, skydd, popAnmalda));

        // Referred again after an earlier avslut, against those referred in the period who were not.
        Rakning aterkommande = new Rakning(2, Varden.KON.size());
        for (StatistikRepository.Rad r : anmalda) {
            aterkommande.lagg(r.utfall().aterkommande() ? 0 : 1, Varden.KON.indexOf(r.kon()), r.nyckel());
        }
        tabeller.add(new Tabell("aterkommande", t.apply("statistik.tabell.aterkommande"), "",
                List.of(t.apply("statistik.aterkommande.rad"), t.apply("statistik.aterkommande.forsta")), kon,
                aterkommande, skydd, popAnmalda));
        // Those referred again, by the reason of the avslut their new referral follows.
        tabeller.add(perKon(skydd, "aterkommande_orsak", t, kon, med(Varden.AVSLUTSORSAK, EJ_REGISTRERAT),
                "avslutsorsak.", anmalda.stream().filter(r -> r.utfall().aterkommande()).toList(),
                r -> ellerEj(r.utfall().tidigareOrsak()), t.apply("statistik.population.aterkommande")));

        List<String> ansvariga = new ArrayList<>(new TreeSet<>(punkter.stream()
                .map(p -> p.ansvarig() == null ? t.apply("statistik.deltagaren") : p.ansvarig()).toList()));
        Rakning punktTabell = new Rakning(ansvariga.size(), Varden.STATUS.size());
        for (StatistikRepository.Punkter p : punkter) {
            String a = p.ansvarig() == null ? t.apply("statistik.deltagaren") : p.ansvarig();
            punktTabell.lagg(ansvariga.indexOf(a), Varden.STATUS.indexOf(p.status()), p.antal(), p.nyckel());
        }
        tabeller.add(new Tabell("planpunkter", t.apply("statistik.tabell.planpunkter"),
                t.apply("statistik.ansvarig"), ansvariga,
                Varden.STATUS.stream().map(s -> t.apply("status." + s)).toList(), punktTabell,
                skydd, t.apply("statistik.population.planpunkter")));

        Rakning nationell = new Rakning(1, Varden.KON.size());
        for (StatistikRepository.Rad r : rader) {
            nationell.lagg(0, Varden.KON.indexOf(r.kon()), r.nyckel());
        }
        tabeller.add(new Tabell("nationell", t.apply("statistik.tabell.nationell"), "",
                List.of(t.apply("statistik.nationell.rad")), kon, nationell,
                skydd, t.apply("statistik.population.perioden")));

        List<Tid> tider = List.of(
                tid(t.apply("statistik.tid.anmalan_mote"), rader, StatistikRepository.Rad::anmalanDatum,
                        StatistikRepository.Rad::forstaMote, till, skydd),
                tid(t.apply("statistik.tid.mote_kvittens"), rader, StatistikRepository.Rad::forstaMote,
                        StatistikRepository.Rad::forstaKvittens, till, skydd),
                tid(t.apply("statistik.tid.mote_avslut"), rader, StatistikRepository.Rad::forstaMote,
                        StatistikRepository.Rad::avslutDatum, till, skydd));

        Andel andel = andel(inskrivnaRader, r -> Set.of("arbete", "studier").contains(lage.apply(r)), skydd);
        try {
            tabeller.addAll(0, forstaHalften.join());
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException fel ? fel : e;
        }
        return new Resultat(fran, till, bandset, skydd, tabeller, tider, andel == null ? null : andel.text());
    }

    /** Started in the period and not closed by its end. */
    static final String PAGAENDE = "pagaende";

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

    /**
     * Those of a base that meet a condition, as a share of the base, each count as shown (the counted part is a
     * cell of its own with its own key); null for an empty base.
     */
    public static Andel andel(List<StatistikRepository.Rad> bas, Predicate<StatistikRepository.Rad> villkor,
                              Skydd skydd) {
        int antal = 0;
        int nyckel = 0;
        int basNyckel = 0;
        for (StatistikRepository.Rad r : bas) {
            basNyckel = Cellnyckel.summa(basNyckel, r.nyckel());
            if (villkor.test(r)) {
                antal++;
                nyckel = Cellnyckel.summa(nyckel, r.nyckel());
            }
        }
        int visat = skydd == Skydd.JUSTERAD ? Cellnyckel.justera(antal, nyckel) : antal;
        int visadBas = skydd == Skydd.JUSTERAD ? Cellnyckel.justera(bas.size(), basNyckel) : bas.size();
        return visadBas == 0 ? null : new Andel(visat, visadBas);
    }

    /** One row per value that occurs (in the set's order), one column per kön. */
    private static Tabell perKon(Skydd skydd, String id, Function<String, String> t, List<String> kon, List<String> mangd,
                                 String prefix, List<StatistikRepository.Rad> urval,
                                 Function<StatistikRepository.Rad, String> varde, String population) {
        List<String> rader = forekommande(mangd, urval, varde);
        Rakning v = new Rakning(rader.size(), Varden.KON.size());
        ToIntFunction<String> rad = plats(rader);
        for (StatistikRepository.Rad r : urval) {
            v.lagg(rad.applyAsInt(varde.apply(r)), Varden.KON.indexOf(r.kon()), r.nyckel());
        }
        return new Tabell(id, t.apply("statistik.tabell." + id), t.apply("statistik.tabell." + id + ".rad"),
                rader.stream().map(x -> t.apply(prefix + x)).toList(), kon, v, skydd, population);
    }

    private static Tabell konOchAlder(String id, Skydd skydd, Function<String, String> t, List<String> kon, Bandset bandset,
                                      List<StatistikRepository.Rad> rader,
                                      Predicate<StatistikRepository.Rad> med, LocalDate fran, String population) {
        List<String> band = new ArrayList<>(bandset.band());
        List<StatistikRepository.Rad> urval = rader.stream().filter(med).toList();
        if (urval.stream().anyMatch(r -> bandset.band(r.fodelsear(), fran).equals(Bandset.UTANFOR))) {
            band.add(Bandset.UTANFOR);
        }
        Rakning v = new Rakning(Varden.KON.size(), band.size());
        ToIntFunction<String> kolumn = plats(band);
        for (StatistikRepository.Rad r : urval) {
            v.lagg(Varden.KON.indexOf(r.kon()), kolumn.applyAsInt(bandset.band(r.fodelsear(), fran)), r.nyckel());
        }
        return new Tabell(id, t.apply("statistik.tabell." + id), t.apply("statistik.kon"), kon,
                band.stream().map(b -> t.apply("statistik.alder." + b)).toList(), v, skydd, population);
    }

    private static Tabell korstabell(Skydd skydd, String id, Function<String, String> t, List<String> rader, List<String> kolumner,
                                     String prefix, List<StatistikRepository.Rad> urval,
                                     Function<StatistikRepository.Rad, String> rad,
                                     Function<StatistikRepository.Rad, String> kolumn, String population) {
        Rakning v = new Rakning(rader.size(), kolumner.size());
        ToIntFunction<String> radplats = plats(rader);
        ToIntFunction<String> kolumnplats = plats(kolumner);
        for (StatistikRepository.Rad r : urval) {
            v.lagg(radplats.applyAsInt(rad.apply(r)), kolumnplats.applyAsInt(kolumn.apply(r)), r.nyckel());
        }
        return new Tabell(id, t.apply("statistik.tabell." + id), t.apply("statistik.fore"),
                rader.stream().map(x -> t.apply(prefix + x)).toList(),
                kolumner.stream().map(x -> t.apply(prefix + x)).toList(), v, skydd, population);
    }

    /** The values of a value set that occur, in the value set's order. */
    private static List<String> forekommande(List<String> mangd, List<StatistikRepository.Rad> rader,
                                             Function<StatistikRepository.Rad, String> varde) {
        // Most values occur among the first rows: stop as soon as every one has been seen.
        Set<String> ejSedda = new HashSet<>(mangd);
        for (StatistikRepository.Rad r : rader) {
            if (ejSedda.remove(varde.apply(r)) && ejSedda.isEmpty()) {
                break;
            }
        }
        return mangd.stream().filter(v -> !ejSedda.contains(v)).toList();
    }

    /**
     * Where each value stands in a list (its first place, -1 for one not in it, as {@link List#indexOf}), looked up
     * by hash: the tables look up a place for each of tens of thousands of rows.
     */
    private static ToIntFunction<String> plats(List<String> lista) {
        Map<String, Integer> plats = new HashMap<>();
        for (int i = lista.size() - 1; i >= 0; i--) {
            plats.put(lista.get(i), i);
        }
        return v -> plats.getOrDefault(v, -1);
    }

    /** Days from one event to the next, for the participants whose second event falls within the period. */
    private static Tid tid(String rubrik, List<StatistikRepository.Rad> rader,
                           Function<StatistikRepository.Rad, String> fran,
                           Function<StatistikRepository.Rad, String> till, LocalDate periodSlut, Skydd skydd) {
        List<Long> dagar = new ArrayList<>();
        int nyckel = 0;
        String slut = periodSlut.toString();
        // Tens of thousands of rows share a few thousand days: each day parsed once.
        Map<String, Long> dag = new HashMap<>();
        for (StatistikRepository.Rad r : rader) {
            String a = fran.apply(r);
            String b = till.apply(r);
            // ISO days, compared as text (see berakna); parsed only to count the days.
            if (a != null && b != null && b.compareTo(slut) <= 0 && b.compareTo(a) >= 0) {
                dagar.add(dag.computeIfAbsent(b, x -> LocalDate.parse(x).toEpochDay())
                        - dag.computeIfAbsent(a, x -> LocalDate.parse(x).toEpochDay()));
                nyckel = Cellnyckel.summa(nyckel, r.nyckel());
            }
        }
        dagar.sort(null);
        if (dagar.isEmpty()) {
            return new Tid(rubrik, 0, null, null, null);
        }
        if (skydd == Skydd.JUSTERAD) {
            return new Tid(rubrik, dagar.size(), Cellnyckel.justera(dagar.size(), nyckel),
                    (double) Math.round(kvantil(dagar, 0.25)), (double) Math.round(kvantil(dagar, 0.5)),
                    (double) Math.round(kvantil(dagar, 0.75)));
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

    /**
     * Whether an ISO day (yyyy-mm-dd, as the rows hold them) lies in the period, both ends included; the period's
     * ends as ISO days too. Such days sort as text in date order.
     */
    static boolean inom(String datum, String fran, String till) {
        return datum != null && datum.compareTo(fran) >= 0 && datum.compareTo(till) <= 0;
    }
}
