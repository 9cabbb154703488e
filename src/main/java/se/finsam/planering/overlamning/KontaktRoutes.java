package se.finsam.planering.overlamning;

import se.finsam.planering.kontakt.KontaktRepository;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import se.finsam.planering.atkomst.DeltagareAccess;
import se.finsam.planering.deltagare.DeltagareRepository;
import se.finsam.planering.web.Fel;
import se.finsam.planering.web.FormErrors;
import se.finsam.planering.sprak.Messages;
import se.finsam.planering.web.Renderer;
import se.finsam.planering.web.WebContext;

/** A participant's kontaktpersoner per authority, with history when someone is replaced. */
public final class KontaktRoutes {

    /** {@code flytta}: the authority's open items move to the new person (on unless unticked). */
    public record Form(String organisation, String anvandare, String namn, String titel, String telefon,
                       String epost, String telefontider, boolean flytta) {
        static Form tom() {
            return new Form("", "", "", "", "", "", "", true);
        }
    }

    public record KontaktPage(DeltagareRepository.Oversikt deltagare, List<KontaktRepository.Kontakt> aktuella,
                              List<KontaktRepository.Kontakt> historik,
                              List<KontaktRepository.Organisation> organisationer,
                              List<KontaktRepository.Personal> personal, Form form, FormErrors fel,
                              List<OverlamningRepository.OppenPunkt> oppnaPunkter) {
    }

    private final KontaktRepository kontakter;
    private final OverlamningRepository overlamningar;
    private final DeltagareRepository deltagare;
    private final DeltagareAccess access;
    private final Renderer renderer;
    private final WebContext web;
    private final Clock clock;

    public KontaktRoutes(KontaktRepository kontakter, OverlamningRepository overlamningar,
                         DeltagareRepository deltagare, DeltagareAccess access, Renderer renderer, WebContext web,
                         Clock clock) {
        this.kontakter = kontakter;
        this.overlamningar = overlamningar;
        this.deltagare = deltagare;
        this.access = access;
        this.renderer = renderer;
        this.web = web;
        this.clock = clock;
    }

    public void visa(Context ctx) {
        long id = DeltagareAccess.idFrom(ctx, "id");
        render(ctx, id, Form.tom(), FormErrors.none());
    }

    private void render(Context ctx, long id, Form form, FormErrors fel) {
        var d = deltagare.oversikt(id).orElseThrow(() -> Fel.notFound(web.messages(ctx).get("fel.404")));
        // Only organisations the participant's samtycke covers can be her contacts.
        Set<Long> samtycke = deltagare.samtyckeOrganisationer(id);
        renderer.render(ctx, "kontakt/kontakter.jte", new KontaktPage(d, kontakter.aktuella(id),
                kontakter.historik(id), kontakter.organisationer().stream().filter(o -> samtycke.contains(o.id()))
                        .toList(),
                kontakter.personal(Set.of(d.teamId())).stream().filter(p -> samtycke.contains(p.organisationId()))
                        .toList(), form, fel, overlamningar.oppnaPunkter(id)));
    }

    public void byt(Context ctx) {
        long id = DeltagareAccess.idFrom(ctx, "id");
        Messages m = web.messages(ctx);
        Form form = new Form(p(ctx, "organisation"), p(ctx, "anvandare"), p(ctx, "namn"), p(ctx, "titel"),
                p(ctx, "telefon"), p(ctx, "epost"), p(ctx, "telefontider"), "ja".equals(ctx.formParam("flytta")));
        FormErrors fel = new FormErrors();
        long org = parse(form.organisation());
        if (kontakter.organisationer().stream().noneMatch(o -> o.id() == org)) {
            fel.add("organisation", m.get("kontakt.fel.organisation"));
        } else if (!deltagare.samtyckeOrganisationer(id).contains(org)) {
            fel.add("organisation", m.get("kontakt.fel.samtycke"));
        }
        Long anvandare = null;
        long teamId = deltagare.teamOf(id).orElseThrow();
        if (!form.anvandare().isBlank()) {
            long valt = parse(form.anvandare());
            var person = kontakter.personal(Set.of(teamId)).stream().filter(p -> p.id() == valt).findFirst();
            if (person.isEmpty()) {
                fel.add("anvandare", m.get("kontakt.fel.anvandare"));
            } else if (person.get().organisationId() != org && !fel.has("organisation")) {
                fel.add("anvandare", m.get("kontakt.fel.fel_organisation"));
            } else {
                anvandare = valt;
            }
        } else if (form.namn().isBlank()) {
            fel.add("anvandare", m.get("kontakt.fel.vem"));
        } else if (form.telefon().isBlank() && form.epost().isBlank()) {
            fel.add("telefon", m.get("kontakt.fel.nabar"));
        }
        if (!form.telefon().isBlank() && !form.telefon().matches("[+0-9 ()-]{3,20}")) {
            fel.add("telefon", m.get("anmalan.fel.telefon"));
        }
        if (!form.epost().isBlank() && !form.epost().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            fel.add("epost", m.get("anmalan.fel.epost"));
        }
        if (!fel.isEmpty()) {
            ctx.status(400);
            render(ctx, id, form, fel);
            return;
        }
        int flyttade = overlamningar.bytKontakt(id, new KontaktRepository.NyKontakt(org, anvandare,
                blankNull(form.namn()), blankNull(form.titel()), blankNull(form.telefon()), blankNull(form.epost()),
                blankNull(form.telefontider())), form.flytta(), LocalDate.now(clock),
                clock.instant());
        web.flash(ctx, flyttade > 0 ? "flash.kontakt.flyttade" : "flash.kontakt.sparad");
        ctx.redirect("/deltagare/" + id + "/kontakter");
    }

    private static String blankNull(String s) {
        return s.isBlank() ? null : s.strip();
    }

    static String p(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null ? "" : (v.length() > 500 ? v.substring(0, 500) : v);
    }

    static long parse(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
