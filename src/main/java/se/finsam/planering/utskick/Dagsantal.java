package se.finsam.planering.utskick;

import java.util.List;
import se.finsam.planering.atkomst.Anvandare;

/**
 * What waits for a staff member today, as her start page's "I dag" counts it: each line a text key (in the Swedish
 * bundle, with the count as its argument), the count, and the page it links to. The koordinator's daily digest is
 * made from it, so the message and the start page never disagree.
 */
public interface Dagsantal {

    record Rad(String textnyckel, int antal, String lank) {
    }

    List<Rad> antal(Anvandare personal);
}
