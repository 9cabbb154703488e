package se.finsam.planering.utskick;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.web.Felsvar;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.web.Webbkontext;

/**
 * The administrator's page of channels: whether each is configured, a test message to her own address or number
 * to see that it works, and sent and failed counts per channel and day. No message content and no participant.
 */
public final class KanalAdminRoutes {

    static final int DAGAR = 14;

    public record Kanalrad(String kanal, boolean installd) {
    }

    public record Sida(List<Kanalrad> kanaler, List<UtskickRepository.Kanaldag> dagar, String epost, String telefon) {
    }

    private final UtskickRepository repo;
    private final Avsandare avsandare;
    private final Mallar mallar;
    private final Webbkontext web;
    private final Clock clock;

    public KanalAdminRoutes(UtskickRepository repo, Avsandare avsandare, Mallar mallar, Webbkontext web, Clock clock) {
        this.repo = repo;
        this.avsandare = avsandare;
        this.mallar = mallar;
        this.web = web;
        this.clock = clock;
    }

    public void sida(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        UtskickRepository.PersonalVal egen = repo.personalVal(user.id());
        List<Kanalrad> kanaler = List.of(new Kanalrad("epost", avsandare.kanaler().contains(Kanal.EPOST)),
                new Kanalrad("sms", avsandare.kanaler().contains(Kanal.SMS)),
                new Kanalrad("push", avsandare.kanaler().contains(Kanal.PUSH)));
        mallar.render(ctx, "utskick/kanaler.jte", new Sida(kanaler,
                repo.kanaldagar(clock.instant().minus(Duration.ofDays(DAGAR))), egen.epost(), egen.telefon()));
    }

    /** A test message to the administrator herself, on the channel she picks; the answer is shown at once. */
    public void prov(Context ctx) {
        Anvandare user = web.requireUser(ctx);
        String val = ctx.formParam("kanal");
        Kanal kanal = "epost".equals(val) ? Kanal.EPOST : "sms".equals(val) ? Kanal.SMS : null;
        if (kanal == null) {
            throw new Felsvar(400, web.messages(ctx).get("kanaler.fel.kanal"));
        }
        UtskickRepository.PersonalVal egen = repo.personalVal(user.id());
        String adress = kanal == Kanal.EPOST ? egen.epost() : Telefonnummer.e164(egen.telefon());
        if (adress == null || adress.isBlank()) {
            throw new Felsvar(400, web.messages(ctx).get(kanal == Kanal.EPOST ? "kanaler.fel.ingenadress"
                    : "kanaler.fel.ingettelefon"));
        }
        String text = web.messages(ctx).get("kanaler.prov.text");
        Kanalsvar svar = avsandare.prov(kanal, adress, "FINSAM Planering", text)
                .orElseThrow(() -> new Felsvar(409, web.messages(ctx).get("kanaler.fel.avstangd")));
        web.flash(ctx, switch (svar.utfall()) {
            case ACCEPTERAT -> "flash.kanaler.prov.ok";
            case FORSOK_IGEN -> "flash.kanaler.prov.igen";
            case PERMANENT -> "flash.kanaler.prov.fel";
        });
        ctx.redirect("/admin/kanaler");
    }
}
