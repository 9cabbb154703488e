package se.finsam.planering.hem;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import se.finsam.planering.atkomst.CurrentUser;
import se.finsam.planering.atkomst.DeltagareAccess;
import se.finsam.planering.deltagare.DeltagareRepository;
import se.finsam.planering.deltagare.SamtyckeRepository;
import se.finsam.planering.mote.MoteRepository;
import se.finsam.planering.overlamning.OverlamningRepository;
import se.finsam.planering.uppfoljning.UppfoljningOversikt;
import se.finsam.planering.web.Renderer;
import se.finsam.planering.web.WebContext;

/** The start page of each role. Later features fill them; each already shows real data. */
public final class HemRoutes {

    /** Counts per stage in the participant's journey, for one team. */
    public record TeamPipeline(String team, Map<String, Integer> perFas) {
        public int antal(String fas) {
            return perFas.getOrDefault(fas, 0);
        }
    }

    public record PersonalStart(List<TeamPipeline> pipeline, List<DeltagareRepository.Rad> deltagare,
                                boolean koordinator, List<OverlamningRepository.Post> attKvittera,
                                Koordinatorlistor listor) {
    }

    /** The koordinator's pipeline: what waits for the team, stage by stage. */
    public record Koordinatorlistor(List<MoteRepository.Anmald> anmaldaUtanMote, List<MoteRepository.Mote> moten,
                                    List<MoteRepository.Anmald> planerade, List<Uppfoljning> uppfoljningar,
                                    List<OverlamningRepository.Post> utanKvittens,
                                    List<OverlamningRepository.Post> aterlamnade,
                                    List<se.finsam.planering.personal.SlutadAnsvarig.Punkt> slutat,
                                    List<SamtyckeRepository.Uppgift> uppgifter) {
        public long forsenade() {
            return utanKvittens.stream().filter(OverlamningRepository.Post::forsenad).count();
        }
    }

    /** A follow-up due soon (or overdue), counted from the handover. */
    public record Uppfoljning(long deltagareId, String visningsnamn, LocalDate datum, int manader, boolean forsenad,
                              boolean efterAvslut) {
    }

    public record AdminStart(List<Antal> roller, List<Antal> team, List<Antal> organisationer) {
    }

    public record Antal(String namn, int antal) {
    }

    private final HemRepository hem;
    private final DeltagareRepository deltagare;
    private final DeltagareAccess access;
    private final UppfoljningOversikt uppfoljningsschema;
    private final Renderer renderer;
    private final WebContext web;
    private final MoteRepository moten;
    private final OverlamningRepository overlamningar;
    private final Clock clock;
    private final SamtyckeRepository samtycke;

    public HemRoutes(HemRepository hem, DeltagareRepository deltagare, DeltagareAccess access, Renderer renderer,
                     WebContext web, MoteRepository moten, OverlamningRepository overlamningar,
                     UppfoljningOversikt uppfoljningsschema, Clock clock, SamtyckeRepository samtycke) {
        this.samtycke = samtycke;
        this.access = access;
        this.moten = moten;
        this.overlamningar = overlamningar;
        this.uppfoljningsschema = uppfoljningsschema;
        this.clock = clock;
        this.hem = hem;
        this.deltagare = deltagare;
        this.renderer = renderer;
        this.web = web;
    }

    public void start(Context ctx) {
        CurrentUser user = web.user(ctx);
        if (user == null) {
            // A phone a participant has logged in on opens her own login, not the staff one.
            ctx.redirect(web.cookie(ctx, se.finsam.planering.inloggning.AuthRoutes.DEVICE_COOKIE) != null
                    ? "/logga-in/deltagare" : "/logga-in");
            return;
        }
        ctx.redirect(switch (user.roll()) {
            case DELTAGARE -> "/min-planering";
            case ADMIN -> "/admin";
            case STYRGRUPP -> "/statistik";
            default -> "/oversikt";
        });
    }

