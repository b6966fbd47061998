package bg.nrm.service.web;

import bg.nrm.service.auth.Principal;
import bg.nrm.service.auth.Role;
import bg.nrm.service.auth.WebSessions;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/**
 * Browser sessions for the pages. This filter finds the session of each request (cookie {@code nrm_session}) and
 * refuses posts from another site before any handler runs; handlers then check the form's {@code _csrf} field with
 * {@link #checkCsrf}. Deny by default is {@link Web#guard}: every page handler is wrapped by it, and it admits only
 * a signed-in user (or sends the browser to sign-in); only sign-in and the language switch use {@link Web#open}.
 * Unknown addresses stay 404, as for the API.
 */
public final class WebAuth implements Filter {
    private final WebSessions sessions;

    public WebAuth(WebSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        if (path.startsWith("/api/") || path.startsWith("/observe/") || path.startsWith("/assets/")) {
            chain.proceed();
            return;
        }
        if (req.prologue().method() != Method.GET && req.prologue().method() != Method.HEAD && !sameOrigin(req)) {
            res.status(Status.FORBIDDEN_403).send();
            return;
        }
        session(req).ifPresent(s -> req.context().register(s));
        chain.proceed();
    }

    /** The browser session of this request, if any (finding it counts as activity for the idle timeout). */
    public Optional<WebSessions.Session> session(ServerRequest req) {
        return WebSessions.cookieValue(req).flatMap(sessions::find);
    }

    /**
     * The signed-in user, who must hold one of {@code roles}; otherwise a 403 page. The filter has already sent
     * anyone without a session to sign-in.
     */
    public static Principal require(ServerRequest req, Role... roles) {
        WebSessions.Session s = req.context().get(WebSessions.Session.class).orElseThrow(() -> new PageException(401));
        if (Arrays.stream(roles).noneMatch(r -> r == s.principal().role())) {
            throw new PageException(403);
        }
        return s.principal();
    }

    /** Refuses a form whose {@code _csrf} field does not match the session's token (compared in constant time). */
    public static void checkCsrf(ServerRequest req, String submitted) {
        WebSessions.Session s = req.context().get(WebSessions.Session.class).orElseThrow(() -> new PageException(401));
        if (!WebSessions.csrfMatches(s, submitted)) {
            throw new PageException(403);
        }
    }

    // A page post must come from a page of this service. Browsers say where a request comes from in Sec-Fetch-Site;
    // Origin is "null" under our Referrer-Policy (no-referrer), so it counts only when it names another host. Without
    // either header (old browsers, tests without a browser) the CSRF token alone decides.
    private static boolean sameOrigin(RoutingRequest req) {
        Optional<String> site = req.headers().first(HeaderNames.create("Sec-Fetch-Site"));
        if (site.isPresent()) {
            return site.get().equals("same-origin") || site.get().equals("none");
        }
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN).filter(o -> !o.equals("null"));
        if (origin.isEmpty()) {
            return true;
        }
        try {
            URI o = URI.create(origin.get());
            String host = req.headers().first(HeaderNames.HOST).orElse("");
            String originHost = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return host.equalsIgnoreCase(originHost);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
