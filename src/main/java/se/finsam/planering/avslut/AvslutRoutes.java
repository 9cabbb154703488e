package se.finsam.planering.avslut;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
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
 * explicitly confirms there is none (and such closures are marked so reports can count them).
 */
public final class AvslutRoutes {

    public record AvslutPage(DeltagareRepository.Oversikt deltagare, List<Val> organisationer,
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
        List<Val> organisationer = avslut.organisationer();
        mallar.render(ctx, "avslut/formular.jte",
                new AvslutPage(oversikt, organisationer, varden, fel, oversikt.fas().equals("avslutad")));
    }

    public void spara(Context ctx) {
        long id = Formular.sokvagsId(ctx, "id");
        Anvandare user = web.requireUser(ctx);
        Texter m = web.messages(ctx);
        Formular f = Formular.av(ctx);
        Map<String, String> v = new HashMap<>();
        for (String key : List.of("datum", "orsak", "forsorjning", "sysselsattning", "steg_mot_arbete",
                "fortsattning_organisation",
                "fortsattning_ansvarig", "nasta_steg", "ingen_fortsattning")) {
            String value = f.text(key);
            if (!value.isEmpty()) {
                v.put(key, value);
            }
        }
        Formularfel fel = f.fel();
        // Not before the participant was referred, and not ahead of today.
        LocalDate idag = LocalDate.now(clock);
        LocalDate anmald = deltagare.oversikt(id).map(DeltagareRepository.Oversikt::anmald).orElse(null);
        LocalDate datum = f.datum("datum").format("avslut.fel.datum")
                .fran(anmald != null && !anmald.isAfter(idag) ? anmald : idag.minusYears(1))
                .till(idag, "avslut.fel.datum.framtid").las();
        String orsak = v.get("orsak");
        if (orsak == null || !Varden.AVSLUTSORSAK.contains(orsak)) {
            fel.add("orsak", "avslut.fel.orsak");
        }
        String forsorjning = v.get("forsorjning");
        if (forsorjning == null || !Varden.FORSORJNING.contains(forsorjning)) {
            fel.add("forsorjning", "avslut.fel.forsorjning");
        }
        String sysselsattning = v.get("sysselsattning");
        if (sysselsattning == null || !Varden.SYSSELSATTNING.contains(sysselsattning)) {
            fel.add("sysselsattning", "avslut.fel.sysselsattning");
        }
        String steg = v.get("steg_mot_arbete");
        if (steg == null || !Varden.STEG_MOT_ARBETE.contains(steg)) {
            fel.add("steg_mot_arbete", "avslut.fel.steg");
        }
        Long organisation = null;
        if (v.containsKey("fortsattning_organisation")) {
            organisation = f.id("fortsattning_organisation", "avslut.fel.organisation");
            if (organisation != null && !avslut.organisationFinns(organisation)) {
                fel.add("fortsattning_organisation", "avslut.fel.organisation");
            }
        }
        f.text("fortsattning_ansvarig", Varden.MAX_NASTA_STEG);
        f.text("nasta_steg", Varden.MAX_NASTA_STEG);
        boolean ingenFortsattning = v.containsKey("ingen_fortsattning");
        boolean harFortsattning = v.containsKey("fortsattning_ansvarig") && v.containsKey("nasta_steg");
        if (orsak != null && !Varden.UTAN_FORTSATTNING.contains(orsak) && !harFortsattning && !ingenFortsattning) {
            fel.add("fortsattning_ansvarig", "avslut.fel.fortsattning");
        }
        if (!fel.isEmpty()) {
            ctx.status(400);
            show(ctx, id, v, fel);
            return;
        }
        boolean stored = avslut.spara(new AvslutRepository.NyttAvslut(id, datum, orsak, forsorjning, sysselsattning,
                steg, organisation,
                v.get("fortsattning_ansvarig"), v.get("nasta_steg"), ingenFortsattning && !harFortsattning),
                user.id(), clock.instant());
        if (!stored) {
            throw new Felsvar(409, m.get("avslut.fel.redan"));
        }
        web.flash(ctx, "flash.avslut");
        ctx.redirect("/deltagare/" + id);
    }
}
