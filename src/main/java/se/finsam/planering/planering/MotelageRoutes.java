package se.finsam.planering.planering;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import se.finsam.planering.anmalan.AnmalanRepository;
import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.atkomst.DeltagarAtkomst;
import se.finsam.planering.deltagare.DeltagareRepository;
import se.finsam.planering.kontakt.KontaktRepository;
import se.finsam.planering.mote.MoteRepository;
import se.finsam.planering.overlamning.OverlamningRepository;
import se.finsam.planering.varden.Varden;
import se.finsam.planering.web.Formular;
import se.finsam.planering.web.Felsvar;
import se.finsam.planering.web.Formularfel;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.web.Webbkontext;

/**
 * Meeting mode: one screen per participant with the referral summary and the planering editor. Plain forms: every
 * button posts the whole editor, so nothing typed is lost whatever is pressed; JavaScript only adds shortcuts.
 */
public final class MotelageRoutes {

    /** An item's control that can take focus after a move: its fields and its move buttons. */
    private static final java.util.regex.Pattern FOKUS =
            java.util.regex.Pattern.compile("p\\d{1,3}_(text|ansvar|typ|datum|upp|ner)");
    private static final int MAX_PUNKTER = 100;
    /** The longest goal or item text. */
    private static final int MAX_TEXT = 2000;

    /** One item row as typed. {@code id} is empty for a new item; {@code annans} marks someone else's addition. */
    public record Rad(String id, String text, String ansvar, String typ, String datum, boolean annans) {
        public boolean ny() {
            return id.isEmpty();
        }
    }

    public record Utkast(String mal, String teamanteckning, int version, List<Rad> rader, Rad ny) {
    }

    /** What the other person saved meanwhile, shown next to what this person typed. */
    public record Konflikt(PlaneringEditorRepository.Sparad deras) {
    }

    public record MotelagePage(DeltagareRepository.Oversikt deltagare, String tidigareInsatser, String remitterande,
                               Utkast utkast, Formularfel fel, List<KontaktRepository.Organisation> organisationer,
                               List<KontaktRepository.Personal> personal, Konflikt konflikt,
                               MoteRepository.Bokning bokning, PlaneringEditorRepository.Sparad sparad,
                               List<KontaktRepository.Kontakt> kontakter, String fokus, String personnummer,
                               MoteRepository.Bokning nasta) {

        /** The control that gets focus when the page opens: after adding an item, or on an item just moved. */
        public boolean fokus(String id) {
            return id.equals(fokus);
        }

        public boolean fokusNy() {
            return fokus("ny_text");
        }

        /** Opening meeting mode (nothing else asked for, nothing to correct) starts in the goal field. */
        public boolean fokusMal() {
            return (fokus == null || fokus.equals("mal")) && fel.isEmpty() && konflikt == null;
        }

        /** A closed participant's plan is shown, never edited. */
        public boolean avslutad() {
            return deltagare.fas().equals("avslutad");
        }

        public List<KontaktRepository.Personal> personalI(long org) {
            return personal.stream().filter(p -> p.organisationId() == org).toList();
        }

        public PlaneringEditorRepository.SparadPlanpunkt sparadPunkt(String id) {
            if (sparad == null || id.isEmpty()) {
                return null;
            }
            return sparad.punkter().stream().filter(p -> String.valueOf(p.id()).equals(id)).findFirst().orElse(null);
        }

        /** Whether the choice list offers this owner; an owner outside the samtycke is shown as such. */
        public boolean valbar(String ansvar) {
            return "deltagaren".equals(ansvar)
                    || organisationer.stream().anyMatch(o -> ("org:" + o.id()).equals(ansvar))
                    || personal.stream().anyMatch(p -> ("anv:" + p.id()).equals(ansvar));
        }

        public boolean kanOverlamnas() {
            return sparad != null && !sparad.punkter().isEmpty();
        }
    }

    private final DeltagareRepository deltagare;
    private final PlaneringEditorRepository editor;
    private final KontaktRepository kontakter;
    private final MoteRepository moten;
    private final OverlamningRepository overlamningar;
    private final DeltagarAtkomst access;
    private final Mallar mallar;
    private final Webbkontext web;
    private final Clock clock;
    private final AnmalanRepository anmalningar;

