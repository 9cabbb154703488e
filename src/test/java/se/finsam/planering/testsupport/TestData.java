package se.finsam.planering.testsupport;

import java.time.Duration;
import se.finsam.planering.auth.ActivationCodes;
import se.finsam.planering.auth.PasswordHasher;

/** Small additions to the demo data that a test needs, made the way the app would make them. */
public final class TestData {

    private TestData() {
    }

    /** A participant in the given stage (deltagare_fas) who has no login yet and is not protected. */
    public static long deltagareIFas(TestApp app, String fas, int skip) {
        return app.jdbi().withHandle(h -> h.createQuery("""
                        SELECT d.id FROM deltagare d JOIN deltagare_fas f ON f.deltagare_id = d.id
                        JOIN team t ON t.id = d.team_id
                        WHERE f.fas = :fas AND d.anvandare_id IS NULL AND d.skyddad_identitet = 0
                        ORDER BY t.namn = 'Jobbtorg Kista' DESC, d.id LIMIT 1 OFFSET :skip""")
                .bind("fas", fas).bind("skip", skip).mapTo(Long.class).one());
    }

    /** Gives the participant a login with a PIN; returns the user id they log in with. */
    public static String kontoMedPin(TestApp app, long deltagareId, String pin) {
        String hash = new PasswordHasher().hash(pin);
        return app.jdbi().inTransaction(h -> {
            String username = h.createQuery("SELECT lower(kod) FROM deltagare WHERE id = :d")
                    .bind("d", deltagareId).mapTo(String.class).one();
            long userId = h.createUpdate("""
                            INSERT INTO anvandare (anvandarnamn, namn, roll, pin_hash, skapad)
                            SELECT :u, fornamn || ' ' || efternamn, 'deltagare', :p, :s FROM deltagare WHERE id = :d""")
                    .bind("u", username).bind("p", hash).bind("s", app.clock().instant()).bind("d", deltagareId)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("UPDATE deltagare SET anvandare_id = :a WHERE id = :d")
                    .bind("a", userId).bind("d", deltagareId).execute();
            return username;
        });
    }

    /** Gives the participant an account without PIN and a fresh activation code; returns the code. */
    public static String kontoMedAktiveringskod(TestApp app, long deltagareId) {
        String code = ActivationCodes.generate();
        app.jdbi().useTransaction(h -> {
            long userId = h.createUpdate("""
                            INSERT INTO anvandare (namn, roll, skapad)
                            SELECT fornamn || ' ' || efternamn, 'deltagare', :s FROM deltagare WHERE id = :d""")
                    .bind("s", app.clock().instant()).bind("d", deltagareId)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("UPDATE deltagare SET anvandare_id = :a WHERE id = :d")
                    .bind("a", userId).bind("d", deltagareId).execute();
            h.createUpdate("""
                            INSERT INTO aktiveringskod (anvandare_id, kod_hash, skapad, giltig_till)
                            VALUES (:a, :h, :s, :g)""")
                    .bind("a", userId).bind("h", ActivationCodes.hash(code)).bind("s", app.clock().instant())
                    .bind("g", app.clock().instant().plus(Duration.ofDays(14))).execute();
        });
        return code;
    }

    public static String namn(TestApp app, long deltagareId) {
        return app.jdbi().withHandle(h -> h.createQuery(
                        "SELECT fornamn || ' ' || efternamn FROM deltagare WHERE id = :d")
                .bind("d", deltagareId).mapTo(String.class).one());
    }
}
