package se.finsam.planering.anmalan;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import se.finsam.planering.audit.AuditLog;
import se.finsam.planering.atkomst.CurrentUser;
import se.finsam.planering.atkomst.Roll;
import se.finsam.planering.atkomst.DeltagareAccess;
import se.finsam.planering.kontakt.KontaktRepository;
import se.finsam.planering.web.Bounds;
import se.finsam.planering.web.FormErrors;
import se.finsam.planering.sprak.Messages;
import se.finsam.planering.web.Renderer;
import se.finsam.planering.varden.Varden;
import se.finsam.planering.web.WebContext;

/** The referral form: short, forgiving, and it never loses what was typed. */
public final class AnmalanRoutes {

    /** What was typed, exactly as typed. */
    public record Form(String team, String fornamn, String efternamn, String fodelsear, String kon,
                       String personnummer, String telefon, String epost, String sprak, boolean tolkbehov,
                       String tolksprak, boolean skyddad, Set<Long> samtycke, String samtyckeDatum,
                       String samtyckeHur, Map<Long, String> ordinarie, String sammanfattning,
                       String tidigareInsatser, String forsorjning, String informerad) {

        public boolean harSamtycke(long org) {
            return samtycke.contains(org);
        }

        public String ordinarie(long org) {
            return ordinarie.getOrDefault(org, "");
        }

        static Form tom(LocalDate idag) {
            return new Form("", "", "", "", "", "", "", "", "sv", false, "", false, new LinkedHashSet<>(),
                    idag.toString(), "skriftligt", new LinkedHashMap<>(), "", "", "", "");
        }
    }

    /**
     * A possible duplicate as the referrer may see it: code and team only when they may see that participant;
     * otherwise just that someone may exist, and whom to ask.
     */
    public record DubblettVy(Long id, String kod, String team, boolean sammaPersonnummer,
                             List<AnmalanRepository.Koordinator> koordinatorer) {
        public boolean synlig() {
            return id != null;
        }
    }

    public record AnmalanPage(Form form, FormErrors fel, List<AnmalanRepository.Team> team,
                              List<KontaktRepository.Organisation> organisationer,
                              List<KontaktRepository.Personal> personal, String remitterande,
                              List<DubblettVy> dubbletter) {

        public List<KontaktRepository.Personal> personalI(long org) {
            return personal.stream().filter(p -> p.organisationId() == org).toList();
        }

        /** The authorities that have ordinary handläggare: everyone but the Jobbtorg itself. */
        public List<KontaktRepository.Organisation> myndigheter() {
            return organisationer.stream().filter(o -> !o.typ().equals("jobbtorg") && !o.typ().equals("annan"))
                    .toList();
        }
    }

    private final AnmalanRepository anmalan;
    private final KontaktRepository kontakter;
    private final DeltagareAccess access;
    private final AuditLog audit;
    private final Renderer renderer;
    private final WebContext web;
    private final Clock clock;

    public AnmalanRoutes(AnmalanRepository anmalan, KontaktRepository kontakter, DeltagareAccess access,
                         AuditLog audit, Renderer renderer, WebContext web, Clock clock) {
        this.access = access;
        this.anmalan = anmalan;
        this.kontakter = kontakter;
        this.audit = audit;
        this.renderer = renderer;
        this.web = web;
        this.clock = clock;
    }

    public void ny(Context ctx) {
        CurrentUser user = web.requireUser(ctx);
        render(ctx, user, Form.tom(LocalDate.now(clock)), FormErrors.none(), List.of());
    }