    public MotelageRoutes(AnmalanRepository anmalningar, DeltagareRepository deltagare, PlaneringEditorRepository editor,
                          KontaktRepository kontakter, MoteRepository moten, OverlamningRepository overlamningar,
                          DeltagarAtkomst access, Mallar mallar, Webbkontext web, Clock clock) {
        this.anmalningar = anmalningar;
        this.deltagare = deltagare;
        this.editor = editor;
        this.kontakter = kontakter;
        this.moten = moten;
        this.overlamningar = overlamningar;
        this.access = access;
        this.mallar = mallar;
        this.web = web;
        this.clock = clock;
    }

    private LocalDate idag() {
        return LocalDate.now(clock);
    }

    public void visa(Context ctx) {
        long id = Formular.sokvagsId(ctx, "id");
        var sparad = editor.las(id).orElse(null);
        Utkast utkast = sparad == null
                ? new Utkast("", "", 0, List.of(), tomRad())
                : new Utkast(sparad.mal(), sparad.teamanteckning() == null ? "" : sparad.teamanteckning(),
                        sparad.version(), sparad.punkter().stream().map(p -> new Rad(String.valueOf(p.id()), p.text(),
                                p.ansvar(), p.typ(), p.klartSenast().toString(), false)).toList(), tomRad());
        String fokus = ctx.queryParam("fokus");
        render(ctx, id, utkast, Formularfel.none(), null, "ny".equals(fokus) ? "ny_text"
                : fokus != null && FOKUS.matcher(fokus).matches() ? fokus : "mal");
    }

    private Rad tomRad() {
        return new Rad("", "", "deltagaren", "rekommendation", idag().plusMonths(1).toString(), false);
    }

    private void render(Context ctx, long id, Utkast utkast, Formularfel fel, Konflikt konflikt, String fokus) {
        var oversikt = deltagare.oversikt(id).orElseThrow(() -> Felsvar.notFound(web.messages(ctx).get("fel.404")));
        AnmalanRepository.Remiss anmalan = anmalningar.remiss(id);
        // The whole personnummer only for those who need it: the koordinator and the referring handläggare.
        Anvandare user = web.requireUser(ctx);
        Set<Long> samtycke = deltagare.samtyckeOrganisationer(id);
        MoteRepository.Bokning nasta = nasta(user, id);
        if (nasta != null) {
            access.loggaLista(ctx, List.of(nasta.deltagareId()), "mötesläge: nästa deltagare");
        }
        boolean behover = user.roll() == se.finsam.planering.atkomst.Roll.KOORDINATOR || user.id() == anmalan.remitterandeId();
        String personnummer = anmalan.personnummer() == null ? null
                : behover ? anmalan.personnummer() : se.finsam.planering.anmalan.Personnummer.maskerat(anmalan.personnummer());
        mallar.render(ctx, "planering/motelage.jte", new MotelagePage(oversikt, anmalan.tidigareInsatser(),
                anmalan.remitterande(), utkast, fel, inomSamtycke(kontakter.organisationer(), samtycke),
                personalInomSamtycke(kontakter.personal(Set.of(oversikt.teamId())), samtycke), konflikt,
                moten.senasteBokning(id).orElse(null), editor.las(id).orElse(null), kontakter.aktuella(id), fokus,
                personnummer, nasta));
    }

    /**
     * The next participant booked at the same meeting whom this user may see, so the team can move on without
     * leaving meeting mode.
     */
    private MoteRepository.Bokning nasta(Anvandare user, long deltagareId) {
        return moten.senasteBokning(deltagareId)
                .flatMap(b -> moten.bokningar(b.moteId(), DeltagarAtkomst.synliga(user)).stream()
                        .filter(o -> o.tid().isAfter(b.tid())).findFirst())
                .orElse(null);
    }

    /**
     * Plan items go only to organisations the participant's samtycke covers (or to the participant): an owner
     * outside it would see her on their start page without her consent.
     */
    static List<KontaktRepository.Organisation> inomSamtycke(List<KontaktRepository.Organisation> orgs,
                                                             Set<Long> samtycke) {
        return orgs.stream().filter(o -> samtycke.contains(o.id())).toList();
    }

    static List<KontaktRepository.Personal> personalInomSamtycke(List<KontaktRepository.Personal> personal,
                                                                 Set<Long> samtycke) {
        return personal.stream().filter(p -> samtycke.contains(p.organisationId())).toList();
    }

