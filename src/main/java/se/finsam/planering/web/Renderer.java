package se.finsam.planering.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
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
    }

    /** Renders a template whose parameters are {@code c} (the page context) and {@code page} (its model). */
    public void render(Context ctx, String template, Object page) {
        ctx.html(renderToString(template, Map.of("c", web.pageContext(ctx), "page", page)));
    }

    /** Renders a template that only needs the page context. */
    public void render(Context ctx, String template) {
        ctx.html(renderToString(template, Map.of("c", web.pageContext(ctx))));
    }

    public String renderToString(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        engine.render(template, params, out);
        return out.toString();
    }
}
