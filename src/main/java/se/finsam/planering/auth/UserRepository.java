package se.finsam.planering.auth;

import se.finsam.planering.atkomst.CurrentUser;
import se.finsam.planering.atkomst.Roll;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** Accounts: staff and participants. */
public final class UserRepository {

    /** What login needs to know about an account. */
    public record Konto(long id, String anvandarnamn, String namn, String roll, String losenordHash, String pinHash,
                        boolean aktiv) {
    }

    private final Jdbi jdbi;

    public UserRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<Konto> findByUsername(String anvandarnamn) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, anvandarnamn, namn, roll, losenord_hash, pin_hash, aktiv
                        FROM anvandare WHERE anvandarnamn = :namn""")
                .bind("namn", anvandarnamn)
                .map((rs, ctx) -> new Konto(rs.getLong("id"), rs.getString("anvandarnamn"), rs.getString("namn"),
                        rs.getString("roll"), rs.getString("losenord_hash"), rs.getString("pin_hash"),
                        rs.getBoolean("aktiv")))
                .findOne());
    }

    /** Runs on every request with a session: one query, teams included. */
    public Optional<CurrentUser> load(long id) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT a.id, a.namn, a.roll, a.organisation_id, a.sprak, d.id AS deltagare_id,
                               (SELECT group_concat(team_id) FROM team_medlem WHERE anvandare_id = a.id) AS teams
                        FROM anvandare a LEFT JOIN deltagare d ON d.anvandare_id = a.id
                        WHERE a.id = :id AND a.aktiv = 1""")
                .bind("id", id)
                .map((rs, ctx) -> {
                    long orgId = rs.getLong("organisation_id");
                    Long org = rs.wasNull() ? null : orgId;
                    long delId = rs.getLong("deltagare_id");
                    Long deltagare = rs.wasNull() ? null : delId;
                    String teams = rs.getString("teams");
                    Set<Long> teamIds = teams == null ? Set.of() : java.util.Arrays.stream(teams.split(","))
                            .map(Long::valueOf).collect(java.util.stream.Collectors.toUnmodifiableSet());
                    return new CurrentUser(rs.getLong("id"), rs.getString("namn"), Roll.fromDb(rs.getString("roll")),
                            org, rs.getString("sprak"), teamIds, deltagare);
                })
                .findOne());
    }

    public void setSprak(long id, String sprak) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE anvandare SET sprak = :sprak WHERE id = :id")
                .bind("sprak", sprak).bind("id", id).execute());
    }

    public Optional<String> sprakOf(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT sprak FROM anvandare WHERE id = :id")
                .bind("id", id).mapTo(String.class).findOne());
    }

    public void setPin(long id, String anvandarnamn, String pinHash) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE anvandare SET pin_hash = :pin, anvandarnamn = coalesce(anvandarnamn, :namn)
                        WHERE id = :id AND roll = 'deltagare'""")
                .bind("pin", pinHash).bind("namn", anvandarnamn).bind("id", id).execute());
    }

    /**
     * Gives a participant without one a random user id ({@link ActivationCodes#generateUserId()}), and
     * returns the account's user id.
     */
    public String giveUsernameIfMissing(long id) {
        for (int tries = 0; ; tries++) {
            String candidate = ActivationCodes.generateUserId();
            try {
                jdbi.useHandle(h -> h.createUpdate("""
                                UPDATE anvandare SET anvandarnamn = :u
                                WHERE id = :id AND roll = 'deltagare' AND anvandarnamn IS NULL""")
                        .bind("u", candidate).bind("id", id).execute());
                return usernameOf(id).orElseThrow();
            } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
                // The same random id twice in 2^39: try another.
                if (tries >= 3) {
                    throw e;
                }
            }
        }
    }

    public Optional<String> usernameOf(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT anvandarnamn FROM anvandare WHERE id = :id")
                .bind("id", id).mapTo(String.class).findOne());
    }

    public long createStaff(String anvandarnamn, String namn, Roll roll, Long organisationId, String losenordHash,
                            Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO anvandare (anvandarnamn, namn, roll, organisation_id, losenord_hash, skapad)
                        VALUES (:u, :n, :r, :o, :p, :s)""")
                .bind("u", anvandarnamn).bind("n", namn).bind("r", roll.dbValue()).bind("o", organisationId)
                .bind("p", losenordHash).bind("s", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }
}