    public void spara(Context ctx) {
        long id = Formular.sokvagsId(ctx, "id");
        Anvandare user = web.requireUser(ctx);
        inteAvslutad(ctx, id);
        long teamId = deltagare.teamOf(id).orElseThrow();
        var allaPersonal = kontakter.personal(Set.of(teamId));
        var allaOrgs = kontakter.organisationer();
        Set<Long> samtycke = deltagare.samtyckeOrganisationer(id);
        var personal = personalInomSamtycke(allaPersonal, samtycke);
        var orgs = inomSamtycke(allaOrgs, samtycke);

        Formular f = Formular.av(ctx);
        int version = (int) Math.min(Integer.MAX_VALUE, Math.max(0, f.heltal("version", 0)));
        int antal = (int) Math.min(MAX_PUNKTER, Math.max(0, f.heltal("antal", 0)));
        List<Rad> rader = new ArrayList<>();
        for (int i = 0; i < antal; i++) {
            Long radId = f.id("p" + i + "_id");
            rader.add(new Rad(radId == null ? "" : radId.toString(), f.text("p" + i + "_text"),
                    f.text("p" + i + "_ansvar"), f.text("p" + i + "_typ"), f.text("p" + i + "_datum"), false));
        }
        Rad ny = new Rad("", f.text("ny_text"), f.text("ny_ansvar"), f.text("ny_typ"), f.text("ny_datum"), false);
        Formularfel fel = f.fel();
        String mal = f.text("mal", MAX_TEXT, "motelage.fel.mal");
        String anteckning = f.text("teamanteckning", Formular.TEXT);

        // Moving and removing act on the typed rows, so what was typed elsewhere stays.
        List<Long> borttagna = new ArrayList<>();
        String atgard = f.text("atgard");
        int index = atgard.matches("(upp|ner|bort)-\\d{1,3}") ? Integer.parseInt(atgard.substring(atgard.indexOf('-') + 1)) : -1;
        int flyttad = -1;
        if (index >= 0 && index < rader.size()) {
            if (atgard.startsWith("upp") && index > 0) {
                Collections.swap(rader, index, index - 1);
                flyttad = index - 1;
            } else if (atgard.startsWith("ner") && index < rader.size() - 1) {
                Collections.swap(rader, index, index + 1);
                flyttad = index + 1;
            } else if (atgard.startsWith("bort")) {
                Rad bort = rader.remove(index);
                if (!bort.ny()) {
                    borttagna.add(Long.parseLong(bort.id()));
                }
            }
        }

        List<PlaneringEditorRepository.PlanpunktUtkast> punkter = new ArrayList<>();
        for (int i = 0; i < rader.size(); i++) {
            punkter.add(kontrollera(rader.get(i), "p" + i, i + 1, f, orgs, personal, allaOrgs, allaPersonal));
        }
        boolean nyPunkt = !ny.text().isBlank();
        if (nyPunkt) {
            punkter.add(kontrollera(ny, "ny", rader.size() + 1, f, orgs, personal, allaOrgs, allaPersonal));
        }
        Utkast utkast = new Utkast(mal, anteckning, version, rader, ny);
        if (!fel.isEmpty()) {
            ctx.status(400);
            render(ctx, id, utkast, fel, null, null);
            return;
        }
        Long moteId = moten.senasteBokning(id).map(MoteRepository.Bokning::moteId).orElse(null);
        var resultat = editor.spara(id, moteId, version, mal, anteckning.isEmpty() ? null : anteckning,
                punkter, borttagna, user.id(), clock.instant());
        if (resultat == PlaneringEditorRepository.Resultat.KONFLIKT) {
            var deras = editor.las(id).orElseThrow();
            // Their additions join this person's rows, so saving again keeps both.
            List<Rad> sammanslagna = new ArrayList<>(rader);
            for (var p : deras.punkter()) {
                String pid = String.valueOf(p.id());
                if (rader.stream().noneMatch(r -> r.id().equals(pid)) && !borttagna.contains(p.id())) {
                    sammanslagna.add(new Rad(pid, p.text(), p.ansvar(), p.typ(), p.klartSenast().toString(), true));
                }
            }
            ctx.status(409);
            render(ctx, id, new Utkast(mal, anteckning, deras.version(), sammanslagna, ny), Formularfel.none(),
                    new Konflikt(deras), null);
            return;
        }
        web.flash(ctx, nyPunkt ? "flash.planering.punkt" : "flash.planering.sparad");
        if (flyttad >= 0 && !nyPunkt) {
            // Focus follows the moved item: the field the keyboard shortcut was used in, or else its move button
            // (the other one when the item reached the top or the bottom and that button is disabled).
            String falt = f.text("fokusfalt");
            if (!falt.matches("text|ansvar|typ|datum")) {
                boolean ner = atgard.startsWith("ner");
                falt = ner ? (flyttad == rader.size() - 1 ? "upp" : "ner") : (flyttad == 0 ? "ner" : "upp");
            }
            String fokus = "p" + flyttad + "_" + falt;
            ctx.redirect("/deltagare/" + id + "/motelage?fokus=" + fokus + "#" + fokus);
            return;
        }
        ctx.redirect("/deltagare/" + id + "/motelage" + (nyPunkt || atgard.isEmpty() || atgard.equals("spara")
                ? "?fokus=ny#ny_text" : "#punkter"));
    }

