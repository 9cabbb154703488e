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

    private void html(Context ctx, String template, Map<String, Object> params) {
        Utf8ByteOutput out = new Utf8ByteOutput();
        engine.render(template, params, out);
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(out.toByteArray());
    }

    public String renderToString(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        engine.render(template, params, out);
        return out.toString();
    }
}
