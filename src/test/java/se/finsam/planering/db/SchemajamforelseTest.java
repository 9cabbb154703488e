package se.finsam.planering.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.finsam.planering.testsupport.PostgresqlKluster;

/**
 * The two engines' migrations build the same schema: the same tables and views, and in each table the same
 * columns (name, nullability, type, default, generated or not), primary key, foreign keys, unique keys, number of
 * checks, indexes and triggers. A difference fails with every difference listed, table by table.
 */
@Tag("postgresql")
class SchemajamforelseTest {

    @TempDir
    static Path dir;

    private static Databas sqlite;
    private static Databas postgresql;
    private static String pgNamn;

    @BeforeAll
    static void byggBada() {
        sqlite = Databas.connect(dir.resolve("schema.db"));
        pgNamn = PostgresqlKluster.get().nyDatabas(null);
        postgresql = Databas.connect(PostgresqlKluster.get().adress(pgNamn));
    }

    @AfterAll
    static void stang() {
        if (sqlite != null) {
            sqlite.close();
        }
        if (postgresql != null) {
            postgresql.close();
            PostgresqlKluster.get().taBort(pgNamn);
        }
    }

    /** What is compared of one table, each part as sorted lines. */
    record Tabell(Map<String, Set<String>> delar) {
    }

    @Test
    void badaMotorernasMigreringarByggerSammaSchema() throws SQLException {
        Map<String, Tabell> fran;
        Map<String, Tabell> pg;
        try (Connection c = sqlite.pool().getConnection()) {
            fran = sqliteSchema(c);
        }
        try (Connection c = postgresql.pool().getConnection()) {
            pg = postgresqlSchema(c);
        }
        vyerUtanTyper(fran);
        vyerUtanTyper(pg);
        assertTrue(fran.size() > 50, "the SQLite schema was read: " + fran.keySet());
        List<String> skillnader = new ArrayList<>();
        Set<String> alla = new TreeSet<>(fran.keySet());
        alla.addAll(pg.keySet());
        for (String tabell : alla) {
            Tabell s = fran.get(tabell);
            Tabell p = pg.get(tabell);
            if (s == null || p == null) {
                skillnader.add(tabell + ": only in " + (s == null ? "PostgreSQL" : "SQLite"));
                continue;
            }
            Set<String> delar = new TreeSet<>(s.delar().keySet());
            delar.addAll(p.delar().keySet());
            for (String del : delar) {
                Set<String> a = s.delar().getOrDefault(del, Set.of());
                Set<String> b = p.delar().getOrDefault(del, Set.of());
                for (String rad : a) {
                    if (!b.contains(rad)) {
                        skillnader.add(tabell + " " + del + ": SQLite has " + rad + ", PostgreSQL not");
                    }
                }
                for (String rad : b) {
                    if (!a.contains(rad)) {
                        skillnader.add(tabell + " " + del + ": PostgreSQL has " + rad + ", SQLite not");
                    }
                }
            }
        }
        assertEquals("", String.join("\n", skillnader), "the schemas differ:\n" + String.join("\n", skillnader));
    }

