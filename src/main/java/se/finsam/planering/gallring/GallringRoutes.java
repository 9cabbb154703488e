package se.finsam.planering.gallring;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import se.finsam.planering.web.Formularfel;
import se.finsam.planering.web.Formular;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.web.Webbkontext;

/** The administrator's view of gallring: the retention time per förbund, what the next run clears, the runs. */
public final class GallringRoutes {

    public record Sida(List<GallringRepository.Installning> installningar,
                       List<GallringRepository.Forhandsvisning> forhandsvisning, ZonedDateTime nasta,
                       List<GallringRepository.Korning> korningar, String felForbund, String manader, String beslut,
                       Formularfel fel) {
        public int totalt() {
            return forhandsvisning.stream().mapToInt(GallringRepository.Forhandsvisning::antal).sum();
        }
    }

    public record KorSida(int antal) {
    }

    private final GallringRepository repo;
    private final Gallring gallring;
    private final Mallar mallar;
    private final Webbkontext web;
    private final Clock clock;

    public GallringRoutes(GallringRepository repo, Gallring gallring, Mallar mallar, Webbkontext web,
                          Clock clock) {
        this.repo = repo;
        this.gallring = gallring;
        this.mallar = mallar;
        this.web = web;
        this.clock = clock;
    }

    public void sida(Context ctx) {
        visa(ctx, null, null, null, Formularfel.none());
    }

    private void visa(Context ctx, String forbund, String manader, String beslut, Formularfel fel) {
        mallar.render(ctx, "gallring/gallring.jte", new Sida(repo.installningar(),
                repo.forhandsvisning(LocalDate.now(clock)), gallring.nastaKorning(), repo.korningar(20), forbund,
                manader, beslut, fel));
    }

    public void spara(Context ctx) {
        Formular f = Formular.av(ctx);
        String forbund = f.text("forbund", Formular.RAD);
        if (!repo.finnsForbund(forbund)) {
            f.fel("forbund", "gallring.fel.forbund");
        }
        String manaderText = f.text("manader");
        Long manader = f.tal("manader").mellan(6, 120, "gallring.fel.manader").las();
        String beslut = f.text("beslut", 300, "gallring.fel.beslut");
        if (!f.ok()) {
            ctx.status(400);
            visa(ctx, forbund, manaderText, beslut, f.fel());
            return;
        }
        repo.spara(forbund, manader.intValue(), beslut, web.user(ctx).id(), clock.instant());
        web.flash(ctx, "flash.gallring.sparad");
        ctx.redirect("/admin/gallring");
    }

    public void korSida(Context ctx) {
        mallar.render(ctx, "gallring/kor.jte", new KorSida(repo.kandidater(LocalDate.now(clock)).size()));
    }

    public void kor(Context ctx) {
        Gallring.Resultat resultat = gallring.kor(web.user(ctx).namn());
        if (resultat == null) {
            ctx.status(409);
            mallar.render(ctx, "gallring/kor.jte", new KorSida(-1));
            return;
        }
        web.flash(ctx, "flash.gallring.kord");
        ctx.redirect("/admin/gallring#korningar");
    }
}
