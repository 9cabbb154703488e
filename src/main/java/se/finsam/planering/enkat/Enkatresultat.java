package se.finsam.planering.enkat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.statistik.Cellnyckel;
import se.finsam.planering.statistik.Statistik;
import se.finsam.planering.varden.Varden;

/**
 * The published tables of a survey's answers in a year: for each question, the steps of its scale by team, by kön
 * and by age band, with totals and shares of the base. Each answer counts with its own cell key, so the tables go
 * through {@link Cellnyckel} as the statistics' tables do: the same answers always give the same shown count, in
 * every table they are counted in.
 */
public final class Enkatresultat {

    /** One question's tables: by team, by kön and by age band (ids {@code f1_team}, {@code f1_kon}, {@code f1_alder}). */
    public record Fragetabeller(String kod, String fraga, List<Statistik.Tabell> tabeller) {
        public Statistik.Tabell tabell(String id) {
            return tabeller.stream().filter(t -> t.id().equals(kod + "_" + id)).findFirst().orElseThrow();
        }
    }

    private Enkatresultat() {
    }

    /**
     * Every question's tables. {@code team} are the columns of the team tables; an answer from another team is
     * counted in none of them. A question left blank is not counted in its tables.
     */
    public static List<Fragetabeller> berakna(EnkatRepository.Fragor fragor, List<EnkatRepository.Team> team,
                                              List<EnkatRepository.Svar> svar, Statistik.Bandset bandset,
                                              Statistik.Skydd skydd, int ar, Texter m) {
        List<String> band = new ArrayList<>(bandset.band());
        Set<String> finns = new LinkedHashSet<>();
        svar.forEach(s -> finns.add(EnkatRepository.band(bandset, s.aldersband(), s.aldersgrupp())));
        for (String extra : List.of(Statistik.Bandset.UTANFOR, EnkatRepository.OKAND_ALDER)) {
            if (finns.contains(extra)) {
                band.add(extra);
            }
        }
        List<String> teamnamn = team.stream().map(EnkatRepository.Team::namn).toList();
        List<String> kon = Varden.KON.stream().map(k -> m.get("kon." + k)).toList();
        List<String> bandnamn = band.stream().map(b -> b.equals(EnkatRepository.OKAND_ALDER)
                ? m.get("enkat.resultat.alder.okand") : m.get("statistik.alder." + b)).toList();
        String population = m.get("enkat.resultat.population", String.valueOf(ar));
        String radrubrik = m.get("enkat.resultat.svar");

        List<Fragetabeller> ut = new ArrayList<>();
        int nr = 0;
        for (EnkatRepository.Fraga f : fragor.fragor()) {
            nr++;
            String kod = "f" + nr;
            int steg = f.skala().size();
            Statistik.Rakning perTeam = new Statistik.Rakning(steg, team.size());
            Statistik.Rakning perKon = new Statistik.Rakning(steg, Varden.KON.size());
            Statistik.Rakning perBand = new Statistik.Rakning(steg, band.size());
            for (EnkatRepository.Svar s : svar) {
                Integer v = s.varden().get(f.id());
                if (v == null || v < 1 || v > steg) {
                    continue;
                }
                int t = indexAv(team, s.teamId());
                if (t >= 0) {
                    perTeam.lagg(v - 1, t, s.cellnyckel());
                }
                perKon.lagg(v - 1, Varden.KON.indexOf(s.kon()), s.cellnyckel());
                perBand.lagg(v - 1, band.indexOf(EnkatRepository.band(bandset, s.aldersband(), s.aldersgrupp())),
                        s.cellnyckel());
            }
            List<String> rader = f.skala().stream().map(st -> st.varde() + " " + st.text().sv()).toList();
            String fraga = f.text().sv();
            ut.add(new Fragetabeller(kod, fraga, List.of(
                    new Statistik.Tabell(kod + "_team", m.get("enkat.resultat.tabell.team", Integer.toString(nr), fraga), radrubrik,
                            rader, teamnamn, perTeam, skydd, population),
                    new Statistik.Tabell(kod + "_kon", m.get("enkat.resultat.tabell.kon", Integer.toString(nr), fraga), radrubrik,
                            rader, kon, perKon, skydd, population),
                    new Statistik.Tabell(kod + "_alder", m.get("enkat.resultat.tabell.alder", Integer.toString(nr), fraga), radrubrik,
                            rader, bandnamn, perBand, skydd, population))));
        }
        return ut;
    }

    /** The number of answers as shown: adjusted by the sum of the answers' keys, or exact. */
    public static int antal(List<EnkatRepository.Svar> svar, Statistik.Skydd skydd) {
        int nyckel = 0;
        for (EnkatRepository.Svar s : svar) {
            nyckel = Cellnyckel.summa(nyckel, s.cellnyckel());
        }
        return skydd == Statistik.Skydd.JUSTERAD ? Cellnyckel.justera(svar.size(), nyckel) : svar.size();
    }

    private static int indexAv(List<EnkatRepository.Team> team, long id) {
        for (int i = 0; i < team.size(); i++) {
            if (team.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }
}
