package se.finsam.planering.db;

/** The database engine: SQLite (one file, the default) or PostgreSQL. */
public enum Motor {
    SQLITE,
    POSTGRESQL
}
