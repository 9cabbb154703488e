package se.finsam.planering.hem;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.atkomst.DeltagarAtkomst;
import se.finsam.planering.deltagare.DeltagareRepository;
import se.finsam.planering.deltagare.SamtyckeRepository;
import se.finsam.planering.mote.MoteRepository;
import se.finsam.planering.overlamning.OverlamningRepository;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.web.Webbkontext;

/** The start page of each role. Later features fill them; each already shows real data. */
public final class HemRoutes {

    /** Counts per stage in the participant's journey, for one team. */
    public record TeamPipeline(String team, Map<String, Integer> perFas) {
        public int antal(String fas) {
            return perFas.getOrDefault(fas, 0);
        }

        /** The team has no participants in any stage. */
        public boolean tomt() {
            return perFas.values().stream().allMatch(a -> a == 0);
        }
    }

    /**
     * A staff member's start page: the "I dag" counts first, then at most a short first page of what matters most
     * (the newest items waiting for her kvittens; for the koordinator the team's next meetings), the participant
     * search and the team's stages. Everything else is in the work lists the counts link to.
     */
    public record PersonalStart(List<TeamPipeline> pipeline, Deltagarlista deltagare, boolean koordinator,
                                List<OverlamningRepository.Post> attKvittera, int attKvitteraAntal,
                                List<MoteRepository.Mote> moten, Long avvisa, List<Idag.Post> idag) {
        /** Nothing waits for the user today: every count of {@link #idag} is zero. */
        public boolean ingetAttGora() {
            return Idag.ingetAttGora(idag);
        }

        /** The items waiting for her kvittens shown on the start page, newest first; the rest are in her list. */
        public static final int FORST = 10;

        /** The team's next meetings shown on the koordinator's start page. */
        public static final int MOTEN = 5;

        /** More items wait for her kvittens than the start page shows. */
        public boolean flerAttKvittera() {
            return attKvitteraAntal > attKvittera.size();
        }

        /** The start page with the form that returns one handed-over item open below it (works without scripts). */
        public String avvisaUrl(long overlamning) {
            return "/oversikt?avvisa=" + overlamning + "#avvisa-" + overlamning;
        }
    }

    /**
     * The start page's former long lists, by the name {@code ?alla=} took, and the work list that holds each now:
     * an old address leads there.
     */
    static final Map<String, String> FLYTTADE_LISTOR = Map.of("kvittera", Arbetslistor.KVITTERA,
            "utanmote", Arbetslistor.UTAN_MOTE, "planerade", Arbetslistor.PLANERADE,
            "uppfoljningar", Arbetslistor.UPPFOLJNINGAR, "utankvittens", Arbetslistor.UTAN_KVITTENS,
            "aterlamnade", Arbetslistor.ATERLAMNADE, "uppgifter", Arbetslistor.RATTELSER,
            "slutat", Arbetslistor.SLUTAT);

    /**
     * One page of the participant list: {@code rader} are rows {@link #fran()} to {@link #till()} of {@code antal},
     * on page {@code sida} of {@code sidor}; {@code sok} is the search it is narrowed to, if any.
     */
    public record Deltagarlista(List<DeltagareRepository.Rad> rader, int antal, int sida, int sidor, String sok) {
        public static final int PER_SIDA = 50;

        public int fran() {
            return antal == 0 ? 0 : (sida - 1) * PER_SIDA + 1;
        }

        public int till() {
            return fran() + rader.size() - 1;
        }

        public boolean foregaende() {
            return sida > 1;
        }

        public boolean nasta() {
            return sida < sidor;
        }

        /** The address of another page of the same list (and search), at the list's heading. */
        public String url(int sidan) {
            StringBuilder url = new StringBuilder("/oversikt?");
            if (sok != null) {
                url.append("sok=").append(java.net.URLEncoder.encode(sok, java.nio.charset.StandardCharsets.UTF_8))
                        .append('&');
            }
            return url.append("sida=").append(sidan).append("#lista-rubrik").toString();
        }
    }

    public record AdminStart(List<Antal> roller, List<Antal> team, List<Antal> organisationer) {
    }

    public record Antal(String namn, int antal) {
    }

