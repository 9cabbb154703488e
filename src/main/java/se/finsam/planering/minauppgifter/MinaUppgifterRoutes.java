package se.finsam.planering.minauppgifter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import se.finsam.planering.atkomst.DeltagarAtkomst;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.deltagare.SamtyckeRepository;
import se.finsam.planering.web.Felsvar;
import se.finsam.planering.web.Formularfel;
import se.finsam.planering.web.Formular;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.web.Webbkontext;

/**
 * "Mina uppgifter": the participant's samtycke per organisation, which she can withdraw herself (giving it again
 * goes through the team, as the paper form requires), everything stored about her as a page and as JSON, and
 * her requests to correct it.
 */
public final class MinaUppgifterRoutes {

    /** The longest request for correction, in characters. */
    public static final int RATTELSE_MAX = 2000;

    public record Sida(MinaUppgifterRepository.Personuppgifter person, List<SamtyckeRepository.Samtycke> samtycken,
                       List<SamtyckeRepository.Rattelse> rattelser, String rattelse, Formularfel fel) {
        public List<SamtyckeRepository.Samtycke> giltiga() {
            return samtycken.stream().filter(SamtyckeRepository.Samtycke::giltigt).toList();
        }

        public List<SamtyckeRepository.Samtycke> aterkallade() {
            return samtycken.stream().filter(s -> !s.giltigt()).toList();
        }
    }

    public record AterkallaSida(SamtyckeRepository.Samtycke samtycke) {
    }

    private final MinaUppgifterRepository repo;
    private final SamtyckeRepository samtycke;
    private final DeltagarAtkomst access;
    private final Mallar mallar;
    private final Webbkontext web;
    private final Clock clock;
    private final se.finsam.planering.util.Senare<ObjectMapper> json = se.finsam.planering.util.Senare.av(
            () -> new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT));

    public MinaUppgifterRoutes(MinaUppgifterRepository repo, SamtyckeRepository samtycke, DeltagarAtkomst access,
                               Mallar mallar, Webbkontext web, Clock clock) {
        this.repo = repo;
        this.samtycke = samtycke;
        this.access = access;
        this.mallar = mallar;
        this.web = web;
        this.clock = clock;
    }

    /** The participant's own id, after the access check has logged what she did. */
    private long egen(Context ctx, Handelselogg.Handling handling, String vad) {
        return access.egen(ctx, handling, vad, "minplanering.ingen");
    }

    public void sida(Context ctx) {
        long id = egen(ctx, Handelselogg.Handling.LAS, "mina uppgifter");
        visa(ctx, id, "", Formularfel.none());
    }

    private void visa(Context ctx, long id, String rattelse, Formularfel fel) {
        mallar.render(ctx, "minauppgifter/mina-uppgifter.jte", new Sida(repo.personuppgifter(id),
                samtycke.historik(id), samtycke.rattelser(id), rattelse, fel));
    }

    /** The organisation named in the path, as one of her current samtycken; 404 when there is none. */
    private SamtyckeRepository.Samtycke giltigt(Context ctx, long id) {
        long organisation = Formular.sokvagsId(ctx, "organisation");
        return samtycke.giltigt(id, organisation)
                .orElseThrow(() -> Felsvar.notFound(web.messages(ctx).get("minauppgifter.samtycke.saknas")));
    }

    public void aterkallaSida(Context ctx) {
        long id = egen(ctx, Handelselogg.Handling.LAS, "mina uppgifter");
        mallar.render(ctx, "minauppgifter/aterkalla.jte", new AterkallaSida(giltigt(ctx, id)));
    }

    public void aterkalla(Context ctx) {
        long id = egen(ctx, Handelselogg.Handling.ANDRA, "återkallade samtycke");
        SamtyckeRepository.Samtycke s = giltigt(ctx, id);
        samtycke.aterkalla(id, s.organisationId(), web.user(ctx).id(), LocalDate.now(clock), clock.instant());
        web.flash(ctx, "flash.samtycke.aterkallat");
        ctx.redirect("/min-planering/mina-uppgifter#samtycke");
    }

    public void rattelse(Context ctx) {
        long id = egen(ctx, Handelselogg.Handling.ANDRA, "begärde rättelse");
        Formular f = Formular.av(ctx);
        String text = f.text("rattelse", RATTELSE_MAX, "minauppgifter.rattelse.fel.tom");
        if (!f.ok()) {
            ctx.status(400);
            visa(ctx, id, text, f.fel());
            return;
        }
        samtycke.begarRattelse(id, text, web.user(ctx).id(), clock.instant());
        web.flash(ctx, "flash.rattelse");
        ctx.redirect("/min-planering/mina-uppgifter#rattelse");
    }

    public void alla(Context ctx) {
        long id = egen(ctx, Handelselogg.Handling.LAS, "laddade ner sina uppgifter");
        mallar.render(ctx, "minauppgifter/alla.jte", repo.allt(id, web.user(ctx).id()));
    }

    public void allaJson(Context ctx) throws Exception {
        long id = egen(ctx, Handelselogg.Handling.LAS, "laddade ner sina uppgifter");
        byte[] body = json.get().writeValueAsBytes(repo.allt(id, web.user(ctx).id()));
        ctx.header("Content-Disposition", "attachment; filename=\"mina-uppgifter-"
                + LocalDate.now(clock) + ".json\"");
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(new String(body, StandardCharsets.UTF_8));
    }
}
