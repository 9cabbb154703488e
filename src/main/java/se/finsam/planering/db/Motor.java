package se.finsam.planering.db;

import java.sql.Connection;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The database engine: SQLite (one file, the default) or PostgreSQL. */
public enum Motor {
    SQLITE,
    POSTGRESQL;

    /** The engine behind a connection, by the name its driver gives. */
    public static Motor av(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                .contains("postgres") ? POSTGRESQL : SQLITE;
    }

    /** The engine behind a handle. */
    public static Motor av(Handle handle) {
        try {
            return av(handle.getConnection());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell the database engine", e);
        }
    }

    /** The engine behind a Jdbi (asks a connection once per call). */
    public static Motor av(Jdbi jdbi) {
        return jdbi.withHandle(Motor::av);
    }
}
