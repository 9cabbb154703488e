package se.finsam.planering.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Teams as the administrator keeps them: meeting habits, time limits, organisations and the fallback contact. */
public final class TeamRepository {

    /** The contact a participant is given when her plan is closed and nobody takes over. */
    public record Hjalpkontakt(String namn, String telefon, String beskrivning) {
    }

    /** What the administrator writes about a team. */
    public record Uppgifter(String namn, String forbund, String motesplats, int motesveckodag, String motestid,
                            int motesintervallVeckor, int moteslangdMinuter, String uppfoljningManader,
                            int kvittensArbetsdagar, int fastnatVeckor, Set<Long> organisationer,
                            Hjalpkontakt hjalpkontakt) {
    }

    public record Team(long id, boolean aktiv, int deltagare, int medlemmar, Uppgifter uppgifter) {
        public String namn() {
            return uppgifter.namn();
        }
    }

    private final Jdbi jdbi;

    public TeamRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private static final String SELECT = """
            SELECT t.id, t.aktiv, t.namn, t.forbund, t.motesplats, t.motesveckodag, t.motestid,
                   t.motesintervall_veckor, t.moteslangd_minuter, t.uppfoljning_manader, t.kvittens_arbetsdagar,
                   t.fastnat_veckor,
                   (SELECT count(*) FROM deltagare d WHERE d.team_id = t.id) AS deltagare,
                   (SELECT count(*) FROM team_medlem m WHERE m.team_id = t.id) AS medlemmar
            FROM team t""";

    private static Team map(Handle h, java.sql.ResultSet rs) throws java.sql.SQLException {
        long id = rs.getLong("id");
        return new Team(id, rs.getInt("aktiv") == 1, rs.getInt("deltagare"), rs.getInt("medlemmar"),
                new Uppgifter(rs.getString("namn"), rs.getString("forbund"), rs.getString("motesplats"),
                        rs.getInt("motesveckodag"), rs.getString("motestid"), rs.getInt("motesintervall_veckor"),
                        rs.getInt("moteslangd_minuter"), rs.getString("uppfoljning_manader"),
                        rs.getInt("kvittens_arbetsdagar"), rs.getInt("fastnat_veckor"), Set.of(), null));
    }

    private static Team komplettera(Handle h, Team t) {
        Set<Long> orgs = new TreeSet<>(h.createQuery(
                        "SELECT organisation_id FROM team_organisation WHERE team_id = :t")
                .bind("t", t.id()).mapTo(Long.class).list());
        Hjalpkontakt kontakt = forstaKontakt(h, t.id()).orElse(null);
        Uppgifter u = t.uppgifter();
        return new Team(t.id(), t.aktiv(), t.deltagare(), t.medlemmar(), new Uppgifter(u.namn(), u.forbund(),
                u.motesplats(), u.motesveckodag(), u.motestid(), u.motesintervallVeckor(), u.moteslangdMinuter(),
                u.uppfoljningManader(), u.kvittensArbetsdagar(), u.fastnatVeckor(), orgs, kontakt));
    }

    private static Optional<Hjalpkontakt> forstaKontakt(Handle h, long team) {
        return h.createQuery("""
                        SELECT namn, telefon, beskrivning FROM team_hjalpkontakt WHERE team_id = :t
                        ORDER BY ordning, id LIMIT 1""")
                .bind("t", team)
                .map((rs, c) -> new Hjalpkontakt(rs.getString("namn"), rs.getString("telefon"), rs.getString("beskrivning"))).findOne();
    }

    /** Every team, active ones first, by name. */
    public List<Team> alla() {
        return jdbi.withHandle(h -> {
            List<Team> team = h.createQuery(SELECT + " ORDER BY t.aktiv DESC, t.namn").map((rs, c) -> map(h, rs)).list();
            List<Team> hela = new ArrayList<>();
            team.forEach(t -> hela.add(komplettera(h, t)));
            return hela;
        });
    }

