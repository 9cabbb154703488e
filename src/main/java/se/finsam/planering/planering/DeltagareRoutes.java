package se.finsam.planering.planering;

import se.finsam.planering.anmalan.AnmalanRepository;
import se.finsam.planering.deltagare.DeltagareRepository;
import se.finsam.planering.deltagare.SamtyckeRepository;
import io.javalin.http.Context;
import se.finsam.planering.web.Formular;
import se.finsam.planering.web.Felsvar;
import se.finsam.planering.web.Mallar;

/** A participant's page for staff. */
public final class DeltagareRoutes {

    public record DeltagarePage(DeltagareRepository.Oversikt deltagare, PlaneringRepository.Planering planering,
                                java.time.Instant senastLast,
                                java.util.List<SamtyckeRepository.Samtycke> samtycken,
                                se.finsam.planering.anmalan.Inskrivning.Visning inskrivning,
                                java.util.List<se.finsam.planering.overlamning.OverlamningRepository.Post> attKvittera) {
    }

    private final DeltagareRepository deltagare;
    private final PlaneringRepository planering;
    private final Mallar mallar;
    private final SamtyckeRepository samtycke;
    private final AnmalanRepository anmalan;
    private final se.finsam.planering.overlamning.OverlamningRepository overlamningar;
    private final java.time.Clock clock;

    public DeltagareRoutes(DeltagareRepository deltagare, PlaneringRepository planering, Mallar mallar,
                           SamtyckeRepository samtycke, AnmalanRepository anmalan,
                           se.finsam.planering.overlamning.OverlamningRepository overlamningar, java.time.Clock clock) {
        this.overlamningar = overlamningar;
        this.clock = clock;
        this.samtycke = samtycke;
        this.anmalan = anmalan;
        this.deltagare = deltagare;
        this.planering = planering;
        this.mallar = mallar;
    }

    public void visa(Context ctx) {
        long id = Formular.sokvagsId(ctx, "id");
        var oversikt = deltagare.oversikt(id).orElseThrow(() -> Felsvar.notFound("Deltagaren finns inte."));
        mallar.render(ctx, "deltagare/visa.jte",
                new DeltagarePage(oversikt, planering.forDeltagare(id).orElse(null),
                        deltagare.senastLast(id).orElse(null), samtycke.historik(id),
                        anmalan.inskrivning(id).orElse(null), attKvittera(ctx, id)));
    }

    /** The items of this participant handed to the user that wait for her kvittens, to confirm here. */
    private java.util.List<se.finsam.planering.overlamning.OverlamningRepository.Post> attKvittera(
            io.javalin.http.Context ctx, long id) {
        var user = se.finsam.planering.atkomst.Anvandare.fran(ctx);
        return user == null ? java.util.List.of() : overlamningar.attKvittera(
                se.finsam.planering.atkomst.DeltagarAtkomst.synliga(user), user.id(), id,
                java.time.LocalDate.now(clock));
    }
}
