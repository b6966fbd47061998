package bg.nrm.service.auth;

import bg.nrm.keys.password.PasswordHasher;
import bg.nrm.service.audit.AuditLog;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The sign-in check shared by the token endpoint and the sign-in page: an unknown user and a wrong password answer
 * the same and cost the same (a dummy hash is verified for unknown users); failures are rate-limited per username.
 */
public final class SignIn {
    private static final int MAX_USERNAME = 64;

    private final UserStore users;
    private final PasswordHasher hasher;
    private final RateLimiter failures;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration ttl;

    public SignIn(UserStore users, PasswordHasher hasher, RateLimiter failures, AuditLog audit, Clock clock, Duration ttl) {
        this.users = users;
        this.hasher = hasher;
        this.failures = failures;
        this.audit = audit;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** What a sign-in attempt came to. */
    public enum Outcome { SIGNED_IN, BAD_CREDENTIALS, TOO_MANY_ATTEMPTS }

    /** The result: the principal when signed in. */
    public record Result(Outcome outcome, Principal principal) {
    }

    public Result check(String username, char[] password, String sourceAddress) {
        try {
            if (username == null || username.isBlank() || username.length() > MAX_USERNAME
                    || !failures.hasCapacity(username)) {
                return new Result(username != null && username.length() <= MAX_USERNAME && !username.isBlank()
                        ? Outcome.TOO_MANY_ATTEMPTS : Outcome.BAD_CREDENTIALS, null);
            }
            Optional<UserStore.User> user = users.find(username);
            boolean ok = hasher.verify(password, user.map(UserStore.User::passwordHash).orElse(hasher.dummyHash()));
            if (!ok || user.isEmpty()) {
                failures.tryAcquire(username);
                return new Result(Outcome.BAD_CREDENTIALS, null);
            }
            UserStore.User u = user.get();
            audit.append(u.username(), "SIGN_IN", null, "web");
            return new Result(Outcome.SIGNED_IN,
                    new Principal(u.username(), u.role(), u.organisationId(), clock.instant().plus(ttl)));
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
