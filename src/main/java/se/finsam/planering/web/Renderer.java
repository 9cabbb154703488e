package se.finsam.planering.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import gg.jte.output.Utf8ByteOutput;
import gg.jte.resolve.DirectoryCodeResolver;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.util.Map;

/**
 * Renders JTE templates. In production the templates are precompiled into the jar; with
 * FINSAM_DEV=true they are read from src/main/jte and recompiled when they change.
 */
public final class Renderer {

    private final TemplateEngine engine;
    private final WebContext web;

    public Renderer(boolean devTemplates, WebContext web) {
        this.web = web;
        this.engine = devTemplates
                ? TemplateEngine.create(new DirectoryCodeResolver(Path.of("src/main/jte")),
                        Path.of("target/jte-dev-classes"), ContentType.Html)
                : TemplateEngine.createPrecompiled(ContentType.Html);
        // The templates' fixed text is kept as UTF-8 bytes (the build's binaryStaticContent) and copied as
        // such into the answer, instead of being encoded again for every page.
        engine.setBinaryStaticContent(true);
        // Lines that hold only @if, @for and the like leave no blank space in the page.
        engine.setTrimControlStructures(true);
    }

    /** Renders a template whose parameters are {@code c} (the page context) and {@code page} (its model). */
    public void render(Context ctx, String template, Object page) {
        html(ctx, template, Map.of("c", web.pageContext(ctx), "page", page));
    }

    /** Renders a template that only needs the page context. */
    public void render(Context ctx, String template) {
        html(ctx, template, Map.of("c", web.pageContext(ctx)));
    }

    /**
     * The page is rendered whole first (a failing template still gets an error page), then its pieces are
     * written straight to the response: no copy into one array, no copy buffer per answer. The server's
     * output buffer holds a whole page, so it leaves in one write with its length.
     */
    private void html(Context ctx, String template, Map<String, Object> params) {
        Utf8ByteOutput out = new Utf8ByteOutput();
        engine.render(template, params, out);
        ctx.contentType("text/html; charset=utf-8");
        ctx.attribute(RENDERAD, Boolean.TRUE);
        try {
            out.writeTo(ctx.outputStream());
        } catch (java.io.IOException klientenGick) {
            // The browser closed the connection; there is nobody left to answer.
            LOG.debug("Could not write {} to {}: {}", template, ctx.ip(), klientenGick.toString());
        }
    }

    /** The request attribute saying that a page has been written to the response. */
    private static final String RENDERAD = "finsam.renderad";

    /** Whether this request's answer already holds a rendered page. */
    public static boolean renderad(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(RENDERAD));
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Renderer.class);

    public String renderToString(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        engine.render(template, params, out);
        return out.toString();
    }
}
