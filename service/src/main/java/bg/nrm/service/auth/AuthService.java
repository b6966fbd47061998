package bg.nrm.service.auth;

import bg.nrm.keys.password.PasswordHasher;
import bg.nrm.service.audit.AuditLog;
import bg.nrm.service.http.Bodies;
import bg.nrm.service.http.ProblemException;
import bg.nrm.service.metrics.Meters;
import bg.nrm.service.store.Database;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Clock;

/**
 * {@code /api/v1/auth}: local sign-in ({@code POST /token}), sign-out ({@code POST /logout}) and changing one's own
 * password ({@code POST /password}). Sign-in goes through {@link SignIn}: the same refusal for every kind of bad
 * credential, throttling per source and per account from that source, {@code Retry-After} on every 429.
 */
public final class AuthService implements HttpService {
    private static final int MAX_BODY = 4096;

    private final SignIn signIn;
    private final Credentials credentials;
    private final ClientAddress clientAddress;
    private final PasswordHasher hasher;
    private final Database db;
    private final AuditLog audit;
    private final Clock clock;

    public AuthService(SignIn signIn, Credentials credentials, ClientAddress clientAddress, PasswordHasher hasher,
                       Database db, AuditLog audit, Clock clock) {
        this.signIn = signIn;
        this.credentials = credentials;
        this.clientAddress = clientAddress;
        this.hasher = hasher;
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** The sign-in request body. */
    public record SignInRequest(String username, String password) {
    }

    /**
     * The sign-in response body (OAuth 2.0 token response field names); {@code passwordChangeRequired} is true after
     * a sign-in with a one-time password, whose token serves only {@code POST /api/v1/auth/password}.
     */
    public record TokenResponse(String access_token, String token_type, long expires_in,
                                boolean passwordChangeRequired) {
    }

    /** The password change request body. */
    public record PasswordChange(String currentPassword, String newPassword) {
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/token", this::handleToken)
                .post("/logout", this::handleLogout)
                .post("/password", this::handlePassword);
    }

    private void handleToken(ServerRequest req, ServerResponse res) {
        SignInRequest creds = Bodies.readJson(req, MAX_BODY, SignInRequest.class);
        if (creds.username() == null || creds.username().isBlank()) {
            throw ProblemException.badRequest("username", "required");
        }
        if (creds.password() == null) {
            throw ProblemException.badRequest("password", "required");
        }
        UserStore.User user = accepted(signIn.check(creds.username(), creds.password(), clientAddress.of(req)));
        AccessTokens.Issued issued = credentials.tokens().issue(user);
        Bodies.json(res, new TokenResponse(issued.token(), "Bearer", issued.lifetime().toSeconds(),
                user.passwordChangeRequired()));
    }

    private void handleLogout(ServerRequest req, ServerResponse res) {
        Principal p = req.context().get(Principal.class).orElseThrow(ProblemException::unauthorized);
        String credential = p.credential() == null ? "" : p.credential();
        if (credential.startsWith("session:")) {
            WebSessions.cookieValue(req).ifPresent(credentials.sessions()::end);
            res.header(HeaderNames.SET_COOKIE, credentials.sessions().clearCookie());
        } else if (credential.startsWith("token:") || credential.startsWith("oidc:")) {
            credentials.tokens().revoke(credential.substring(credential.indexOf(':') + 1), p.username(),
                    p.expiresAt());
        }
        audit.append(p.username(), "SIGN_OUT", null, null);
        res.status(Status.NO_CONTENT_204).send();
    }

    private void handlePassword(ServerRequest req, ServerResponse res) {
        Principal p = req.context().get(Principal.class).orElseThrow(ProblemException::unauthorized);
        PasswordChange change = Bodies.readJson(req, MAX_BODY, PasswordChange.class);
        if (change.currentPassword() == null) {
            throw ProblemException.badRequest("currentPassword", "required");
        }
        PasswordPolicy.problem(change.newPassword(), p.username())
                .ifPresent(m -> {
                    throw ProblemException.badRequest("newPassword", m);
                });
        SignIn.Result check = signIn.checkCurrent(p.username(), change.currentPassword(), clientAddress.of(req));
        if (check instanceof SignIn.Throttled t) {
            throw ProblemException.tooManyRequests(t.retryAfter());
        }
        if (!(check instanceof SignIn.Accepted)) {
            throw ProblemException.badRequest("currentPassword", "грешна парола / wrong password");
        }
        if (change.newPassword().equals(change.currentPassword())) {
            throw ProblemException.badRequest("newPassword", "новата парола трябва да е различна / "
                    + "the new password must differ from the current one");
        }
        char[] chars = PasswordPolicy.normalise(change.newPassword()).toCharArray();
        String hash;
        try {
            hash = hasher.hash(chars);
        } finally {
            java.util.Arrays.fill(chars, '\0');
        }
        long now = clock.millis();
        db.inTransaction(c -> {
            UserStore.setPassword(c, p.username(), hash, false, null, now);
            audit.append(c, p.username(), "PASSWORD_CHANGED", p.username(), null);
            return null;
        });
        // Every other token, session and stream of the account ends; the caller signs in again with the new one.
        credentials.endAllFor(p.username());
        res.status(Status.NO_CONTENT_204).send();
    }

    /** The account of an accepted sign-in; 429 with {@code Retry-After}, or the one 401, otherwise. */
    static UserStore.User accepted(SignIn.Result result) {
        return switch (result) {
            case SignIn.Accepted a -> a.user();
            case SignIn.Throttled t -> {
                Meters.signInFailure(Meters.SignInFailure.RATE_LIMITED);
                throw ProblemException.tooManyRequests(t.retryAfter());
            }
            case SignIn.Refused r -> {
                Meters.signInFailure(Meters.SignInFailure.BAD_CREDENTIALS);
                throw ProblemException.badCredentials();
            }
        };
    }

}