    private PlaneringEditorRepository.PlanpunktUtkast kontrollera(Rad rad, String prefix, int nummer, Formular f,
                                                       List<KontaktRepository.Organisation> orgs,
                                                       List<KontaktRepository.Personal> personal,
                                                       List<KontaktRepository.Organisation> allaOrgs,
                                                       List<KontaktRepository.Personal> allaPersonal) {
        Formularfel fel = f.fel();
        if (rad.text().isEmpty()) {
            fel.add(prefix + "_text", "motelage.fel.text", nummer);
        } else if (rad.text().length() > MAX_TEXT) {
            fel.add(prefix + "_text", "form.fel.lang", MAX_TEXT, rad.text().length());
        }
        boolean ansvarOk = rad.ansvar().equals("deltagaren")
                || (rad.ansvar().startsWith("org:") && orgs.stream().anyMatch(o -> rad.ansvar().equals("org:" + o.id())))
                || (rad.ansvar().startsWith("anv:") && personal.stream().anyMatch(p -> rad.ansvar().equals("anv:" + p.id())));
        if (!ansvarOk) {
            // Someone real, but outside what the participant consented to: say so, rather than "choose someone".
            boolean finns = (rad.ansvar().startsWith("org:")
                            && allaOrgs.stream().anyMatch(o -> rad.ansvar().equals("org:" + o.id())))
                    || (rad.ansvar().startsWith("anv:")
                            && allaPersonal.stream().anyMatch(p -> rad.ansvar().equals("anv:" + p.id())));
            fel.add(prefix + "_ansvar", finns ? "motelage.fel.ansvar.samtycke" : "motelage.fel.ansvar", nummer);
        }
        if (!Varden.PLANPUNKTTYP.contains(rad.typ())) {
            fel.add(prefix + "_typ", "motelage.fel.typ", nummer);
        }
        LocalDate datum = f.datum(prefix + "_datum", rad.datum()).format("motelage.fel.datum", nummer)
                .fran(idag().minusYears(1), "motelage.fel.datum", nummer)
                .till(idag().plusYears(5), "motelage.fel.datum", nummer).las();
        return new PlaneringEditorRepository.PlanpunktUtkast(rad.ny() ? null : Long.parseLong(rad.id()), rad.text(),
                rad.typ(), rad.ansvar(), datum);
    }

    /** One line of the confirmation: the item and who receives it (null for the participant's own step). */
    public record Mottagning(String text, String till, String organisation, LocalDate klartSenast,
                             boolean redanKvitterad) {
    }

    /** The confirmation before handing over: who gets what, and the meeting's day when it has not come yet. */
    public record BekraftaPage(DeltagareRepository.Oversikt deltagare, List<Mottagning> punkter,
                               LocalDate motesdag, boolean foreMotet) {
        public long antalOverlamnas() {
            return punkter.stream().filter(p -> p.till() != null && !p.redanKvitterad()).count();
        }
    }

