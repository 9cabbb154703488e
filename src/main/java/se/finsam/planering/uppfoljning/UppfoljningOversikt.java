package se.finsam.planering.uppfoljning;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import se.finsam.planering.atkomst.DeltagarAtkomst;

/**
 * What needs attention after the meeting: follow-ups due and overdue (from each team's schedule),
 * items that are stuck, and escalations. For a koordinator the whole team; for others their own.
 */
public final class UppfoljningOversikt {

    /** How far ahead "due" looks. */
    public static final int DAGAR_FRAMAT = 14;

    /** Always within what the user may see ({@code synliga}); {@code teamIds} narrows it to chosen teams. */
    public record Filter(DeltagarAtkomst.Synliga synliga, Collection<Long> teamIds, Long organisationId,
                         Long egenAnvandare, String sortering) {
    }

    /**
     * A follow-up occasion not yet done: during the plan (counted from the meeting), or, with {@code efterAvslut},
     * the check 6 or 12 months after avslut (counted from the avslut date).
     */
    public record Forfallen(long deltagareId, String namn, String team, int manader, LocalDate forfaller,
                            long dagarForsenad, boolean efterAvslut) {
        public Forfallen(long deltagareId, String namn, String team, int manader, LocalDate forfaller,
                         long dagarForsenad) {
            this(deltagareId, namn, team, manader, forfaller, dagarForsenad, false);
        }
    }

    /** The checks after avslut, in months. */
    public static final List<Integer> EFTERKONTROLL_MANADER = List.of(6, 12);

    public record Fastnad(long deltagareId, String namn, String team, long planpunktId, String text,
                          String organisation, String ansvarig, LocalDate klartSenast, String status, Instant sedan,
                          String skal, String orsak) {
    }

    /** A follow-up lifted to the koordinator: why (the internal note and the items' reasons) and what comes next. */
    public record Eskalering(long uppfoljningId, long deltagareId, String namn, String team, LocalDate datum, String av,
                             String nastaSteg, String varfor, String orsaker) {
    }

    public record Resultat(List<Forfallen> forsenade, List<Forfallen> kommande, List<Fastnad> fastnade,
                           List<Eskalering> eskaleringar) {
    }

    private final UppfoljningRepository repo;
    private final java.util.function.LongSupplier datautgava;

    /**
     * Results kept by what they were computed from, the minute and the data version: the start page's "I dag",
     * its lists and the follow-up overview ask for the same team's schedule, and each asking took a tenth of a
     * second at a team of 2 000. Any change to the data raises the version, so a kept result is never stale.
     */
    private final se.finsam.planering.util.Behallna<Nyckel, Resultat> beraknade =
            new se.finsam.planering.util.Behallna<>(8);

    private record Nyckel(String synliga, List<Long> team, Long organisation, Long egen, String sortering,
                          LocalDate idag, long minut, long utgava) {
    }

    /** Without a data version nothing is kept (tools and tests that change the data behind its back). */
    public UppfoljningOversikt(UppfoljningRepository repo) {
        this(repo, null);
    }

    public UppfoljningOversikt(UppfoljningRepository repo, java.util.function.LongSupplier datautgava) {
        this.repo = repo;
        this.datautgava = datautgava;
    }

    public Resultat berakna(Filter filter, LocalDate idag, Instant nu) {
        if (datautgava == null) {
            return raknaUt(filter, idag, nu);
        }
        // The version is read first: what is computed after it is at least that new.
        long utgava = datautgava.getAsLong();
        Nyckel nyckel = new Nyckel(filter.synliga().sql(), filter.teamIds().stream().sorted().toList(),
                filter.organisationId(), filter.egenAnvandare(), filter.sortering(), idag,
                Math.floorDiv(nu.getEpochSecond(), 60), utgava);
        return beraknade.hamta(nyckel, k -> raknaUt(filter, idag, nu));
    }