    public Optional<Team> hamta(long id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE t.id = :id").bind("id", id)
                .map((rs, c) -> map(h, rs)).findOne().map(t -> komplettera(h, t)));
    }

    public boolean namnUpptaget(String namn, Long utom) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM team WHERE lower(namn) = lower(:n) AND id <> :utom""")
                .bind("n", namn).bind("utom", utom == null ? -1L : utom).mapTo(Integer.class).one() > 0);
    }

    public long skapa(Uppgifter u) {
        return jdbi.inTransaction(h -> {
            long id = h.createUpdate("""
                            INSERT INTO team (namn, forbund, motesplats, motesveckodag, motestid, motesintervall_veckor,
                                              moteslangd_minuter, uppfoljning_manader, kvittens_arbetsdagar, fastnat_veckor)
                            VALUES (:namn, :forbund, :motesplats, :motesveckodag, :motestid, :motesintervallVeckor,
                                    :moteslangdMinuter, :uppfoljningManader, :kvittensArbetsdagar, :fastnatVeckor)""")
                    .bindMethods(u).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            skrivOrganisationerOchKontakt(h, id, u);
            return id;
        });
    }

    public void andra(long id, Uppgifter u) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            UPDATE team SET namn = :namn, forbund = :forbund, motesplats = :motesplats,
                                   motesveckodag = :motesveckodag, motestid = :motestid,
                                   motesintervall_veckor = :motesintervallVeckor, moteslangd_minuter = :moteslangdMinuter,
                                   uppfoljning_manader = :uppfoljningManader, kvittens_arbetsdagar = :kvittensArbetsdagar,
                                   fastnat_veckor = :fastnatVeckor
                            WHERE id = :id""")
                    .bind("id", id).bindMethods(u).execute();
            skrivOrganisationerOchKontakt(h, id, u);
        });
    }

    private static void skrivOrganisationerOchKontakt(Handle h, long id, Uppgifter u) {
        h.createUpdate("DELETE FROM team_organisation WHERE team_id = :t").bind("t", id).execute();
        for (long org : u.organisationer()) {
            h.createUpdate("INSERT INTO team_organisation (team_id, organisation_id) VALUES (:t, :o)")
                    .bind("t", id).bind("o", org).execute();
        }
        Optional<Long> forsta = h.createQuery("""
                        SELECT id FROM team_hjalpkontakt WHERE team_id = :t ORDER BY ordning, id LIMIT 1""")
                .bind("t", id).mapTo(Long.class).findOne();
        Hjalpkontakt k = u.hjalpkontakt();
        if (k == null) {
            forsta.ifPresent(kid -> h.createUpdate("DELETE FROM team_hjalpkontakt WHERE id = :id")
                    .bind("id", kid).execute());
        } else if (forsta.isPresent()) {
            h.createUpdate("UPDATE team_hjalpkontakt SET namn = :namn, telefon = :telefon, beskrivning = :beskrivning"
                            + " WHERE id = :id")
                    .bind("id", forsta.get()).bindMethods(k).execute();
        } else {
            h.createUpdate("INSERT INTO team_hjalpkontakt (team_id, ordning, namn, telefon, beskrivning)"
                            + " VALUES (:t, 0, :namn, :telefon, :beskrivning)")
                    .bind("t", id).bindMethods(k).execute();
        }
    }

    public void satAktiv(long id, boolean aktiv) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE team SET aktiv = :a WHERE id = :id")
                .bind("a", aktiv ? 1 : 0).bind("id", id).execute());
    }

    /**
     * Deletes a team that never had participants or meetings, with its members, organisations and contacts.
     * Returns false (and deletes nothing) when it has any.
     */
    public boolean taBort(long id) {
        return jdbi.inTransaction(h -> {
            int kvar = h.createQuery("""
                            SELECT (SELECT count(*) FROM deltagare WHERE team_id = :t)
                                 + (SELECT count(*) FROM mote WHERE team_id = :t)""")
                    .bind("t", id).mapTo(Integer.class).one();
            if (kvar > 0) {
                return false;
            }
            for (String tabell : List.of("team_medlem", "team_organisation", "team_hjalpkontakt")) {
                h.createUpdate("DELETE FROM " + tabell + " WHERE team_id = :t").bind("t", id).execute();
            }
            return h.createUpdate("DELETE FROM team WHERE id = :t").bind("t", id).execute() == 1;
        });
    }
}
