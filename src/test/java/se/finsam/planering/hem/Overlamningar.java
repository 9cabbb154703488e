package se.finsam.planering.hem;

import java.time.Instant;
import org.jdbi.v3.core.Handle;
import se.finsam.planering.testsupport.TestApp;

/** Builds participants whose plans were handed over, straight in the database, for the work-list tests. */
final class Overlamningar {

    private Overlamningar() {
    }

    static long id(TestApp app, String sql) {
        return app.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    static long anvandare(TestApp app, String anvandarnamn) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM anvandare WHERE anvandarnamn = :a")
                .bind("a", anvandarnamn).mapTo(Long.class).one());
    }

    static long organisation(TestApp app, String kod) {
        return app.jdbi().withHandle(h -> h.createQuery("SELECT id FROM organisation WHERE kod = :k")
                .bind("k", kod).mapTo(Long.class).one());
    }

    /** A participant of the team with samtycke to the organisations given. */
    static long deltagare(Handle h, long team, String kod, String fornamn, String efternamn, long registreradAv,
                          long... samtycke) {
        long d = h.createUpdate("""
                        INSERT INTO deltagare (kod, team_id, fornamn, efternamn, fodelsear, kon, skapad)
                        VALUES (:kod, :t, :f, :e, 1980, 'kvinna', '2026-09-01T09:00:00Z')""")
                .bind("kod", kod).bind("t", team).bind("f", fornamn).bind("e", efternamn)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        for (long o : samtycke) {
            h.createUpdate("""
                            INSERT INTO samtycke (deltagare_id, organisation_id, givet_datum, hur, registrerad_av)
                            VALUES (:d, :o, '2026-09-01', 'skriftligt', :k)""")
                    .bind("d", d).bind("o", o).bind("k", registreradAv).execute();
        }
        return d;
    }

    /** A handed-over plan for the participant, its items owned by the organisation's person; returns the plan. */
    static long planering(Handle h, long deltagare, long koordinator, Instant overlamnad) {
        return h.createUpdate("""
                        INSERT INTO planering (deltagare_id, mal, skapad, andrad, andrad_av, overlamnad)
                        VALUES (:d, 'Ett arbete', :t, :t, :k, :t)""")
                .bind("d", deltagare).bind("t", overlamnad.toString()).bind("k", koordinator)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** An item handed to {@code till} at {@code skapad}, not yet answered; returns the handover. */
    static long overlamning(Handle h, long planering, int ordning, String text, long organisation, long till,
                            String klartSenast, Instant skapad) {
        long punkt = h.createUpdate("""
                        INSERT INTO planpunkt (planering_id, ordning, text, typ, ansvarig_organisation_id,
                                               ansvarig_anvandare_id, klart_senast, skapad)
                        VALUES (:p, :o, :text, 'beslut', :org, :u, :klart, :t)""")
                .bind("p", planering).bind("o", ordning).bind("text", text).bind("org", organisation)
                .bind("u", till).bind("klart", klartSenast).bind("t", skapad.toString())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        return h.createUpdate("INSERT INTO overlamning (planpunkt_id, till_id, skapad) VALUES (:p, :u, :t)")
                .bind("p", punkt).bind("u", till).bind("t", skapad.toString())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** Closes the participant (avslut) without touching her handovers. */
    static void avsluta(Handle h, long deltagare, long koordinator) {
        h.createUpdate("""
                        INSERT INTO avslut (deltagare_id, datum, orsak, forsorjning, ingen_fortsattning, registrerad,
                                            registrerad_av)
                        VALUES (:d, '2026-11-20', 'arbete', 'lon', 1, '2026-11-20T10:00:00Z', :k)""")
                .bind("d", deltagare).bind("k", koordinator).execute();
    }
}
