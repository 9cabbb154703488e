package se.finsam.planering.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens the database, migrates it and sets up Jdbi over a small connection pool. SQLite is a file opened with
 * the pragmas we rely on (opening a connection and setting its pragmas costs more than most queries, hence the
 * pool); PostgreSQL is a server reached by its JDBC URL. Each engine has its own migrations
 * ({@code db/migration} and {@code db/postgresql}) that build the same schema with the same rules.
 */
public record Databas(Jdbi jdbi, HikariDataSource pool, Motor motor) implements AutoCloseable {

    /** Readers run in parallel in WAL mode; write transactions are short and queue on the busy timeout. */
    private static final int POOL_SIZE = 8;

    /** Connections to PostgreSQL: the server runs queries of several connections at once on its own cores. */
    private static final int POOL_SIZE_POSTGRESQL = 12;

    /**
     * The newest migration in {@code db/migration} (and in {@code db/postgresql}, whose baseline has this
     * number's predecessors built in). A database whose history ends here, with nothing failed, starts without
     * Flyway (scanning and checking every migration is most of a start-up); {@link #kontrollera} then checks
     * the migrations' checksums in the background. A test keeps this equal to the newest file.
     */
    public static final int SENASTE_MIGRERING = 50;

    /** Where each engine's migrations are. */
    static String migreringar(Motor motor) {
        return motor == Motor.POSTGRESQL ? "classpath:db/postgresql" : "classpath:db/migration";
    }

    private static Flyway flyway(javax.sql.DataSource dataSource, Motor motor) {
        return Flyway.configure().dataSource(dataSource).locations(migreringar(motor)).load();
    }

