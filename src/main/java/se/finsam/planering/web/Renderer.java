package se.finsam.planering.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import gg.jte.output.Utf8ByteOutput;
import gg.jte.resolve.DirectoryCodeResolver;
import io.javalin.http.Context;
import io.javalin.http.Header;
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
     * The page is rendered whole first (a failing template still gets an error page), then gathered in this
     * thread's buffer ({@link #samla}) and written once, compressed by {@link Gzip} when the browser takes it.
     * A page larger than the buffer (a long staff list) is written piece by piece instead, with no copy of it
     * made. The server's output buffer holds a whole page, so it leaves in one write with its length.
     */
    private void html(Context ctx, String template, Map<String, Object> params) {
        Utf8ByteOutput out = new Utf8ByteOutput();
        engine.render(template, params, out);
        ctx.contentType("text/html; charset=utf-8");
        ctx.header(Header.VARY, Header.ACCEPT_ENCODING);
        ctx.attribute(RENDERAD, Boolean.TRUE);
        try {
            byte[] samlad = samla(out);
            if (out.getContentLength() >= Gzip.MINSTA && Gzip.tas(ctx.header(Header.ACCEPT_ENCODING))) {
                // Set before the first write, so the general response compression leaves the page alone.
                ctx.header(Header.CONTENT_ENCODING, "gzip");
                if (samlad != null) {
                    Gzip.skriv(samlad, out.getContentLength(), ctx.outputStream());
                } else {
                    Gzip.skriv(out, ctx.outputStream());
                }
            } else if (samlad != null) {
                ctx.outputStream().write(samlad, 0, out.getContentLength());
            } else {
                skriv(out, ctx.outputStream());
            }
        } catch (java.io.IOException klientenGick) {
            // The browser closed the connection; there is nobody left to answer.
            LOG.debug("Could not write {} to {}: {}", template, ctx.ip(), klientenGick.toString());
        }
    }

    /**
     * The response decides whether to compress on the length of its first write, so the first write carries
     * {@value #FORSTA_SKRIVNING} bytes (or the whole page when it is shorter); the rest follows piece by piece.
     */
    static void skriv(Utf8ByteOutput out, java.io.OutputStream os) throws java.io.IOException {
        byte[] forsta = new byte[Math.min(out.getContentLength(), FORSTA_SKRIVNING)];
        int[] fyllt = {0};
        if (forsta.length == 0) {
            return;
        }
        out.writeTo((data, start, langd) -> {
            int fran = start;
            int kvar = langd;
            if (fyllt[0] < forsta.length) {
                int n = Math.min(kvar, forsta.length - fyllt[0]);
                System.arraycopy(data, fran, forsta, fyllt[0], n);
                fyllt[0] += n;
                fran += n;
                kvar -= n;
                if (fyllt[0] == forsta.length) {
                    os.write(forsta, 0, forsta.length);
                }
            }
            if (kvar > 0) {
                os.write(data, fran, kvar);
            }
        });
    }

    /**
     * The page in one piece, in this thread's buffer, or null when it is larger than the buffer. The template
     * output is hundreds of pieces; handing each to the response (a lock and a copy each) cost a fifth of the
     * plan page, and one copy into a buffer kept per thread (the request threads are few) costs next to nothing.
     */
    static byte[] samla(Utf8ByteOutput out) throws java.io.IOException {
        if (out.getContentLength() > SAMLAD_MAX) {
            return null;
        }
        byte[] buffert = SAMLAD.get();
        int[] fyllt = {0};
        out.writeTo((data, start, langd) -> {
            System.arraycopy(data, start, buffert, fyllt[0], langd);
            fyllt[0] += langd;
        });
        return buffert;
    }

    private static final int SAMLAD_MAX = 64 * 1024;
    private static final ThreadLocal<byte[]> SAMLAD = ThreadLocal.withInitial(() -> new byte[SAMLAD_MAX]);

    /** More than the smallest answer that is compressed (1 500 bytes by default). */
    private static final int FORSTA_SKRIVNING = 4096;

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
