package se.finsam.planering.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import se.finsam.planering.App;
import se.finsam.planering.Config;

/** The real app on a random port, with a fresh SQLite file in a temporary folder. */
public final class TestApp implements AutoCloseable {

    /** A fixed "now" for tests: a Monday morning in Stockholm. */
    public static final Instant START = Instant.parse("2026-11-23T08:00:00Z");

    private final Path folder;
    private App app;
    private final MutableClock clock;
    private se.finsam.planering.db.Database testDatabase;
    /** Kept so that URLs stay the same after a test stops the server. */
    private final int port;

    private TestApp(Path folder, App app, MutableClock clock) {
        this.folder = folder;
        this.app = app;
        this.clock = clock;
        this.port = app.port();
    }

    public static TestApp start() {
        return start(Config.DemoMode.SMALL);
    }

    public static TestApp start(Config.DemoMode demo) {
        try {
            Path folder = Files.createTempDirectory("finsam-test");
            MutableClock clock = new MutableClock(START, App.ZONE);
            Config config = new Config(0, folder.resolve("finsam.db"), "http://localhost", demo, false,
                    Duration.ofMinutes(30), false, false);
            return new TestApp(folder, App.start(config, clock), clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public Path databaseFile() {
        return folder.resolve("finsam.db");
    }

    public int port() {
        return port;
    }

    /** The test's own connection to the app's database file: it works while the server is stopped too. */
    public Jdbi jdbi() {
        if (testDatabase == null) {
            testDatabase = se.finsam.planering.db.Database.connect(folder.resolve("finsam.db"));
        }
        return testDatabase.jdbi();
    }

    public MutableClock clock() {
        return clock;
    }

    public App app() {
        return app;
    }

    /** Stops the server, as if the network were gone. */
    public void stopServer() {
        app.stop();
    }

    /** Starts the server again on the same port and database, as if the network came back. */
    public void startServerAgain() {
        Config config = new Config(port, folder.resolve("finsam.db"), "http://localhost", Config.DemoMode.NONE, false,
                Duration.ofMinutes(30), false, false);
        app = App.start(config, clock);
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
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
