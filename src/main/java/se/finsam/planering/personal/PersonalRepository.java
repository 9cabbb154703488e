package se.finsam.planering.personal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import se.finsam.planering.atkomst.Roll;

/** Staff accounts as the administrator keeps them: who they are, their role, organisation and teams. */
public final class PersonalRepository {

    /** One staff account; {@code teamIds} and {@code teamNamn} in the same order. */
    public record Person(long id, String anvandarnamn, String namn, String epost, String telefon, Roll roll,
                         Long organisationId, String organisation, List<Long> teamIds, List<String> teamNamn,
                         boolean aktiv, boolean harLosenord) {
    }

    public record Val(long id, String kod, String namn) {
    }

    /** What the administrator fills in for a new account. */
    public record NyPerson(String anvandarnamn, String namn, String epost, String telefon, Roll roll,
                           Long organisationId, List<Long> teamIds) {
    }

    /** Roles an administrator gives staff (a participant's account is made by the anmälan). */
    public static final List<Roll> PERSONALROLLER = List.of(Roll.HANDLAGGARE, Roll.TEAMREPRESENTANT, Roll.KOORDINATOR,
            Roll.STYRGRUPP, Roll.ADMIN);

    private final Jdbi jdbi;

    public PersonalRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Whether the role works in teams for an organisation (and so needs both). */
    public static boolean arbetarITeam(Roll roll) {
        return roll.arPersonal();
    }

    public List<Person> alla() {
        return jdbi.withHandle(h -> personer(h, "a.roll <> 'deltagare'", null));
    }

    public Optional<Person> hitta(long id) {
        return jdbi.withHandle(h -> personer(h, "a.roll <> 'deltagare' AND a.id = :id", id).stream().findFirst());
    }

    private static List<Person> personer(Handle h, String villkor, Long id) {
        var q = h.createQuery("""
                SELECT a.id, a.anvandarnamn, a.namn, a.epost, a.telefon, a.roll, a.organisation_id, o.namn AS org,
                       a.aktiv, a.losenord_hash IS NOT NULL AS har_losenord,
                       (SELECT string_agg(CAST(t.id AS TEXT) || :enhet || t.namn, :post)
                        FROM team_medlem m JOIN team t ON t.id = m.team_id WHERE m.anvandare_id = a.id) AS team
                FROM anvandare a LEFT JOIN organisation o ON o.id = a.organisation_id
                WHERE\s""" + villkor + " ORDER BY lower(a.namn), a.id");
        // Each team as "id<unit separator>name", the teams apart by the record separator: characters no name holds.
        q.bind("enhet", "\u001f").bind("post", "\u001e");
        if (id != null) {
            q.bind("id", id);
        }
        return q.map((rs, c) -> {
            long org = rs.getLong("organisation_id");
            Long orgId = rs.wasNull() ? null : org;
            List<Long> teamIds = new ArrayList<>();
            List<String> teamNamn = new ArrayList<>();
            String team = rs.getString("team");
            if (team != null) {
                for (String par : team.split("\u001e")) {
                    String[] delar = par.split("\u001f", 2);
                    teamIds.add(Long.valueOf(delar[0]));
                    teamNamn.add(delar[1]);
                }
            }
            return new Person(rs.getLong("id"), rs.getString("anvandarnamn"), rs.getString("namn"),
                    rs.getString("epost"), rs.getString("telefon"), Roll.fromDb(rs.getString("roll")), orgId,
                    rs.getString("org"), List.copyOf(teamIds), List.copyOf(teamNamn), rs.getBoolean("aktiv"),
                    rs.getBoolean("har_losenord"));
        }).list();
    }

    public List<Val> organisationer() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, kod, namn FROM organisation WHERE aktiv = 1 ORDER BY namn")
                .map(ConstructorMapper.of(Val.class)).list());
    }

    public List<Val> team() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, namn AS kod, namn FROM team WHERE aktiv = 1 ORDER BY namn")
                .map(ConstructorMapper.of(Val.class)).list());
    }

    /** The account (any role) that has this user name, compared without regard to case. */
    public Optional<Long> medAnvandarnamn(String anvandarnamn) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM anvandare WHERE lower(anvandarnamn) = lower(:u)")
                .bind("u", anvandarnamn).mapTo(Long.class).findOne());
    }

    /** The staff account that has this e-mail address, compared without regard to case. */
    public Optional<Long> medEpost(String epost) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id FROM anvandare WHERE roll <> 'deltagare' AND lower(epost) = :e ORDER BY id LIMIT 1""")
                .bind("e", epost.toLowerCase(Locale.ROOT)).mapTo(Long.class).findOne());
    }

    /** Active administrators other than the given account. */
    public static int andraAktivaAdministratorer(Handle h, long utom) {
        return h.createQuery("SELECT count(*) FROM anvandare WHERE roll = 'admin' AND aktiv = 1 AND id <> :id")
                .bind("id", utom).mapTo(Integer.class).one();
    }

    /** Creates the account without a password: it gets one through its invitation. */
    public static long skapa(Handle h, NyPerson p, Instant nu) {
        long id = h.createUpdate("""
                        INSERT INTO anvandare (anvandarnamn, namn, roll, organisation_id, telefon, epost, skapad)
                        VALUES (:u, :n, :r, :o, :t, :e, :s)""")
                .bind("u", p.anvandarnamn()).bind("n", p.namn()).bind("r", p.roll().dbValue())
                .bind("o", p.organisationId()).bind("t", p.telefon()).bind("e", p.epost()).bind("s", nu)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        sattTeam(h, id, p.teamIds());
        return id;
    }

    public static void andra(Handle h, long id, Roll roll, Long organisationId, List<Long> teamIds) {
        h.createUpdate("UPDATE anvandare SET roll = :r, organisation_id = :o WHERE id = :id AND roll <> 'deltagare'")
                .bind("r", roll.dbValue()).bind("o", organisationId).bind("id", id).execute();
        sattTeam(h, id, teamIds);
    }

    private static void sattTeam(Handle h, long id, List<Long> teamIds) {
        h.createUpdate("DELETE FROM team_medlem WHERE anvandare_id = :id").bind("id", id).execute();
        for (Long team : teamIds) {
            h.createUpdate("INSERT INTO team_medlem (team_id, anvandare_id) VALUES (:t, :a)")
                    .bind("t", team).bind("a", id).execute();
        }
    }

    public static void sattAktiv(Handle h, long id, boolean aktiv) {
        h.createUpdate("UPDATE anvandare SET aktiv = :a WHERE id = :id AND roll <> 'deltagare'")
                .bind("a", aktiv ? 1 : 0).bind("id", id).execute();
    }

    /** Writes who changed which account and what; append-only. */
    public static void logga(Handle h, Long andradAv, long anvandareId, String vad, Instant nu) {
        h.createUpdate("INSERT INTO konto_andring (tid, andrad_av, anvandare_id, vad) VALUES (:t, :av, :a, :v)")
                .bind("t", nu).bind("av", andradAv).bind("a", anvandareId).bind("v", vad).execute();
    }

    /** The account's history of changes, newest first, with the changer's name. */
    public List<Andring> andringar(long anvandareId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT k.tid, a.namn AS av, k.vad FROM konto_andring k LEFT JOIN anvandare a ON a.id = k.andrad_av
                        WHERE k.anvandare_id = :id ORDER BY k.id DESC LIMIT 50""")
                .bind("id", anvandareId)
                .map(ConstructorMapper.of(Andring.class))
                .list());
    }

    public record Andring(Instant tid, String av, String vad) {
    }

    public Jdbi jdbi() {
        return jdbi;
    }
}
