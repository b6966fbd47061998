package bg.nrm.service.auth;

import bg.nrm.keys.token.InvalidTokenException;
import bg.nrm.keys.token.TokenClaims;
import bg.nrm.keys.token.TokenService;
import bg.nrm.service.http.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.util.Optional;
import java.util.Set;

/**
 * Deny by default: every {@code /api/} request needs a valid bearer token, except the few public routes, and
 * {@code /observe/metrics} needs an administrator's; only {@code /observe/health} is open to all. The
 * verified caller is put in the request context for {@link Access} to check role and organisation. (The hardening
 * headers are {@code SecurityHeaders}'.)
 */
public final class AuthFilter implements Filter {
    private static final Set<String> PUBLIC = Set.of("/api/v1/auth/token", "/api/v1/service-key");
    private static final String BEARER = "Bearer ";

    private final TokenService tokens;
    private final RateLimiter perAccount;

    public AuthFilter(TokenService tokens, RateLimiter perAccount) {
        this.tokens = tokens;
        this.perAccount = perAccount;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        boolean metrics = path.startsWith("/observe/metrics");
        if (!(path.startsWith("/api/") || metrics) || PUBLIC.contains(path)) {
            chain.proceed();
            return;
        }
        Principal principal = authenticate(req.headers().first(HeaderNames.AUTHORIZATION))
                .orElseThrow(ProblemException::unauthorized);
        if (metrics && principal.role() != Role.ADMIN) {
            throw ProblemException.forbidden("metrics are for administrators");
        }
        if (!perAccount.tryAcquire(principal.username())) {
            throw ProblemException.tooManyRequests();
        }
        req.context().register(principal);
        chain.proceed();
    }

    private Optional<Principal> authenticate(Optional<String> header) {
        if (header.isEmpty() || !header.get().regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        try {
            TokenClaims claims = tokens.verify(header.get().substring(BEARER.length()).trim());
            return Optional.of(new Principal(claims.subject(), Role.valueOf(claims.role()), claims.organisationId(),
                    claims.expiresAt()));
        } catch (InvalidTokenException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
