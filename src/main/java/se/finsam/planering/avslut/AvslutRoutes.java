package se.finsam.planering.avslut;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.deltagare.DeltagareRepository;
import se.finsam.planering.uppfoljning.UppfoljningRoutes.Val;
import se.finsam.planering.varden.Varden;
import se.finsam.planering.web.Formular;
import se.finsam.planering.web.Felsvar;
import se.finsam.planering.web.Formularfel;
import se.finsam.planering.sprak.Texter;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.web.Webbkontext;

/**
 * Closure with a continuation: nobody leaves without knowing who takes over, unless the koordinator
 * explicitly confirms there is none (and such closures are marked so reports can count them). Every item of the
 * plan still open or waiting for a kvittens gets a decision first: handed over to someone who carries it on, or
 * closed as not done with a reason; the participant's open handovers leave every work list with the closure.
 */
public final class AvslutRoutes {

    /** The longest name typed for someone outside the förbund. */
    static final int MAX_TILL = 200;

    public record AvslutPage(DeltagareRepository.Oversikt deltagare, List<Val> organisationer,
                             List<AvslutRepository.OppenPunkt> punkter, List<AvslutRepository.Person> personal,
                             List<AvslutRepository.SparatBeslut> beslut,
                             Map<String, String> varden, Formularfel fel, boolean redanAvslutad) {
        public String v(String key) {
            return varden.getOrDefault(key, "");
        }

        public List<String> orsaker() {
            return Varden.AVSLUTSORSAK;
        }

        public List<String> sysselsattningar() {
            return Varden.SYSSELSATTNING;
        }

        public List<String> steg() {
            return Varden.STEG_MOT_ARBETE;
        }

        public List<String> forsorjningar() {
            return Varden.FORSORJNING;
        }
    }

    private final AvslutRepository avslut;
    private final DeltagareRepository deltagare;
    private final Mallar mallar;
    private final Webbkontext web;
    private final Clock clock;

    public AvslutRoutes(AvslutRepository avslut, DeltagareRepository deltagare, Mallar mallar, Webbkontext web, Clock clock) {
        this.avslut = avslut;
        this.deltagare = deltagare;
        this.mallar = mallar;
        this.web = web;
        this.clock = clock;
    }

    public void formular(Context ctx) {
        long id = Formular.sokvagsId(ctx, "id");
        Map<String, String> varden = new HashMap<>();
        varden.put("datum", LocalDate.now(clock).toString());
        show(ctx, id, varden, Formularfel.none());
    }

    private void show(Context ctx, long id, Map<String, String> varden, Formularfel fel) {
        var oversikt = deltagare.oversikt(id).orElseThrow(() -> Felsvar.notFound(web.messages(ctx).get("fel.404")));
        boolean redan = oversikt.fas().equals("avslutad");
        mallar.render(ctx, "avslut/formular.jte",
                new AvslutPage(oversikt, avslut.organisationer(), redan ? List.of() : avslut.oppnaPunkter(id),
                        avslut.personal(), redan ? avslut.beslut(id) : List.of(), varden, fel, redan));
    }

