package se.finsam.planering.utskick;

import io.javalin.http.Context;
import java.util.List;
import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.web.Formularfel;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.web.Webbkontext;

/**
 * A staff member's messages, from her account page: the channel they reach her on (e-mail, SMS, notifications in
 * the browsers where she turned them on, or none) and how often her digest comes (daily, weekly on Monday, never).
 * Notifications are turned on in each browser from the same page (the participant's script, posting to
 * {@code /konto/meddelanden/push}); turning them on there chooses them. The sender and the planner read these
 * choices.
 */
public final class PersonalValRoutes {

    public static final List<String> KANALER = List.of("epost", "sms", "push", "ingen");
    public static final List<String> FREKVENSER = List.of("dag", "vecka", "aldrig");

    /**
     * {@code pushHashar}: the browsers she has notifications on in, as their short hashes (the script knows its own
     * browser by it); {@code pushNyckel}: the server's public key her browser subscribes with.
     */
    public record Sida(String kanal, String sammanfattning, String epost, String telefon, boolean koordinator,
                       Formularfel fel, List<String> pushHashar, String pushNyckel) {
        public int pushAntal() {
            return pushHashar.size();
        }
    }

    private final UtskickRepository repo;
    private final PushRepository push;
    private final Pushnycklar nycklar;
    private final Handelselogg audit;
    private final Mallar mallar;
    private final Webbkontext web;

    public PersonalValRoutes(UtskickRepository repo, PushRepository push, Pushnycklar nycklar, Handelselogg audit,
                             Mallar mallar, Webbkontext web) {
        this.repo = repo;
        this.push = push;
        this.nycklar = nycklar;
        this.audit = audit;
        this.mallar = mallar;
        this.web = web;
    }

    public void sida(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        UtskickRepository.PersonalVal v = repo.personalVal(user.id());
        visa(ctx, user, v.kanal(), v.sammanfattning(), v, Formularfel.none());
    }

    private void visa(Context ctx, Anvandare user, String kanal, String sammanfattning,
                      UtskickRepository.PersonalVal v, Formularfel fel) {
        mallar.render(ctx, "utskick/personalval.jte", new Sida(kanal, sammanfattning, v.epost(), v.telefon(),
                user.roll() == se.finsam.planering.atkomst.Roll.KOORDINATOR, fel,
                push.hennes(user.id()).stream().map(p -> UtskickValRoutes.hash(p.endpoint())).toList(),
                nycklar.publik()));
    }

    public void spara(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        String kanal = ctx.formParam("kanal");
        String sammanfattning = ctx.formParam("sammanfattning");
        UtskickRepository.PersonalVal v = repo.personalVal(user.id());
        Formularfel fel = new Formularfel();
        if (kanal == null || !KANALER.contains(kanal)) {
            fel.add("kanal-epost", "personalval.fel.kanal");
        } else if (kanal.equals("epost") && (v.epost() == null || v.epost().isBlank())) {
            fel.add("kanal-epost", "personalval.fel.ingenadress");
        } else if (kanal.equals("sms") && Telefonnummer.e164(v.telefon()) == null) {
            fel.add("kanal-epost", "personalval.fel.ingettelefon");
        } else if (kanal.equals("push") && push.antal(user.id()) == 0) {
            fel.add("kanal-epost", "personalval.fel.ingapush");
        }
        if (sammanfattning == null || !FREKVENSER.contains(sammanfattning)) {
            fel.add("sammanfattning-dag", "personalval.fel.sammanfattning");
        }
        if (!fel.isEmpty()) {
            ctx.status(400);
            visa(ctx, user, kanal != null && KANALER.contains(kanal) ? kanal : v.kanal(),
                    sammanfattning != null && FREKVENSER.contains(sammanfattning) ? sammanfattning
                            : v.sammanfattning(), v, fel);
            return;
        }
        repo.sparaPersonalVal(user.id(), kanal, sammanfattning);
        audit.log(user.id(), Handelselogg.Handling.ANDRA, null,
                "egna meddelandeval: " + kanal + ", sammanfattning " + sammanfattning, ctx.ip());
        web.flash(ctx, "flash.personalval.sparat");
        ctx.redirect("/konto/meddelanden");
    }
}
