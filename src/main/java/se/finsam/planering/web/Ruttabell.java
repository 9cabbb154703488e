package se.finsam.planering.web;

import se.finsam.planering.atkomst.Atkomst;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Registers routes with Javalin and remembers them, so tests can check every route's access rule. A route whose
 * path has a parameter must say what the parameter names ({@link Atkomst}); otherwise it is not registered.
 */
public final class Ruttabell {

    public record Route(HandlerType method, String path, Set<RouteRole> roles, Atkomst atkomst) {
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    private final RoutesConfig routes;
    private final List<Route> all = new ArrayList<>();

    public Ruttabell(RoutesConfig routes) {
        this.routes = routes;
    }

    public Ruttabell get(String path, Handler handler, RouteRole... roles) {
        return add(HandlerType.GET, path, handler, null, roles);
    }

    public Ruttabell get(String path, Handler handler, Atkomst atkomst, RouteRole... roles) {
        return add(HandlerType.GET, path, handler, atkomst, roles);
    }

    public Ruttabell post(String path, Handler handler, RouteRole... roles) {
        return add(HandlerType.POST, path, handler, null, roles);
    }

    public Ruttabell post(String path, Handler handler, Atkomst atkomst, RouteRole... roles) {
        return add(HandlerType.POST, path, handler, atkomst, roles);
    }

    private Ruttabell add(HandlerType method, String path, Handler handler, Atkomst atkomst, RouteRole... roles) {
        List<String> utan = utanRegel(path, atkomst);
        if (!utan.isEmpty()) {
            throw new IllegalStateException(method + " " + path + " has path parameters without an access rule: "
                    + utan);
        }
        Set<RouteRole> withRule = new LinkedHashSet<>(List.of(roles));
        if (atkomst != null) {
            withRule.add(atkomst);
        }
        RouteRole[] declared = withRule.toArray(RouteRole[]::new);
        if (method == HandlerType.GET) {
            routes.get(path, handler, declared);
        } else {
            routes.post(path, handler, declared);
        }
        all.add(new Route(method, path, Set.of(roles), atkomst));
        return this;
    }

    /** The path parameters the rule does not cover. */
    public static List<String> utanRegel(String path, Atkomst atkomst) {
        List<String> utan = new ArrayList<>();
        Matcher m = PARAMETER.matcher(path);
        while (m.find()) {
            if (atkomst == null || !atkomst.tacker(m.group(1))) {
                utan.add(m.group(1));
            }
        }
        return utan;
    }

    public List<Route> all() {
        return List.copyOf(all);
    }
}
