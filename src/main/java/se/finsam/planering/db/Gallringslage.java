package se.finsam.planering.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.sqlite.Function;

/**
 * The only way past the append-only tables' UPDATE and DELETE triggers: the SQL function
 * {@code finsam_gallring('korning' | 'deltagare' | 'konto')} that the triggers call. The application defines it
 * on each of its connections; it answers only on the thread that is clearing one participant, with that run,
 * that participant and her account, and NULL everywhere else. A connection the application did not open (the
 * sqlite3 shell, a script) has no such function, so a statement that would fire those triggers fails there.
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