    private final HemRepository hem;
    private final DeltagareRepository deltagare;
    private final DeltagarAtkomst access;
    private final java.util.function.LongSupplier datautgava;
    /** The team's stages and the pages of the participant list, kept while the data version stays the same. */
    private final se.finsam.planering.web.Sidcache<List<Long>, List<TeamPipeline>> pipelines =
            new se.finsam.planering.web.Sidcache<>(32);
    private final se.finsam.planering.web.Sidcache<List<Object>, Deltagarlista> deltagarsidor =
            new se.finsam.planering.web.Sidcache<>(64);
    private final Mallar mallar;
    private final Webbkontext web;
    private final MoteRepository moten;
    private final OverlamningRepository overlamningar;
    private final Clock clock;
    private final SamtyckeRepository samtycke;
    private final Arbetslistor arbetslistor;
    private final Idag idag;
    private final Paminnelser paminnelser;

    public HemRoutes(HemRepository hem, DeltagareRepository deltagare, DeltagarAtkomst access, Mallar mallar,
                     Webbkontext web, MoteRepository moten, OverlamningRepository overlamningar,
                     java.util.function.LongSupplier datautgava, Clock clock, SamtyckeRepository samtycke,
                     Arbetslistor arbetslistor, Paminnelser paminnelser) {
        this.arbetslistor = arbetslistor;
        this.paminnelser = paminnelser;
        this.idag = new Idag(arbetslistor);
        this.samtycke = samtycke;
        this.access = access;
        this.moten = moten;
        this.overlamningar = overlamningar;
        this.datautgava = datautgava;
        this.clock = clock;
        this.hem = hem;
        this.deltagare = deltagare;
        this.mallar = mallar;
        this.web = web;
    }

