package se.finsam.planering.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Registers routes with Javalin and remembers them, so tests can check every route's access rule. */
public final class RouteTable {

    public record Route(HandlerType method, String path, Set<RouteRole> roles) {
    }

    private final RoutesConfig routes;
    private final List<Route> all = new ArrayList<>();

    public RouteTable(RoutesConfig routes) {
        this.routes = routes;
    }

    public RouteTable get(String path, Handler handler, RouteRole... roles) {
        routes.get(path, handler, roles);
        all.add(new Route(HandlerType.GET, path, Set.of(roles)));
        return this;
    }

    public RouteTable post(String path, Handler handler, RouteRole... roles) {
        routes.post(path, handler, roles);
        all.add(new Route(HandlerType.POST, path, Set.of(roles)));
        return this;
    }

    public List<Route> all() {
        return List.copyOf(all);
    }
}
