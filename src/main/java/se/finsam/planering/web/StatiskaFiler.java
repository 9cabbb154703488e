package se.finsam.planering.web;

import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.staticfiles.ResourceHandler;
import io.javalin.http.staticfiles.StaticFileConfig;
import io.javalin.security.RouteRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import se.finsam.planering.atkomst.Roll;

/**
 * The app's own files (style, scripts, icons, manifest, service worker) from the {@code web} folder, for everyone,
 * revalidated on each use ({@code no-cache}) with an ETag, compressed per answer like any other.
 *
 * <p>Written here rather than taken from Javalin: Jetty's resource handler serves a folder in the jar by mounting
 * the whole jar as a zip file system (17 000 entries, some 7 MB of a 128 MB heap per mount, and Javalin makes two),
 * and Javalin's own class-path handler opens the jar anew for each length and date it asks. From the jar each file
 * is read once and kept (about 100 kB in all); only names with a known extension under the folder are looked up,
 * so a path can neither leave it nor grow the cache. In development ({@code FINSAM_DEV}) they are read from disk on
 * every request, so an edit shows at once.
 */
public final class StatiskaFiler implements ResourceHandler {

    /** Segments of letters, digits, '.', '_' and '-', none starting with a dot: no "..", no encoded characters. */
    private static final Pattern SOKVAG = Pattern.compile("(?:/[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}){1,5}");

    private static final Map<String, String> TYPER = Map.of(
            "css", "text/css",
            "js", "text/javascript",
            "png", "image/png",
            "svg", "image/svg+xml",
            "ico", "image/x-icon",
            "txt", "text/plain",
            "json", "application/json",
            "webmanifest", "application/manifest+json",
            "woff2", "font/woff2");

    private static final Set<RouteRole> ALLA = Set.of(Roll.Oppen.ALLA);

    /** A file as it is sent. */
    record Fil(byte[] innehall, String typ, String etag) {
    }

    private final Path katalog;
    private final Map<String, Fil> lasta = new ConcurrentHashMap<>();

    /** Files from the class path's {@code /web}, or, with a folder, from that folder on every request. */
    public StatiskaFiler(Path utvecklingskatalog) {
        this.katalog = utvecklingskatalog;
    }

    @Override
    public boolean canHandle(Context ctx) {
        return fil(ctx.path()) != null;
    }

    @Override
    public boolean handle(Context ctx) {
        Fil fil = fil(ctx.path());
        if (fil == null) {
            return false;
        }
        ctx.header(Header.CACHE_CONTROL, "no-cache");
        ctx.header(Header.ETAG, fil.etag());
        if (matchar(ctx.header(Header.IF_NONE_MATCH), fil.etag())) {
            ctx.status(304);
            return true;
        }
        ctx.contentType(fil.typ());
        ctx.result(fil.innehall());
        return true;
    }

    @Override
    public boolean addStaticFileConfig(StaticFileConfig config) {
        throw new UnsupportedOperationException("The app's files are served from its web folder only");
    }

    @Override
    public Set<RouteRole> resourceRouteRoles(Context ctx) {
        return fil(ctx.path()) != null ? ALLA : Set.of();
    }

    /** The file at this request path, or null when there is none (or the path is not one we serve). */
    Fil fil(String sokvag) {
        if (sokvag == null || !SOKVAG.matcher(sokvag).matches()) {
            return null;
        }
        int punkt = sokvag.lastIndexOf('.');
        String typ = punkt < sokvag.lastIndexOf('/') ? null : TYPER.get(sokvag.substring(punkt + 1));
        if (typ == null) {
            return null;
        }
        if (katalog != null) {
            return las(typ, franDisk(sokvag));
        }
        Fil fil = lasta.get(sokvag);
        if (fil == null) {
            fil = las(typ, franJar(sokvag));
            if (fil != null) {
                lasta.putIfAbsent(sokvag, fil);
            }
        }
        return fil;
    }

    private byte[] franJar(String sokvag) {
        try (InputStream in = StatiskaFiler.class.getResourceAsStream("/web" + sokvag)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read /web" + sokvag + " from the jar", e);
        }
    }

    private byte[] franDisk(String sokvag) {
        Path fil = katalog.resolve(sokvag.substring(1));
        try {
            return Files.isRegularFile(fil) ? Files.readAllBytes(fil) : null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + fil, e);
        }
    }

    private static Fil las(String typ, byte[] innehall) {
        if (innehall == null) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(innehall);
        return new Fil(innehall, typ, "W/\"" + Long.toHexString(crc.getValue()) + "-"
                + Integer.toHexString(innehall.length) + "\"");
    }

    /** Whether If-None-Match (one tag, a list, or *) names this tag; weak comparison, as for GET. */
    static boolean matchar(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String utan = etag.substring(2);
        for (String tagg : ifNoneMatch.split(",")) {
            String t = tagg.strip();
            if (t.equals("*") || t.equals(etag) || t.equals(utan) || (t.startsWith("W/") && t.substring(2).equals(utan))) {
                return true;
            }
        }
        return false;
    }
}
