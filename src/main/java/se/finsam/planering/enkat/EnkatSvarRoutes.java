package se.finsam.planering.enkat;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.finsam.planering.atkomst.DeltagarAtkomst;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.web.Alternativ;
import se.finsam.planering.web.Felsvar;
import se.finsam.planering.web.Formularfel;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.web.Webbkontext;

/**
 * "Vad tycker du?": the participant answers an occasion's questions once, on a page of its own in her language.
 * The answer is stored without her (see {@link EnkatRepository#svara}).
 */
public final class EnkatSvarRoutes {

    /** A question as she sees it: its text and the steps of its scale in her language. */
    public record FragaSida(long id, String text, List<Alternativ> alternativ, String valt) {
        public String namn() {
            return "fraga-" + id;
        }
    }

    public record SvarSida(String tillfalle, String token, List<FragaSida> fragor, Formularfel fel, boolean besvarad) {
    }

    private final EnkatRepository repo;
    private final DeltagarAtkomst access;
    private final Mallar mallar;
    private final Webbkontext web;
    private final Clock clock;

    public EnkatSvarRoutes(EnkatRepository repo, DeltagarAtkomst access, Mallar mallar, Webbkontext web,
                           Clock clock) {
        this.repo = repo;
        this.access = access;
        this.mallar = mallar;
        this.web = web;
        this.clock = clock;
    }

    private long egen(Context ctx, Handelselogg.Handling handling, String vad) {
        return access.egen(ctx, handling, vad, "enkat.ingen");
    }

    private String tillfalle(Context ctx) {
        String t = ctx.pathParam("tillfalle");
        if (!Fragefil.TILLFALLEN.contains(t)) {
            throw Felsvar.notFound(web.messages(ctx).get("enkat.ingen"));
        }
        return t;
    }

    public void sida(Context ctx) {
        String tillfalle = tillfalle(ctx);
        long id = egen(ctx, Handelselogg.Handling.LAS, "vad tycker du");
        Texter m = web.messages(ctx);
        var fragor = repo.aktiv(tillfalle).orElse(null);
        String token = repo.token(id, tillfalle).orElse(null);
        if (fragor == null || token == null) {
            mallar.render(ctx, "minplanering/enkat.jte", new SvarSida(tillfalle, null, List.of(),
                    Formularfel.none(), repo.besvarad(id, tillfalle)));
            return;
        }
        mallar.render(ctx, "minplanering/enkat.jte",
                new SvarSida(tillfalle, token, sida(fragor, m.lang(), Map.of()), Formularfel.none(), false));
    }

    public void svara(Context ctx) {
        String tillfalle = tillfalle(ctx);
        long id = egen(ctx, Handelselogg.Handling.ANDRA, "svarade på vad tycker du");
        Texter m = web.messages(ctx);
        var fragor = repo.aktiv(tillfalle).orElse(null);
        if (fragor == null) {
            throw Felsvar.notFound(m.get("enkat.ingen"));
        }
        Map<Long, Integer> varden = new LinkedHashMap<>();
        Map<Long, String> skrivet = new LinkedHashMap<>();
        Formularfel fel = new Formularfel();
        for (EnkatRepository.Fraga f : fragor.fragor()) {
            String v = ctx.formParam("fraga-" + f.id());
            if (v == null || v.isBlank()) {
                varden.put(f.id(), null);
                continue;
            }
            skrivet.put(f.id(), v);
            Integer steg = null;
            try {
                steg = Integer.valueOf(v.strip());
            } catch (NumberFormatException e) {
                // kept as null: an error below
            }
            if (steg == null || steg < 1 || steg > f.skala().size()) {
                fel.add("fraga-" + f.id() + "-1", "enkat.fel.varde");
            } else {
                varden.put(f.id(), steg);
            }
        }
        if (!fel.isEmpty()) {
            ctx.status(400);
            mallar.render(ctx, "minplanering/enkat.jte", new SvarSida(tillfalle, ctx.formParam("token"),
                    sida(fragor, m.lang(), skrivet), fel, false));
            return;
        }
        int ar = LocalDate.now(clock).getYear();
        switch (repo.svara(id, tillfalle, ctx.formParam("token"), fragor.enkat().id(), varden, ar)) {
            case SPARAT -> {
                web.flash(ctx, "flash.enkat.tack");
                ctx.redirect("/min-planering");
            }
            case REDAN_BESVARAD -> throw new Felsvar(409, m.get("enkat.redan"));
            default -> throw Felsvar.notFound(m.get("enkat.ingen"));
        }
    }

    private static List<FragaSida> sida(EnkatRepository.Fragor fragor, String sprak, Map<Long, String> valda) {
        return fragor.fragor().stream().map(f -> new FragaSida(f.id(), f.text().pa(sprak),
                f.skala().stream().map(s -> new Alternativ(Integer.toString(s.varde()), s.text().pa(sprak)))
                        .toList(), valda.get(f.id()))).toList();
    }
}