    /**
     * Closing the meeting for this participant: every item goes to its responsible handläggare. The first post
     * shows who gets what and asks for a confirmation (a page of its own, so it works without scripts); the second,
     * with {@code bekraftad=ja}, hands over. Before the day of the participant's meeting a first handover is
     * refused unless that page's explicit "before the meeting" confirmation ({@code fore_motet=ja}) is sent too.
     */
    public void overlamna(Context ctx) {
        long id = Formular.sokvagsId(ctx, "id");
        inteAvslutad(ctx, id);
        var sparad = editor.las(id)
                .orElseThrow(() -> Felsvar.badRequest(web.messages(ctx).get("motelage.fel.ingenplan")));
        Formular f = Formular.av(ctx);
        boolean bekraftad = f.text("bekraftad").equals("ja");
        // Saved before a samtycke was withdrawn: such an item is not handed over until someone else owns it.
        Set<Long> samtycke = deltagare.samtyckeOrganisationer(id);
        List<Long> utanforSamtycke = sparad.punkter().stream()
                .filter(p -> utanforSamtycke(p.ansvar(), samtycke))
                .map(PlaneringEditorRepository.SparadPlanpunkt::id).toList();
        List<Mottagning> mottagare = new ArrayList<>();
        List<Long> utanMottagare = new ArrayList<>();
        var kontaktLista = kontakter.aktuella(id);
        for (var p : sparad.punkter()) {
            String ansvar = p.ansvar();
            if (ansvar == null || ansvar.equals("deltagaren")) {
                mottagare.add(new Mottagning(p.text(), null, null, p.klartSenast(), false));
                continue;
            }
            KontaktRepository.Personal person = null;
            if (ansvar.startsWith("anv:")) {
                Long a = Formular.positivt(ansvar.substring(4));
                person = a == null ? null : kontakter.personal(a).orElse(null);
            } else if (ansvar.startsWith("org:")) {
                Long org = Formular.positivt(ansvar.substring(4));
                person = kontaktLista.stream()
                        .filter(k -> org != null && k.organisationId() == org && k.anvandareId() != null)
                        .reduce((x, y) -> y)
                        .flatMap(k -> kontakter.personal(k.anvandareId())).orElse(null);
            }
            if (person == null) {
                utanMottagare.add(p.id());
                continue;
            }
            var ov = p.overlamning();
            boolean redan = ov != null && ov.kvitterad() != null && person.namn().equals(ov.till());
            mottagare.add(new Mottagning(p.text(), person.namn(), person.organisation(), p.klartSenast(), redan));
        }
        LocalDate motesdag = moten.senasteBokning(id).map(b -> b.tid().toLocalDate()).orElse(null);
        boolean foreMotet = sparad.overlamnad() == null && motesdag != null && motesdag.isAfter(idag());
        if (!bekraftad && utanforSamtycke.isEmpty() && utanMottagare.isEmpty()) {
            mallar.render(ctx, "planering/overlamna.jte", new BekraftaPage(
                    deltagare.oversikt(id).orElseThrow(), mottagare, motesdag, foreMotet));
            return;
        }
        if (bekraftad && foreMotet && !f.text("fore_motet").equals("ja")) {
            throw new Felsvar(409, web.messages(ctx).get("motelage.fel.foremotet", motesdag.format(
                    java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.LONG)
                            .withLocale(Locale.forLanguageTag("sv")))));
        }
        var resultat = utanforSamtycke.isEmpty() && utanMottagare.isEmpty()
                ? overlamningar.overlamna(id, clock.instant())
                : new OverlamningRepository.Resultat(0, utanMottagare);
        if (!resultat.utanMottagare().isEmpty() || !utanforSamtycke.isEmpty()) {
            // Shown in the editor, beside each item that needs a named person.
            Formularfel fel = new Formularfel();
            List<Rad> rader = new ArrayList<>();
            for (int i = 0; i < sparad.punkter().size(); i++) {
                var p = sparad.punkter().get(i);
                rader.add(new Rad(String.valueOf(p.id()), p.text(), p.ansvar(), p.typ(), p.klartSenast().toString(),
                        false));
                if (utanforSamtycke.contains(p.id())) {
                    fel.add("p" + i + "_ansvar", "motelage.fel.ansvar.samtycke", i + 1);
                } else if (resultat.utanMottagare().contains(p.id())) {
                    fel.add("p" + i + "_ansvar", "motelage.fel.mottagare", i + 1);
                }
            }
            ctx.status(400);
            render(ctx, id, new Utkast(sparad.mal(), sparad.teamanteckning() == null ? "" : sparad.teamanteckning(),
                    sparad.version(), rader, tomRad()), fel, null, null);
            return;
        }
        web.flash(ctx, "flash.planering.overlamnad");
        ctx.redirect("/deltagare/" + id + "/motelage");
    }

    /** After avslut the plan is a record of what was agreed: changing it is refused with a clear message. */
    private void inteAvslutad(Context ctx, long id) {
        if (deltagare.oversikt(id).map(o -> o.fas().equals("avslutad")).orElse(false)) {
            throw new Felsvar(409, web.messages(ctx).get("avslut.fel.last.plan"));
        }
    }

    private boolean utanforSamtycke(String ansvar, Set<Long> samtycke) {
        if (ansvar == null || "deltagaren".equals(ansvar)) {
            return false;
        }
        if (ansvar.startsWith("org:")) {
            return !samtycke.contains(Formular.positivt(ansvar.substring(4)));
        }
        Long anvandare = Formular.positivt(ansvar.substring(4));
        return (anvandare == null ? java.util.Optional.<KontaktRepository.Personal>empty() : kontakter.personal(anvandare))
                .map(p -> !samtycke.contains(p.organisationId())).orElse(false);
    }
}