    public void personal(Context ctx) {
        CurrentUser user = web.requireUser(ctx);
        DeltagareAccess.Synliga synliga = DeltagareAccess.synliga(user);
        boolean koordinator = user.roll() == se.finsam.planering.atkomst.Roll.KOORDINATOR;
        List<DeltagareRepository.Rad> lista = koordinator
                ? deltagare.synliga(synliga, 200)
                : deltagare.forHandlaggare(synliga, user.id());
        LocalDate idag = LocalDate.now(clock);
        Koordinatorlistor listor = !koordinator ? null : new Koordinatorlistor(
                moten.anmaldaUtanMote(synliga, user.teamIds()),
                moten.kommande(user.teamIds(), idag.atStartOfDay(), 10),
                moten.iFas(synliga, "planerad"),
                uppfoljningar(user, idag),
                overlamningar.utanKvittens(synliga, user.teamIds(), idag),
                overlamningar.aterlamnade(synliga, user.teamIds(), idag),
                hem.slutadeAnsvariga(synliga, user.teamIds()),
                samtycke.oppna(synliga));
        List<OverlamningRepository.Post> attKvittera = overlamningar.attKvittera(synliga, user.id(), idag);
        List<Long> visade = new ArrayList<>();
        lista.forEach(d -> visade.add(d.id()));
        attKvittera.forEach(o -> visade.add(o.deltagareId()));
        if (listor != null) {
            listor.anmaldaUtanMote().forEach(a -> visade.add(a.id()));
            listor.planerade().forEach(a -> visade.add(a.id()));
            listor.uppfoljningar().forEach(u -> visade.add(u.deltagareId()));
            listor.utanKvittens().forEach(o -> visade.add(o.deltagareId()));
            listor.aterlamnade().forEach(o -> visade.add(o.deltagareId()));
            listor.slutat().forEach(p -> visade.add(p.deltagareId()));
            listor.uppgifter().forEach(u -> visade.add(u.deltagareId()));
        }
        access.loggaLista(ctx, visade, "startsidans listor");
        renderer.render(ctx, "hem/personal.jte",
                new PersonalStart(pipeline(deltagare.fasPerTeam(user.teamIds())), lista, koordinator,
                        attKvittera, listor));
    }

    /** Follow-ups due within two weeks or overdue, from the same schedule as the follow-up overview. */
    private List<Uppfoljning> uppfoljningar(CurrentUser user, LocalDate idag) {
        var resultat = uppfoljningsschema.berakna(new UppfoljningOversikt.Filter(DeltagareAccess.synliga(user),
                user.teamIds(), null, null, null), idag, clock.instant());
        List<Uppfoljning> svar = new ArrayList<>();
        for (var f : resultat.forsenade()) {
            svar.add(new Uppfoljning(f.deltagareId(), f.namn(), f.forfaller(), f.manader(), true, f.efterAvslut()));
        }
        for (var f : resultat.kommande()) {
            svar.add(new Uppfoljning(f.deltagareId(), f.namn(), f.forfaller(), f.manader(), false, f.efterAvslut()));
        }
        svar.sort(java.util.Comparator.comparing(Uppfoljning::datum));
        return svar;
    }

    /** The koordinator marks a task handled (the route's rule has checked and logged the participant). */
    public void uppgiftHanterad(Context ctx) {
        long id = se.finsam.planering.web.Formular.sokvagsId(ctx, "id");
        long uppgift = se.finsam.planering.web.Formular.sokvagsId(ctx, "uppgift");
        if (!samtycke.hanterad(uppgift, id, web.user(ctx).id(), clock.instant())) {
            throw se.finsam.planering.web.Felsvar.notFound(web.messages(ctx).get("hem.uppgift.saknas"));
        }
        web.flash(ctx, "flash.uppgift.hanterad");
        ctx.redirect("/oversikt#uppgifter");
    }

    public void admin(Context ctx) {
        AdminStart page = hem.adminStart();
        renderer.render(ctx, "hem/admin.jte", page);
    }

    private static List<TeamPipeline> pipeline(List<DeltagareRepository.FasAntal> rows) {
        Map<String, Map<String, Integer>> byTeam = new TreeMap<>();
        for (DeltagareRepository.FasAntal row : rows) {
            byTeam.computeIfAbsent(row.team(), t -> new TreeMap<>()).put(row.fas(), row.antal());
        }
        return byTeam.entrySet().stream().map(e -> new TeamPipeline(e.getKey(), e.getValue())).toList();
    }
}
