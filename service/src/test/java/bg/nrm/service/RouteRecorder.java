package bg.nrm.service;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Reads the routes an application registers by running its real routing code against a builder that records
 * instead of building: every {@code register(path, service)} runs the service's own {@code routing(rules)} with
 * rules that note each method and path. So the list comes from the code that serves requests, not from a copy of
 * it. A kind of registration it cannot read (a route given as a ready {@code HttpRoute} or a path matcher) fails
 * loudly rather than going unnoticed. Used by the API reference test and the route × role test.
 */
public final class RouteRecorder {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "head", "options", "trace",
            "patch", "any");

    private final Set<String> routes = new TreeSet<>();

    /** The routes {@code routing} registers, each as {@code "GET /api/v1/x/{id}"}. */
    public static Set<String> routesOf(Consumer<HttpRouting.Builder> routing) {
        RouteRecorder recorder = new RouteRecorder();
        routing.accept(recorder.rules(HttpRouting.Builder.class, ""));
        return recorder.routes;
    }

    private <T extends HttpRules> T rules(Class<T> type, String prefix) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            Object[] a = args == null ? new Object[0] : args;
            if (METHODS.contains(name)) {
                add(name.toUpperCase(Locale.ROOT), prefix + (a.length > 0 && a[0] instanceof String p ? p : ""));
            } else if (name.equals("route") && a.length >= 2 && a[0] instanceof Method m) {
                add(m.text(), prefix + (a[1] instanceof String p ? p : ""));
            } else if (name.equals("route")) {
                throw new AssertionError("RouteRecorder cannot read a route registered as " + method
                        + "; teach it this kind, or register with get/post/put/... and a path");
            } else if (name.equals("register")) {
                register(prefix, a);
            } else if (method.getReturnType().isInstance(proxy)) {
                return proxy; // filters, error handlers, features: not routes
            } else if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            } else {
                throw new AssertionError("RouteRecorder does not support " + method);
            }
            return proxy;
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private void register(String prefix, Object[] args) {
        String path = args.length > 0 && args[0] instanceof String p ? p : "";
        for (Object arg : args) {
            for (Object service : arg instanceof Object[] many ? List.of(many) : arg instanceof List<?> list ? list : List.of(arg)) {
                if (service instanceof HttpService s) {
                    s.routing(rules(HttpRules.class, prefix + path));
                } else if (service instanceof Supplier<?> supplier && supplier.get() instanceof HttpService s) {
                    s.routing(rules(HttpRules.class, prefix + path));
                }
            }
        }
    }

    private void add(String method, String path) {
        String joined = path.replaceAll("/+", "/");
        String p = joined.endsWith("/") && joined.length() > 1 ? joined.substring(0, joined.length() - 1) : joined;
        routes.add(method + " " + (p.isEmpty() ? "/" : p));
    }
}
