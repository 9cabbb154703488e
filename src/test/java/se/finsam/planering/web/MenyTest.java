package se.finsam.planering.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jsoup.nodes.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import se.finsam.planering.atkomst.Roll;
import se.finsam.planering.testsupport.AppTest;
import se.finsam.planering.testsupport.HttpSession;

/**
 * Every page of a role that takes no id can be found from that role's menu: it is a link in the page header (the
 * menu, Konto and the app's name) or a link on a page the header links to. The pages are those of the route table,
 * so a page added without a way to it fails here.
 */
class MenyTest extends AppTest {

    /**
     * GET routes that are not pages one goes to from the menu, and why. Besides these, files and data
     * ({@link #arFil}) are not pages.
     */
    static final Map<String, String> INTE_SIDOR = Map.of(
            "/health", "the health check for systemd and monitoring, not a page",
            "/logga-in", "the staff login page, for someone not logged in",
            "/logga-in/deltagare", "the participant's login page, for someone not logged in",
            "/aktivera", "the participant's first login with her activation code, before she has an account to use",
            "/aktivera/pin", "a step of the participant's first login (choosing a PIN), reached by redirect",
            "/nyckel/ny", "a step of logging in: the offer of a passkey right after a PIN login, reached by redirect",
            "/tvafaktor", "a step of logging in: the second factor, reached by redirect",
            "/tvafaktor/registrera", "a step of logging in: enrolling a second factor, reached by redirect (and from"
                    + " Konto while none is set up)",
            "/inbjudan", "accepting an invitation, opened from the link in it before the account has a password",
            "/utan-nat", "the page the service worker shows without network; it belongs to no role");

    /** Downloads and data, not pages: files (.csv, .xlsx, .ics, .json, .pdf) and the JSON API. */
    static boolean arFil(String path) {
        return path.startsWith("/api/") || path.matches(".*\\.(csv|xlsx|ics|json|pdf|webmanifest)$");
    }

    private static HttpSession inloggad(Roll roll) {
        HttpSession s = app.session();
        return switch (roll) {
            case DELTAGARE -> s.loginDeltagare();
            case HANDLAGGARE -> s.loginStaff("handlaggare");
            case TEAMREPRESENTANT -> s.loginStaff("teamrep.af");
            case KOORDINATOR -> s.loginStaff("koordinator");
            case STYRGRUPP -> s.loginStaff("styrgrupp");
            case ADMIN -> s.loginStaff("admin");
        };
    }

    /** The pages of the role in the route table: GET, no path parameter, open to the role, and a page. */
    private static Set<String> sidor(Roll roll) {
        Set<String> sidor = new TreeSet<>();
        for (Ruttabell.Route r : app.app().routes()) {
            boolean forRollen = r.roles().contains(roll) || r.roles().contains(Roll.Oppen.ALLA);
            if (r.method() == HandlerType.GET && !r.path().contains("{") && forRollen
                    && !INTE_SIDOR.containsKey(r.path()) && !arFil(r.path())) {
                sidor.add(r.path());
            }
        }
        return sidor;
    }

    /** The paths (no query, no fragment) of the links the selector finds that stay in the app. */
    private static List<String> lankar(Document sida, String css) {
        List<String> ut = new ArrayList<>();
        for (String href : sida.select(css).eachAttr("abs:href")) {
            URI uri = URI.create(href);
            if (uri.getHost() != null && uri.getPort() == app.port() && uri.getPath() != null) {
                ut.add(uri.getPath().isEmpty() ? "/" : uri.getPath());
            }
        }
        return ut;
    }

    @ParameterizedTest
    @EnumSource(Roll.class)
    void varjeSidaUtanIdNasFranMenyn(Roll roll) {
        HttpSession s = inloggad(roll);
        HttpResponse<String> rot = s.get("/");
        assertEquals(302, rot.statusCode());
        String start = rot.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> startsida = s.get(start);
        assertEquals(200, startsida.statusCode(), roll + " start page " + start);
        Document startDok = HttpSession.html(startsida);
        List<String> meny = lankar(startDok, "nav.meny a[href]");
        assertFalse(meny.isEmpty(), roll + " has a menu");

        Set<String> sidor = sidor(roll);
        // One click: the links in the header. Two clicks: the links on those pages.
        Set<String> ettKlick = new LinkedHashSet<>(lankar(startDok, "header.sidhuvud a[href]"));
        Set<String> natt = new TreeSet<>(ettKlick);
        for (String path : ettKlick) {
            if (!sidor.contains(path) || path.equals("/")) {
                continue;
            }
            HttpResponse<String> svar = s.get(path);
            assertEquals(200, svar.statusCode(), roll + ": the menu's link " + path + " works");
            natt.addAll(lankar(HttpSession.html(svar), "a[href]"));
        }
        Set<String> saknas = new TreeSet<>(sidor);
        saknas.removeAll(natt);
        assertEquals(Set.of(), saknas, roll + ": pages of the role that no link from the menu reaches"
                + " (menu: " + meny + ")");
        for (String path : sidor) {
            if (!ettKlick.contains(path) && !path.equals("/")) {
                assertEquals(200, s.get(path).statusCode(), roll + ": " + path + " opens");
            }
        }
        assertTrue(sidor.size() >= 2, roll + " has pages: " + sidor);
    }
}
