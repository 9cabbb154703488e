package se.finsam.planering.anmalan;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.atkomst.Roll;
import se.finsam.planering.atkomst.DeltagarAtkomst;
import se.finsam.planering.kontakt.KontaktRepository;
import se.finsam.planering.web.Formularfel;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.web.Formular;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.varden.Varden;
import se.finsam.planering.web.Webbkontext;
import se.finsam.planering.web.Felsvar;

/** The referral form: short, forgiving, and it never loses what was typed. */
public final class AnmalanRoutes {

    /** What was typed, exactly as typed. */
    public record Form(String team, String fornamn, String efternamn, String fodelsear, String kon,
                       String personnummer, String telefon, String epost, String sprak, boolean tolkbehov,
                       String tolksprak, boolean skyddad, Set<Long> samtycke, String samtyckeDatum,
                       String samtyckeHur, Map<Long, String> ordinarie, String sammanfattning,
                       String tidigareInsatser, String forsorjning, String informerad, Inskrivning inskrivning) {

        public boolean harSamtycke(long org) {
            return samtycke.contains(org);
        }

        public String ordinarie(long org) {
            return ordinarie.getOrDefault(org, "");
        }

        static Form tom(LocalDate idag) {
            return new Form("", "", "", "", "", "", "", "", "sv", false, "", false, new LinkedHashSet<>(),
                    idag.toString(), "skriftligt", new LinkedHashMap<>(), "", "", "", "", Inskrivning.TOM);
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

    public record AnmalanPage(Form form, Formularfel fel, List<AnmalanRepository.Team> team,
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

    public record InskrivningPage(se.finsam.planering.deltagare.DeltagareRepository.Oversikt deltagare,
                                  Inskrivning.Visning visning, Inskrivning varden, Formularfel fel) {
    }

    private final se.finsam.planering.deltagare.DeltagareRepository deltagare;
    private final AnmalanRepository anmalan;
    private final KontaktRepository kontakter;
    private final DeltagarAtkomst access;
    private final Handelselogg audit;
    private final Mallar mallar;
    private final Webbkontext web;
    private final Clock clock;

    public AnmalanRoutes(AnmalanRepository anmalan, KontaktRepository kontakter, DeltagarAtkomst access,
                         Handelselogg audit, Mallar mallar, Webbkontext web, Clock clock,
                         se.finsam.planering.deltagare.DeltagareRepository deltagare) {
        this.deltagare = deltagare;
        this.access = access;
        this.anmalan = anmalan;
        this.kontakter = kontakter;
        this.audit = audit;
        this.mallar = mallar;
        this.web = web;
        this.clock = clock;
    }

    public void ny(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        render(ctx, user, Form.tom(LocalDate.now(clock)), Formularfel.none(), List.of());
    }

    public void skicka(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        Formular f = Formular.av(ctx);
        Form form = read(f);
        LocalDate idag = LocalDate.now(clock);
        Formularfel fel = f.fel();

        Long valtTeam = Formular.positivt(form.team());
        long teamId = user.teamIds().size() == 1 ? user.teamIds().iterator().next() : valtTeam == null ? 0 : valtTeam;
        if (!user.teamIds().contains(teamId)) {
            fel.add("team", "anmalan.fel.team");
        }
        String pnr = null;
        Integer ar = null;
        if (!form.skyddad()) {
            f.text("fornamn", Formular.RAD, "anmalan.fel.fornamn");
            f.text("efternamn", Formular.RAD, "anmalan.fel.efternamn");
        }
        Long fodd = f.tal("fodelsear").frivillig()
                .mellan(idag.getYear() - 70, idag.getYear() - 15, "anmalan.fel.fodelsear").las();
        if (fodd != null) {
            ar = fodd.intValue();
        }
        if (!form.skyddad() && !form.personnummer().isBlank()) {
            var normal = Personnummer.normalisera(form.personnummer(), idag);
            if (normal.isEmpty()) {
                fel.add("personnummer", "anmalan.fel.personnummer");
            } else {
                pnr = normal.get();
                if (ar != null && ar != Personnummer.fodelsear(pnr)) {
                    fel.add("fodelsear", "anmalan.fel.fodelsear.pnr");
                } else if (ar == null && !fel.has("fodelsear")) {
                    ar = Personnummer.fodelsear(pnr);
                }
            }
        }
        if (ar == null && !fel.has("fodelsear")) {
            fel.add("fodelsear", "anmalan.fel.fodelsear");
        }
        if (!Varden.KON.contains(form.kon())) {
            fel.add("kon-kvinna", "anmalan.fel.kon");
        }
        if (!form.skyddad()) {
            f.telefon("telefon");
            f.epost("epost");
        }
        if (form.tolkbehov()) {
            f.text("tolksprak", Formular.RAD, "anmalan.fel.tolksprak");
        }
        List<KontaktRepository.Organisation> orgs = kontakter.organisationer();
        Set<Long> orgIds = new LinkedHashSet<>(orgs.stream().map(KontaktRepository.Organisation::id).toList());
        if (form.samtycke().isEmpty()) {
            fel.add("samtycke-" + orgs.get(0).id(), "anmalan.fel.samtycke");
        } else if (!orgIds.containsAll(form.samtycke())) {
            fel.add("samtycke-" + orgs.get(0).id(), "anmalan.fel.samtycke");
        } else if (user.roll() == Roll.KOORDINATOR) {
            // The koordinator works for the whole team: samtycke for any of the team's authorities will do.
            if (!fel.has("team") && anmalan.teametsOrganisationer(teamId).stream().noneMatch(form.samtycke()::contains)) {
                fel.add("samtycke-" + orgs.get(0).id(), "anmalan.fel.samtycke.team");
            }
        } else if (user.organisationId() == null || !form.samtycke().contains(user.organisationId())) {
            // Anyone else would register a person they are then not allowed to see.
            fel.add("samtycke-" + (user.organisationId() == null ? orgs.get(0).id() : user.organisationId()),
                    "anmalan.fel.samtycke.egen");
        }
        LocalDate samtyckeDatum = f.datum("samtyckeDatum").format("anmalan.fel.samtyckedatum")
                .fran(idag.minusYears(1), "anmalan.fel.samtyckedatum").till(idag, "anmalan.fel.samtyckedatum").las();
        if (!Varden.SAMTYCKE_HUR.contains(form.samtyckeHur())) {
            fel.add("samtyckeHur-skriftligt", "anmalan.fel.samtyckehur");
        }
        var personal = kontakter.personal(user.teamIds());
        Map<Long, Long> ordinarie = new LinkedHashMap<>();
        for (var e : form.ordinarie().entrySet()) {
            if (e.getValue().isBlank()) {
                continue;
            }
            Long valt = Formular.positivt(e.getValue());
            if (valt == null || personal.stream().noneMatch(p -> p.id() == valt && p.organisationId() == e.getKey())) {
                fel.add("ordinarie-" + e.getKey(), "anmalan.fel.ordinarie");
            } else if (!form.samtycke().contains(e.getKey())) {
                fel.add("ordinarie-" + e.getKey(), "anmalan.fel.ordinarie.samtycke");
            } else {
                ordinarie.put(e.getKey(), valt);
            }
        }
        f.text("sammanfattning", Formular.TEXT, "anmalan.fel.sammanfattning");
        f.text("tidigareInsatser", Formular.TEXT);
        if (!Varden.FORSORJNING.contains(form.forsorjning())) {
            fel.add("forsorjning", "anmalan.fel.forsorjning");
        }
        if (!form.informerad().equals("ja") && !form.informerad().equals("nej")) {
            fel.add("informerad-ja", "anmalan.fel.informerad");
        }
        if (!fel.isEmpty()) {
            ctx.status(400);
            render(ctx, user, form, fel, List.of());
            return;
        }

        String fornamn = form.skyddad() ? null : form.fornamn();
        String efternamn = form.skyddad() ? null : form.efternamn();
        List<DubblettVy> dubbletter = form.skyddad() ? List.of() : dubbletter(ctx, user, pnr, fornamn, efternamn, ar);
        boolean bekraftad = f.kryss("bekrafta", "ja");
        boolean sammaPnr = dubbletter.stream().anyMatch(DubblettVy::sammaPersonnummer);
        if (!dubbletter.isEmpty() && (!bekraftad || sammaPnr)) {
            // Shown before saving: the user confirms it is someone else, or cancels.
            ctx.status(sammaPnr ? 409 : 200);
            boolean sammaPnrSynlig = dubbletter.stream().anyMatch(d -> d.sammaPersonnummer() && d.synlig());
            render(ctx, user, form, sammaPnr ? new Formularfel().add("personnummer",
                    sammaPnrSynlig ? "anmalan.fel.finns" : "anmalan.fel.finns.dold") : Formularfel.none(),
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
                form.informerad().equals("ja"), form.inskrivning());
        long id = anmalan.spara(ny, user.id(), user.organisationId(), clock.instant(), idag);
        audit.log(user.id(), Handelselogg.Handling.ANDRA, id, "anmälan registrerad", ctx.ip());
        web.flash(ctx, "flash.anmalan.sparad");
        ctx.redirect("/deltagare/" + id);
    }

    /**
     * The duplicate check. Who a match is, is shown only to those who may see that participant; the others learn
     * that someone may already be registered and which koordinator to ask. Every match is logged on the
     * participant it found, so she sees the check under "Vem har tittat"; a check without matches is logged too.
     */
    private List<DubblettVy> dubbletter(Context ctx, Anvandare user, String pnr, String fornamn, String efternamn,
                                        int ar) {
        List<AnmalanRepository.Dubblett> traffar = anmalan.mojligaDubbletter(pnr, fornamn, efternamn, ar);
        if (traffar.isEmpty()) {
            audit.log(user.id(), Handelselogg.Handling.LAS, null, "dubblettkontroll i anmälan: ingen träff", ctx.ip());
            return List.of();
        }
        audit.logMany(user.id(), Handelselogg.Handling.LAS,
                traffar.stream().map(AnmalanRepository.Dubblett::id).toList(), "dubblettkontroll i anmälan", ctx.ip());
        List<DubblettVy> vy = new java.util.ArrayList<>();
        for (AnmalanRepository.Dubblett d : traffar) {
            vy.add(access.mayAccess(user, d.id())
                    ? new DubblettVy(d.id(), d.kod(), d.team(), d.sammaPersonnummer(), List.of())
                    : new DubblettVy(null, null, d.team(), d.sammaPersonnummer(), anmalan.koordinatorer(d.teamId())));
        }
        return vy;
    }

    private void render(Context ctx, Anvandare user, Form form, Formularfel fel, List<DubblettVy> dubbletter) {
        mallar.render(ctx, "anmalan/ny.jte", new AnmalanPage(form, fel, anmalan.team(user.teamIds()),
                kontakter.organisationer(), kontakter.personal(user.teamIds()), user.namn(), dubbletter));
    }

    private static Form read(Formular f) {
        Set<Long> samtycke = new LinkedHashSet<>();
        for (String s : f.alla("samtycke")) {
            Long v = Formular.positivt(s);
            if (v != null) {
                samtycke.add(v);
            }
        }
        Map<Long, String> ordinarie = new LinkedHashMap<>();
        for (String namn : f.namn()) {
            if (namn.startsWith("ordinarie-")) {
                Long org = Formular.positivt(namn.substring("ordinarie-".length()));
                if (org != null) {
                    ordinarie.put(org, f.text(namn));
                }
            }
        }
        return new Form(f.text("team"), f.text("fornamn"), f.text("efternamn"), f.text("fodelsear"), f.text("kon"),
                f.text("personnummer"), f.text("telefon"), f.text("epost"), f.text("sprak"), f.kryss("tolkbehov", "ja"),
                f.text("tolksprak"), f.kryss("skyddad", "ja"), samtycke, f.text("samtyckeDatum"), f.text("samtyckeHur"),
                ordinarie, f.text("sammanfattning"), f.text("tidigareInsatser"), f.text("forsorjning"),
                f.text("informerad"), Inskrivning.las(f, false));
    }

    /** The inskrivning values of one participant: a form until the plan is handed over, then read-only. */
    public void inskrivning(Context ctx) {
        long id = Formular.sokvagsId(ctx, "id");
        Inskrivning.Visning visning = anmalan.inskrivning(id)
                .orElseThrow(() -> Felsvar.notFound(web.messages(ctx).get("fel.404")));
        visaInskrivning(ctx, id, visning, visning.varden(), Formularfel.none());
    }

    private void visaInskrivning(Context ctx, long id, Inskrivning.Visning visning, Inskrivning varden,
                                 Formularfel fel) {
        var oversikt = deltagare.oversikt(id).orElseThrow(() -> Felsvar.notFound(web.messages(ctx).get("fel.404")));
        mallar.render(ctx, "anmalan/inskrivning.jte", new InskrivningPage(oversikt, visning, varden, fel));
    }

    public void sparaInskrivning(Context ctx) {
        long id = Formular.sokvagsId(ctx, "id");
        Inskrivning.Visning visning = anmalan.inskrivning(id)
                .orElseThrow(() -> Felsvar.notFound(web.messages(ctx).get("fel.404")));
        if (!visning.andringsbar()) {
            throw new Felsvar(409, web.messages(ctx).get("inskrivning.last"));
        }
        Formular f = Formular.av(ctx);
        Inskrivning varden = Inskrivning.las(f, true);
        if (!f.ok()) {
            ctx.status(400);
            visaInskrivning(ctx, id, visning, varden, f.fel());
            return;
        }
        if (!anmalan.sparaInskrivning(id, varden)) {
            throw new Felsvar(409, web.messages(ctx).get("inskrivning.last"));
        }
        web.flash(ctx, "flash.inskrivning");
        ctx.redirect("/deltagare/" + id);
    }
}
