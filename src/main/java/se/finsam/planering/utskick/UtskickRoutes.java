package se.finsam.planering.utskick;

import io.javalin.http.Context;
import java.util.List;
import java.util.Set;
import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.web.Webbkontext;

/** The koordinator's page Utskick: every message for her team, to whom, on which channel, when, and how it went. */
public final class UtskickRoutes {

    /** The page: the rows, and which channels this server has. */
    public record Sida(List<UtskickRepository.Listrad> rader, Set<Kanal> kanaler, int max) {
        /** No e-mail or SMS channel (web push needs no setting, and goes only to those who turned it on). */
        public boolean ingenKanal() {
            return kanaler.stream().allMatch(k -> k == Kanal.PUSH);
        }
    }

    static final int MAX = 300;

    private final UtskickRepository repo;
    private final Avsandare avsandare;
    private final Mallar mallar;
    private final Webbkontext web;

    public UtskickRoutes(UtskickRepository repo, Avsandare avsandare, Mallar mallar, Webbkontext web) {
        this.repo = repo;
        this.avsandare = avsandare;
        this.mallar = mallar;
        this.web = web;
    }

    public void sida(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        mallar.render(ctx, "utskick/utskick.jte", new Sida(repo.lista(user.teamIds(), MAX), avsandare.kanaler(), MAX));
    }
}
