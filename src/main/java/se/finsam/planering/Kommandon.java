package se.finsam.planering;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import se.finsam.planering.atkomst.Roll;
import se.finsam.planering.audit.Loggkedja;
import se.finsam.planering.audit.Handelselogg;
import se.finsam.planering.auth.Losenordshash;
import se.finsam.planering.auth.AnvandarRepository;
import se.finsam.planering.db.Databas;

/** The commands the jar runs instead of the server, and what the console says while no administrator exists. */
public final class Kommandon {

    /** The command that creates the first administrator. */
    public static final String SKAPA_ADMIN = "skapa-admin";

    /** The command that checks the audit log's hash chain. */
    public static final String KONTROLLERA_LOGG = "kontrollera-logg";

    /** The command that moves an SQLite database to an empty PostgreSQL database. */
    public static final String FLYTTA_TILL_POSTGRESQL = "flytta-till-postgresql";

    /**
     * {@code java -jar finsam-planering.jar flytta-till-postgresql FIL.db postgresql://...}: copies everything to
     * an empty PostgreSQL database, then compares the row count of every table and checks the audit chain there.
     * Exit status 0 when all agree, 1 when something differs or fails, 2 on wrong arguments.
     */
    static int flyttaTillPostgresql(String[] args, PrintStream ut) {
        if (args.length != 3) {
            System.err.println("Användning: java -jar finsam-planering.jar " + FLYTTA_TILL_POSTGRESQL
                    + " SQLITE-FIL postgresql://användare:lösenord@värd:5432/databas");
            return 2;
        }
        try {
            se.finsam.planering.db.Databasadress mal = se.finsam.planering.db.Databasadress.las(args[2]);
            ut.println("Flyttar " + args[1] + " till " + mal + " ...");
            Flytt.Resultat r = Flytt.flytta(java.nio.file.Path.of(args[1]), mal, ut);
            r.rader().forEach((tabell, n) -> {
                if (n[0] != n[1]) {
                    ut.println("SKILLNAD " + tabell + ": " + n[0] + " i SQLite, " + n[1] + " i PostgreSQL");
                }
            });
            ut.println(r.lika() ? "Alla " + r.rader().size() + " tabeller har lika många rader på båda sidor."
                    : "Raderna skiljer sig: se ovan.");
            ut.println(r.kedjan().text());
            return r.lika() && r.kedjan().hel() ? 0 : 1;
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    /** An anchor of kontrollera-logg: a row and the chain's value there. */
    private static final Pattern ANKARE = Pattern.compile("(\\d{1,18}):([0-9a-fA-F]{64})");

    private Kommandon() {
    }

    /**
     * {@code java -jar finsam-planering.jar skapa-admin ANVANDARNAMN "Namn"}: the first administrator of a
     * new installation. The password is read from the console (or one line on standard input).
     */
    static int createAdmin(Config config, String[] args, InputStream stdin) {
        if (args.length != 3 || !args[1].matches("[a-zA-Z0-9._-]{3,50}") || args[2].isBlank()) {
            System.err.println("Användning: java -jar finsam-planering.jar skapa-admin ANVÄNDARNAMN \"Förnamn Efternamn\"");
            return 2;
        }
        String password;
        if (System.console() != null) {
            char[] typed = System.console().readPassword("Lösenord (minst 12 tecken): ");
            password = typed == null ? "" : new String(typed);
        } else {
            try {
                String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
                password = line == null ? "" : line;
            } catch (IOException e) {
                password = "";
            }
        }
        if (password.length() < 12) {
            System.err.println("Lösenordet måste ha minst 12 tecken.");
            return 2;
        }
        try (Databas database = Databas.connect(config.databas())) {
            AnvandarRepository users = new AnvandarRepository(database.jdbi());
            if (users.findByUsername(args[1]).isPresent()) {
                System.err.println("Användarnamnet finns redan: " + args[1]);
                return 1;
            }
            users.createStaff(args[1], args[2].strip(), Roll.ADMIN, null,
                    new Losenordshash().hash(password), Instant.now());
            System.out.println("Administratören " + args[1] + " är skapad i " + config.databas());
            return 0;
        }
    }

    /**
     * {@code java -jar finsam-planering.jar kontrollera-logg [ID:HASH ...]}: checks the audit log's hash chain in
     * the database file and prints the result. Each ID:HASH is a row and chain value noted down earlier (the
     * server log prints them), which must still hold. Exit status 0 when the chain is whole, 1 when it breaks,
     * 2 when there is no database or an argument is wrong.
     */
    static int kontrolleraLogg(Config config, String[] args, PrintStream ut) {
        Map<Long, byte[]> ankare = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            Matcher m = ANKARE.matcher(args[i]);
            if (!m.matches()) {
                ut.println("Användning: java -jar finsam-planering.jar kontrollera-logg [RAD:HASH ...]"
                        + " (RAD:HASH som serverloggen skrev dem, t.ex. 1234:" + "0".repeat(64) + ")");
                return 2;
            }
            ankare.put(Long.parseLong(m.group(1)), HexFormat.of().parseHex(m.group(2)));
        }
        if (config.databas().arSqlite() && !Files.isRegularFile(config.databas().fil())) {
            ut.println("Databasen finns inte: " + config.databas());
            return 2;
        }
        try (Databas database = Databas.connect(config.databas())) {
            Loggkedja.Resultat kedjan = Handelselogg.kontrolleraKedjan(database.jdbi(), ankare);
            ut.println(kedjan.text());
            return kedjan.hel() ? 0 : 1;
        }
    }

    /**
     * What the console says at start while no active administrator exists (a new installation without demo data):
     * how to create the first one. Empty once there is one.
     */
    public static List<String> ingenAdministratorRader(Jdbi jdbi) {
        if (new AnvandarRepository(jdbi).finnsAdministrator()) {
            return List.of();
        }
        return List.of(
                "",
                "Det finns ingen administratör än. Skapa den första (lösenordet frågas efter, minst 12 tecken),",
                "med samma FINSAM_DB som servern:",
                "  java -jar finsam-planering.jar " + SKAPA_ADMIN + " ANVÄNDARNAMN \"Förnamn Efternamn\"",
                "Logga sedan in på /logga-in. Administratören bjuder in alla andra.");
    }
}
