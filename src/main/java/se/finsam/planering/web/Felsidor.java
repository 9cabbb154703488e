package se.finsam.planering.web;

import se.finsam.planering.atkomst.Nekad;
import se.finsam.planering.sprak.Texter;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Swedish (or the user's language) error pages. Never a stack trace; a reference to find it in the log. */
public final class Felsidor {

    private static final Logger LOG = LoggerFactory.getLogger(Felsidor.class);

    public record ErrorPage(int status, String rubrik, String text, String referens) {
    }

    private final Mallar mallar;
    private final Webbkontext web;

    public Felsidor(Mallar mallar, Webbkontext web) {
        this.mallar = mallar;
        this.web = web;
    }

    public void httpError(HttpResponseException e, Context ctx) {
        String detail = e instanceof Felsvar || e instanceof Nekad ? e.getMessage() : null;
        show(ctx, e.getStatus(), detail, null);
    }

    public void unexpected(Exception e, Context ctx) {
        int clientError = malformedRequestStatus(e);
        if (clientError > 0) {
            // The request itself was broken (a multipart body cut short, a header that lies): the sender's
            // fault, not ours, so a 4xx without a stack trace in the log either.
            LOG.warn("Refused a malformed request {} {} from {}: {}", ctx.method(), ctx.path(), ctx.ip(),
                    rootMessage(e));
            // Part of the body may still be unread: say that this connection ends, so that the client
            // does not send its next request on it.
            ctx.header("Connection", "close");
            show(ctx, clientError, null, null);
            return;
        }
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("Unexpected error {} on {} {}", reference, ctx.method(), ctx.path(), e);
        show(ctx, 500, null, reference);
    }

    /** For statuses set without an exception (for example a path nothing answers). */
    public void status(Context ctx) {
        if (!Mallar.renderad(ctx) && (ctx.result() == null || ctx.result().isEmpty()
                || !String.valueOf(ctx.res().getContentType()).startsWith("text/html"))) {
            show(ctx, ctx.statusCode(), null, null);
        }
    }

    private void show(Context ctx, int status, String detail, String reference) {
        if (Mallar.renderad(ctx)) {
            // The page is already on its way; an error after it cannot replace it, only be logged (above).
            return;
        }
        Texter m = web.messages(ctx);
        String key = switch (status) {
            case 400, 401, 403, 404, 405, 413, 429 -> "fel." + status;
            default -> status >= 500 ? "fel.500" : "fel.400";
        };
        String text = detail != null ? detail : m.get(key);
        ctx.status(status);
        if (wantsJson(ctx)) {
            ctx.json(Map.of("status", status, "fel", text));
            return;
        }
        try {
            int rubrik = m.has("fel.rubrik." + status) ? status : status >= 500 ? 500 : 400;
            mallar.render(ctx, "fel/fel.jte", new ErrorPage(status, m.get("fel.rubrik." + rubrik), text, reference));
        } catch (RuntimeException renderFailure) {
            LOG.error("Could not render the error page", renderFailure);
            ctx.contentType("text/plain; charset=utf-8").result(text);
        }
        ctx.status(status);
    }

    /**
     * The page the service worker shows when a page is not saved and there is no network, one per language
     * ({@code /utan-nat?sprak=ar}). It is cached by the worker, so it holds nothing about who is logged in.
     */
    public void utanNat(Context ctx) {
        String sprak = ctx.queryParam("sprak");
        if (!Texter.supported(sprak)) {
            throw Felsvar.notFound(web.messages(ctx).get("fel.404"));
        }
        ctx.html(mallar.renderToString("fel/utan-nat.jte",
                Map.of("c", new Sidkontext(Texter.of(sprak), null, null, ctx.path(), null, web.zon()))));
    }

    /**
     * The 4xx status when Jetty found the request malformed while the app read it (form fields are read
     * lazily, so this surfaces inside our handlers, wrapped); 0 for every other error.
     */
    static int malformedRequestStatus(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.eclipse.jetty.http.HttpException http) {
                int code = http.getCode();
                return code >= 400 && code < 500 ? code : 0;
            }
        }
        return 0;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        return root.getClass().getSimpleName() + ": " + (message.length() > 200 ? message.substring(0, 200) : message);
    }

    /** Last resort when not even the template engine can be trusted. */
    public static void writeFatal(jakarta.servlet.http.HttpServletResponse response) {
        try {
            response.setStatus(500);
            response.setContentType("text/html; charset=utf-8");
            response.getWriter().write("<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\">"
                    + "<title>Något gick fel – FINSAM Planering</title></head><body><main><h1>Något gick fel hos oss"
                    + "</h1><p>Försök igen om en stund.</p><p><a href=\"/\">Till startsidan</a></p></main></body></html>");
        } catch (java.io.IOException | IllegalStateException ignored) {
            // the connection is gone; nothing more to do
        }
    }

    private static boolean wantsJson(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("application/json") && !accept.contains("text/html");
    }
}
