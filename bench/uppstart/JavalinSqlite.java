import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Javalin with one route whose answer reads the SQLite database through a Hikari pool with plain JDBC: the
 * stack without Jdbi, so that bench/uppstart.sh shows what Jdbi adds. Arguments: port, database file.
 */
public final class JavalinSqlite {

    private JavalinSqlite() {
    }

    public static void main(String[] args) {
        Stapel.jettyUtanJmx();
        HikariDataSource pool = Stapel.pool(args[1]);
        Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/health", ctx -> {
                try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT 1")) {
                    rs.next();
                    ctx.contentType("application/json")
                            .result("{\"status\":\"" + (rs.getInt(1) == 1 ? "ok" : "fel") + "\"}");
                }
            });
        }).start(Integer.parseInt(args[0]));
    }
}
