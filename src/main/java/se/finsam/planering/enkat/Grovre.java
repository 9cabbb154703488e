package se.finsam.planering.enkat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Local suppression of the answers' background before they leave the app, one row each: a row whose team, year,
 * kön and age band are shared by fewer than {@link #GRANS} answers loses its age band ("x"); if its team, year and
 * kön are still shared by fewer, it loses its kön too; and if its team and year are, its team. So every
 * combination of background that a file shows is shared by at least five answers, or hidden.
 */
public final class Grovre {

    public static final int GRANS = 5;
    public static final String DOLD = "x";

    private Grovre() {
    }

    public static List<EnkatRepository.Svar> grovre(List<EnkatRepository.Svar> svar) {
        List<EnkatRepository.Svar> ut = new ArrayList<>(svar);
        ut = steg(ut, s -> s.team() + "|" + s.ar() + "|" + s.kon() + "|" + s.aldersband(),
                s -> s.med(s.team(), s.kon(), DOLD));
        ut = steg(ut, s -> s.team() + "|" + s.ar() + "|" + s.kon(),
                s -> s.med(s.team(), DOLD, DOLD));
        ut = steg(ut, s -> s.team() + "|" + s.ar(),
                s -> s.med(DOLD, DOLD, DOLD));
        return ut;
    }

    private static List<EnkatRepository.Svar> steg(List<EnkatRepository.Svar> svar,
                                                   Function<EnkatRepository.Svar, String> nyckel,
                                                   Function<EnkatRepository.Svar, EnkatRepository.Svar> dolj) {
        Map<String, Long> antal = svar.stream().collect(Collectors.groupingBy(nyckel, Collectors.counting()));
        return svar.stream().map(s -> antal.get(nyckel.apply(s)) < GRANS ? dolj.apply(s) : s).toList();
    }
}
