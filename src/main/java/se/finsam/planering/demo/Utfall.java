package se.finsam.planering.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * Outcome values that look like a real team's: most start on försörjningsstöd or sjukpenning after years of
 * support, with little education and no occupation; a minority close to work or studies, some go on to further
 * rehabilitation; the checks after avslut are partly done, partly due and partly overdue. Drawn from a stream
 * of their own (seeded by the participant's id), so adding them does not move anything else in the demo data.
 */
final class Utfall {

    private Utfall() {
    }

    private static SplittableRandom slump(long deltagareId, int del) {
        return new SplittableRandom(0x5EEDL * 1_000_003L + deltagareId * 31 + del);
    }

    private static String vikt(SplittableRandom r, Object... vardenOchVikter) {
        int summa = 0;
        for (int i = 1; i < vardenOchVikter.length; i += 2) {
            summa += (Integer) vardenOchVikter[i];
        }
        int x = r.nextInt(summa);
        for (int i = 0; i < vardenOchVikter.length; i += 2) {
            x -= (Integer) vardenOchVikter[i + 1];
            if (x < 0) {
                return (String) vardenOchVikter[i];
            }
        }
        throw new IllegalStateException();
    }

    record Inskrivning(String utbildning, String tidForsorjning, String sysselsattning, String anstallningVidStart) {
    }

    /** The values at inskrivning; for a referral not yet met, sometimes left for the team to fill in. */
    static Inskrivning inskrivning(long deltagareId, String forsorjning, boolean anmaldBara) {
        SplittableRandom r = slump(deltagareId, 1);
        if (anmaldBara && r.nextDouble() < 0.4) {
            return new Inskrivning(null, null, null, null);
        }
        String utbildning = vikt(r, "forgymnasial", 38, "gymnasial", 40, "eftergymnasial_under_3", 9,
                "eftergymnasial_3_eller_mer", 6, "okand", 7);
        boolean langvarig = forsorjning.equals("sjukersattning") || forsorjning.equals("aktivitetsersattning");
        String tid = langvarig
                ? vikt(r, "3_4", 20, "5_9", 45, "over_9", 30, "okant", 5)
                : vikt(r, "upp_till_1", 14, "1_2", 24, "3_4", 26, "5_9", 21, "over_9", 10, "okant", 5);
        String syss = vikt(r, "ingen", 52, "arbetssokande", 33, "studier", 5, "arbete", 4, "annan", 6);
        String anstallning = syss.equals("arbete") ? "ja" : vikt(r, "nej", 86, "ja", 6, "okant", 8);
        return new Inskrivning(utbildning, tid, syss, anstallning);
    }

    record Avslutet(String sysselsattning, String steg) {
    }

    static Avslutet avslut(long deltagareId, String orsak) {
        SplittableRandom r = slump(deltagareId, 2);
        return switch (orsak) {
            case "arbete" -> new Avslutet("arbete", "arbete_studier");
            case "studier" -> new Avslutet("studier", "arbete_studier");
            case "arbetssokande" -> new Avslutet("arbetssokande",
                    vikt(r, "arbetstraning_praktik", 40, "stabil_narvaro", 40, "inget", 20));
            case "fortsatt_rehabilitering" -> new Avslutet(vikt(r, "ingen", 60, "annan", 40),
                    vikt(r, "annan_insats_rehabilitering", 75, "stabil_narvaro", 15, "arbetstraning_praktik", 10));
            case "ratt_ersattning" -> new Avslutet(vikt(r, "ingen", 80, "annan", 20),
                    vikt(r, "inget", 65, "stabil_narvaro", 35));
            default -> new Avslutet(vikt(r, "ingen", 75, "arbetssokande", 15, "annan", 10), "inget");
        };
    }

    record Kontroll(int manader, boolean nadd, String forsorjning, String sysselsattning, LocalDate datum,
                    Instant registrerad) {
    }

    /**
     * The check at {@code manader} months after avslut, when the team has made it: most due checks are done, a
     * few wait (overdue on the koordinator's list), and some people could not be reached.
     */
    static Kontroll kontroll(long deltagareId, int manader, LocalDate avslut, String orsak, String forsorjningEfter,
                             String sysselsattningEfter, LocalDate idag) {
        LocalDate forfaller = avslut.plusMonths(manader);
        SplittableRandom r = slump(deltagareId, 10 + manader);
        if (!forfaller.minusDays(14).isBefore(idag) || r.nextDouble() < 0.25) {
            return null;
        }
        LocalDate datum = forfaller.plusDays(r.nextInt(25) - 10);
        if (!datum.isBefore(idag)) {
            datum = idag.minusDays(1);
        }
        Instant registrerad = datum.atTime(14, 0).toInstant(ZoneOffset.UTC);
        if (r.nextDouble() < 0.18) {
            return new Kontroll(manader, false, null, null, datum, registrerad);
        }
        boolean tillArbete = orsak.equals("arbete") || orsak.equals("studier");
        boolean stannar = r.nextDouble() < (tillArbete ? 0.8 : 0.7);
        String forsorjning = stannar ? forsorjningEfter
                : tillArbete ? vikt(r, "forsorjningsstod", 50, "a_kassa", 50)
                : vikt(r, "lon", 35, "studiemedel", 15, "aktivitetsstod", 30, "forsorjningsstod", 20);
        String syss = forsorjning.equals("lon") ? "arbete" : forsorjning.equals("studiemedel") ? "studier"
                : stannar ? sysselsattningEfter : vikt(r, "arbetssokande", 60, "ingen", 40);
        return new Kontroll(manader, true, forsorjning, syss, datum, registrerad);
    }
}
