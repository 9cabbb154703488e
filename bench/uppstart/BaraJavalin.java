import io.javalin.Javalin;

/**
 * The web framework alone: Javalin (Jetty) with one route. What the application's start-up cannot go below,
 * measured by bench/uppstart.sh against the same jar and JVM options. Arguments: port.
 */
public final class BaraJavalin {

    private BaraJavalin() {
    }

    public static void main(String[] args) {
        Stapel.jettyUtanJmx();
        Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/health", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
        }).start(Integer.parseInt(args[0]));
    }
}