    @Test
    void jamforelsenSerEnSkillnad() throws SQLException {
        // The comparison is not blind: a column of another type, an index less and a check less are seen.
        try (Connection c = postgresql.pool().getConnection()) {
            Map<String, Tabell> fore = postgresqlSchema(c);
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                s.execute("ALTER TABLE team_hjalpkontakt ALTER COLUMN ordning TYPE text");
                s.execute("DROP INDEX team_hjalpkontakt_team");
                s.execute("ALTER TABLE team_hjalpkontakt DROP CONSTRAINT team_hjalpkontakt_namn_check");
                Map<String, Tabell> efter = postgresqlSchema(c);
                var a = fore.get("team_hjalpkontakt").delar();
                var b = efter.get("team_hjalpkontakt").delar();
                assertTrue(a.get("column").contains("ordning INTEGER NOT NULL DEFAULT 0"), a.get("column").toString());
                assertTrue(b.get("column").contains("ordning TEXT NOT NULL DEFAULT 0"), b.get("column").toString());
                assertTrue(a.get("index").contains("team_hjalpkontakt_team") && !b.get("index").contains("team_hjalpkontakt_team"));
                assertEquals(Set.of("checks 3"), a.get("check"));
                assertEquals(Set.of("checks 2"), b.get("check"));
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    /** A view's columns by name only: their types are whatever the expressions give in each engine. */
    private static void vyerUtanTyper(Map<String, Tabell> tabeller) {
        for (Tabell t : tabeller.values()) {
            if (t.delar().get("index").contains("(view)")) {
                Set<String> namn = new TreeSet<>();
                t.delar().get("column").forEach(k -> namn.add(k.split(" ")[0]));
                t.delar().put("column", namn);
            }
        }
    }

    private static Map<String, Set<String>> nyaDelar() {
        Map<String, Set<String>> delar = new TreeMap<>();
        for (String del : List.of("column", "primary key", "foreign key", "unique", "check", "index", "trigger")) {
            delar.put(del, new TreeSet<>());
        }
        return delar;
    }

    // ---- SQLite ----

    private static Map<String, Tabell> sqliteSchema(Connection c) throws SQLException {
        Map<String, Tabell> tabeller = new TreeMap<>();
        Map<String, String> sql = new TreeMap<>();
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
                        + " AND tbl_name <> 'flyway_schema_history' ORDER BY name")) {
            while (rs.next()) {
                String typ = rs.getString(1);
                String namn = rs.getString(2);
                if (typ.equals("table") || typ.equals("view")) {
                    sql.put(namn, rs.getString(4));
                    tabeller.put(namn, new Tabell(nyaDelar()));
                    if (typ.equals("view")) {
                        tabeller.get(namn).delar().get("index").add("(view)");
                    }
                }
            }
        }
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT type, name, tbl_name FROM sqlite_master WHERE type IN ('index', 'trigger')"
                        + " AND name NOT LIKE 'sqlite_autoindex_%' AND tbl_name <> 'flyway_schema_history'")) {
            while (rs.next()) {
                Tabell t = tabeller.get(rs.getString(3));
                t.delar().get(rs.getString(1)).add(rs.getString(2));
            }
        }
        for (var e : tabeller.entrySet()) {
            String tabell = e.getKey();
            Map<String, Set<String>> delar = e.getValue().delar();
            Map<Integer, String> pk = new TreeMap<>();
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo('" + tabell + "')")) {
                while (rs.next()) {
                    String namn = rs.getString(1);
                    int pkDel = rs.getInt(5);
                    if (pkDel > 0) {
                        pk.put(pkDel, namn);
                    }
                    boolean notNull = rs.getInt(3) == 1 || pkDel > 0;
                    delar.get("column").add(kolumn(namn, rs.getString(2), notNull, rs.getString(4),
                            rs.getInt(6) >= 2));
                }
            }
            if (!pk.isEmpty()) {
                delar.get("primary key").add(String.join(", ", pk.values()));
            }
            Map<Integer, List<String[]>> fk = new TreeMap<>();
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('" + tabell + "')"
                            + " ORDER BY id, seq")) {
                while (rs.next()) {
                    fk.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(new String[] {rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5)});
                }
            }
            for (List<String[]> delarFk : fk.values()) {
                delar.get("foreign key").add(fk(delarFk.stream().map(d -> d[1]).toList(), delarFk.get(0)[0],
                        delarFk.stream().map(d -> d[2]).toList(), delarFk.get(0)[3]));
            }
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT name, \"unique\", origin, partial FROM pragma_index_list('" + tabell + "')")) {
                List<String[]> index = new ArrayList<>();
                while (rs.next()) {
                    index.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
                for (String[] i : index) {
                    if (!"1".equals(i[1]) || "pk".equals(i[2])) {
                        continue;
                    }
                    List<String> kolumner = new ArrayList<>();
                    try (var s2 = c.createStatement(); ResultSet k = s2.executeQuery(
                            "SELECT name FROM pragma_index_info('" + i[0] + "') ORDER BY seqno")) {
                        while (k.next()) {
                            kolumner.add(k.getString(1) == null ? "(expression)" : k.getString(1));
                        }
                    }
                    delar.get("unique").add(String.join(", ", kolumner) + ("1".equals(i[3]) ? " (partial)" : ""));
                }
            }
            String skapad = sql.get(tabell);
            if (skapad != null && skapad.startsWith("CREATE TABLE")) {
                Matcher m = Pattern.compile("\\bCHECK\\s*\\(", Pattern.CASE_INSENSITIVE).matcher(utanKommentarer(skapad));
                int antal = 0;
                while (m.find()) {
                    antal++;
                }
                delar.get("check").add("checks " + antal);
            }
        }
        return tabeller;
    }

    private static String utanKommentarer(String sql) {
        return sql.replaceAll("--[^\n]*", "");
    }

    // ---- PostgreSQL ----

    private static Map<String, Tabell> postgresqlSchema(Connection c) throws SQLException {
        Map<String, Tabell> tabeller = new TreeMap<>();
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT table_name, table_type FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_name <> 'flyway_schema_history'""")) {
            while (rs.next()) {
                tabeller.put(rs.getString(1), new Tabell(nyaDelar()));
                if (rs.getString(2).equals("VIEW")) {
                    tabeller.get(rs.getString(1)).delar().get("index").add("(view)");
                }
            }
        }
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT table_name, column_name, data_type, is_nullable, column_default, is_generated, is_identity
                FROM information_schema.columns WHERE table_schema = current_schema()""")) {
            while (rs.next()) {
                Tabell t = tabeller.get(rs.getString(1));
                if (t == null) {
                    continue;
                }
                String typ = switch (rs.getString(3)) {
                    case "bigint", "integer", "smallint" -> "INTEGER";
                    case "text", "character varying" -> "TEXT";
                    case "bytea" -> "BLOB";
                    case "double precision", "real" -> "REAL";
                    default -> rs.getString(3).toUpperCase(Locale.ROOT);
                };
                String standard = rs.getString(5);
                if (standard != null) {
                    standard = standard.replaceAll("::[a-z ]+$", "");
                }
                t.delar().get("column").add(kolumn(rs.getString(2), typ, "NO".equals(rs.getString(4)), standard,
                        "ALWAYS".equals(rs.getString(6))));
            }
        }
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT cl.relname, co.contype, co.conname,
                       (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(co.conkey) WITH ORDINALITY k(n, ord)
                        JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.n),
                       (SELECT relname FROM pg_class WHERE oid = co.confrelid),
                       (SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(co.confkey) WITH ORDINALITY k(n, ord)
                        JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.n),
                       co.confdeltype
                FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid
                JOIN pg_namespace n ON n.oid = cl.relnamespace
                WHERE n.nspname = current_schema()""")) {
            Map<String, Integer> checks = new TreeMap<>();
            while (rs.next()) {
                Tabell t = tabeller.get(rs.getString(1));
                if (t == null) {
                    continue;
                }
                switch (rs.getString(2)) {
                    case "p" -> t.delar().get("primary key").add(rs.getString(4));
                    case "f" -> t.delar().get("foreign key").add(fk(List.of(rs.getString(4).split(", ")),
                            rs.getString(5), List.of(rs.getString(6).split(", ")), switch (rs.getString(7)) {
                                case "c" -> "CASCADE";
                                case "n" -> "SET NULL";
                                case "r" -> "RESTRICT";
                                default -> "NO ACTION";
                            }));
                    case "c" -> checks.merge(rs.getString(1), 1, Integer::sum);
                    default -> {
                        // unique constraints are read with the unique indexes
                    }
                }
            }
            for (var e : tabeller.entrySet()) {
                if (!e.getValue().delar().get("index").contains("(view)")) {
                    e.getValue().delar().get("check").add("checks " + checks.getOrDefault(e.getKey(), 0));
                }
            }
        }
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT t.relname, i.relname, x.indisunique, x.indisprimary, x.indpred IS NOT NULL,
                       EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = x.indexrelid),
                       (SELECT string_agg(coalesce(a.attname, '(expression)'), ', ' ORDER BY k.ord)
                        FROM unnest(x.indkey) WITH ORDINALITY k(n, ord)
                        LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n AND k.n > 0)
                FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = current_schema()""")) {
            while (rs.next()) {
                Tabell t = tabeller.get(rs.getString(1));
                if (t == null) {
                    continue;
                }
                if (rs.getBoolean(3) && !rs.getBoolean(4)) {
                    t.delar().get("unique").add(rs.getString(7) + (rs.getBoolean(5) ? " (partial)" : ""));
                }
                if (!rs.getBoolean(6)) {
                    t.delar().get("index").add(rs.getString(2));
                }
            }
        }
        try (var s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT t.relname, tg.tgname FROM pg_trigger tg JOIN pg_class t ON t.oid = tg.tgrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = current_schema() AND NOT tg.tgisinternal""")) {
            while (rs.next()) {
                Tabell t = tabeller.get(rs.getString(1));
                if (t != null) {
                    t.delar().get("trigger").add(rs.getString(2));
                }
            }
        }
        return tabeller;
    }

    // ---- the same text from both ----

    private static String kolumn(String namn, String typ, boolean notNull, String standard, boolean genererad) {
        String t = typ == null ? "" : typ.toUpperCase(Locale.ROOT).replaceAll("\\(.*", "").strip();
        t = switch (t) {
            case "INT", "BIGINT", "INTEGER" -> "INTEGER";
            case "VARCHAR", "TEXT" -> "TEXT";
            case "DOUBLE", "DOUBLE PRECISION", "REAL" -> "REAL";
            case "BLOB", "BYTEA" -> "BLOB";
            default -> t;
        };
        String d = standard == null ? "" : " DEFAULT " + standard.replaceAll("^\\((.*)\\)$", "$1").strip();
        return namn + " " + t + (notNull ? " NOT NULL" : "") + d + (genererad ? " GENERATED" : "");
    }

    private static String fk(List<String> fran, String tabell, List<String> till, String vidBorttagning) {
        return String.join(", ", fran) + " -> " + tabell + " (" + String.join(", ", till) + ")"
                + (vidBorttagning == null || vidBorttagning.equals("NO ACTION") ? "" : " ON DELETE " + vidBorttagning);
    }
}