    public void skicka(Context ctx) {
        CurrentUser user = web.requireUser(ctx);
        Messages m = web.messages(ctx);
        Form form = read(ctx);
        LocalDate idag = LocalDate.now(clock);
        FormErrors fel = new FormErrors();

        long teamId = user.teamIds().size() == 1 ? user.teamIds().iterator().next() : parseLong(form.team());
        if (!user.teamIds().contains(teamId)) {
            fel.add("team", m.get("anmalan.fel.team"));
        }
        String pnr = null;
        Integer ar = null;
        if (!form.skyddad()) {
            if (form.fornamn().isBlank()) {
                fel.add("fornamn", m.get("anmalan.fel.fornamn"));
            }
            if (form.efternamn().isBlank()) {
                fel.add("efternamn", m.get("anmalan.fel.efternamn"));
            }
        }
        Long fodd = Bounds.number(m, "fodelsear", form.fodelsear()).optional()
                .between(idag.getYear() - 70, idag.getYear() - 15, m.get("anmalan.fel.fodelsear")).read(fel);
        if (fodd != null) {
            ar = fodd.intValue();
        }
        if (!form.skyddad() && !form.personnummer().isBlank()) {
            var normal = Personnummer.normalisera(form.personnummer(), idag);
            if (normal.isEmpty()) {
                fel.add("personnummer", m.get("anmalan.fel.personnummer"));
            } else {
                pnr = normal.get();
                if (ar != null && ar != Personnummer.fodelsear(pnr)) {
                    fel.add("fodelsear", m.get("anmalan.fel.fodelsear.pnr"));
                } else if (ar == null && !fel.has("fodelsear")) {
                    ar = Personnummer.fodelsear(pnr);
                }
            }
        }
        if (ar == null && !fel.has("fodelsear")) {
            fel.add("fodelsear", m.get("anmalan.fel.fodelsear"));
        }
        if (!Varden.KON.contains(form.kon())) {
            fel.add("kon-kvinna", m.get("anmalan.fel.kon"));
        }
        if (!form.skyddad() && !form.epost().isBlank() && !form.epost().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            fel.add("epost", m.get("anmalan.fel.epost"));
        }
        if (!form.skyddad() && !form.telefon().isBlank() && !form.telefon().matches("[+0-9 ()-]{6,20}")) {
            fel.add("telefon", m.get("anmalan.fel.telefon"));
        }
        if (form.tolkbehov() && form.tolksprak().isBlank()) {
            fel.add("tolksprak", m.get("anmalan.fel.tolksprak"));
        }
        List<KontaktRepository.Organisation> orgs = kontakter.organisationer();
        Set<Long> orgIds = new LinkedHashSet<>(orgs.stream().map(KontaktRepository.Organisation::id).toList());
        if (form.samtycke().isEmpty()) {
            fel.add("samtycke-" + orgs.get(0).id(), m.get("anmalan.fel.samtycke"));
        } else if (!orgIds.containsAll(form.samtycke())) {
            fel.add("samtycke-" + orgs.get(0).id(), m.get("anmalan.fel.samtycke"));
        } else if (user.roll() == Roll.KOORDINATOR) {
            // The koordinator works for the whole team: samtycke for any of the team's authorities will do.
            if (!fel.has("team") && anmalan.teametsOrganisationer(teamId).stream().noneMatch(form.samtycke()::contains)) {
                fel.add("samtycke-" + orgs.get(0).id(), m.get("anmalan.fel.samtycke.team"));
            }
        } else if (user.organisationId() == null || !form.samtycke().contains(user.organisationId())) {
            // Anyone else would register a person they are then not allowed to see.
            fel.add("samtycke-" + (user.organisationId() == null ? orgs.get(0).id() : user.organisationId()),
                    m.get("anmalan.fel.samtycke.egen"));
        }
        String samtyckeFel = m.get("anmalan.fel.samtyckedatum");
        LocalDate samtyckeDatum = Bounds.date(m, "samtyckeDatum", form.samtyckeDatum()).format(samtyckeFel)
                .from(idag.minusYears(1), samtyckeFel).to(idag, samtyckeFel).read(fel);
        if (!Varden.SAMTYCKE_HUR.contains(form.samtyckeHur())) {
            fel.add("samtyckeHur-skriftligt", m.get("anmalan.fel.samtyckehur"));
        }
        var personal = kontakter.personal(user.teamIds());
        Map<Long, Long> ordinarie = new LinkedHashMap<>();
        for (var e : form.ordinarie().entrySet()) {
            if (e.getValue().isBlank()) {
                continue;
            }
            long valt = parseLong(e.getValue());
            if (personal.stream().noneMatch(p -> p.id() == valt && p.organisationId() == e.getKey())) {
                fel.add("ordinarie-" + e.getKey(), m.get("anmalan.fel.ordinarie"));
            } else if (!form.samtycke().contains(e.getKey())) {
                fel.add("ordinarie-" + e.getKey(), m.get("anmalan.fel.ordinarie.samtycke"));
            } else {
                ordinarie.put(e.getKey(), valt);
            }
        }
        if (form.sammanfattning().isBlank()) {
            fel.add("sammanfattning", m.get("anmalan.fel.sammanfattning"));
        } else if (form.sammanfattning().length() > 4000) {
            fel.add("sammanfattning", m.get("anmalan.fel.lang"));
        }
        if (form.tidigareInsatser().length() > 4000) {
            fel.add("tidigareInsatser", m.get("anmalan.fel.lang"));
        }
        if (!Varden.FORSORJNING.contains(form.forsorjning())) {
            fel.add("forsorjning", m.get("anmalan.fel.forsorjning"));
        }
        if (!form.informerad().equals("ja") && !form.informerad().equals("nej")) {
            fel.add("informerad-ja", m.get("anmalan.fel.informerad"));
        }
        if (!fel.isEmpty()) {
            ctx.status(400);
            render(ctx, user, form, fel, List.of());
            return;
        }

        String fornamn = form.skyddad() ? null : form.fornamn().strip();
        String efternamn = form.skyddad() ? null : form.efternamn().strip();
        List<DubblettVy> dubbletter = form.skyddad() ? List.of() : dubbletter(ctx, user, pnr, fornamn, efternamn, ar);
        boolean bekraftad = "ja".equals(ctx.formParam("bekrafta"));
        boolean sammaPnr = dubbletter.stream().anyMatch(DubblettVy::sammaPersonnummer);
        if (!dubbletter.isEmpty() && (!bekraftad || sammaPnr)) {
            // Shown before saving: the user confirms it is someone else, or cancels.
            ctx.status(sammaPnr ? 409 : 200);
            boolean sammaPnrSynlig = dubbletter.stream().anyMatch(d -> d.sammaPersonnummer() && d.synlig());
            render(ctx, user, form, sammaPnr ? new FormErrors().add("personnummer",
                    m.get(sammaPnrSynlig ? "anmalan.fel.finns" : "anmalan.fel.finns.dold")) : FormErrors.none(),
                    dubbletter);
            return;
        }
        var ny = new AnmalanRepository.NyAnmalan(teamId, fornamn, efternamn, form.skyddad() ? null : pnr, ar,
                form.kon(), form.skyddad() || form.telefon().isBlank() ? null : form.telefon().strip(),
                form.skyddad() || form.epost().isBlank() ? null : form.epost().strip(),
                Varden.SPRAK.contains(form.sprak()) ? form.sprak() : "sv", form.tolkbehov(),
                form.tolkbehov() ? form.tolksprak().strip() : null, form.skyddad(), List.copyOf(form.samtycke()),
                samtyckeDatum, form.samtyckeHur(), ordinarie, form.sammanfattning().strip(),
                form.tidigareInsatser().isBlank() ? null : form.tidigareInsatser().strip(), form.forsorjning(),
                form.informerad().equals("ja"));
        long id = anmalan.spara(ny, user.id(), user.organisationId(), clock.instant(), idag);
        audit.log(user.id(), AuditLog.Handling.ANDRA, id, "anmälan registrerad", ctx.ip());
        web.flash(ctx, "flash.anmalan.sparad");
        ctx.redirect("/deltagare/" + id);
    }

