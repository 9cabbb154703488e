package se.finsam.planering.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import se.finsam.planering.db.Databasadress;

/**
 * The PostgreSQL server of a test run: one private cluster per JVM, made with {@code initdb} in a temporary folder
 * on a free port (as the user postgres when the tests run as root, since PostgreSQL refuses to run as root), and
 * stopped when the JVM ends. When {@code FINSAM_TEST_POSTGRESQL} gives a server's URL
 * ({@code postgresql://user:password@host:5432/postgres}, a user that may create databases), that server is used
 * instead and the databases made on it are dropped at the end.
 *
 * <p>Each test gets a database of its own: {@link #nyDatabas(String)} copies a template database, which is fast.
 */
public final class PostgresqlKluster {

    /** Set to a server's URL to use that server instead of a private cluster. */
    public static final String MILJOVARIABEL = "FINSAM_TEST_POSTGRESQL";

    private static PostgresqlKluster kluster;

    /** Admin connection: host, port, user, password; databases are reached by name on it. */
    private final String vard;
    private final int port;
    private final String anvandare;
    private final String losenord;
    /** Prefix of this run's databases, so that runs sharing a server do not meet. */
    private final String prefix;
    private final AtomicInteger nasta = new AtomicInteger();
    private final List<String> skapade = new ArrayList<>();
    /** The private cluster's folder; null for a server given by the environment. */
    private final Path mapp;
    private final Path bin;

    private PostgresqlKluster(String vard, int port, String anvandare, String losenord, Path mapp, Path bin) {
        this.vard = vard;
        this.port = port;
        this.anvandare = anvandare;
        this.losenord = losenord;
        this.mapp = mapp;
        this.bin = bin;
        this.prefix = mapp == null ? "f" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "_" : "";
    }

    /** The run's server, started on first use. */
    public static synchronized PostgresqlKluster get() {
        if (kluster == null) {
            String url = System.getenv(MILJOVARIABEL);
            kluster = url == null || url.isBlank() ? starta() : extern(url);
            Runtime.getRuntime().addShutdownHook(new Thread(kluster::stang, "postgresql-stopp"));
        }
        return kluster;
    }

    private static PostgresqlKluster extern(String url) {
        Databasadress adress = Databasadress.las(url);
        java.net.URI uri = java.net.URI.create(adress.jdbcUrl().substring("jdbc:".length()));
        return new PostgresqlKluster(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                adress.anvandare(), adress.losenord(), null, null);
    }

    /** The newest installed PostgreSQL's programs: Debian's /usr/lib/postgresql/N/bin, else the PATH. */
    static Path programmapp() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versioner = Files.list(debian)) {
                var nyaste = versioner.filter(p -> Files.isExecutable(p.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(p -> {
                            try {
                                return Integer.parseInt(p.getFileName().toString());
                            } catch (NumberFormatException e) {
                                return -1;
                            }
                        }));
                if (nyaste.isPresent()) {
                    return nyaste.get().resolve("bin");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String del : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(del, "initdb"))) {
                return Path.of(del);
            }
        }
        throw new IllegalStateException("PostgreSQL is not installed (no initdb): install Debian's postgresql"
                + " package, or set " + MILJOVARIABEL + " to a server's URL");
    }

    private static boolean somRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static PostgresqlKluster starta() {
        Path bin = programmapp();
        try {
            Path mapp = Files.createTempDirectory("finsam-postgresql");
            if (somRoot()) {
                kor(List.of("chown", "postgres:", mapp.toString()), mapp);
            }
            Path data = mapp.resolve("data");
            kor(somPostgres(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                    "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync")), mapp);
            for (int forsok = 1; ; forsok++) {
                int port;
                try (ServerSocket s = new ServerSocket(0)) {
                    port = s.getLocalPort();
                }
                try {
                    // Settings for a throwaway cluster: nothing waits for the disk.
                    String inst = "-p " + port + " -k " + mapp + " -c listen_addresses=127.0.0.1"
                            + " -c max_connections=400 -c fsync=off -c synchronous_commit=off"
                            + " -c full_page_writes=off -c shared_buffers=64MB";
                    kor(somPostgres(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-o", inst,
                            "-l", mapp.resolve("logg.txt").toString(), "-w", "-t", "60", "start")), mapp);
                    return new PostgresqlKluster("127.0.0.1", port, "postgres", null, mapp, bin);
                } catch (IllegalStateException e) {
                    if (forsok == 3) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make a PostgreSQL cluster for the tests", e);
        }
    }

    private static List<String> somPostgres(List<String> kommando) {
        if (!somRoot()) {
            return kommando;
        }
        List<String> med = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        med.addAll(kommando);
        return med;
    }

    private static void kor(List<String> kommando, Path mapp) {
        try {
            Process p = new ProcessBuilder(kommando).directory(mapp.toFile()).redirectErrorStream(true).start();
            String ut = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", kommando) + " failed:\n" + ut);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The address of a database on this server, as FINSAM_DB would give it. */
    public Databasadress adress(String databas) {
        return Databasadress.postgresql("jdbc:postgresql://" + vard + ":" + port + "/" + databas, anvandare,
                losenord);
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + vard + ":" + port + "/postgres", anvandare,
                losenord);
    }

    /**
     * A new database: a copy of {@code mall} (a database made by {@link #tomDatabas}) or, with null, an empty
     * one. Its name is returned.
     */
    public String nyDatabas(String mall) {
        String namn = prefix + "t_" + nasta.incrementAndGet();
        skapa(namn, mall);
        return namn;
    }

    /** A new, empty database of the given name (a template's, say); the name gets this run's prefix. */
    public String tomDatabas(String namn) {
        String fullt = prefix + namn;
        skapa(fullt, null);
        return fullt;
    }

    private void skapa(String namn, String mall) {
        if (!namn.matches("[a-z0-9_]+") || (mall != null && !mall.matches("[a-z0-9_]+"))) {
            throw new IllegalArgumentException("a database name of a-z, 0-9 and _: " + namn + ", " + mall);
        }
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + namn + " TEMPLATE " + (mall == null ? "template0" : mall)
                    + " ENCODING 'UTF8'");
            synchronized (skapade) {
                skapade.add(namn);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database " + namn, e);
        }
    }

    /** Drops a database of this run, closing what is still connected to it. */
    public void taBort(String namn) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + namn + " WITH (FORCE)");
            synchronized (skapade) {
                skapade.remove(namn);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop the test database " + namn, e);
        }
    }

    private void stang() {
        if (mapp == null) {
            List<String> kvar;
            synchronized (skapade) {
                kvar = new ArrayList<>(skapade);
            }
            for (String namn : kvar) {
                try {
                    taBort(namn);
                } catch (RuntimeException ignored) {
                    // The server may be gone already; its databases then are too, or wait for a person.
                }
            }
            return;
        }
        try {
            kor(somPostgres(List.of(bin.resolve("pg_ctl").toString(), "-D", mapp.resolve("data").toString(),
                    "-m", "immediate", "-w", "stop")), mapp);
        } catch (RuntimeException ignored) {
            // Stopping is all that is left to do.
        }
        try (Stream<Path> filer = Files.walk(mapp)) {
            filer.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL " + vard + ":" + port + (mapp == null ? "" : " (" + mapp + ")");
    }
}