    /** The staff member a typed or chosen text names: "Namn (Organisation)" or a name only one person has. */
    static AvslutRepository.Person person(String text, List<AvslutRepository.Person> personal) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            return null;
        }
        for (var p : personal) {
            if (p.etikett().toLowerCase(Locale.ROOT).equals(s)) {
                return p;
            }
        }
        List<AvslutRepository.Person> sammaNamn = personal.stream()
                .filter(p -> p.namn().toLowerCase(Locale.ROOT).equals(s)).toList();
        return sammaNamn.size() == 1 ? sammaNamn.get(0) : null;
    }

    public void spara(Context ctx) {
        long id = Formular.sokvagsId(ctx, "id");
        Anvandare user = web.requireUser(ctx);
        Texter m = web.messages(ctx);
        Formular f = Formular.av(ctx);
        Map<String, String> v = new HashMap<>();
        for (String key : f.namn()) {
            if (key.equals("_csrf")) {
                continue;
            }
            String value = f.somSkrivet(key);
            if (value != null && !value.isBlank()) {
                v.put(key, value);
            }
        }
        Formularfel fel = f.fel();
        var oversikt = deltagare.oversikt(id).orElseThrow(() -> Felsvar.notFound(m.get("fel.404")));
        if (oversikt.fas().equals("avslutad")) {
            throw new Felsvar(409, m.get("avslut.fel.redan"));
        }
        // Not before the participant was referred, and not ahead of today.
        LocalDate idag = LocalDate.now(clock);
        LocalDate anmald = oversikt.anmald();
        LocalDate datum = f.datum("datum").format("avslut.fel.datum")
                .fran(anmald != null && !anmald.isAfter(idag) ? anmald : idag.minusYears(1))
                .till(idag, "avslut.fel.datum.framtid").las();
        String orsak = f.text("orsak");
        if (!Varden.AVSLUTSORSAK.contains(orsak)) {
            fel.add("orsak", "avslut.fel.orsak");
        }
        String forsorjning = f.text("forsorjning");
        if (!Varden.FORSORJNING.contains(forsorjning)) {
            fel.add("forsorjning", "avslut.fel.forsorjning");
        }
        String sysselsattning = f.text("sysselsattning");
        if (!Varden.SYSSELSATTNING.contains(sysselsattning)) {
            fel.add("sysselsattning", "avslut.fel.sysselsattning");
        }
        String steg = f.text("steg_mot_arbete");
        if (!Varden.STEG_MOT_ARBETE.contains(steg)) {
            fel.add("steg_mot_arbete", "avslut.fel.steg");
        }
        Long organisation = null;
        if (!f.text("fortsattning_organisation").isEmpty()) {
            organisation = f.id("fortsattning_organisation", "avslut.fel.organisation");
            if (organisation != null && !avslut.organisationFinns(organisation)) {
                fel.add("fortsattning_organisation", "avslut.fel.organisation");
            }
        }
        List<AvslutRepository.Person> personal = avslut.personal();
        String ansvarig = f.text("fortsattning_ansvarig", Varden.MAX_NASTA_STEG);
        AvslutRepository.Person ansvarigPerson = person(ansvarig, personal);
        String nastaSteg = f.text("nasta_steg", Varden.MAX_NASTA_STEG);
        boolean ingenFortsattning = f.kryss("ingen_fortsattning", "on");
        boolean harFortsattning = !ansvarig.isEmpty() && !nastaSteg.isEmpty();
        if (Varden.AVSLUTSORSAK.contains(orsak) && !Varden.UTAN_FORTSATTNING.contains(orsak)
                && !harFortsattning && !ingenFortsattning) {
            fel.add("fortsattning_ansvarig", "avslut.fel.fortsattning");
        }

        // Each open item: handed over (to a person) or closed as not done (with a reason).
        List<AvslutRepository.OppenPunkt> punkter = avslut.oppnaPunkter(id);
        List<AvslutRepository.Beslut> beslut = new ArrayList<>();
        for (int i = 0; i < punkter.size(); i++) {
            var p = punkter.get(i);
            String falt = "beslut_" + p.id();
            String val = f.text(falt);
            if (val.equals("overlamna")) {
                String till = f.text("till_" + p.id(), MAX_TILL);
                if (till.isEmpty()) {
                    fel.add("till_" + p.id(), "avslut.fel.punkt.till", i + 1);
                } else {
                    var person = person(till, personal);
                    beslut.add(new AvslutRepository.Beslut(p.id(), true, person == null ? null : person.id(),
                            person == null ? till : null, null));
                }
            } else if (val.equals("stang")) {
                String skal = f.text("orsak_" + p.id(), Varden.MAX_NASTA_STEG);
                if (skal.isEmpty()) {
                    fel.add("orsak_" + p.id(), "avslut.fel.punkt.orsak", i + 1);
                } else {
                    beslut.add(new AvslutRepository.Beslut(p.id(), false, null, null, skal));
                }
            } else {
                fel.add(falt + "-overlamna", "avslut.fel.punkt.beslut", i + 1);
            }
        }
        if (!fel.isEmpty()) {
            ctx.status(400);
            show(ctx, id, v, fel);
            return;
        }
        var resultat = avslut.spara(new AvslutRepository.NyttAvslut(id, datum, orsak, forsorjning, sysselsattning,
                        steg, organisation,
                        ansvarig.isEmpty() ? null : ansvarigPerson != null ? ansvarigPerson.namn() : ansvarig,
                        ansvarigPerson != null ? ansvarigPerson.id() : null,
                        nastaSteg.isEmpty() ? null : nastaSteg, ingenFortsattning && !harFortsattning),
                beslut, user.id(), clock.instant());
        if (resultat.redanAvslutad()) {
            throw new Felsvar(409, m.get("avslut.fel.redan"));
        }
        if (!resultat.sparad()) {
            // Someone added or reopened an item while the form was open: it is shown now and needs a decision.
            Formularfel nya = new Formularfel();
            List<AvslutRepository.OppenPunkt> nu = avslut.oppnaPunkter(id);
            for (int i = 0; i < nu.size(); i++) {
                if (resultat.utanBeslut().contains(nu.get(i).id())) {
                    nya.add("beslut_" + nu.get(i).id() + "-overlamna", "avslut.fel.punkt.beslut", i + 1);
                }
            }
            ctx.status(409);
            show(ctx, id, v, nya);
            return;
        }
        web.flash(ctx, "flash.avslut");
        ctx.redirect("/deltagare/" + id);
    }
}
