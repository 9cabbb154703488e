package se.finsam.planering.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import gg.jte.resolve.DirectoryCodeResolver;
import io.javalin.http.Context;
import io.javalin.http.Header;
import java.nio.file.Path;
import java.util.Map;

/**
 * Renders JTE templates. In production the templates are precompiled into the jar; with
 * FINSAM_DEV=true they are read from src/main/jte and recompiled when they change.
 */
public final class Mallar {

    private final TemplateEngine engine;
    private final Webbkontext web;

    public Mallar(boolean devTemplates, Webbkontext web) {
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
     * The page is rendered whole first (a failing template still gets an error page) into this thread's
     * {@link Sidbuffert}, then written in one piece, compressed by {@link Gzip} when the browser takes it. The
     * server's output buffer holds a whole page, so it leaves in one write with its length.
     */
    private void html(Context ctx, String template, Map<String, Object> params) {
        Sidbuffert sida = Sidbuffert.ta();
        try {
            engine.render(template, params, sida);
            ctx.contentType("text/html; charset=utf-8");
            ctx.header(Header.VARY, Header.ACCEPT_ENCODING);
            ctx.attribute(RENDERAD, Boolean.TRUE);
            if (sida.langd() >= Gzip.MINSTA && Gzip.tas(ctx.header(Header.ACCEPT_ENCODING))) {
                // Set before the first write, so the general response compression leaves the page alone.
                ctx.header(Header.CONTENT_ENCODING, "gzip");
                Gzip.skriv(sida.bytes(), sida.langd(), ctx.outputStream());
            } else {
                ctx.outputStream().write(sida.bytes(), 0, sida.langd());
            }
        } catch (java.io.IOException klientenGick) {
            // The browser closed the connection; there is nobody left to answer.
            LOG.debug("Could not write {} to {}: {}", template, ctx.ip(), klientenGick.toString());
        } finally {
            sida.slapp();
        }
    }

    /** The request attribute saying that a page has been written to the response. */
    private static final String RENDERAD = "finsam.renderad";

    /** Whether this request's answer already holds a rendered page. */
    public static boolean renderad(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(RENDERAD));
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Mallar.class);

    /**
     * A template rendered now into bytes, to be written as they are wherever they are placed: for parts that
     * stay the same for many answers ({@link Fardigdelar}).
     */
    public byte[] fardig(String template, Map<String, Object> params) {
        Sidbuffert buffert = Sidbuffert.ta();
        try {
            engine.render(template, params, buffert);
            return java.util.Arrays.copyOf(buffert.bytes(), buffert.langd());
        } finally {
            buffert.slapp();
        }
    }

    public String renderToString(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        engine.render(template, params, out);
        return out.toString();
    }
}
