package se.finsam.planering.overlamning;

import se.finsam.planering.kontakt.KontaktRepository;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import se.finsam.planering.deltagare.DeltagareRepository;
import se.finsam.planering.web.Felsvar;
import se.finsam.planering.web.Formularfel;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.web.Formular;
import se.finsam.planering.kontakt.Telefontid;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.web.Webbkontext;

/** A participant's kontaktpersoner per authority, with history when someone is replaced. */
public final class KontaktRoutes {

    /** {@code flytta}: the authority's open items move to the new person (on unless unticked). */
    /** {@code tider}: the telephone hours of an external contact, days and times as typed. */
    public record Form(String organisation, String anvandare, String namn, String titel, String telefon,
                       String epost, Telefontid.Falt tider, boolean flytta) {
        static Form tom() {
            return new Form("", "", "", "", "", "", Telefontid.Falt.TOMT, true);
        }
    }

    public record KontaktPage(DeltagareRepository.Oversikt deltagare, List<KontaktRepository.Kontakt> aktuella,
                              List<KontaktRepository.Kontakt> historik,
                              List<KontaktRepository.Organisation> organisationer,
                              List<KontaktRepository.Personal> personal, Form form, Formularfel fel,
                              List<OverlamningRepository.OppenPlanpunkt> oppnaPunkter) {
    }

    private final KontaktRepository kontakter;
    private final OverlamningRepository overlamningar;
    private final DeltagareRepository deltagare;
    private final Mallar mallar;
    private final Webbkontext web;
    private final Clock clock;

    public KontaktRoutes(KontaktRepository kontakter, OverlamningRepository overlamningar,
                         DeltagareRepository deltagare, Mallar mallar, Webbkontext web, Clock clock) {
        this.kontakter = kontakter;
        this.overlamningar = overlamningar;
        this.deltagare = deltagare;
        this.mallar = mallar;
        this.web = web;
        this.clock = clock;
    }

    public void visa(Context ctx) {
        long id = Formular.sokvagsId(ctx, "id");
        render(ctx, id, Form.tom(), Formularfel.none());
    }

    private void render(Context ctx, long id, Form form, Formularfel fel) {
        var d = deltagare.oversikt(id).orElseThrow(() -> Felsvar.notFound(web.messages(ctx).get("fel.404")));
        // Only organisations the participant's samtycke covers can be her contacts.
        Set<Long> samtycke = deltagare.samtyckeOrganisationer(id);
        mallar.render(ctx, "kontakt/kontakter.jte", new KontaktPage(d, kontakter.aktuella(id),
                kontakter.historik(id), kontakter.organisationer().stream().filter(o -> samtycke.contains(o.id()))
                        .toList(),
                kontakter.personal(Set.of(d.teamId())).stream().filter(p -> samtycke.contains(p.organisationId()))
                        .toList(), form, fel, overlamningar.oppnaPunkter(id)));
    }

    public void byt(Context ctx) {
        long id = Formular.sokvagsId(ctx, "id");
        Formular f = Formular.av(ctx);
        Form form = new Form(f.text("organisation"), f.text("anvandare"), f.text("namn"), f.text("titel"),
                f.text("telefon"), f.text("epost"), Telefontid.falt(f), f.kryss("flytta", "ja"));
        Formularfel fel = f.fel();
        Long org = f.id("organisation");
        if (org == null || kontakter.organisationer().stream().noneMatch(o -> o.id() == org)) {
            fel.add("organisation", "kontakt.fel.organisation");
        } else if (!deltagare.samtyckeOrganisationer(id).contains(org)) {
            fel.add("organisation", "kontakt.fel.samtycke");
        }
        Long anvandare = null;
        long teamId = deltagare.teamOf(id).orElseThrow();
        if (!form.anvandare().isEmpty()) {
            Long valt = f.id("anvandare");
            var person = kontakter.personal(Set.of(teamId)).stream().filter(p -> valt != null && p.id() == valt)
                    .findFirst();
            if (person.isEmpty()) {
                fel.add("anvandare", "kontakt.fel.anvandare");
            } else if ((org == null || person.get().organisationId() != org) && !fel.has("organisation")) {
                fel.add("anvandare", "kontakt.fel.fel_organisation");
            } else {
                anvandare = valt;
            }
        } else if (form.namn().isEmpty()) {
            fel.add("anvandare", "kontakt.fel.vem");
        } else if (form.telefon().isEmpty() && form.epost().isEmpty()) {
            fel.add("telefon", "kontakt.fel.nabar");
        }
        // The rest in the order of the page, so the error summary lists them in that order.
        f.text("namn", Formular.RAD);
        f.text("titel", Formular.RAD);
        f.telefon("telefon");
        f.epost("epost");
        Telefontid tider = Telefontid.las(f);
        if (!fel.isEmpty()) {
            ctx.status(400);
            render(ctx, id, form, fel);
            return;
        }
        int flyttade = overlamningar.bytKontakt(id, new KontaktRepository.NyKontakt(org, anvandare,
                blankNull(form.namn()), blankNull(form.titel()), blankNull(form.telefon()), blankNull(form.epost()),
                tider), form.flytta(), LocalDate.now(clock),
                clock.instant());
        web.flash(ctx, flyttade > 0 ? "flash.kontakt.flyttade" : "flash.kontakt.sparad");
        ctx.redirect("/deltagare/" + id + "/kontakter");
    }

    private static String blankNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
