package se.finsam.planering.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import se.finsam.planering.App;
import se.finsam.planering.Config;
import se.finsam.planering.auth.Losenordshash;
import se.finsam.planering.auth.Totp;
import se.finsam.planering.db.Databas;
import se.finsam.planering.db.Databasadress;
import se.finsam.planering.db.Motor;
import se.finsam.planering.demo.DemoData;

/**
 * The real app on a random port, with a fresh database: an SQLite file in a temporary folder, or with
 * {@code -Dfinsam.motor=postgresql} a PostgreSQL database of its own ({@link PostgresqlKluster}).
 *
 * <p>Migrating and seeding the demo data cost seconds (Argon2 hashes, a few thousand rows), so it is done once per
 * test run into a template (a file, or a template database); each app gets its own copy of it and so starts from
 * the same fresh data.
 */
public final class TestApp implements AutoCloseable {

    /** A fixed "now" for tests: a Monday morning in Stockholm. */
    public static final Instant START = Instant.parse("2026-11-23T08:00:00Z");

    private static final String FILE = "finsam.db";

    /** The engine the tests run on: {@code -Dfinsam.motor=postgresql}, or SQLite. */
    public static final Motor MOTOR = "postgresql".equalsIgnoreCase(System.getProperty("finsam.motor", "sqlite")
            .strip()) ? Motor.POSTGRESQL : Motor.SQLITE;
    /** One migrated (and for SMALL seeded) template database per demo mode on PostgreSQL, made on first use. */
    private static final Map<Config.DemoMode, String> PG_TEMPLATES = new EnumMap<>(Config.DemoMode.class);
    /** One migrated (and for SMALL seeded) database file per demo mode, made on first use. */
    private static final Map<Config.DemoMode, Path> TEMPLATES = new EnumMap<>(Config.DemoMode.class);
    private static final Map<Config.DemoMode, Integer> TEMPLATES_MADE = new EnumMap<>(Config.DemoMode.class);

    /** Participants already handed to a test by {@link TestData}, so that no two tests share one by chance. */
    final Set<Long> handedOut = new HashSet<>();

    private final Path folder;
    /** Where the data is: the file in the folder, or the app's own PostgreSQL database. */
    private final Databasadress adress;
    /** The PostgreSQL database's name, dropped at close; null on SQLite. */
    private final String pgDatabas;
    private App app;
    private final MutableClock clock;
    private se.finsam.planering.db.Databas testDatabase;
    /** Kept so that URLs stay the same after a test stops the server. */
    private final int port;

    private TestApp(Path folder, Databasadress adress, String pgDatabas, App app, MutableClock clock) {
        this.folder = folder;
        this.adress = adress;
        this.pgDatabas = pgDatabas;
        this.app = app;
        this.clock = clock;
        this.port = app.port();
    }

    public static TestApp start() {
        return start(Config.DemoMode.SMALL);
    }

    public static TestApp start(Config.DemoMode demo) {
        return start(demo, false);
    }

    /**
     * Behind a reverse proxy (FINSAM_TRUST_PROXY): the client's address is the last one in X-Forwarded-For, so a
     * test can send requests from many addresses.
     */
    public static TestApp startBakomProxy() {
        return start(Config.DemoMode.SMALL, true);
    }

    /** With channels for messages (a local SMTP server, a local SMS gateway), as FINSAM_SMTP and FINSAM_SMS_URL set them. */
    public static TestApp start(se.finsam.planering.utskick.Kanalinstallning kanaler) {
        return start(Config.DemoMode.SMALL, false, kanaler);
    }

    private static TestApp start(Config.DemoMode demo, boolean bakomProxy) {
        return start(demo, bakomProxy, se.finsam.planering.utskick.Kanalinstallning.ingen());
    }

