package se.finsam.planering.deltagarimport;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Saves imported participants, all in one transaction; a code already in the team is left as it is. */
public final class DeltagarImportRepository {

    /** What an import did or would do. */
    public record Utfall(int nya, int fanns) {
    }

    private final Jdbi jdbi;

    public DeltagarImportRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Each code's team, for the codes that exist anywhere (codes are unique in the whole database). */
    public Map<String, Long> befintliga(List<String> koder) {
        if (koder.isEmpty()) {
            return Map.of();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT upper(kod) AS kod, team_id FROM deltagare WHERE upper(kod) IN (<k>)")
                .bindList("k", koder.stream().map(String::toUpperCase).toList())
                .map((rs, ctx) -> Map.entry(rs.getString("kod"), rs.getLong("team_id")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /**
     * Of the given codes (in upper case), those of an ended participant of the team whom no later participant
     * follows yet: the codes a new participant may name as her earlier one.
     */
    public List<String> utanEfterfoljare(long teamId, List<String> koder) {
        if (koder.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT upper(d.kod) FROM deltagare d WHERE d.team_id = :t AND upper(d.kod) IN (<k>)
                          AND EXISTS (SELECT 1 FROM avslut a WHERE a.deltagare_id = d.id)
                          AND NOT EXISTS (SELECT 1 FROM deltagare x WHERE x.tidigare_deltagare_id = d.id)""")
                .bind("t", teamId).bindList("k", koder.stream().map(String::toUpperCase).distinct().toList())
                .mapTo(String.class).list());
    }

    /** An active organisation of each type, the first by id: the referring organisation of an imported row. */
    public Map<String, Long> organisationPerTyp() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT typ, min(id) AS id FROM organisation WHERE aktiv = 1 GROUP BY typ""")
                .map((rs, ctx) -> Map.entry(rs.getString("typ"), rs.getLong("id")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    public Utfall spara(long teamId, List<DeltagarImport.Rad> rader, long koordinator, Map<String, Long> organisationer,
                        Instant nu) {
        return jdbi.inTransaction(h -> {
            int nya = 0;
            int fanns = 0;
            // The codes already there, read once (a lookup per row would scan the table for each of 10 000 rows).
            java.util.Set<String> finns = new java.util.HashSet<>(h.createQuery("SELECT upper(kod) FROM deltagare")
                    .mapTo(String.class).list());
            try (Satser satser = Satser.av(h)) {
                for (DeltagarImport.Rad r : rader) {
                    if (!finns.add(r.kod().toUpperCase())) {
                        fanns++;
                        continue;
                    }
                    sparaEn(h, satser, teamId, r, koordinator, organisationer.get(r.organisationstyp()), nu);
                    nya++;
                }
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException(e, null);
            }
            return new Utfall(nya, fanns);
        });
    }

    /** The two inserts every row makes, prepared once for the whole file; the first returns the new id. */
    private record Satser(PreparedStatement deltagare, PreparedStatement anmalan) implements AutoCloseable {
        static Satser av(Handle h) throws SQLException {
            Connection c = h.getConnection();
            return new Satser(c.prepareStatement("""
                            INSERT INTO deltagare (kod, team_id, fodelsear, kon, sprak, skyddad_identitet, skapad,
                                                   tidigare_deltagare_id)
                            VALUES (?, ?, ?, ?, 'sv', 1, ?, ?)
                            RETURNING id"""),
                    c.prepareStatement("""
                            INSERT INTO anmalan (deltagare_id, remitterande_id, remitterande_organisation_id, datum,
                                                 sammanfattning, forsorjning, informerad_om_mote, skapad, utbildning,
                                                 tid_forsorjning, sysselsattning, anstallning_vid_start)
                            VALUES (?, ?, ?, ?, 'Importerad från teamets tidigare lista', ?, 0, ?, ?, ?, ?, ?)"""));
        }

        @Override
        public void close() throws SQLException {
            deltagare.close();
            anmalan.close();
        }
    }

    private static void sparaEn(Handle h, Satser satser, long teamId, DeltagarImport.Rad r, long koordinator,
                                long organisation, Instant nu) {
        Long tidigare = r.tidigareKod() == null ? null : h.createQuery("""
                        SELECT d.id FROM deltagare d WHERE upper(d.kod) = upper(:k) AND d.team_id = :t
                          AND EXISTS (SELECT 1 FROM avslut a WHERE a.deltagare_id = d.id)
                          AND NOT EXISTS (SELECT 1 FROM deltagare x WHERE x.tidigare_deltagare_id = d.id)""")
                .bind("k", r.tidigareKod()).bind("t", teamId).mapTo(Long.class).findOne().orElse(null);
        long d;
        try {
            PreparedStatement ny = satser.deltagare();
            ny.setString(1, r.kod());
            ny.setLong(2, teamId);
            ny.setInt(3, r.fodelsear());
            ny.setString(4, r.kon());
            ny.setString(5, nu.toString());
            ny.setObject(6, tidigare);
            try (ResultSet id = ny.executeQuery()) {
                id.next();
                d = id.getLong(1);
            }
            PreparedStatement anmalan = satser.anmalan();
            anmalan.setLong(1, d);
            anmalan.setLong(2, koordinator);
            anmalan.setLong(3, organisation);
            anmalan.setString(4, r.anmald().toString());
            anmalan.setString(5, r.forsorjningFore());
            anmalan.setString(6, nu.toString());
            anmalan.setString(7, r.utbildning());
            anmalan.setString(8, r.tidForsorjning());
            anmalan.setString(9, r.sysselsattningFore());
            anmalan.setString(10, r.anstallningVidStart());
            anmalan.executeUpdate();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
        if (r.inskriven() != null) {
            long mote = h.createUpdate("""
                            INSERT INTO mote (team_id, start, slut, plats, status)
                            VALUES (:t, :start, :slut, 'Inskrivning (importerad)', :status)""")
                    .bind("t", teamId).bind("status", r.inskriven().isAfter(nu.atZone(java.time.ZoneOffset.UTC).toLocalDate())
                            ? "planerat" : "genomfort").bind("start", r.inskriven() + "T09:00").bind("slut", r.inskriven() + "T10:00")
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            h.createUpdate("INSERT INTO mote_deltagare (mote_id, deltagare_id, tid) VALUES (:m, :d, :tid)")
                    .bind("m", mote).bind("d", d).bind("tid", r.inskriven() + "T09:00").execute();
        }
        if (r.avslut() != null) {
            h.createUpdate("""
                            INSERT INTO avslut (deltagare_id, datum, orsak, forsorjning, ingen_fortsattning, registrerad,
                                                registrerad_av, sysselsattning, steg_mot_arbete)
                            VALUES (:d, :datum, :orsak, :f, 1, :nu, :k, :s, :steg)""")
                    .bind("d", d).bind("datum", r.avslut().toString()).bind("orsak", r.avslutsorsak())
                    .bind("f", r.forsorjningEfter()).bind("nu", nu.toString()).bind("k", koordinator)
                    .bind("s", r.sysselsattningEfter()).bind("steg", r.steg()).execute();
        }
        for (var entry : List.of(Map.entry(6, Optional.ofNullable(r.sex())), Map.entry(12, Optional.ofNullable(r.tolv())))) {
            entry.getValue().ifPresent(k -> h.createUpdate("""
                            INSERT INTO efterkontroll (deltagare_id, manader, nadd, forsorjning, sysselsattning, datum,
                                                       registrerad_av, registrerad)
                            VALUES (:d, :m, :n, :f, :s, :datum, :k, :nu)""")
                    .bind("d", d).bind("m", entry.getKey()).bind("n", k.nadd() ? 1 : 0).bind("f", k.forsorjning())
                    .bind("s", k.sysselsattning()).bind("datum", k.datum().toString()).bind("k", koordinator)
                    .bind("nu", nu.toString()).execute());
        }
    }
}
