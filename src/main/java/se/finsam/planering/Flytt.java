package se.finsam.planering;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.db.Databas;
import se.finsam.planering.db.Databasadress;
import se.finsam.planering.db.Motor;
import se.finsam.planering.audit.Loggkedja;

/**
 * Moves one förbund's SQLite database to an empty PostgreSQL database: both are brought to this version's schema
 * by their migrations, then every table is copied in the order of its foreign keys, row by row in batches, each
 * table in one transaction. Afterwards the row count of every table must be the same on both sides and the audit
 * log's hash chain whole on the target; a target that already holds people, teams or log rows is refused before
 * anything is written.
 */
public final class Flytt {

    /** Rows per batch written to the target. */
    private static final int BATCH = 500;
    /** Tables the migrations fill on both sides (value sets, version counters): replaced by the source's rows. */
    private static final Set<String> FYLLDA_AV_MIGRERINGEN = Set.of("vardemangd", "datautgava", "sessionsutgava");
    /** Tables that say whether a target is in use. */
    private static final List<String> I_BRUK = List.of("anvandare", "team", "organisation", "deltagare", "audit_log");

    /** Per table, the rows on each side after the move. */
    public record Resultat(Map<String, long[]> rader, Loggkedja.Resultat kedjan) {
        public boolean lika() {
            return rader.values().stream().allMatch(r -> r[0] == r[1]);
        }
    }

    private Flytt() {
    }