    private static TestApp start(Config.DemoMode demo, boolean bakomProxy,
                                 se.finsam.planering.utskick.Kanalinstallning kanaler) {
        try {
            Path folder = Files.createTempDirectory("finsam-test");
            MutableClock clock = new MutableClock(START, Config.TIDSZON);
            Databasadress adress;
            String pgDatabas = null;
            if (MOTOR == Motor.POSTGRESQL) {
                // The large data set is made only by the benchmark, once: a template would not save anything.
                pgDatabas = PostgresqlKluster.get().nyDatabas(demo == Config.DemoMode.LARGE ? null
                        : pgTemplate(demo));
                adress = pgAdress(pgDatabas, folder);
            } else {
                if (demo != Config.DemoMode.LARGE) {
                    Files.copy(template(demo), folder.resolve(FILE));
                }
                adress = Databasadress.sqlite(folder.resolve(FILE));
            }
            Config config = new Config(0, adress, "http://localhost", demo, false,
                    Duration.ofMinutes(30), false, bakomProxy);
            try {
                return new TestApp(folder, adress, pgDatabas, App.start(config, clock, kanaler), clock);
            } catch (RuntimeException e) {
                if (pgDatabas != null) {
                    PostgresqlKluster.get().taBort(pgDatabas);
                }
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The template database for a demo mode: migrated, seeded with the clock at {@link #START} as the app would seed
     * it, and closed, so that everything is in the main file and a plain copy of it is complete.
     */
    static synchronized Path template(Config.DemoMode demo) throws IOException {
        Path existing = TEMPLATES.get(demo);
        if (existing != null) {
            return existing;
        }
        Path folder = Files.createTempDirectory("finsam-mall-" + demo.name().toLowerCase(java.util.Locale.ROOT));
        Path file = folder.resolve(FILE);
        try (Databas database = Databas.connect(file)) {
            DemoData.seedIfEmpty(database.jdbi(), new MutableClock(START, Config.TIDSZON), demo, new Losenordshash());
            // Move everything from the write-ahead log into the main file before anyone copies it.
            int[] checkpoint = database.jdbi().withHandle(h -> {
                var row = h.createQuery("PRAGMA wal_checkpoint(TRUNCATE)").mapToMap().one();
                return new int[] {((Number) row.get("busy")).intValue(), ((Number) row.get("log")).intValue()};
            });
            if (checkpoint[0] != 0 || checkpoint[1] != 0) {
                throw new IllegalStateException("the template's write-ahead log was not emptied: busy "
                        + checkpoint[0] + ", log " + checkpoint[1]);
            }
        }
        Path wal = folder.resolve(FILE + "-wal");
        if (Files.exists(wal) && Files.size(wal) > 0) {
            throw new IllegalStateException("the template still has a write-ahead log: " + wal);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteFolder(folder)));
        TEMPLATES.put(demo, file);
        TEMPLATES_MADE.merge(demo, 1, Integer::sum);
        return file;
    }

    /** A database on the run's PostgreSQL server, with the audit chain's anchor noted in the test's folder. */
    private static Databasadress pgAdress(String databas, Path folder) {
        Databasadress pa = PostgresqlKluster.get().adress(databas);
        return new Databasadress(pa.motor(), null, pa.jdbcUrl(), pa.anvandare(), pa.losenord(),
                folder.resolve(databas));
    }

    /**
     * The template database for a demo mode on PostgreSQL: migrated and seeded as {@link #template} is, and closed,
     * since a database is copied only while nobody is connected to it.
     */
    static synchronized String pgTemplate(Config.DemoMode demo) throws IOException {
        String existing = PG_TEMPLATES.get(demo);
        if (existing != null) {
            return existing;
        }
        PostgresqlKluster kluster = PostgresqlKluster.get();
        String namn = kluster.tomDatabas("mall_" + demo.name().toLowerCase(java.util.Locale.ROOT));
        try (Databas database = Databas.connect(kluster.adress(namn))) {
            DemoData.seedIfEmpty(database.jdbi(), new MutableClock(START, Config.TIDSZON), demo, new Losenordshash());
        }
        PG_TEMPLATES.put(demo, namn);
        TEMPLATES_MADE.merge(demo, 1, Integer::sum);
        return namn;
    }

    /** How many template databases this test run has made for the mode: one, however many apps started. */
    static synchronized int templatesMade(Config.DemoMode demo) {
        return TEMPLATES_MADE.getOrDefault(demo, 0);
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** The SQLite file; a test that reads the file itself runs on SQLite only. */
    public Path databaseFile() {
        return adress.sqliteFil("TestApp.databaseFile()");
    }

    /** Where the app's data is, on either engine. */
    public Databasadress databas() {
        return adress;
    }

    public Motor motor() {
        return adress.motor();
    }

    /**
     * A plain JDBC connection to the app's database, outside the app and its pool (no functions of the app's, no
     * settings), as someone with access to the database would open one.
     */
    public java.sql.Connection raJdbc() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(adress.jdbcUrl(), adress.anvandare(), adress.losenord());
    }

    public int port() {
        return port;
    }

    /** The test's own connection to the app's database file: it works while the server is stopped too. */
    public Jdbi jdbi() {
        if (app != null) {
            app.skrivLoggKlar();
        }
        if (testDatabase == null) {
            testDatabase = se.finsam.planering.db.Databas.connect(adress);
        }
        return testDatabase.jdbi();
    }

    /** Runs the message sender until nothing is due (what the demo data or earlier steps left in the outbox). */
    public void tomUtkorgen() {
        for (int i = 0; i < 100 && app.utskick().avsandare().korEnGang() > 0; i++) {
            // again, until nothing is due
        }
    }

    /** The database's own tables (not Flyway's history), by name, on either engine. */
    public java.util.List<String> tabeller() {
        return jdbi().withHandle(h -> h.createQuery(motor() == Motor.POSTGRESQL
                        ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                                + " AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'flyway%' ORDER BY table_name"
                        : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                                + " AND name NOT LIKE 'flyway%' ORDER BY name")
                .mapTo(String.class).list());
    }

    /** A table's columns, in their order, on either engine. */
    public java.util.List<String> kolumner(String tabell) {
        return jdbi().withHandle(h -> h.createQuery(motor() == Motor.POSTGRESQL
                        ? "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                                + " AND table_name = :t ORDER BY ordinal_position"
                        : "SELECT name FROM pragma_table_xinfo(:t)")
                .bind("t", tabell).mapTo(String.class).list());
    }

    /** One number from the database, e.g. {@code app.tal("SELECT count(*) FROM x WHERE id = ?", id)}. */
    public long tal(String sql, Object... args) {
        return jdbi().withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                q.bind(i, args[i]);
            }
            return q.mapTo(Long.class).one();
        });
    }

