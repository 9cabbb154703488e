package se.finsam.planering.statistik;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import se.finsam.planering.varden.Varden;

/**
 * The styrgrupp's year on one page: per team and in total, the year's key figures against the previous year and
 * the förbund's targets. Counts are adjusted by cell keys ({@link Cellnyckel}) unless exact counts are asked for.
 */
public final class Arsoversikt {

    /** The measures a target can be set for, in the order of the page; a share in per cent or a number of days. */
    public static final List<String> MAL = List.of("arbete_studier", "fortsatt_rehabilitering", "annan_insats",
            "dagar_anmalan_mote", "dagar_mote_avslut");
    /** The closure reasons counted as another support: registered with Arbetsförmedlingen, or the right benefit. */
    static final Set<String> ANNAN_INSATS = Set.of("arbetssokande", "ratt_ersattning");

    /** A team's (or all teams') figures of one year. A share or median is null when it cannot be shown. */
    public record Siffror(String namn, int startade, int pagaende, int avslutade, Statistik.Andel arbeteStudier,
                          Statistik.Andel fortsattRehabilitering, Statistik.Andel annanInsats, Long dagarAnmalanMote,
                          Long dagarMoteAvslut) {
        /** A measure's value as a number: a share in per cent (one decimal) or days; null when not shown. */
        public Double varde(String matt) {
            return switch (matt) {
                case "arbete_studier" -> procent(arbeteStudier);
                case "fortsatt_rehabilitering" -> procent(fortsattRehabilitering);
                case "annan_insats" -> procent(annanInsats);
                case "dagar_anmalan_mote" -> dagarAnmalanMote == null ? null : dagarAnmalanMote.doubleValue();
                case "dagar_mote_avslut" -> dagarMoteAvslut == null ? null : dagarMoteAvslut.doubleValue();
                default -> throw new IllegalArgumentException(matt);
            };
        }

        private static Double procent(Statistik.Andel a) {
            return a == null ? null : a.procent().doubleValue();
        }
    }

    /** Försörjning of those closed in the year: before start, at avslut and at the current 6- and 12-month checks. */
    public record Forsorjning(List<String> rader, int[][] varden) {
    }

    /** The year, the previous year, per team and in total; the targets by measure (absent when none is set). */
    public record Resultat(int ar, Statistik.Skydd skydd, List<Siffror> team, Siffror totalt, Siffror forraAret,
                           Map<String, Double> mal, Forsorjning forsorjning) {
        /** Lower is better for days, higher for shares. */
        public static boolean lagreArBattre(String matt) {
            return matt.startsWith("dagar_");
        }

        /** Whether the year reached the target: null when there is no target or no value. */
        public Boolean uppnatt(String matt) {
            Double malVarde = mal.get(matt);
            Double v = totalt.varde(matt);
            if (malVarde == null || v == null) {
                return null;
            }
            return lagreArBattre(matt) ? v <= malVarde : v >= malVarde;
        }
    }

    private Arsoversikt() {
    }

    /**
     * The figures of the rows of a year, or of its first months up to {@code till} (as {@link StatistikRepository#rader}
     * gives them for that period).
     */
    public static Siffror siffror(String namn, LocalDate fran, LocalDate till, List<StatistikRepository.Rad> rader,
                                  Statistik.Skydd skydd) {
        String franDag = fran.toString();
        String tillDag = till.toString();
        List<StatistikRepository.Rad> startade = rader.stream()
                .filter(r -> Statistik.inom(r.forstaMote(), franDag, tillDag)).toList();
        List<StatistikRepository.Rad> pagaende = rader.stream()
                .filter(r -> r.forstaMote() != null && r.forstaMote().compareTo(tillDag) <= 0)
                .filter(r -> r.avslutDatum() == null || r.avslutDatum().compareTo(tillDag) > 0).toList();
        List<StatistikRepository.Rad> avslutade = rader.stream()
                .filter(r -> Statistik.inom(r.avslutDatum(), franDag, tillDag)).toList();
        return new Siffror(namn, antal(startade, skydd), antal(pagaende, skydd), antal(avslutade, skydd),
                Statistik.andel(avslutade, r -> Set.of("arbete", "studier").contains(r.avslutOrsak()), skydd),
                Statistik.andel(avslutade, r -> "fortsatt_rehabilitering".equals(r.avslutOrsak()), skydd),
                Statistik.andel(avslutade, r -> ANNAN_INSATS.contains(r.avslutOrsak()), skydd),
                median(startade, StatistikRepository.Rad::anmalanDatum, StatistikRepository.Rad::forstaMote, skydd),
                median(avslutade, StatistikRepository.Rad::forstaMote, StatistikRepository.Rad::avslutDatum, skydd));
    }