    public static Resultat flytta(Path sqlite, Databasadress mal, PrintStream ut) {
        if (!Files.isRegularFile(sqlite)) {
            throw new IllegalArgumentException("Ingen SQLite-fil: " + sqlite);
        }
        if (mal.motor() != Motor.POSTGRESQL) {
            throw new IllegalArgumentException("Målet måste vara en PostgreSQL-adress, inte " + mal);
        }
        try (Databas fran = Databas.connect(Databasadress.sqlite(sqlite)); Databas till = Databas.connect(mal)) {
            for (String tabell : I_BRUK) {
                long n = till.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + tabell)
                        .mapTo(Long.class).one());
                if (n > 0) {
                    throw new IllegalStateException("Måldatabasen är inte tom (" + tabell + " har " + n
                            + " rader); flytten skriver bara till en tom databas.");
                }
            }
            Map<String, long[]> rader = new LinkedHashMap<>();
            try (Connection f = fran.pool().getConnection(); Connection t = till.pool().getConnection()) {
                // The rows were checked by the same rules when they were written to SQLite; written again, the
                // target's triggers would make new rows of their own (messages, data versions) and the copies
                // would no longer be the same. The foreign keys are checked by the row counts and the chain below.
                try (Statement s = t.createStatement()) {
                    s.execute("SET session_replication_role = replica");
                } catch (SQLException e) {
                    throw new IllegalStateException("Flytten kräver en databasanvändare som får stänga av"
                            + " utlösarna under kopieringen (superuser eller databasens ägare med den rätten): "
                            + e.getMessage(), e);
                }
                List<String> ordning = ordning(f);
                for (String tabell : ordning) {
                    long kopierade = kopiera(f, t, tabell);
                    ut.println("  " + tabell + ": " + kopierade + " rader");
                }
                try (Statement s = t.createStatement()) {
                    s.execute("SET session_replication_role = DEFAULT");
                }
                till.jdbi().useHandle(Databas::fortsattIdentiteter);
                for (String tabell : ordning) {
                    rader.put(tabell, new long[] {antal(f, tabell), antal(t, tabell)});
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Flytten misslyckades: " + e.getMessage(), e);
            }
            return new Resultat(rader, Handelselogg.kontrolleraKedjan(till.jdbi()));
        }
    }

    /** The source's tables, each after the tables its foreign keys point to. */
    private static List<String> ordning(Connection f) throws SQLException {
        Map<String, Set<String>> beroenden = new LinkedHashMap<>();
        try (Statement s = f.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                        + " AND name NOT LIKE 'flyway%' ORDER BY name")) {
            while (rs.next()) {
                beroenden.put(rs.getString(1), new LinkedHashSet<>());
            }
        }
        for (var e : beroenden.entrySet()) {
            try (PreparedStatement p = f.prepareStatement("SELECT \"table\" FROM pragma_foreign_key_list(?)")) {
                p.setString(1, e.getKey());
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        if (!rs.getString(1).equals(e.getKey())) {
                            e.getValue().add(rs.getString(1));
                        }
                    }
                }
            }
        }
        List<String> ordning = new ArrayList<>();
        Set<String> klara = new LinkedHashSet<>();
        while (klara.size() < beroenden.size()) {
            boolean nagon = false;
            for (var e : beroenden.entrySet()) {
                if (!klara.contains(e.getKey()) && klara.containsAll(e.getValue())) {
                    klara.add(e.getKey());
                    ordning.add(e.getKey());
                    nagon = true;
                }
            }
            if (!nagon) {
                throw new IllegalStateException("Tabellernas främmande nycklar bildar en cirkel: " + beroenden);
            }
        }
        return ordning;
    }

    /**
     * Copies one table's rows (those columns the target can be given: not generated ones) in one transaction, in
     * the order of the first column (the id, where a row may point at an earlier one of the same table).
     */
    private static long kopiera(Connection f, Connection t, String tabell) throws SQLException {
        Map<String, String> typer = new HashMap<>();
        List<String> kolumner = new ArrayList<>();
        try (PreparedStatement p = t.prepareStatement("""
                SELECT column_name, data_type FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ? AND is_generated = 'NEVER'
                ORDER BY ordinal_position""")) {
            p.setString(1, tabell);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    kolumner.add(rs.getString(1));
                    typer.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        if (kolumner.isEmpty()) {
            throw new IllegalStateException("Tabellen " + tabell + " finns inte i måldatabasen");
        }
        // Names come from the two catalogues, never from input; quoted all the same.
        String lista = String.join(", ", kolumner.stream().map(k -> '"' + k + '"').toList());
        String platser = String.join(", ", kolumner.stream().map(k -> "?").toList());
        boolean autocommit = t.getAutoCommit();
        t.setAutoCommit(false);
        long n = 0;
        try {
            if (FYLLDA_AV_MIGRERINGEN.contains(tabell)) {
                try (Statement s = t.createStatement()) {
                    s.executeUpdate("DELETE FROM \"" + tabell + "\"");
                }
            }
            try (Statement s = f.createStatement();
                 ResultSet rs = s.executeQuery("SELECT " + lista + " FROM \"" + tabell + "\" ORDER BY 1");
                 PreparedStatement in = t.prepareStatement(
                         "INSERT INTO \"" + tabell + "\" (" + lista + ") VALUES (" + platser + ")")) {
                while (rs.next()) {
                    for (int i = 0; i < kolumner.size(); i++) {
                        in.setObject(i + 1, varde(rs.getObject(i + 1), typer.get(kolumner.get(i))));
                    }
                    in.addBatch();
                    if (++n % BATCH == 0) {
                        in.executeBatch();
                    }
                }
                in.executeBatch();
            }
            t.commit();
        } catch (SQLException | RuntimeException e) {
            t.rollback();
            throw e;
        } finally {
            t.setAutoCommit(autocommit);
        }
        return n;
    }

    /** A value as the target column takes it: SQLite keeps numbers in text columns and the other way round. */
    private static Object varde(Object v, String typ) {
        if (v == null) {
            return null;
        }
        return switch (typ) {
            case "text", "character varying" -> v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
                    : v.toString();
            case "bigint", "integer", "smallint" -> v instanceof Number num ? num.longValue() : Long.parseLong(v.toString());
            case "double precision", "real", "numeric" -> v instanceof Number num ? num.doubleValue()
                    : Double.parseDouble(v.toString());
            default -> v;
        };
    }

    private static long antal(Connection c, String tabell) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + tabell + "\"")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
