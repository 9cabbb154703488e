package se.finsam.planering.utskick;

import se.finsam.planering.testsupport.TestApp;

/** The message tests' shared step: a message to a participant in the outbox, due at once. */
final class Utkorg {

    private Utkorg() {
    }

    /** A message to her, due at once, as a plan change makes it; returns its row id. */
    static long nyttMeddelande(TestApp app, long deltagare, String nyckel) {
        return app.jdbi().withHandle(h -> h.createUpdate("""
                        INSERT INTO utskick (nyckel, typ, team_id, deltagare_id, skapad, planerad)
                        SELECT :n, 'plan_andrad', team_id, id, :nu, NULL FROM deltagare WHERE id = :d""")
                .bind("n", nyckel).bind("nu", app.clock().instant()).bind("d", deltagare)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }
}