    private Resultat raknaUt(Filter filter, LocalDate idag, Instant nu) {
        if (filter.teamIds().isEmpty()) {
            return new Resultat(List.of(), List.of(), List.of(), List.of());
        }
        List<UppfoljningRepository.PlanIUppfoljning> rader = repo.planerIUppfoljning(filter);
        Map<Long, List<LocalDate>> gjorda = repo.gjordaUppfoljningar(filter);

        List<Forfallen> forsenade = new ArrayList<>();
        List<Forfallen> kommande = new ArrayList<>();
        for (UppfoljningRepository.PlanIUppfoljning rad : rader) {
            var schema = Uppfoljningsschema.schema(rad.motesdatum(),
                    Uppfoljningsschema.offsets(rad.uppfoljningManader()),
                    gjorda.getOrDefault(rad.deltagareId(), List.of()));
            Uppfoljningsschema.nasta(schema).ifPresent(t -> {
                long dagar = ChronoUnit.DAYS.between(t.forfaller(), idag);
                Forfallen f = new Forfallen(rad.deltagareId(), rad.namn(), rad.team(), t.manader(), t.forfaller(), dagar);
                if (dagar > 0) {
                    forsenade.add(f);
                } else if (-dagar <= DAGAR_FRAMAT) {
                    kommande.add(f);
                }
            });
        }

        // The koordinator's whole-team view also holds the checks after avslut, with the same due/overdue rule:
        // an occasion is done once a check for its month is recorded.
        if (filter.egenAnvandare() == null && filter.organisationId() == null) {
            for (UppfoljningRepository.Avslutad a : repo.avslutadeForEfterkontroll(filter, idag)) {
                List<Integer> kontrollerade = a.gjordaManader();
                EFTERKONTROLL_MANADER.stream().filter(m -> !kontrollerade.contains(m)).findFirst().ifPresent(m -> {
                    LocalDate forfaller = a.avslutDatum().plusMonths(m);
                    long dagar = ChronoUnit.DAYS.between(forfaller, idag);
                    Forfallen f = new Forfallen(a.deltagareId(), a.namn(), a.team(), m, forfaller, dagar, true);
                    if (dagar > 0) {
                        forsenade.add(f);
                    } else if (-dagar <= DAGAR_FRAMAT) {
                        kommande.add(f);
                    }
                });
            }
        }

        List<Fastnad> fastnade = repo.fastnade(filter, idag, nu);
        List<Eskalering> eskaleringar = filter.egenAnvandare() != null ? List.of() : repo.eskaleringar(filter);

        sort(forsenade, kommande, fastnade, filter.sortering());
        return new Resultat(List.copyOf(forsenade), List.copyOf(kommande), List.copyOf(fastnade),
                List.copyOf(eskaleringar));
    }

    private static void sort(List<Forfallen> forsenade, List<Forfallen> kommande, List<Fastnad> fastnade,
                             String sortering) {
        Comparator<Forfallen> byName = Comparator.comparing(Forfallen::namn, String.CASE_INSENSITIVE_ORDER);
        Comparator<Fastnad> stuckByName = Comparator.comparing(Fastnad::namn, String.CASE_INSENSITIVE_ORDER);
        if ("namn".equals(sortering)) {
            forsenade.sort(byName);
            kommande.sort(byName);
            fastnade.sort(stuckByName);
        } else if ("team".equals(sortering)) {
            forsenade.sort(Comparator.comparing(Forfallen::team).thenComparing(byName));
            kommande.sort(Comparator.comparing(Forfallen::team).thenComparing(byName));
            fastnade.sort(Comparator.comparing(Fastnad::team).thenComparing(stuckByName));
        } else {
            // Most urgent first: longest overdue, soonest due, longest stuck.
            forsenade.sort(Comparator.comparingLong(Forfallen::dagarForsenad).reversed().thenComparing(byName));
            kommande.sort(Comparator.comparing(Forfallen::forfaller).thenComparing(byName));
            fastnade.sort(Comparator.comparing(Fastnad::sedan).thenComparing(stuckByName));
        }
    }
}
