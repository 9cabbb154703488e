package se.finsam.planering.atkomst;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.web.Felsvar;
import se.finsam.planering.web.Webbkontext;

/**
 * Who may see which participant, decided in one place. A participant sees only themself; staff see participants
 * of their own teams, and the authorities' staff only where the participant's samtycke (given, not withdrawn)
 * covers their organisation (the koordinator sees the whole team). A protected identity is shown by code only.
 *
 * <p>The rule exists once, as SQL ({@link #synliga}): every query that lists participants joins it, and the check
 * of a single participant asks the same SQL. Routes that name a participant, meeting, booking, handover or plan
 * item declare it in the route table ({@link Atkomst}); {@link #kontrollera} enforces that before the handler runs
 * and writes the audit row. Every look is logged, and so is every refusal.
 */
public final class DeltagarAtkomst implements Atkomst.Kontroll {

    /**
     * The participants one user may see, as a subquery with the columns {@code deltagare_id}, {@code team_id},
     * {@code kod} and {@code namn} (null for a protected identity). Only this class makes one, so a list query
     * cannot be handed a filter written somewhere else. The SQL holds nothing but numbers from the session.
     */
    public static final class Synliga {
        private final String sql;

        private Synliga(String sql) {
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }
    }

    private static final String KOLUMNER = """
            SELECT d.id AS deltagare_id, d.team_id, d.kod,
                   CASE WHEN d.skyddad_identitet = 1 THEN NULL ELSE d.fornamn || ' ' || d.efternamn END AS namn
            FROM deltagare d
            """;

    private final AtkomstRepository deltagare;
    private final Handelselogg audit;
    private final Function<Context, Texter> texter;

    /** {@code texter} gives the messages in the language of the request (the web layer decides it). */
    public DeltagarAtkomst(AtkomstRepository deltagare, Handelselogg audit, Function<Context, Texter> texter) {
        this.deltagare = deltagare;
        this.audit = audit;
        this.texter = texter;
    }

    private Nekad nekad(Context ctx, int status, String nyckel) {
        return new Nekad(status, texter.apply(ctx).get(nyckel));
    }

    private static Anvandare inloggad(Context ctx, Function<Context, Texter> texter) {
        Anvandare user = Anvandare.fran(ctx);
        if (user == null) {
            throw new Nekad(401, texter.apply(ctx).get("fel.401"));
        }
        return user;
    }

    /**
     * The samtycke rule as SQL: the participant's samtycke (given, not withdrawn) covers the organisation. Both are
     * SQL expressions (column names or numbers from the session, never user input). The list filter below uses it
     * for staff, and so does everything that tells the participant which organisations take part in her case.
     */
    public static String samtyckeTacker(String deltagareId, String organisationId) {
        return "EXISTS (SELECT 1 FROM samtycke s WHERE s.deltagare_id = " + deltagareId + " AND s.organisation_id = "
                + organisationId + " AND s.aterkallat_datum IS NULL)";
    }

    /** The one filter for "may this user see this participant", for every list. */
    public static Synliga synliga(Anvandare user) {
        if (user.roll() == Roll.DELTAGARE) {
            return new Synliga(KOLUMNER + "WHERE d.id = " + (user.deltagareId() == null ? 0 : user.deltagareId()));
        }
        if (!user.roll().arPersonal() || user.teamIds().isEmpty()) {
            return new Synliga(KOLUMNER + "WHERE 1 = 0");
        }
        String team = user.teamIds().stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
        if (user.roll() == Roll.KOORDINATOR) {
            return new Synliga(KOLUMNER + "WHERE d.team_id IN (" + team + ")");
        }
        if (user.organisationId() == null) {
            return new Synliga(KOLUMNER + "WHERE 1 = 0");
        }
        return new Synliga(KOLUMNER + "WHERE d.team_id IN (" + team + ")\n"
                + "  AND " + samtyckeTacker("d.id", String.valueOf(user.organisationId())));
    }

    public boolean mayAccess(Anvandare user, long deltagareId) {
        return deltagare.synlig(synliga(user), deltagareId);
    }

    /** Why the user may not see the participant, as a bundle key; null when they may. */
    private String refusal(Anvandare user, long deltagareId) {
        if (mayAccess(user, deltagareId)) {
            return null;
        }
        boolean ettEgetTeam = user.roll().arPersonal()
                && deltagare.deltagarensTeam(deltagareId).map(user.teamIds()::contains).orElse(false);
        return ettEgetTeam ? "fel.403.samtycke" : "fel.403.deltagare";
    }

