package se.finsam.planering.avslut;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import se.finsam.planering.atkomst.DeltagarAtkomst;
import se.finsam.planering.deltagare.DeltagareRepository;
import se.finsam.planering.uppfoljning.UppfoljningOversikt;
import se.finsam.planering.varden.Varden;
import se.finsam.planering.web.Felsvar;
import se.finsam.planering.web.Formularfel;
import se.finsam.planering.web.Formular;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.web.Webbkontext;

/**
 * The koordinator records how it went 6 and 12 months after avslut: försörjning and sysselsättning, or that the
 * person could not be reached. A call that does not reach her is recorded as an attempt (with its time) and leaves
 * the occasion open; "gick inte att nå" closes it. A new record for a month corrects the earlier one and keeps it
 * in the history. After saving, the page offers the next check due in the koordinator's teams.
 */
public final class EfterkontrollRoutes {

    public record Sida(DeltagareRepository.Oversikt deltagare, EfterkontrollRepository.Avslutet avslut,
                       List<EfterkontrollRepository.Rad> rader, List<EfterkontrollRepository.Forsok> forsok,
                       Map<String, String> varden, Formularfel fel, boolean sparad,
                       EfterkontrollRepository.Nasta nasta) {
        public String v(String key) {
            return varden.getOrDefault(key, "");
        }

        public LocalDate forfaller(int manader) {
            return avslut.datum().plusMonths(manader);
        }

        /** The current check of a month, if any. */
        public EfterkontrollRepository.Rad aktuell(int manader) {
            return rader.stream().filter(r -> r.manader() == manader && !r.ersatt()).findFirst().orElse(null);
        }

        public List<Integer> manader() {
            return List.of(6, 12);
        }

        /** The attempts that did not reach the person for a month's check, oldest first. */
        public List<EfterkontrollRepository.Forsok> forsokFor(int manader) {
            return forsok.stream().filter(f -> f.manader() == manader).toList();
        }

        public List<String> forsorjningar() {
            return Varden.FORSORJNING;
        }

        public List<String> sysselsattningar() {
            return Varden.SYSSELSATTNING;
        }
    }

    private final EfterkontrollRepository repo;
    private final DeltagareRepository deltagare;
    private final Mallar mallar;
    private final Webbkontext web;
    private final Clock clock;
    private final DeltagarAtkomst access;

    public EfterkontrollRoutes(EfterkontrollRepository repo, DeltagareRepository deltagare, DeltagarAtkomst access,
                               Mallar mallar, Webbkontext web, Clock clock) {
        this.repo = repo;
        this.access = access;
        this.deltagare = deltagare;
        this.mallar = mallar;
        this.web = web;
        this.clock = clock;
    }

    private EfterkontrollRepository.Avslutet avslut(Context ctx, long id) {
        EfterkontrollRepository.Avslutet a = repo.avslut(id)
                .orElseThrow(() -> new Felsvar(409, web.messages(ctx).get("efterkontroll.fel.ejavslutad")));
        if (a.orsak().equals("felregistrering")) {
            throw new Felsvar(409, web.messages(ctx).get("efterkontroll.fel.felregistrering"));
        }
        return a;
    }

    public void formular(Context ctx) {
        long id = Formular.sokvagsId(ctx, "id");
        EfterkontrollRepository.Avslutet a = avslut(ctx, id);
        List<EfterkontrollRepository.Rad> rader = repo.rader(id);
        Map<String, String> v = new HashMap<>();
        boolean sexGjord = rader.stream().anyMatch(r -> r.manader() == 6);
        v.put("manader", sexGjord ? "12" : "6");
        v.put("datum", LocalDate.now(clock).toString());
        boolean sparad = ctx.queryParam("sparad") != null;
        visa(ctx, id, a, rader, v, Formularfel.none(), sparad);
    }

    private void visa(Context ctx, long id, EfterkontrollRepository.Avslutet a, List<EfterkontrollRepository.Rad> rader,
                      Map<String, String> v, Formularfel fel, boolean sparad) {
        var oversikt = deltagare.oversikt(id).orElseThrow(() -> Felsvar.notFound(web.messages(ctx).get("fel.404")));
        var user = web.requireUser(ctx);
        EfterkontrollRepository.Nasta nasta = sparad
                ? repo.nasta(DeltagarAtkomst.synliga(user), user.teamIds(), id, LocalDate.now(clock),
                        UppfoljningOversikt.DAGAR_FRAMAT).orElse(null)
                : null;
        if (nasta != null) {
            access.loggaLista(ctx, List.of(nasta.deltagareId()), "efterkontroll: nästa");
        }
        mallar.render(ctx, "avslut/efterkontroll.jte", new Sida(oversikt, a, rader, repo.forsok(id), v, fel, sparad,
                nasta));
    }

    public void spara(Context ctx) {
        long id = Formular.sokvagsId(ctx, "id");
        EfterkontrollRepository.Avslutet a = avslut(ctx, id);
        Formular f = Formular.av(ctx);
        Map<String, String> v = new HashMap<>();
        for (String k : List.of("manader", "datum", "nadd", "forsorjning", "sysselsattning")) {
            v.put(k, f.text(k));
        }
        String manaderText = f.text("manader");
        Integer manader = manaderText.equals("6") ? Integer.valueOf(6) : manaderText.equals("12") ? Integer.valueOf(12) : null;
        if (manader == null) {
            f.fel("manader-6", "efterkontroll.fel.manader");
        }
        LocalDate idag = LocalDate.now(clock);
        String nadd = f.text("nadd");
        if (!nadd.equals("ja") && !nadd.equals("nej") && !nadd.equals("forsok")) {
            f.fel("nadd-ja", "efterkontroll.fel.nadd");
        }
        if (nadd.equals("forsok")) {
            // An attempt is recorded at the moment it is saved; the occasion stays open.
            if (!f.ok()) {
                ctx.status(400);
                visa(ctx, id, a, repo.rader(id), v, f.fel(), false);
                return;
            }
            repo.forsok(id, manader, web.user(ctx).id(), clock.instant());
            web.flash(ctx, "flash.efterkontroll.forsok");
            ctx.redirect("/deltagare/" + id + "/efterkontroll?sparad=1");
            return;
        }
        LocalDate datum = f.datum("datum").format("efterkontroll.fel.datum")
                .fran(a.datum(), "efterkontroll.fel.datum.fore").till(idag, "efterkontroll.fel.datum.framtid").las();
        String forsorjning = "";
        String sysselsattning = "";
        if (nadd.equals("ja")) {
            forsorjning = f.val("forsorjning", Varden.FORSORJNING, "efterkontroll.fel.forsorjning");
            sysselsattning = f.val("sysselsattning", Varden.SYSSELSATTNING, "efterkontroll.fel.sysselsattning");
            if (forsorjning.isEmpty()) {
                f.fel("forsorjning", "efterkontroll.fel.forsorjning");
            }
            if (sysselsattning.isEmpty()) {
                f.fel("sysselsattning", "efterkontroll.fel.sysselsattning");
            }
        }
        if (!f.ok()) {
            ctx.status(400);
            visa(ctx, id, a, repo.rader(id), v, f.fel(), false);
            return;
        }
        repo.spara(new EfterkontrollRepository.Ny(id, manader, nadd.equals("ja"), forsorjning,
                sysselsattning, datum), web.user(ctx).id(), clock.instant());
        web.flash(ctx, "flash.efterkontroll");
        ctx.redirect("/deltagare/" + id + "/efterkontroll?sparad=1");
    }
}