    /** Försörjning of those closed in the year, by the value set's order, each cell adjusted as the year's counts. */
    public static Forsorjning forsorjning(LocalDate fran, LocalDate till, List<StatistikRepository.Rad> rader,
                                          Statistik.Skydd skydd) {
        List<StatistikRepository.Rad> avslutade = rader.stream()
                .filter(r -> Statistik.inom(r.avslutDatum(), fran.toString(), till.toString())).toList();
        List<Function<StatistikRepository.Rad, String>> kolumner = List.of(StatistikRepository.Rad::forsorjningFore,
                StatistikRepository.Rad::forsorjningAvslut,
                r -> r.utfall().nadd6() != null && r.utfall().nadd6() == 1 ? r.utfall().forsorjning6() : null,
                r -> r.utfall().nadd12() != null && r.utfall().nadd12() == 1 ? r.utfall().forsorjning12() : null);
        List<String> rader2 = Varden.FORSORJNING.stream()
                .filter(f -> avslutade.stream().anyMatch(r -> kolumner.stream().anyMatch(k -> f.equals(k.apply(r)))))
                .toList();
        int[][] v = new int[rader2.size()][kolumner.size()];
        for (int i = 0; i < rader2.size(); i++) {
            String f = rader2.get(i);
            for (int k = 0; k < kolumner.size(); k++) {
                Function<StatistikRepository.Rad, String> kol = kolumner.get(k);
                v[i][k] = antal(avslutade.stream().filter(r -> f.equals(kol.apply(r))).toList(), skydd);
            }
        }
        return new Forsorjning(rader2, v);
    }

    /** How many, adjusted by the cell key of exactly these participants. */
    static int antal(List<StatistikRepository.Rad> rader, Statistik.Skydd skydd) {
        if (skydd == Statistik.Skydd.EXAKT) {
            return rader.size();
        }
        int nyckel = 0;
        for (StatistikRepository.Rad r : rader) {
            nyckel = Cellnyckel.summa(nyckel, r.nyckel());
        }
        return Cellnyckel.justera(rader.size(), nyckel);
    }

    /** The median in whole days, shown for at least five people (as counted and, adjusted, as shown). */
    private static Long median(List<StatistikRepository.Rad> rader, Function<StatistikRepository.Rad, String> fran,
                               Function<StatistikRepository.Rad, String> till, Statistik.Skydd skydd) {
        Predicate<StatistikRepository.Rad> bada = r -> fran.apply(r) != null && till.apply(r) != null
                && till.apply(r).compareTo(fran.apply(r)) >= 0;
        List<StatistikRepository.Rad> med = rader.stream().filter(bada).toList();
        if (med.size() < Smacellsskydd.GRANS || antal(med, skydd) < Smacellsskydd.GRANS) {
            return null;
        }
        List<Long> dagar = new ArrayList<>(med.stream().map(r -> ChronoUnit.DAYS.between(
                LocalDate.parse(fran.apply(r)), LocalDate.parse(till.apply(r)))).toList());
        dagar.sort(null);
        return Math.round(Statistik.kvantil(dagar, 0.5));
    }
}
