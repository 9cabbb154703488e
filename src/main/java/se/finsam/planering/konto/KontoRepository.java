package se.finsam.planering.konto;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** Accounts as the administrator's account list shows them. */
public final class KontoRepository {

    private final Jdbi jdbi;

    public KontoRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        jdbi.registerRowMapper(ConstructorMapper.factory(KontoRoutes.Konto.class));
    }

    public boolean finns(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM anvandare WHERE id = :id")
                .bind("id", id).mapTo(Integer.class).one() > 0);
    }

    /** Staff accounts with how many sessions each has had in use since {@code aktivSedan}, by name. */
    public List<KontoRoutes.Konto> personalkonton(Instant aktivSedan) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT a.id, a.anvandarnamn, a.namn, a.roll, o.namn AS organisation,
                               (SELECT count(*) FROM session s WHERE s.anvandare_id = a.id AND s.senast_aktiv >= :c)
                               AS sessioner
                        FROM anvandare a LEFT JOIN organisation o ON o.id = a.organisation_id
                        WHERE a.roll <> 'deltagare' ORDER BY a.namn""")
                .bind("c", aktivSedan)
                .mapTo(KontoRoutes.Konto.class)
                .list());
    }

    /** A wrong second-factor code entered for an account: when, and from which address. */
    public record Felkod(Instant tid, String adress) {
    }

    /** The account's wrong second-factor codes since a time, newest first, at most {@code max}. */
    public List<Felkod> felaktigaKoder(long anvandareId, Instant sedan, int max) {
        se.finsam.planering.audit.Handelselogg.skrivKlart(jdbi);
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT tid, adress FROM audit_log
                        WHERE anvandare_id = :a AND handling = 'inloggning_misslyckad' AND tid >= :sedan
                          AND vad LIKE 'andra faktor misslyckad: TOTP%'
                        ORDER BY id DESC LIMIT :max""")
                .bind("a", anvandareId).bind("sedan", sedan).bind("max", max)
                .map((rs, c) -> new Felkod(Instant.parse(rs.getString("tid")), rs.getString("adress")))
                .list());
    }

    /**
     * Forgets the account's wrong second-factor codes, at login and while enrolling: after the administrator's
     * reset of a lost second factor the account starts afresh.
     */
    public void glomAndraFaktornsFelkoder(long anvandareId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM login_attempt WHERE nyckel IN (:a, :b)")
                .bind("a", se.finsam.planering.auth.Inloggningsbroms.andraFaktorNyckel(anvandareId))
                .bind("b", se.finsam.planering.auth.Inloggningsbroms.registreringsNyckel(anvandareId)).execute());
    }
}
