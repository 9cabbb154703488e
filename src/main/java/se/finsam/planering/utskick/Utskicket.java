package se.finsam.planering.utskick;

import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.auth.AnvandarRepository;
import se.finsam.planering.web.Mallar;
import se.finsam.planering.web.Webbkontext;

/** The messages feature put together: the outbox, its planner and sender, and the koordinator's page. */
public record Utskicket(UtskickRepository repo, Planerare planerare, Utskickstexter texter, Avsandare avsandare,
                        UtskickRoutes routes, UtskickValRoutes val, Kanalinstallning installning,
                        PushRepository pushRepo, Pushnycklar pushnycklar, PushRoutes push,
                        SmsReturRoutes retur, PersonalValRoutes personalVal, KanalAdminRoutes kanalAdmin) {

    public static Utskicket bygg(Jdbi jdbi, Clock clock, String baseUrl, Kanalinstallning installning,
                                 AnvandarRepository anvandare, Dagsantal dagsantal, Handelselogg audit, Mallar mallar,
                                 Webbkontext web) {
        UtskickRepository repo = new UtskickRepository(jdbi);
        Planerare planerare = new Planerare(jdbi, clock, anvandare, dagsantal);
        Utskickstexter texter = new Utskickstexter(repo, baseUrl,
                id -> anvandare.load(id).map(dagsantal::antal).orElse(java.util.List.of()),
                planerare::punkterAttGora);
        // Web push needs nothing set: its key pair is made at the first start and kept in the database.
        PushRepository pushRepo = new PushRepository(jdbi);
        Pushnycklar pushnycklar = Pushnycklar.hamtaEllerSkapa(jdbi, clock);
        java.util.List<Kanalsandare> sandare = new java.util.ArrayList<>(installning.sandare(baseUrl));
        sandare.add(new Pushsandare(pushRepo, pushnycklar, installning.pushKontakt(baseUrl),
                installning.pushTjanster(), clock, java.time.Duration.ofSeconds(20)));
        Avsandare avsandare = new Avsandare(repo, planerare, texter, sandare, clock,
                installning.maxPerDag(), (h, skickat) -> logga(h, audit, skickat));
        return new Utskicket(repo, planerare, texter, avsandare, new UtskickRoutes(repo, avsandare, mallar, web),
                new UtskickValRoutes(repo, pushRepo, pushnycklar, mallar, web, clock), installning, pushRepo,
                pushnycklar, new PushRoutes(pushRepo, installning.pushTjanster(), web, clock),
                new SmsReturRoutes(repo, audit, clock, installning.smsReturLosenord()),
                new PersonalValRoutes(repo, pushRepo, pushnycklar, audit, mallar, web),
                new KanalAdminRoutes(repo, avsandare, mallar, web, clock));
    }

    /**
     * That a message was sent about her, never its text, written in the transaction that marks it sent: to staff,
     * as the staff member's (she sees who was told); to herself, without a person.
     */
    private static void logga(org.jdbi.v3.core.Handle h, Handelselogg audit, Avsandare.Skickat s) {
        if (audit == null || s.rad().deltagareId() == null) {
            return;
        }
        String vad = switch (s.kanal()) {
            case EPOST -> s.rad().tillDeltagare() ? "skickade e-post till dig" : "fick e-post om dig";
            case SMS -> s.rad().tillDeltagare() ? "skickade sms till dig" : "fick sms om dig";
            case PUSH -> s.rad().tillDeltagare() ? "skickade en notis till dig" : "fick en notis om dig";
        };
        Handelselogg.skrivI(h, s.tid(), s.rad().anvandareId(), Handelselogg.Handling.ANDRA, s.rad().deltagareId(),
                vad, null);
    }
}
