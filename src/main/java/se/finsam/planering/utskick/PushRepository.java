package se.finsam.planering.utskick;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Browsers' push subscriptions, each with the account that turned notifications on in it. Push counts as turned on
 * for a person while she has at least one ({@code utskick_val.push} follows).
 */
public final class PushRepository {

    /** The most browsers one person keeps notifications on in; a new one beyond them replaces the oldest. */
    static final int MAX_PER_PERSON = 10;

    /** One browser's subscription: where its push service takes messages, and the keys to encrypt them with. */
    public record Prenumeration(long id, long anvandareId, String endpoint, String p256dh, String auth) {
    }

    private final Jdbi jdbi;

    public PushRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Keeps a browser's subscription for her. A browser has one subscription, so one seen before (another person
     * used the same browser) is hers now.
     */
    public void spara(long anvandareId, String endpoint, String p256dh, String auth, Instant nu) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            INSERT INTO push_prenumeration (anvandare_id, endpoint, p256dh, auth, skapad)
                            VALUES (:a, :e, :p, :au, :nu)
                            ON CONFLICT (endpoint) DO UPDATE SET anvandare_id = :a, p256dh = :p, auth = :au,
                                skapad = :nu, senast_skickat = NULL""")
                    .bind("a", anvandareId).bind("e", endpoint).bind("p", p256dh).bind("au", auth).bind("nu", nu)
                    .execute();
            h.createUpdate("""
                            DELETE FROM push_prenumeration WHERE anvandare_id = :a AND id NOT IN (
                                SELECT id FROM push_prenumeration WHERE anvandare_id = :a
                                ORDER BY skapad DESC, id DESC LIMIT :max)""")
                    .bind("a", anvandareId).bind("max", MAX_PER_PERSON).execute();
            folj(h, anvandareId);
            // The person who had this browser before may have no other left.
            h.createUpdate("""
                            UPDATE utskick_val SET push = 0 WHERE push = 1 AND NOT EXISTS (
                                SELECT 1 FROM push_prenumeration p WHERE p.anvandare_id = utskick_val.anvandare_id)""")
                    .execute();
        });
    }

    /** Turns notifications off in one browser of hers; returns whether it was hers. */
    public boolean taBort(long anvandareId, String endpoint) {
        return jdbi.inTransaction(h -> {
            int n = h.createUpdate("DELETE FROM push_prenumeration WHERE anvandare_id = :a AND endpoint = :e")
                    .bind("a", anvandareId).bind("e", endpoint).execute();
            folj(h, anvandareId);
            return n > 0;
        });
    }

    /** Turns notifications off in every browser of hers. */
    public int taBortAlla(long anvandareId) {
        return jdbi.inTransaction(h -> {
            int n = h.createUpdate("DELETE FROM push_prenumeration WHERE anvandare_id = :a")
                    .bind("a", anvandareId).execute();
            folj(h, anvandareId);
            return n;
        });
    }

    /** A subscription its push service says is gone (404, 410): it will never take a message again. */
    public void borta(Prenumeration p) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM push_prenumeration WHERE id = :id").bind("id", p.id()).execute();
            folj(h, p.anvandareId());
        });
    }

    /** That its push service took a message for it. */
    public void skickat(Prenumeration p, Instant nu) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE push_prenumeration SET senast_skickat = :nu WHERE id = :id")
                .bind("nu", nu).bind("id", p.id()).execute());
    }

    public List<Prenumeration> hennes(long anvandareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, anvandare_id, endpoint, p256dh, auth FROM push_prenumeration
                        WHERE anvandare_id = :a ORDER BY id""")
                .bind("a", anvandareId)
                .map((rs, ctx) -> new Prenumeration(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .list());
    }

    public int antal(long anvandareId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM push_prenumeration WHERE anvandare_id = :a")
                .bind("a", anvandareId).mapTo(Integer.class).one());
    }

    /** utskick_val.push follows whether she has a subscription left (a new row takes her role's defaults). */
    private static void folj(Handle h, long anvandareId) {
        h.createUpdate("""
                        INSERT INTO utskick_val (anvandare_id, epost, sms, push)
                        SELECT a.id, CASE WHEN a.roll <> 'deltagare' THEN 1 ELSE 0 END,
                               CASE WHEN a.roll = 'deltagare' THEN 1 ELSE 0 END,
                               CASE WHEN EXISTS (SELECT 1 FROM push_prenumeration p WHERE p.anvandare_id = a.id)
                                    THEN 1 ELSE 0 END
                        FROM anvandare a WHERE a.id = :a
                        ON CONFLICT (anvandare_id) DO UPDATE SET push = excluded.push""")
                .bind("a", anvandareId).execute();
    }
}
