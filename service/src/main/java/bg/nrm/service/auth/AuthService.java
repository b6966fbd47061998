package bg.nrm.service.auth;

import bg.nrm.keys.password.PasswordHasher;
import bg.nrm.keys.token.TokenClaims;
import bg.nrm.keys.token.TokenService;
import bg.nrm.service.audit.AuditLog;
import bg.nrm.service.http.Bodies;
import bg.nrm.service.http.ProblemException;
import bg.nrm.service.metrics.Meters;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /api/v1/auth/token}: local sign-in. An unknown user and a wrong password answer the same, and take
 * the same time (a dummy hash is checked for unknown users). Failed attempts are rate-limited per username and in
 * all; failures are not audited one by one (the limiter bounds them), successes are.
 */
public final class AuthService implements HttpService {
    private static final int MAX_BODY = 4096;
    private static final int MAX_USERNAME = 64;
    private static final String ALL = "all";
    private final Semaphore hashing = new Semaphore(4);

    private final UserStore users;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final Duration ttl;
    private final RateLimiter signInLimiter;
    private final RateLimiter allFailures;
    private final AuditLog audit;

    public AuthService(UserStore users, PasswordHasher hasher, TokenService tokens, Duration ttl,
                       RateLimiter signInLimiter, RateLimiter allFailures, AuditLog audit) {
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.ttl = ttl;
        this.signInLimiter = signInLimiter;
        this.allFailures = allFailures;
        this.audit = audit;
    }

    /** The sign-in request body. */
    public record Credentials(String username, String password) {
    }

    /** The sign-in response body (OAuth 2.0 token response field names). */
    public record TokenResponse(String access_token, String token_type, long expires_in) {
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/token", this::handleToken);
    }

    private void handleToken(ServerRequest req, ServerResponse res) {
        Credentials creds = Bodies.readJson(req, MAX_BODY, Credentials.class);
        if (creds.username() == null || creds.username().isBlank() || creds.password() == null) {
            throw ProblemException.badRequest(creds.username() == null || creds.username().isBlank()
                    ? "username" : "password", "required");
        }
        // Only failures count against a username, so that nobody can lock a duty officer out by guessing: past the
        // limit, even the right password is refused until the bucket refills.
        if (creds.username().length() > MAX_USERNAME || !signInLimiter.hasCapacity(creds.username())
                || !allFailures.hasCapacity(ALL)) {
            Meters.signInFailure(Meters.SignInFailure.RATE_LIMITED);
            throw ProblemException.tooManyRequests();
        }
        UserStore.User user = authenticate(creds).orElseThrow(() -> {
            signInLimiter.tryAcquire(creds.username());
            allFailures.tryAcquire(ALL);
            Meters.signInFailure(Meters.SignInFailure.BAD_CREDENTIALS);
            return ProblemException.badCredentials();
        });
        String token = tokens.issue(new TokenClaims(user.username(), user.organisationId(), user.role().name(),
                null, null, null), ttl);
        audit.append(user.username(), "SIGN_IN", null, null);
        Bodies.json(res, new TokenResponse(token, "Bearer", ttl.toSeconds()));
    }

    private Optional<UserStore.User> authenticate(Credentials creds) {
        char[] password = creds.password().toCharArray();
        // Argon2id takes ~19 MiB and tens of milliseconds: a few at a time, so sign-in floods cannot starve the rest.
        try {
            if (!hashing.tryAcquire(5, TimeUnit.SECONDS)) {
                throw ProblemException.tooManyRequests();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.tooManyRequests();
        }
        try {
            Optional<UserStore.User> user = users.find(creds.username());
            boolean ok = hasher.verify(password, user.map(UserStore.User::passwordHash).orElse(hasher.dummyHash()));
            return ok ? user : Optional.empty();
        } finally {
            hashing.release();
            Arrays.fill(password, '\0');
        }
    }
}