    /**
     * The logged-in participant's own id, checked and logged as {@link #require} does; a user who is not a
     * participant gets a 404 with the message {@code ingenNyckel}.
     */
    public long egen(Context ctx, Handelselogg.Handling handling, String vad, String ingenNyckel) {
        Anvandare user = inloggad(ctx, texter);
        if (user.deltagareId() == null) {
            throw nekad(ctx, 404, ingenNyckel);
        }
        require(ctx, user.deltagareId(), handling, vad);
        return user.deltagareId();
    }

    /** Lets the request through and logs that it read (or changed) the participant's data, or refuses it. */
    public Anvandare require(Context ctx, long deltagareId, Handelselogg.Handling handling, String vad) {
        Anvandare user = inloggad(ctx, texter);
        if (user.roll() == Roll.DELTAGARE && user.deltagareId() != null && user.deltagareId() == deltagareId) {
            // Her own data: the session's account is hers (the rule of synliga, without asking the database).
            audit.log(user.id(), handling, deltagareId, vad, ctx.ip());
            return user;
        }
        if (deltagare.deltagarensTeam(deltagareId).isEmpty()) {
            throw nekad(ctx, 404, "fel.404");
        }
        String refusal = refusal(user, deltagareId);
        if (refusal != null) {
            audit.log(user.id(), Handelselogg.Handling.NEKAD, deltagareId, vad, ctx.ip());
            throw nekad(ctx, 403, refusal);
        }
        audit.log(user.id(), handling, deltagareId, vad, ctx.ip());
        return user;
    }

    /** A page that lists people: one audit row per person shown. */
    public void loggaLista(Context ctx, Collection<Long> deltagareIds, String vad) {
        Anvandare user = inloggad(ctx, texter);
        audit.logMany(user.id(), Handelselogg.Handling.LAS, deltagareIds, vad, ctx.ip());
    }

    /** A change that concerned several participants at once (e.g. a meeting moved): one audit row per person. */
    public void loggaAndring(Context ctx, Collection<Long> deltagareIds, String vad) {
        Anvandare user = inloggad(ctx, texter);
        audit.logMany(user.id(), Handelselogg.Handling.ANDRA, deltagareIds, vad, ctx.ip());
    }

    /**
     * The route's declared rule, before its handler runs: each path parameter is resolved to the participant it
     * concerns (a meeting to its team) and checked; reading is logged as a read, anything else as a change.
     */
    @Override
    public void kontrollera(Context ctx, Atkomst atkomst) {
        Anvandare user = inloggad(ctx, texter);
        Handelselogg.Handling handling = ctx.method() == HandlerType.GET ? Handelselogg.Handling.LAS : Handelselogg.Handling.ANDRA;
        for (Atkomst.Regel regel : atkomst.regler()) {
            if (regel.slag() == Atkomst.Slag.INGEN) {
                continue;
            }
            long id = positivtId(ctx, regel.parameter());
            if (regel.slag() == Atkomst.Slag.MOTE) {
                long team = deltagare.motetsTeam(id).orElseThrow(() -> nekad(ctx, 404, "fel.404"));
                if (!user.roll().arPersonal() || !user.teamIds().contains(team)) {
                    audit.log(user.id(), Handelselogg.Handling.NEKAD, null, regel.vad() + " " + id, ctx.ip());
                    throw nekad(ctx, 403, "fel.403");
                }
                continue;
            }
            if (regel.slag() == Atkomst.Slag.KONTO) {
                if (user.roll() != Roll.ADMIN) {
                    audit.log(user.id(), Handelselogg.Handling.NEKAD, null, regel.vad() + " " + id, ctx.ip());
                    throw nekad(ctx, 403, "fel.403");
                }
                continue;
            }
            Optional<Long> deltagareId = switch (regel.slag()) {
                case DELTAGARE -> Optional.of(id);
                case BOKNING -> deltagare.bokningensDeltagare(id);
                case OVERLAMNING -> deltagare.overlamningensDeltagare(id);
                case PLANPUNKT -> deltagare.planpunktensDeltagare(id);
                case UPPFOLJNING -> deltagare.uppfoljningensDeltagare(id);
                case MOTE, KONTO, INGEN -> throw new IllegalStateException("handled above");
            };
            require(ctx, deltagareId.orElseThrow(() -> nekad(ctx, 404, "fel.404")), handling,
                    regel.vad());
        }
    }

    /** The id in the path: anything but a positive whole number is a plain 404 (as the form layer reads it). */
    private long positivtId(Context ctx, String parameter) {
        try {
            long id = Long.parseLong(ctx.pathParam(parameter));
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // a 404 below
        }
        throw nekad(ctx, 404, "fel.404");
    }
}
