import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.sqlite.SQLiteDataSource;

/** What the small start-up programs share with each other and with the application's start. */
final class Stapel {

    private Stapel() {
    }

    /** As the application does: Jetty is told the cache-line size instead of starting JMX to learn it. */
    static void jettyUtanJmx() {
        System.setProperty("org.eclipse.jetty.util.referencesPerCacheLine", "16");
    }

    /** A Hikari pool of four SQLite connections to the database file. */
    static HikariDataSource pool(String databasfil) {
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + databasfil);
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(sqlite);
        hikari.setMaximumPoolSize(4);
        return new HikariDataSource(hikari);
    }
}
