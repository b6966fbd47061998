package bg.nrm.service.auth;

import bg.nrm.service.http.ProblemException;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.util.Optional;
import java.util.Set;

/**
 * Deny by default: every {@code /api/} request needs a valid bearer token or browser session, except the few public
 * routes, and {@code /observe/metrics} needs an administrator's; {@code /observe/health}, {@code /openapi} and the API
 * reference page {@code /api/docs} are open to all.
 *
 * <ul>
 *   <li>{@code Authorization: Bearer …}: the service's own token (its id must be recorded and not revoked), or one
 *       from the configured OpenID provider.</li>
 *   <li>No {@code Authorization} header but the {@value WebSessions#COOKIE} cookie: the browser session. A
 *       state-changing request (not GET, HEAD, OPTIONS) must then carry {@value WebSessions#CSRF_HEADER} equal to
 *       the session's CSRF token, or it is refused with 403.</li>
 *   <li>A caller signed in with a one-time password may only change it ({@code POST /api/v1/auth/password}).</li>
 * </ul>
 * The verified caller is put in the request context for {@link Access} to check role and organisation (and the
 * {@link WebSessions.Session}, when there is one). Every response also carries the usual hardening headers.
 */
public final class AuthFilter implements Filter {
    /** Routes under {@code /api/} that need no sign-in. */
    public static final Set<String> PUBLIC = Set.of("/api/v1/auth/token", "/api/v1/service-key");
    static final String PASSWORD_CHANGE = "/api/v1/auth/password";
    private static final Set<Method> SAFE = Set.of(Method.GET, Method.HEAD, Method.OPTIONS);
    private static final String BEARER = "Bearer ";
    private static final Header NOSNIFF = HeaderValues.create("X-Content-Type-Options", "nosniff");
    private static final Header NO_FRAMES = HeaderValues.create("X-Frame-Options", "DENY");
    private static final Header NO_REFERRER = HeaderValues.create("Referrer-Policy", "no-referrer");

    private final Credentials credentials;
    private final RateLimiter perAccount;

    public AuthFilter(Credentials credentials, RateLimiter perAccount) {
        this.credentials = credentials;
        this.perAccount = perAccount;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        res.header(NOSNIFF);
        res.header(NO_FRAMES);
        res.header(NO_REFERRER);
        String path = req.path().path();
        boolean metrics = path.startsWith("/observe/metrics");
        if (!(path.startsWith("/api/") || metrics) || PUBLIC.contains(path) || isApiReference(path)) {
            chain.proceed();
            return;
        }
        Optional<String> authorization = req.headers().first(HeaderNames.AUTHORIZATION);
        Principal principal;
        if (authorization.isPresent()) {
            principal = bearer(authorization.get()).orElseThrow(ProblemException::unauthorized);
        } else {
            WebSessions.Session session = WebSessions.cookieValue(req).flatMap(credentials.sessions()::find)
                    .orElseThrow(ProblemException::unauthorized);
            if (!SAFE.contains(req.prologue().method())
                    && !WebSessions.csrfMatches(session, req.headers().first(WebSessions.CSRF_HEADER_NAME).orElse(null))) {
                throw ProblemException.forbidden("the " + WebSessions.CSRF_HEADER + " header is missing or wrong");
            }
            req.context().register(session);
            principal = session.principal();
        }
        if (principal.passwordChangeRequired()
                && !(path.equals(PASSWORD_CHANGE) && req.prologue().method() == Method.POST)) {
            throw ProblemException.forbidden("change your one-time password first (POST " + PASSWORD_CHANGE + ")");
        }
        if (metrics && principal.role() != Role.ADMIN) {
            throw ProblemException.forbidden("metrics are for administrators");
        }
        if (!perAccount.tryAcquire(principal.username())) {
            throw ProblemException.tooManyRequests(perAccount.interval());
        }
        req.context().register(principal);
        chain.proceed();
    }

    // The API reference page and its scripts and styles are public, like the document at /openapi they render.
    private static boolean isApiReference(String path) {
        return path.equals("/api/docs") || path.startsWith("/api/docs/");
    }

    private Optional<Principal> bearer(String header) {
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = header.substring(BEARER.length()).trim();
        return token.isEmpty() ? Optional.empty() : credentials.bearer(token);
    }
}
