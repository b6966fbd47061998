package bg.nrm.service.security;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.TreeSet;

/**
 * The routes an application really registers, read by handing its routing code a recording {@link HttpRouting.Builder}:
 * every {@code register(path, service)} is followed into the service's own {@code routing(rules)}, and every
 * {@code get/post/put/delete/route(method, path, …)} is written down as {@code "METHOD /full/path"}.
 */
final class RegisteredRoutes {
    private RegisteredRoutes() {
    }

    static Set<String> of(java.util.function.Consumer<HttpRouting.Builder> routing) {
        Set<String> routes = new TreeSet<>();
        routing.accept((HttpRouting.Builder) recorder(HttpRouting.Builder.class, "", routes));
        return routes;
    }

    private static Object recorder(Class<?> type, String prefix, Set<String> routes) {
        InvocationHandler[] self = new InvocationHandler[1];
        Object[] proxy = new Object[1];
        self[0] = (p, m, args) -> {
            String name = m.getName();
            Class<?>[] params = m.getParameterTypes();
            if (name.equals("register") && params.length == 2 && params[0] == String.class
                    && params[1] == HttpService[].class) {
                for (HttpService s : (HttpService[]) args[1]) {
                    s.routing((HttpRules) recorder(HttpRules.class, prefix + args[0], routes));
                }
                return p;
            }
            if (name.equals("register") && params.length == 1 && params[0] == HttpService[].class) {
                for (HttpService s : (HttpService[]) args[0]) {
                    s.routing((HttpRules) recorder(HttpRules.class, prefix, routes));
                }
                return p;
            }
            if (Set.of("get", "post", "put", "delete", "patch", "head", "options").contains(name)
                    && params.length == 2 && params[0] == String.class) {
                routes.add(name.toUpperCase() + " " + normalise(prefix + args[0]));
                return p;
            }
            if (name.equals("route") && params.length == 3 && params[0] == Method.class && params[1] == String.class) {
                routes.add(((Method) args[0]).text() + " " + normalise(prefix + args[1]));
                return p;
            }
            if (m.isDefault() && !name.equals("register")) {
                return InvocationHandler.invokeDefault(p, m, args);
            }
            if (name.equals("route")) {
                routes.add("UNKNOWN " + normalise(prefix) + " (a route the recorder cannot read)");
                return p;
            }
            if (m.getReturnType().isInstance(p)) {
                return p; // addFilter, error, security, …: not routes
            }
            if (name.equals("toString")) {
                return "RegisteredRoutes.recorder(" + prefix + ")";
            }
            if (name.equals("hashCode")) {
                return System.identityHashCode(p);
            }
            if (name.equals("equals")) {
                return p == args[0];
            }
            return null;
        };
        proxy[0] = Proxy.newProxyInstance(RegisteredRoutes.class.getClassLoader(), new Class<?>[] {type}, self[0]);
        return proxy[0];
    }

    private static String normalise(String path) {
        String p = path.replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