    /** One text from the database, or null when there is no row. */
    public String text(String sql, Object... args) {
        return jdbi().withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                q.bind(i, args[i]);
            }
            return q.mapTo(String.class).findOne().orElse(null);
        });
    }

    /** A statement run on the database, as a test's setup. */
    public void sql(String sql, Object... args) {
        jdbi().useHandle(h -> h.execute(sql, args));
    }

    public MutableClock clock() {
        return clock;
    }

    public App app() {
        return app;
    }

    /**
     * Another server on this app's database and clock, as a second instance behind a load balancer; the caller
     * stops it.
     */
    public App andraServer(se.finsam.planering.utskick.Kanalinstallning kanaler) {
        Config config = new Config(0, adress, "http://localhost", Config.DemoMode.NONE, false,
                Duration.ofMinutes(30), false, false);
        return App.start(config, clock, kanaler);
    }

    /** Stops the server, as if the network were gone. */
    public void stopServer() {
        app.stop();
    }

    /** Starts the server again on the same port and database, as if the network came back. */
    public void startServerAgain() {
        Config config = new Config(port, adress, "http://localhost", Config.DemoMode.NONE, false,
                Duration.ofMinutes(30), false, false);
        app = App.start(config, clock);
    }

    /**
     * A TOTP code for an account with a second factor, as its authenticator app would show it, that the server has
     * not accepted yet: a code is accepted once, so when every step around "now" is used the clock moves on a step.
     */
    public synchronized String totpKod(String anvandarnamn) {
        Jdbi db = jdbi();
        long id = db.withHandle(h -> h.createQuery("SELECT id FROM anvandare WHERE anvandarnamn = :u")
                .bind("u", anvandarnamn).mapTo(Long.class).one());
        String secret = db.withHandle(h -> h.createQuery(
                        "SELECT hemlighet FROM totp WHERE anvandare_id = :a AND bekraftad IS NOT NULL")
                .bind("a", id).mapTo(String.class).findOne())
                .orElseThrow(() -> new AssertionError(anvandarnamn + " has no TOTP secret"));
        while (true) {
            long now = Totp.steg(clock.instant());
            for (long step = now - Totp.WINDOW; step <= now + Totp.WINDOW; step++) {
                long s = step;
                boolean used = db.withHandle(h -> h.createQuery(
                                "SELECT EXISTS (SELECT 1 FROM totp_anvand WHERE anvandare_id = :a AND steg = :s)")
                        .bind("a", id).bind("s", s).mapTo(Boolean.class).one());
                if (!used) {
                    return Totp.kod(secret, s);
                }
            }
            clock.advance(Duration.ofSeconds(Totp.PERIOD_SECONDS));
        }
    }

    /** The current code for a secret shown on the enrolment page. */
    public String totpKodForHemlighet(String secret) {
        return Totp.kod(secret, Totp.steg(clock.instant()));
    }

    public HttpSession session() {
        return new HttpSession(this);
    }

    @Override
    public void close() {
        app.stop();
        if (testDatabase != null) {
            testDatabase.close();
        }
        if (pgDatabas != null) {
            PostgresqlKluster.get().taBort(pgDatabas);
        }
        deleteFolder(folder);
    }

    private static void deleteFolder(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