    public void start(Context ctx) {
        Anvandare user = web.user(ctx);
        if (user == null) {
            // A phone a participant has logged in on opens her own login, not the staff one.
            ctx.redirect(web.cookie(ctx, se.finsam.planering.inloggning.InloggningRoutes.DEVICE_COOKIE) != null
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

    /** The longest search text the participant list takes; longer is cut. */
    static final int MAX_SOK = 100;

    public void personal(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        var m = web.messages(ctx);
        DeltagarAtkomst.Synliga synliga = DeltagarAtkomst.synliga(user);
        boolean koordinator = user.roll() == se.finsam.planering.atkomst.Roll.KOORDINATOR;
        String alla = tomTillNull(ctx.queryParam("alla"));
        if (alla != null) {
            if (!FLYTTADE_LISTOR.containsKey(alla)) {
                throw se.finsam.planering.web.Felsvar.badRequest(m.get("oversikt.fel.lista"));
            }
            ctx.redirect(Arbetslistor.url(FLYTTADE_LISTOR.get(alla), Arbetslistor.Urval.ALLT, 1));
            return;
        }
        int sida = heltal(ctx.queryParam("sida"), m.get("oversikt.fel.sida"));
        Long avvisa = ctx.queryParam("avvisa") == null ? null : (long) heltal(ctx.queryParam("avvisa"),
                m.get("oversikt.fel.avvisa"));
        String sok = tomTillNull(ctx.queryParam("sok"));
        if (sok != null && sok.codePointCount(0, sok.length()) > MAX_SOK) {
            sok = sok.substring(0, sok.offsetByCodePoints(0, MAX_SOK));
        }
        // The version is read first: what is built after it is at least that new.
        long utgava = datautgava.getAsLong();
        Long handlaggare = koordinator ? null : user.id();
        String soktext = sok;
        Deltagarlista lista = deltagarsidor.hamta(java.util.Arrays.asList(synliga.sql(), handlaggare, sok, sida),
                utgava, () -> deltagarlista(synliga, handlaggare, soktext, sida));
        LocalDate idag = LocalDate.now(clock);
        // Newest first, as on her work list: what was just handed over is what she looks for.
        List<OverlamningRepository.Post> attKvittera = new ArrayList<>(overlamningar.attKvittera(synliga, user.id(),
                idag));
        java.util.Collections.reverse(attKvittera);
        List<MoteRepository.Mote> kommande = koordinator
                ? moten.kommande(user.teamIds(), idag.atStartOfDay(), PersonalStart.MOTEN) : List.of();
        List<TeamPipeline> pipeline = pipelines.hamta(user.teamIds().stream().sorted().toList(), utgava,
                () -> pipeline(deltagare.fasPerTeam(user.teamIds())));
        PersonalStart page = new PersonalStart(pipeline, lista, koordinator,
                attKvittera.subList(0, Math.min(PersonalStart.FORST, attKvittera.size())), attKvittera.size(),
                kommande, avvisa, this.idag.poster(user));
        // Only the rows the page shows are logged as shown.
        List<Long> visade = new ArrayList<>();
        lista.rader().forEach(d -> visade.add(d.id()));
        page.attKvittera().forEach(o -> visade.add(o.deltagareId()));
        access.loggaLista(ctx, visade, "startsidans listor");
        mallar.render(ctx, "hem/personal.jte", page);
    }

    /** The page of the participant list asked for; a page past the end shows the last one. */
    private Deltagarlista deltagarlista(DeltagarAtkomst.Synliga synliga, Long handlaggare, String sok, int sida) {
        int per = Deltagarlista.PER_SIDA;
        // No list has a million pages; the bound keeps the offset within an int.
        int begard = Math.min(Math.max(1, sida), 1_000_000);
        var svar = hem.deltagare(synliga, handlaggare, sok, (begard - 1) * per, per);
        int sidor = Math.max(1, (svar.antal() + per - 1) / per);
        if (begard > sidor) {
            begard = sidor;
            svar = hem.deltagare(synliga, handlaggare, sok, (begard - 1) * per, per);
        }
        return new Deltagarlista(svar.rader(), svar.antal(), begard, sidor, sok);
    }

    /**
     * One work list, a page at a time: searched on name or code, filtered on the person who must act, her
     * organisation, the team and the date, most urgent first. The rows shown are logged as shown.
     */
    public void arbetslista(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        var m = web.messages(ctx);
        String lista = tomTillNull(ctx.queryParam("lista"));
        if (lista == null && !Idag.listor(user.roll()).isEmpty()) {
            // Without a choice: the role's most pressing list; the page links to the others.
            lista = Idag.listor(user.roll()).get(0);
        }
        if (lista == null || !Arbetslistor.har(user, lista)) {
            throw se.finsam.planering.web.Felsvar.notFound(m.get("arbetslista.fel.lista"));
        }
        String sok = tomTillNull(ctx.queryParam("sok"));
        if (sok != null && sok.codePointCount(0, sok.length()) > MAX_SOK) {
            sok = sok.substring(0, sok.offsetByCodePoints(0, MAX_SOK));
        }
        LocalDate senast = null;
        String datum = tomTillNull(ctx.queryParam("senast"));
        if (datum != null) {
            try {
                senast = LocalDate.parse(datum);
            } catch (java.time.format.DateTimeParseException e) {
                throw se.finsam.planering.web.Felsvar.badRequest(m.get("arbetslista.fel.datum"));
            }
        }
        var urval = new Arbetslistor.Urval(sok, id(ctx, "person", m), id(ctx, "organisation", m),
                id(ctx, "team", m), senast, id(ctx, "mote", m), heltal(ctx.queryParam("sida"), m.get("oversikt.fel.sida")));
        Arbetslistor.Sida sida = arbetslistor.sida(user, lista, urval);
        if (user.roll() == se.finsam.planering.atkomst.Roll.KOORDINATOR && Paminnelser.typ(lista) != null) {
            sida = sida.medPaminnelser(
                    paminnelser.senast(lista, sida.rader().stream().map(Arbetslistor.Arbetsrad::id).toList()),
                    paminnelser.nabara(sida.rader().stream().map(Arbetslistor.Arbetsrad::personId)
                            .filter(java.util.Objects::nonNull).distinct().toList()), paminnelser.harKanaler());
        }
        access.loggaLista(ctx, sida.rader().stream().map(Arbetslistor.Arbetsrad::deltagareId).distinct().toList(),
                "arbetslista " + lista);
        mallar.render(ctx, "hem/arbetslista.jte", sida);
    }

    /** An optional id filter from the query; anything but a whole number is a 400. */
    private static Long id(Context ctx, String namn, se.finsam.planering.sprak.Texter m) {
        String varde = tomTillNull(ctx.queryParam(namn));
        if (varde == null) {
            return null;
        }
        if (!varde.matches("[0-9]{1,12}")) {
            throw se.finsam.planering.web.Felsvar.badRequest(m.get("arbetslista.fel.filter"));
        }
        return Long.parseLong(varde);
    }

    /** A positive whole number from the query (1 when it is not given); anything else is a 400 with the message. */
    private static int heltal(String varde, String fel) {
        if (varde == null || varde.isBlank()) {
            return 1;
        }
        if (!varde.strip().matches("[0-9]{1,9}") || Integer.parseInt(varde.strip()) < 1) {
            throw se.finsam.planering.web.Felsvar.badRequest(fel);
        }
        return Integer.parseInt(varde.strip());
    }

    private static String tomTillNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * The koordinator reminds the person a row waits for (the route's rule has checked and logged the
     * participant): a message in the outbox, at most one per row and day, to someone a message reaches.
     */
    public void paminnelse(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        var m = web.messages(ctx);
        long id = se.finsam.planering.web.Formular.sokvagsId(ctx, "id");
        var f = se.finsam.planering.web.Formular.av(ctx);
        String lista = f.text("lista");
        if (Paminnelser.typ(lista) == null || !Arbetslistor.har(user, lista)) {
            throw se.finsam.planering.web.Felsvar.badRequest(m.get("arbetslista.fel.paminn.lista"));
        }
        Long rad = se.finsam.planering.web.Formular.positivt(f.text("rad"));
        if (rad == null) {
            throw se.finsam.planering.web.Felsvar.badRequest(m.get("arbetslista.fel.paminn.rad"));
        }
        Arbetslistor.Arbetsrad raden = arbetslistor.rader(user, lista).stream()
                .filter(r -> r.id() == rad && r.deltagareId() == id).findFirst()
                .orElseThrow(() -> se.finsam.planering.web.Felsvar.notFound(m.get("arbetslista.fel.paminn.finns")));
        switch (paminnelser.skicka(lista, raden)) {
            case SKICKAD -> web.flash(ctx, "flash.paminnelse.skickad");
            case REDAN_I_DAG -> throw new se.finsam.planering.web.Felsvar(409, m.get("arbetslista.fel.paminn.idag"));
            case INGEN_KANAL -> throw new se.finsam.planering.web.Felsvar(409,
                    m.get("arbetslista.fel.paminn.kanal", raden.person() == null ? "" : raden.person()));
        }
        ctx.redirect(se.finsam.planering.web.Aterlank.fran(ctx, Arbetslistor.url(lista, Arbetslistor.Urval.ALLT, 1)));
    }

    /** The koordinator marks a task handled (the route's rule has checked and logged the participant). */
    public void uppgiftHanterad(Context ctx) {
        long id = se.finsam.planering.web.Formular.sokvagsId(ctx, "id");
        long uppgift = se.finsam.planering.web.Formular.sokvagsId(ctx, "uppgift");
        if (!samtycke.hanterad(uppgift, id, web.user(ctx).id(), clock.instant())) {
            throw se.finsam.planering.web.Felsvar.notFound(web.messages(ctx).get("hem.uppgift.saknas"));
        }
        web.flash(ctx, "flash.uppgift.hanterad");
        ctx.redirect(se.finsam.planering.web.Aterlank.fran(ctx, "/arbetslista?lista=" + Arbetslistor.RATTELSER));
    }

    public void admin(Context ctx) {
        AdminStart page = hem.adminStart();
        mallar.render(ctx, "hem/admin.jte", page);
    }

    private static List<TeamPipeline> pipeline(List<DeltagareRepository.FasAntal> rows) {
        Map<String, Map<String, Integer>> byTeam = new TreeMap<>();
        for (DeltagareRepository.FasAntal row : rows) {
            Map<String, Integer> perFas = byTeam.computeIfAbsent(row.team(), t -> new TreeMap<>());
            if (row.fas() != null) {
                perFas.put(row.fas(), row.antal());
            }
        }
        return byTeam.entrySet().stream().map(e -> new TeamPipeline(e.getKey(), e.getValue())).toList();
    }
}
