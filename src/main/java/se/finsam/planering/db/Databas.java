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
 * Opens the SQLite file with the pragmas we rely on, migrates it and sets up Jdbi over a small
 * connection pool (opening an SQLite connection and setting its pragmas costs more than most queries).
 */
public record Databas(Jdbi jdbi, HikariDataSource pool) implements AutoCloseable {

    /** Readers run in parallel in WAL mode; write transactions are short and queue on the busy timeout. */
    private static final int POOL_SIZE = 8;

    /**
     * The newest migration in {@code db/migration}. A database whose history ends here, with nothing failed,
     * starts without Flyway (scanning and checking every migration is most of a start-up); {@link #kontrollera}
     * then checks the migrations' checksums in the background. A test keeps this equal to the newest file.
     */
    public static final int SENASTE_MIGRERING = 45;

    private static Flyway flyway(javax.sql.DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
    }

    /** Whether the database has every migration of this version applied (and none failed). */
    static boolean aktuell(javax.sql.DataSource dataSource) {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            try (var rs = statement.executeQuery("""
                    SELECT (SELECT count(*) FROM flyway_schema_history WHERE success = 0),
                           (SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success = 1)""")) {
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
            flyway(pool).validate();
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /** For tools and tests that only need Jdbi; the pool's threads are daemons. */
    public static Jdbi open(Path file) {
        return connect(file).jdbi();
    }

    @Override
    public void close() {
        pool.close();
    }

    public static Databas connect(Path file) {
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

        if (!aktuell(dataSource)) {
            flyway(dataSource).migrate();
        }

        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(dataSource);
        hikari.setPoolName("finsam-sqlite");
        hikari.setMaximumPoolSize(POOL_SIZE);
        hikari.setMinimumIdle(2);
        HikariDataSource pool = new HikariDataSource(hikari);

        Jdbi jdbi = Jdbi.create(pool);
        registerTimeTypes(jdbi);
        return new Databas(jdbi, pool);
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
