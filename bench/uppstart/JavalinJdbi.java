import io.javalin.Javalin;
import org.jdbi.v3.core.Jdbi;

/**
 * The stack without the application: Javalin with one route whose answer reads the SQLite database through a
 * Hikari pool and Jdbi, as the application's /health does. Measured by bench/uppstart.sh. Arguments: port,
 * database file.
 */
public final class JavalinJdbi {

    private JavalinJdbi() {
    }

    public static void main(String[] args) {
        Stapel.jettyUtanJmx();
        Jdbi jdbi = Jdbi.create(Stapel.pool(args[1]));
        Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/health", ctx -> {
                int one = jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
                ctx.contentType("application/json").result("{\"status\":\"" + (one == 1 ? "ok" : "fel") + "\"}");
            });
        }).start(Integer.parseInt(args[0]));
    }
}
