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
                                se.finsam.planering.anmalan.Inskrivning.Visning inskrivning) {
    }

    private final DeltagareRepository deltagare;
    private final PlaneringRepository planering;
    private final Mallar mallar;
    private final SamtyckeRepository samtycke;
    private final AnmalanRepository anmalan;

    public DeltagareRoutes(DeltagareRepository deltagare, PlaneringRepository planering, Mallar mallar,
                           SamtyckeRepository samtycke, AnmalanRepository anmalan) {
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
                        anmalan.inskrivning(id).orElse(null)));
    }
}
