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
                        SmsReturRoutes retur, PersonalValRoutes personalVal, KanalAdminRoutes kanalAdmin) {

    public static Utskicket bygg(Jdbi jdbi, Clock clock, String baseUrl, Kanalinstallning installning,
                                 AnvandarRepository anvandare, Dagsantal dagsantal, Handelselogg audit, Mallar mallar,
                                 Webbkontext web) {
        UtskickRepository repo = new UtskickRepository(jdbi);
        Planerare planerare = new Planerare(jdbi, clock, anvandare, dagsantal);
        Utskickstexter texter = new Utskickstexter(repo, baseUrl,
                id -> anvandare.load(id).map(dagsantal::antal).orElse(java.util.List.of()),
                planerare::punkterAttGora);
        Avsandare avsandare = new Avsandare(repo, planerare, texter, installning.sandare(baseUrl), clock,
                installning.maxPerDag(), skickat -> logga(audit, skickat));
        return new Utskicket(repo, planerare, texter, avsandare, new UtskickRoutes(repo, avsandare, mallar, web),
                new UtskickValRoutes(repo, mallar, web, clock), installning,
                new SmsReturRoutes(repo, audit, clock, installning.smsReturLosenord()),
                new PersonalValRoutes(repo, audit, mallar, web),
                new KanalAdminRoutes(repo, avsandare, mallar, web, clock));
    }

    /**
     * That a message was sent about her, never its text: to staff, as the staff member's (she sees who was told);
     * to herself, without a person.
     */
    private static void logga(Handelselogg audit, Avsandare.Skickat s) {
        if (audit == null || s.rad().deltagareId() == null) {
            return;
        }
        String vad = switch (s.kanal()) {
            case EPOST -> s.rad().tillDeltagare() ? "skickade e-post till dig" : "fick e-post om dig";
            case SMS -> s.rad().tillDeltagare() ? "skickade sms till dig" : "fick sms om dig";
            case PUSH -> s.rad().tillDeltagare() ? "skickade en notis till dig" : "fick en notis om dig";
        };
        audit.log(s.rad().anvandareId(), Handelselogg.Handling.ANDRA, s.rad().deltagareId(), vad, null);
    }
}
