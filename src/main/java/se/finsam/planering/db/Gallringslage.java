package se.finsam.planering.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.sqlite.Function;

/**
 * The only way past the append-only tables' UPDATE and DELETE triggers: the SQL function
 * {@code finsam_gallring('korning' | 'deltagare' | 'konto')} that the triggers call. The application defines it
 * on each of its connections; it answers only on the thread that is clearing one participant, with that run,
 * that participant and her account, and NULL everywhere else. A connection the application did not open (the
 * sqlite3 shell, a script) has no such function, so a statement that would fire those triggers fails there.
 *
 * <p>On PostgreSQL the function is defined by the schema and reads the transaction-local settings
 * {@code finsam.gallring_korning}, {@code finsam.gallring_deltagare} and {@code finsam.gallring_konto}: before
 * each statement of the clearing thread the application sets them in its transaction (they end with it), and
 * clears them before the thread's next statement once the clearing is over. Someone with a connection of her
 * own can set them too; on PostgreSQL the rule holds against the application's mistakes, and the database's
 * roles and the hash-chained log hold against people (see docs/drift.md).
 */
public final class Gallringslage {

    private record Lage(long korning, long deltagare, long konto) {
    }

    private static final ThreadLocal<Lage> LAGE = new ThreadLocal<>();

    private Gallringslage() {
    }

    /** Runs {@code arbete} on this thread as the clearing of one participant in run {@code korning}. */
    public static <T> T medan(long korning, long deltagare, long konto, Supplier<T> arbete) {
        Lage fore = LAGE.get();
        LAGE.set(new Lage(korning, deltagare, konto));
        try {
            return arbete.get();
        } finally {
            if (fore == null) {
                LAGE.remove();
            } else {
                LAGE.set(fore);
            }
        }
    }

    /** The connection this thread last set the settings on, while they may still be set there. */
    private static final ThreadLocal<Connection> SATT = new ThreadLocal<>();

    private static final String SATT_SQL = "SELECT set_config('finsam.gallring_korning', ?, true),"
            + " set_config('finsam.gallring_deltagare', ?, true), set_config('finsam.gallring_konto', ?, true)";

    /** On PostgreSQL: sets (or clears) the transaction-local settings before each statement of this thread. */
    static void installera(Jdbi jdbi) {
        jdbi.addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeExecution(PreparedStatement statement, StatementContext ctx) throws SQLException {
                Lage lage = LAGE.get();
                Connection connection = ctx.getConnection();
                if (lage != null) {
                    satt(connection, String.valueOf(lage.korning()), String.valueOf(lage.deltagare()),
                            String.valueOf(lage.konto()));
                    SATT.set(connection);
                } else if (SATT.get() != null) {
                    if (SATT.get() == connection && !connection.getAutoCommit()) {
                        satt(connection, "", "", "");
                    }
                    SATT.remove();
                }
            }
        });
    }

    private static void satt(Connection connection, String korning, String deltagare, String konto)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(SATT_SQL)) {
            s.setString(1, korning);
            s.setString(2, deltagare);
            s.setString(3, konto);
            s.execute();
        }
    }

    /** Defines the function on a connection of the application's. */
    static void definiera(Connection connection) throws SQLException {
        Function.create(connection, "finsam_gallring", new Function() {
            @Override
            protected void xFunc() throws SQLException {
                Lage lage = LAGE.get();
                if (lage == null || args() != 1) {
                    result();
                    return;
                }
                switch (String.valueOf(value_text(0))) {
                    case "korning" -> result(lage.korning());
                    case "deltagare" -> result(lage.deltagare());
                    case "konto" -> result(lage.konto());
                    default -> result();
                }
            }
        }, 1, 0);
    }
}