    /**
     * The duplicate check. Who a match is, is shown only to those who may see that participant; the others learn
     * that someone may already be registered and which koordinator to ask. Every match is logged on the
     * participant it found, so she sees the check under "Vem har tittat"; a check without matches is logged too.
     */
    private List<DubblettVy> dubbletter(Context ctx, CurrentUser user, String pnr, String fornamn, String efternamn,
                                        int ar) {
        List<AnmalanRepository.Dubblett> traffar = anmalan.mojligaDubbletter(pnr, fornamn, efternamn, ar);
        if (traffar.isEmpty()) {
            audit.log(user.id(), AuditLog.Handling.LAS, null, "dubblettkontroll i anmälan: ingen träff", ctx.ip());
            return List.of();
        }
        audit.logMany(user.id(), AuditLog.Handling.LAS,
                traffar.stream().map(AnmalanRepository.Dubblett::id).toList(), "dubblettkontroll i anmälan", ctx.ip());
        List<DubblettVy> vy = new java.util.ArrayList<>();
        for (AnmalanRepository.Dubblett d : traffar) {
            vy.add(access.mayAccess(user, d.id())
                    ? new DubblettVy(d.id(), d.kod(), d.team(), d.sammaPersonnummer(), List.of())
                    : new DubblettVy(null, null, d.team(), d.sammaPersonnummer(), anmalan.koordinatorer(d.teamId())));
        }
        return vy;
    }

    private void render(Context ctx, CurrentUser user, Form form, FormErrors fel, List<DubblettVy> dubbletter) {
        renderer.render(ctx, "anmalan/ny.jte", new AnmalanPage(form, fel, anmalan.team(user.teamIds()),
                kontakter.organisationer(), kontakter.personal(user.teamIds()), user.namn(), dubbletter));
    }

    private Form read(Context ctx) {
        Set<Long> samtycke = new LinkedHashSet<>();
        for (String s : ctx.formParams("samtycke")) {
            long v = parseLong(s);
            if (v > 0) {
                samtycke.add(v);
            }
        }
        Map<Long, String> ordinarie = new LinkedHashMap<>();
        for (var e : ctx.formParamMap().entrySet()) {
            if (e.getKey().startsWith("ordinarie-") && !e.getValue().isEmpty()) {
                long org = parseLong(e.getKey().substring("ordinarie-".length()));
                if (org > 0) {
                    ordinarie.put(org, e.getValue().get(0).strip());
                }
            }
        }
        return new Form(p(ctx, "team"), p(ctx, "fornamn"), p(ctx, "efternamn"), p(ctx, "fodelsear"), p(ctx, "kon"),
                p(ctx, "personnummer"), p(ctx, "telefon"), p(ctx, "epost"), p(ctx, "sprak"),
                "ja".equals(ctx.formParam("tolkbehov")), p(ctx, "tolksprak"), "ja".equals(ctx.formParam("skyddad")),
                samtycke, p(ctx, "samtyckeDatum"), p(ctx, "samtyckeHur"), ordinarie, p(ctx, "sammanfattning"),
                p(ctx, "tidigareInsatser"), p(ctx, "forsorjning"), p(ctx, "informerad"));
    }

    static String p(Context ctx, String name) {
        String v = ctx.formParam(name);
        if (v == null) {
            return "";
        }
        return v.length() > 8000 ? v.substring(0, 8000) : v;
    }

    static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