    /** Whether the database has every migration of this version applied (and none failed). */
    static boolean aktuell(javax.sql.DataSource dataSource, Motor motor) {
        String sql = motor == Motor.POSTGRESQL ? """
                SELECT (SELECT count(*) FROM flyway_schema_history WHERE NOT success),
                       (SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success)"""
                : """
                SELECT (SELECT count(*) FROM flyway_schema_history WHERE success = 0),
                       (SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success = 1)""";
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            try (var rs = statement.executeQuery(sql)) {
                return rs.next() && rs.getInt(1) == 0 && rs.getInt(2) == SENASTE_MIGRERING;
            }
        } catch (java.sql.SQLException noHistoryYet) {
            return false;
        }
    }

    /**
     * Validates the applied migrations against the files (a changed file fails), as Flyway does before it
     * migrates; run after start-up when start-up did not need Flyway. Returns the problem, or null.
     */
    public String kontrollera() {
        try {
            flyway(pool, motor).validate();
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /** For tools and tests that only need Jdbi; the pool's threads are daemons. */
    public static Jdbi open(Path file) {
        return connect(file).jdbi();
    }

    /** For tools and tests that only need Jdbi; the pool's threads are daemons. */
    public static Jdbi open(Databasadress adress) {
        return connect(adress).jdbi();
    }

    @Override
    public void close() {
        pool.close();
    }

    public static Databas connect(Path file) {
        return connectSqlite(file);
    }

    /** Opens (and migrates) the database at this address, SQLite or PostgreSQL. */
    public static Databas connect(Databasadress adress) {
        return adress.motor() == Motor.POSTGRESQL ? connectPostgresql(adress) : connectSqlite(adress.fil());
    }

    private static Databas connectSqlite(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folder for the database " + file, e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(5000);
        // Every transaction here reads and then writes. Begun as DEFERRED, two of them can both read and then
        // the second cannot upgrade to a writer (SQLITE_BUSY_SNAPSHOT, which the busy timeout does not wait
        // out). IMMEDIATE takes the write lock at BEGIN, so writers queue on the busy timeout instead.
        // Plain reads run outside transactions (auto-commit) and are not affected.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // Removed and overwritten content is zeroed in the file, not only unlinked: what gallring clears does
        // not stay readable in free pages or in the unused space of a page.
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        SQLiteDataSource dataSource = new SQLiteDataSource(config) {
            @Override
            public org.sqlite.SQLiteConnection getConnection(String user, String password) throws java.sql.SQLException {
                org.sqlite.SQLiteConnection connection = super.getConnection(user, password);
                Gallringslage.definiera(connection);
                return connection;
            }
        };
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());

        if (!aktuell(dataSource, Motor.SQLITE)) {
            flyway(dataSource, Motor.SQLITE).migrate();
        }

        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(dataSource);
        hikari.setPoolName("finsam-sqlite");
        hikari.setMaximumPoolSize(POOL_SIZE);
        hikari.setMinimumIdle(2);
        HikariDataSource pool = new HikariDataSource(hikari);

        Jdbi jdbi = Jdbi.create(pool);
        registerTimeTypes(jdbi);
        return new Databas(jdbi, pool, Motor.SQLITE);
    }

    /**
     * PostgreSQL through its JDBC driver. The pool is built over a data source of its own, so that the data
     * version's readers ({@link Datautgava}) can open connections beside the pool as they do on SQLite.
     * Flyway takes PostgreSQL's advisory lock while it migrates, so instances started together migrate once.
     */
    private static Databas connectPostgresql(Databasadress adress) {
        java.util.Properties egenskaper = new java.util.Properties();
        egenskaper.setProperty("ApplicationName", "finsam-planering");
        // Batches of inserts (the audit log's writer, the move from SQLite) go as one multi-row statement.
        egenskaper.setProperty("reWriteBatchedInserts", "true");
        // No just-in-time compilation of queries: it pays off for long analytical scans, not for the short queries
        // a page is made of. With it, the statistics' query of a year's 30 000 participants spent 1.7 s compiling.
        // No parallel plans either: the app answers many requests at once, and the one page whose reads are large
        // enough for them, the statistics, already runs its two reads side by side. There, parallel workers took
        // three times the CPU of a plain plan for a fifth off its time, and on two cores made the page slower.
        egenskaper.setProperty("options", "-c jit=off -c max_parallel_workers_per_gather=0");
        com.zaxxer.hikari.util.DriverDataSource dataSource = new com.zaxxer.hikari.util.DriverDataSource(
                adress.jdbcUrl(), "org.postgresql.Driver", egenskaper, adress.anvandare(), adress.losenord());
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(dataSource);
        hikari.setPoolName("finsam-postgresql");
        hikari.setMaximumPoolSize(POOL_SIZE_POSTGRESQL);
        hikari.setMinimumIdle(2);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot connect to PostgreSQL at " + adress + ": " + utanLosenord(e,
                    adress), e);
        }
        try {
            if (!aktuell(pool, Motor.POSTGRESQL)) {
                flyway(pool, Motor.POSTGRESQL).migrate();
            }
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        Jdbi jdbi = Jdbi.create(pool);
        registerTimeTypes(jdbi);
        registerFlags(jdbi);
        Gallringslage.installera(jdbi);
        return new Databas(jdbi, pool, Motor.POSTGRESQL);
    }

    /** The innermost message of a failure to connect, with the password taken out should it appear in it. */
    private static String utanLosenord(Throwable e, Databasadress adress) {
        Throwable inre = e;
        while (inre.getCause() != null && inre.getCause() != inre) {
            inre = inre.getCause();
        }
        String text = String.valueOf(inre.getMessage());
        return adress.losenord() == null || adress.losenord().isEmpty() ? text
                : text.replace(adress.losenord(), "***");
    }

    /**
     * After rows were written with ids of their own (the demo data, a move from SQLite): PostgreSQL's identity
     * columns go on after the highest id, as SQLite's INTEGER PRIMARY KEY does by itself. Nothing on SQLite.
     */
    public static void fortsattIdentiteter(org.jdbi.v3.core.Handle handle) {
        if (Motor.av(handle) != Motor.POSTGRESQL) {
            return;
        }
        java.util.List<String> tabeller = handle.createQuery("""
                        SELECT table_name FROM information_schema.columns
                        WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES'
                        ORDER BY table_name""")
                .mapTo(String.class).list();
        for (String tabell : tabeller) {
            // The names come from the catalogue, not from input; quoted all the same.
            String namn = '"' + tabell.replace("\"", "\"\"") + '"';
            handle.createQuery("SELECT setval(pg_get_serial_sequence(:t, 'id'), coalesce(max(id), 0) + 1, false)"
                    + " FROM " + namn).bind("t", namn).mapTo(Long.class).one();
        }
    }

    /**
     * On PostgreSQL a Java boolean is bound as an untyped 1 or 0: flags are INTEGER 0/1 columns as in SQLite (where
     * the driver binds true as 1), and the server reads the same literal as a boolean where the SQL wants one.
     */
    private static void registerFlags(Jdbi jdbi) {
        jdbi.registerArgument(new org.jdbi.v3.core.argument.ArgumentFactory.Preparable() {
            @Override
            public java.util.Optional<java.util.function.Function<Object, Argument>> prepare(
                    java.lang.reflect.Type type, ConfigRegistry config) {
                if (type != Boolean.class && type != boolean.class) {
                    return java.util.Optional.empty();
                }
                return java.util.Optional.of(value -> (position, statement, ctx) -> {
                    if (value == null) {
                        statement.setNull(position, Types.OTHER);
                    } else {
                        statement.setObject(position, ((Boolean) value) ? "1" : "0", Types.OTHER);
                    }
                });
            }

            @Override
            public java.util.Collection<? extends java.lang.reflect.Type> prePreparedTypes() {
                return java.util.List.of(Boolean.class, boolean.class);
            }
        });
    }

    /** Dates and times are stored as ISO-8601 text so that they sort and read well in SQL. */
    private static void registerTimeTypes(Jdbi jdbi) {
        jdbi.registerArgument(new TextArgument<>(LocalDate.class) {});
        jdbi.registerArgument(new TextArgument<>(LocalDateTime.class) {
            @Override
            String text(LocalDateTime value) {
                return value.truncatedTo(ChronoUnit.MINUTES).toString();
            }
        });
        jdbi.registerArgument(new TextArgument<>(Instant.class) {
            @Override
            String text(Instant value) {
                return value.truncatedTo(ChronoUnit.SECONDS).toString();
            }
        });
        jdbi.registerColumnMapper(LocalDate.class, (rs, col, ctx) -> {
            String s = rs.getString(col);
            return s == null ? null : LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
        });
        jdbi.registerColumnMapper(LocalDateTime.class, (rs, col, ctx) -> {
            String s = rs.getString(col);
            return s == null ? null : LocalDateTime.parse(s);
        });
        jdbi.registerColumnMapper(Instant.class, (rs, col, ctx) -> {
            String s = rs.getString(col);
            return s == null ? null : Instant.parse(s);
        });
    }

    private abstract static class TextArgument<T> extends AbstractArgumentFactory<T> {
        TextArgument(Class<T> type) {
            super(Types.VARCHAR);
        }

        String text(T value) {
            return value.toString();
        }

        @Override
        protected Argument build(T value, ConfigRegistry config) {
            String text = text(value);
            return (position, statement, ctx) -> statement.setString(position, text);
        }
    }
}
