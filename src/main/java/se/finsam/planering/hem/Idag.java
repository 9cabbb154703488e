package se.finsam.planering.hem;

import java.util.ArrayList;
import java.util.List;
import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.atkomst.Roll;

/**
 * "I dag": what needs a staff member's action, as counts, each with the address of the list that holds exactly
 * those rows. The start page shows it first; anything that sends a staff member a summary of her day should use
 * the same counts, from here.
 *
 * <p>For the koordinator: escalations not handled, handovers without kvittens past the team's limit, follow-ups
 * and checks after avslut due this week (or overdue), requests for correction, samtycke withdrawn, items whose
 * responsible person has left, items answered "not mine", referrals not booked to a meeting and plans begun but
 * not handed over; plus items waiting for her own kvittens
 * when there are any. For a handläggare or team representative: items waiting for her kvittens (with how many
 * came in since she last opened that list), her items due within a week or overdue, and the follow-ups due for
 * her participants. Every count respects samtycke and leaves out closed participants, as its list does.
 */
public final class Idag {

    /**
     * One count: the list's name, the message key of what it counts ({@code idag.<lista>}, taking the count as
     * its argument), how many rows the list holds, how many of them are new since the user last opened the
     * list, and the list's address (a path on this server).
     */
    public record Post(String lista, String nyckel, int antal, int nya, String url) {
    }

    private final Arbetslistor listor;

    public Idag(Arbetslistor listor) {
        this.listor = listor;
    }

    /** The lists counted for a role, in the order they are shown (most pressing first). */
    public static List<String> listor(Roll roll) {
        if (roll == Roll.KOORDINATOR) {
            return List.of(Arbetslistor.ESKALERINGAR, Arbetslistor.SENA_KVITTENSER, Arbetslistor.ATERLAMNADE,
                    Arbetslistor.UPPFOLJNINGAR, Arbetslistor.RATTELSER, Arbetslistor.ATERKALLELSER,
                    Arbetslistor.SLUTAT, Arbetslistor.UTAN_MOTE, Arbetslistor.PLANERADE, Arbetslistor.KVITTERA);
        }
        if (roll == Roll.HANDLAGGARE || roll == Roll.TEAMREPRESENTANT) {
            return List.of(Arbetslistor.KVITTERA, Arbetslistor.MINA_PUNKTER, Arbetslistor.UPPFOLJNINGAR);
        }
        return List.of();
    }

    /**
     * Every list a role has a link to among the work lists: those counted in "I dag", then (for the koordinator)
     * those that need no action of their own but are where she looks things up: every handover without an
     * answer, and who is booked to which meeting.
     */
    public static List<String> navigering(Roll roll) {
        if (roll != Roll.KOORDINATOR) {
            return listor(roll);
        }
        List<String> svar = new ArrayList<>(listor(roll));
        svar.add(Arbetslistor.UTAN_KVITTENS);
        svar.add(Arbetslistor.KALLADE);
        return svar;
    }

    /**
     * The user's counts, in the order to show them. The koordinator's own kvittens count is left out while it is
     * zero (she is rarely handed items); every other count is there even when zero.
     */
    public List<Post> poster(Anvandare user) {
        List<Post> svar = new ArrayList<>();
        for (String lista : listor(user.roll())) {
            Arbetslistor.Antal antal = listor.antal(user, lista);
            if (antal.antal() == 0 && user.roll() == Roll.KOORDINATOR && Arbetslistor.KVITTERA.equals(lista)) {
                continue;
            }
            svar.add(new Post(lista, "idag." + lista, antal.antal(), antal.nya(),
                    Arbetslistor.url(lista, Arbetslistor.Urval.ALLT, 1)));
        }
        return svar;
    }

    /** True only when every count is zero: the one case the start page says there is nothing to do. */
    public static boolean ingetAttGora(List<Post> poster) {
        return poster.stream().allMatch(p -> p.antal() == 0);
    }
}
