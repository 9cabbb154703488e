package se.finsam.planering.auth;

import se.finsam.planering.atkomst.Anvandare;
import se.finsam.planering.atkomst.Roll;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** Accounts: staff and participants. */
public final class AnvandarRepository {

    /** What login needs to know about an account. */
    public record Konto(long id, String anvandarnamn, String namn, String roll, String losenordHash, String pinHash,
                        boolean aktiv) {
    }

    /** The account of a session as stored; {@code teams} is the comma-separated ids of its teams. */
    public record Inloggad(long id, String namn, String roll, Long organisationId, String sprak, Long deltagareId,
                           String teams) {

        Anvandare anvandare() {
            Set<Long> teamIds = teams == null ? Set.of() : java.util.Arrays.stream(teams.split(","))
                    .map(Long::valueOf).collect(java.util.stream.Collectors.toUnmodifiableSet());
            return new Anvandare(id, namn, Roll.fromDb(roll), organisationId, sprak, teamIds, deltagareId);
        }
    }

    private final Jdbi jdbi;

    public AnvandarRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
        jdbi.registerRowMapper(ConstructorMapper.factory(Konto.class));
        jdbi.registerRowMapper(ConstructorMapper.factory(Inloggad.class));
    }

    public Optional<Konto> findByUsername(String anvandarnamn) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, anvandarnamn, namn, roll, losenord_hash, pin_hash, aktiv
                        FROM anvandare WHERE anvandarnamn = :namn""")
                .bind("namn", anvandarnamn)
                .mapTo(Konto.class)
                .findOne());
    }

    /** Runs on every request with a session: one query, teams included. */
    public Optional<Anvandare> load(long id) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT a.id, a.namn, a.roll, a.organisation_id, a.sprak, d.id AS deltagare_id,
                               (SELECT string_agg(CAST(team_id AS TEXT), ',') FROM team_medlem WHERE anvandare_id = a.id) AS teams
                        FROM anvandare a LEFT JOIN deltagare d ON d.anvandare_id = a.id
                        WHERE a.id = :id AND a.aktiv = 1""")
                .bind("id", id)
                .mapTo(Inloggad.class)
                .findOne()
                .map(Inloggad::anvandare));
    }

    /**
     * The same, where the caller has just read the data version: an account loaded before at that version is
     * taken from memory. The version grows with every change to accounts, participants and team members.
     */
    public Optional<Anvandare> load(long id, long datautgava) {
        Minne minne = minnet.get(id);
        if (minne != null && minne.utgava() == datautgava) {
            return minne.anvandare();
        }
        Optional<Anvandare> anvandare = load(id);
        if (minnet.size() >= MINNE_MAX) {
            minnet.clear();
        }
        minnet.put(id, new Minne(anvandare, datautgava));
        return anvandare;
    }

    /** A loaded account and the data version it was read at. */
    private record Minne(Optional<Anvandare> anvandare, long utgava) {
    }

    private static final int MINNE_MAX = 10_000;
    private final java.util.concurrent.ConcurrentHashMap<Long, Minne> minnet =
            new java.util.concurrent.ConcurrentHashMap<>();

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
                        UPDATE anvandare SET pin_hash = :pin, anvandarnamn = coalesce(anvandarnamn, :namn), pin_avstangd = 0
                        WHERE id = :id AND roll = 'deltagare'""")
                .bind("pin", pinHash).bind("namn", anvandarnamn).bind("id", id).execute());
    }

    /** True when the participant has turned PIN login off (she logs in with a passkey). */
    public boolean pinAvstangd(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT pin_avstangd FROM anvandare WHERE id = :id")
                .bind("id", id).mapTo(Boolean.class).findOne().orElse(false));
    }

    /**
     * Turns PIN login off or on for a participant. Off only while she has a passkey; returns whether it changed.
     */
    public boolean setPinAvstangd(long id, boolean av) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE anvandare SET pin_avstangd = :av
                        WHERE id = :id AND roll = 'deltagare'
                          AND (:av = 0 OR EXISTS (SELECT 1 FROM nyckel WHERE anvandare_id = :id))""")
                .bind("av", av ? 1 : 0).bind("id", id).execute() == 1);
    }

    /**
     * Gives a participant without one a random user id ({@link Aktiveringskoder#generateUserId()}), and
     * returns the account's user id.
     */
    public String giveUsernameIfMissing(long id) {
        for (int tries = 0; ; tries++) {
            String candidate = Aktiveringskoder.generateUserId();
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

    /** The participant an account belongs to, if it is a participant's. */
    public Optional<Long> deltagareOf(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM deltagare WHERE anvandare_id = :a")
                .bind("a", id).mapTo(Long.class).findOne());
    }

    /**
     * Uses an activation code (by its hash) once: the active participant account it was made for, which is then
     * marked used, or empty when no valid unused code matches.
     */
    public Optional<Long> anvandAktiveringskod(String kodHash, Instant nu) {
        return jdbi.inTransaction(h -> {
            Optional<Long> id = h.createQuery("""
                            SELECT k.anvandare_id FROM aktiveringskod k JOIN anvandare a ON a.id = k.anvandare_id
                            WHERE k.kod_hash = :h AND k.anvand IS NULL AND k.giltig_till > :now
                              AND a.roll = 'deltagare' AND a.aktiv = 1""")
                    .bind("h", kodHash).bind("now", nu).mapTo(Long.class).findOne();
            id.ifPresent(x -> h.createUpdate("UPDATE aktiveringskod SET anvand = :now WHERE kod_hash = :h")
                    .bind("now", nu).bind("h", kodHash).execute());
            return id;
        });
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

    /** True when an active administrator exists; once it does, remembered (the last one cannot be deactivated). */
    public boolean finnsAdministrator() {
        if (administratorFinns) {
            return true;
        }
        boolean finns = jdbi.withHandle(h -> h.createQuery(
                        "SELECT EXISTS (SELECT 1 FROM anvandare WHERE roll = 'admin' AND aktiv = 1)")
                .mapTo(Boolean.class).one());
        administratorFinns = finns;
        return finns;
    }

    private volatile boolean administratorFinns;

    /**
     * What a device cookie of the account is signed with besides its ids: its PIN and password hashes (each new
     * one has a new salt), so a new PIN or password revokes every device cookie issued before it. Empty for no
     * such account.
     */
    public Optional<String> enhetsgeneration(long id) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT coalesce(pin_hash, '') || ' ' || coalesce(losenord_hash, '') FROM anvandare WHERE id = :id""")
                .bind("id", id).mapTo(String.class).findOne())
                .map(g -> Token.sha256(g));
    }
}
