package se.finsam.planering;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import se.finsam.planering.db.Databasadress;

/** Settings read from the environment, with defaults that are safe for a first run on a laptop. */
public record Config(
        int port,
        Databasadress databas,
        String baseUrl,
        DemoMode demo,
        boolean secureCookies,
        Duration sessionTimeout,
        boolean devTemplates,
        boolean trustProxy,
        int threads) {

    public enum DemoMode { SMALL, LARGE, REGION, NONE }

    /** The settings with the default number of request threads. */
    public Config(int port, Databasadress databas, String baseUrl, DemoMode demo, boolean secureCookies,
                  Duration sessionTimeout, boolean devTemplates, boolean trustProxy) {
        this(port, databas, baseUrl, demo, secureCookies, sessionTimeout, devTemplates, trustProxy,
                standardTradar());
    }

    /** The settings for an SQLite file, with the default number of request threads. */
    public Config(int port, Path databaseFile, String baseUrl, DemoMode demo, boolean secureCookies,
                  Duration sessionTimeout, boolean devTemplates, boolean trustProxy) {
        this(port, Databasadress.sqlite(databaseFile), baseUrl, demo, secureCookies, sessionTimeout, devTemplates,
                trustProxy, standardTradar());
    }

    /**
     * Threads that serve requests: four per core, at least 8 (Jetty's acceptor and selector use two of them).
     * The work is CPU-bound (SQLite runs in the process), so a few per core keep the cores busy while one waits
     * for the database's write lock or a slow client; requests beyond them wait in line in the order they came,
     * instead of all sharing the cores in slices, which is what made a slow tail (p99) under load.
     */
    public static int standardTradar() {
        return Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    }

    /**
     * Swedish time, in which dates, deadlines and meeting times are meant. Only the clock the app is started with
     * carries it; everything else asks that clock ({@code LocalDate.now(clock)}, {@code clock.getZone()}).
     */
    public static final java.time.ZoneId TIDSZON = java.time.ZoneId.of("Europe/Stockholm");

    public static Config fromEnvironment(Map<String, String> env) {
        int port = parseInt(env, "FINSAM_PORT", 7070);
        Databasadress db = Databasadress.las(env.getOrDefault("FINSAM_DB", "data/finsam.db"));
        String baseUrl = env.getOrDefault("FINSAM_BASE_URL", "http://localhost:" + port);
        DemoMode demo = parseDemo(env.getOrDefault("FINSAM_DEMO", "small"));
        boolean secure = Boolean.parseBoolean(env.getOrDefault("FINSAM_SECURE_COOKIES",
                String.valueOf(baseUrl.startsWith("https://"))));
        Duration timeout = Duration.ofMinutes(parseInt(env, "FINSAM_SESSION_MINUTES", 30));
        boolean dev = Boolean.parseBoolean(env.getOrDefault("FINSAM_DEV", "false"));
        boolean trustProxy = Boolean.parseBoolean(env.getOrDefault("FINSAM_TRUST_PROXY", "false"));
        int threads = parseInt(env, "FINSAM_THREADS", standardTradar());
        if (threads < 8 || threads > 1000) {
            throw new IllegalArgumentException("FINSAM_THREADS must be between 8 and 1000, was: " + threads);
        }
        return new Config(port, db, stripSlash(baseUrl), demo, secure, timeout, dev, trustProxy, threads);
    }

    private static int parseInt(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was: " + value);
        }
    }

    private static DemoMode parseDemo(String value) {
        try {
            return DemoMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("FINSAM_DEMO must be small, large, region or none, was: " + value);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
