package se.finsam.planering.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the data is: an SQLite file, or a PostgreSQL database with its JDBC URL, user and password. Made from
 * {@code FINSAM_DB}, which is a file path, {@code postgresql://user:password@host:5432/db} (also {@code postgres://})
 * or {@code jdbc:postgresql://...}. The password is never part of {@link #toString()} or of an error message.
 *
 * @param fil the SQLite file; null for PostgreSQL
 * @param jdbcUrl the JDBC URL, without user and password when they were given apart from it
 * @param anvandare the user for PostgreSQL, or null (then the JDBC URL or the driver's defaults say)
 * @param losenord the password for PostgreSQL, or null
 * @param ankarbas where the audit log chain's end is noted ({@code .kedja} is added): beside the SQLite file, or
 *     for PostgreSQL in the folder {@code data} of the working directory, named by host, port and database, so
 *     that each instance notes its own end of the shared log
 */
public record Databasadress(Motor motor, Path fil, String jdbcUrl, String anvandare, String losenord,
                            Path ankarbas) {

    public Databasadress {
        Objects.requireNonNull(motor, "motor");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (motor == Motor.SQLITE) {
            Objects.requireNonNull(fil, "fil");
        }
        if (ankarbas == null) {
            ankarbas = motor == Motor.SQLITE ? fil : standardAnkarbas(jdbcUrl);
        }
    }

    private Databasadress(Motor motor, Path fil, String jdbcUrl, String anvandare, String losenord) {
        this(motor, fil, jdbcUrl, anvandare, losenord, null);
    }

    /** An SQLite file. */
    public static Databasadress sqlite(Path fil) {
        return new Databasadress(Motor.SQLITE, fil, "jdbc:sqlite:" + fil.toAbsolutePath(), null, null);
    }

    /** A PostgreSQL database by its JDBC URL, with user and password given apart from it. */
    public static Databasadress postgresql(String jdbcUrl, String anvandare, String losenord) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("A PostgreSQL JDBC URL starts with jdbc:postgresql:");
        }
        return new Databasadress(Motor.POSTGRESQL, null, jdbcUrl, anvandare, losenord);
    }

    private static Path standardAnkarbas(String jdbcUrl) {
        String utan = jdbcUrl.substring(jdbcUrl.indexOf(':', "jdbc:".length()) + 1);
        int fraga = utan.indexOf('?');
        if (fraga >= 0) {
            utan = utan.substring(0, fraga);
        }
        return Path.of("data", "postgresql-" + utan.replaceAll("^/+", "").replaceAll("[^A-Za-z0-9._-]+", "-"));
    }

    /**
     * Reads {@code FINSAM_DB}: an SQLite file path, or a PostgreSQL URL. A text that looks like a URL of any
     * other kind, or a PostgreSQL URL without host or database, is refused with a message that names what is
     * wrong (and not the password).
     */
    public static Databasadress las(String varde) {
        if (varde == null || varde.isBlank()) {
            throw new IllegalArgumentException("FINSAM_DB is empty: give an SQLite file or a postgresql:// URL");
        }
        String text = varde.strip();
        String liten = text.toLowerCase(Locale.ROOT);
        if (liten.startsWith("jdbc:postgresql:")) {
            return jdbc(text);
        }
        if (liten.startsWith("postgresql://") || liten.startsWith("postgres://")) {
            return url(text);
        }
        if (liten.startsWith("jdbc:sqlite:")) {
            return sqlite(Path.of(text.substring("jdbc:sqlite:".length())));
        }
        if (liten.matches("^[a-z][a-z0-9+.-]*://.*") || liten.startsWith("jdbc:")) {
            throw new IllegalArgumentException("FINSAM_DB must be an SQLite file or a PostgreSQL URL"
                    + " (postgresql://user:password@host:5432/database), was: " + dold(text));
        }
        try {
            return sqlite(Path.of(text));
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("FINSAM_DB is not a valid file path: " + e.getReason());
        }
    }

    private static Databasadress jdbc(String text) {
        String rest = text.substring("jdbc:postgresql:".length());
        if (!rest.startsWith("//")) {
            if (rest.isEmpty() || rest.startsWith("?")) {
                throw new IllegalArgumentException("FINSAM_DB has no database name: " + dold(text));
            }
            return new Databasadress(Motor.POSTGRESQL, null, text, null, null);
        }
        String utanParametrar = rest.contains("?") ? rest.substring(0, rest.indexOf('?')) : rest;
        int snedstreck = utanParametrar.indexOf('/', 2);
        if (utanParametrar.length() <= 2 || utanParametrar.charAt(2) == '/' || utanParametrar.charAt(2) == ':') {
            throw new IllegalArgumentException("FINSAM_DB has no host: " + dold(text));
        }
        if (snedstreck < 0 || snedstreck == utanParametrar.length() - 1) {
            throw new IllegalArgumentException("FINSAM_DB has no database name: " + dold(text));
        }
        if (utanParametrar.substring(2, snedstreck).contains("@")) {
            throw new IllegalArgumentException("FINSAM_DB: a jdbc:postgresql: URL gives user and password"
                    + " as ?user=...&password=..., not before the host: " + dold(text));
        }
        return new Databasadress(Motor.POSTGRESQL, null, text, null, null);
    }

    private static Databasadress url(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("FINSAM_DB is not a valid PostgreSQL URL (" + e.getReason()
                    + "): " + dold(text));
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("FINSAM_DB has no host, or an invalid host or port: "
                    + dold(text));
        }
        int port = uri.getPort();
        if (port == 0 || port > 65535) {
            throw new IllegalArgumentException("FINSAM_DB has an invalid port: " + dold(text));
        }
        String path = uri.getRawPath();
        String databas = path == null || path.length() <= 1 ? "" : avkoda(path.substring(1));
        if (databas.isBlank() || databas.contains("/")) {
            throw new IllegalArgumentException("FINSAM_DB has no database name (...@host:5432/database): "
                    + dold(text));
        }
        String anvandare = null;
        String losenord = null;
        String info = uri.getRawUserInfo();
        if (info != null && !info.isEmpty()) {
            int kolon = info.indexOf(':');
            anvandare = avkoda(kolon < 0 ? info : info.substring(0, kolon));
            losenord = kolon < 0 ? null : avkoda(info.substring(kolon + 1));
            if (anvandare.isEmpty()) {
                anvandare = null;
            }
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://");
        jdbc.append(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host);
        if (port > 0) {
            jdbc.append(':').append(port);
        }
        jdbc.append('/').append(java.net.URLEncoder.encode(databas, StandardCharsets.UTF_8).replace("+", "%20"));
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            jdbc.append('?').append(uri.getRawQuery());
        }
        return new Databasadress(Motor.POSTGRESQL, null, jdbc.toString(), anvandare, losenord);
    }

    private static String avkoda(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("FINSAM_DB has a malformed %-escape in the user, password or"
                    + " database name");
        }
    }

    /** A URL with its password (in the user part or as a password parameter) replaced by ***. */
    static String dold(String url) {
        String utan = url.replaceAll("(?i)(password=)[^&]*", "$1***");
        int schema = utan.indexOf("://");
        int at = utan.indexOf('@', schema < 0 ? 0 : schema + 3);
        int slut = utan.indexOf('/', schema < 0 ? 0 : schema + 3);
        if (schema >= 0 && at > 0 && (slut < 0 || at < slut)) {
            String info = utan.substring(schema + 3, at);
            int kolon = info.indexOf(':');
            if (kolon >= 0) {
                utan = utan.substring(0, schema + 3) + info.substring(0, kolon) + ":***" + utan.substring(at);
            }
        }
        return utan;
    }

    public boolean arSqlite() {
        return motor == Motor.SQLITE;
    }

    /** The SQLite file; fails on PostgreSQL, where there is none. */
    public Path sqliteFil(String forVad) {
        if (fil == null) {
            throw new IllegalStateException(forVad + " exists only for SQLite; the database is PostgreSQL ("
                    + this + ")");
        }
        return fil;
    }

    /** For the start banner and logs: the file, or the PostgreSQL URL with its user and without a password. */
    @Override
    public String toString() {
        if (motor == Motor.SQLITE) {
            return fil.toString();
        }
        String url = dold(jdbcUrl);
        return anvandare == null ? url : url + " (user " + anvandare + ")";
    }
}
