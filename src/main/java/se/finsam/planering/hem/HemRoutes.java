package se.finsam.planering.hem;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import se.finsam.planering.audit.AuditLog;
import se.finsam.planering.auth.CurrentUser;
import se.finsam.planering.deltagare.DeltagareAccess;
import se.finsam.planering.deltagare.DeltagareRepository;
import se.finsam.planering.planering.PlaneringRepository;
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
                                boolean koordinator) {
    }

    public record AdminStart(List<Antal> roller, List<Antal> team, List<Antal> organisationer) {
    }

    public record Antal(String namn, int antal) {
    }

    public record StatistikStart(List<TeamPipeline> pipeline) {
    }

    public static final List<String> FASER = List.of("anmald", "kallad", "planerad", "uppfoljning", "avslutad");

    private final Jdbi jdbi;
    private final DeltagareRepository deltagare;
    private final PlaneringRepository planering;
    private final DeltagareAccess access;
    private final Renderer renderer;
    private final WebContext web;

    public HemRoutes(Jdbi jdbi, DeltagareRepository deltagare, PlaneringRepository planering, DeltagareAccess access,
                     Renderer renderer, WebContext web) {
        this.jdbi = jdbi;
        this.deltagare = deltagare;
        this.planering = planering;
        this.access = access;
        this.renderer = renderer;
        this.web = web;
    }

    public void start(Context ctx) {
        CurrentUser user = web.user(ctx);
        if (user == null) {
            ctx.redirect("/logga-in");
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
        boolean koordinator = user.roll() == se.finsam.planering.auth.Roll.KOORDINATOR;
        List<DeltagareRepository.Rad> lista = koordinator
                ? deltagare.inTeams(user.teamIds(), 200)
                : deltagare.forHandlaggare(user.id(), user.teamIds());
        renderer.render(ctx, "hem/personal.jte",
                new PersonalStart(pipeline(deltagare.fasPerTeam(user.teamIds())), lista, koordinator));
    }

    public void admin(Context ctx) {
        AdminStart page = jdbi.withHandle(h -> new AdminStart(
                h.createQuery("SELECT roll, count(*) FROM anvandare GROUP BY roll ORDER BY roll")
                        .map((rs, c) -> new Antal(rs.getString(1), rs.getInt(2))).list(),
                h.createQuery("""
                                SELECT t.namn, count(m.anvandare_id) FROM team t
                                LEFT JOIN team_medlem m ON m.team_id = t.id GROUP BY t.id ORDER BY t.namn""")
                        .map((rs, c) -> new Antal(rs.getString(1), rs.getInt(2))).list(),
                h.createQuery("""
                                SELECT o.namn, count(a.id) FROM organisation o
                                LEFT JOIN anvandare a ON a.organisation_id = o.id AND a.roll <> 'deltagare'
                                GROUP BY o.id ORDER BY o.namn""")
                        .map((rs, c) -> new Antal(rs.getString(1), rs.getInt(2))).list()));
        renderer.render(ctx, "hem/admin.jte", page);
    }

    public void statistik(Context ctx) {
        renderer.render(ctx, "hem/statistik.jte", new StatistikStart(pipeline(deltagare.fasPerTeam(null))));
    }

    private static List<TeamPipeline> pipeline(List<DeltagareRepository.FasAntal> rows) {
        Map<String, Map<String, Integer>> byTeam = new TreeMap<>();
        for (DeltagareRepository.FasAntal row : rows) {
            byTeam.computeIfAbsent(row.team(), t -> new TreeMap<>()).put(row.fas(), row.antal());
        }
        return byTeam.entrySet().stream().map(e -> new TeamPipeline(e.getKey(), e.getValue())).toList();
    }
}
