package bg.nrm.service.auth;

import bg.nrm.keys.password.PasswordHasher;
import bg.nrm.service.audit.AuditLog;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The one password check behind every local sign-in (the token route and the web form) and behind a password
 * change. Unknown user, wrong password, disabled account and expired one-time password give the same refusal after
 * the same work (an Argon2id verification always runs). Throttled by {@link SignInThrottle}; every failure is
 * audited (the username only when such an account exists: a mistyped password in the name field stays out of it).
 */
public final class SignIn {
    private static final int MAX_USERNAME = 64;

    private final UserStore users;
    private final PasswordHasher hasher;
    private final SignInThrottle throttle;
    private final AuditLog audit;
    private final Clock clock;
    // Argon2id takes ~19 MiB and tens of milliseconds: a few at a time, first come first served, so that a flood
    // cannot starve the others (and the throttle cuts a flood off after a few dozen tries anyway).
    private final Semaphore hashing = new Semaphore(4, true);

    public SignIn(UserStore users, PasswordHasher hasher, AuditLog audit, Clock clock) {
        this(users, hasher, SignInThrottle.standard(clock), audit, clock);
    }

    SignIn(UserStore users, PasswordHasher hasher, SignInThrottle throttle, AuditLog audit, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
    }

    /** The outcome of a check. */
    public sealed interface Result {
    }

    /** The password is right: {@code user} may sign in (only to change the password, if it asks for that). */
    public record Accepted(UserStore.User user) implements Result {
        public boolean passwordChangeRequired() {
            return user.passwordChangeRequired();
        }

        /** The caller to start a session for ({@link WebSessions#create}). */
        public Principal principal() {
            return new Principal(user.username(), user.role(), user.organisationId(), null, null,
                    user.passwordChangeRequired());
        }
    }

    /** Unknown user, wrong password, disabled or expired: always the same. */
    public record Refused() implements Result {
    }

    /** Too many failures from this source (for this account or in all): try again after {@code retryAfter}. */
    public record Throttled(Duration retryAfter) implements Result {
    }

    /** Checks a sign-in; audits success ({@code SIGN_IN}) and failure ({@code SIGN_IN_FAILED}). */
    public Result check(String username, String password, String sourceAddress) {
        Result r = verify(username, password, sourceAddress);
        if (r instanceof Accepted a) {
            audit.append(a.user().username(), "SIGN_IN", null, "from " + sourceAddress);
        }
        return r;
    }

    /** Checks the current password before a password change: same throttle and audit of failures, no SIGN_IN. */
    public Result checkCurrent(String username, String password, String sourceAddress) {
        return verify(username, password, sourceAddress);
    }

    private Result verify(String username, String password, String source) {
        if (username == null || password == null || username.length() > MAX_USERNAME
                || password.length() > 4 * PasswordPolicy.MAX_CHARS) {
            return new Refused();
        }
        Optional<Duration> wait = throttle.waitFor(username, source);
        if (wait.isPresent()) {
            return new Throttled(wait.get());
        }
        if (!acquire()) {
            return new Throttled(Duration.ofSeconds(1));
        }
        Optional<UserStore.User> user;
        boolean ok;
        char[] chars = PasswordPolicy.normalise(password).toCharArray();
        try {
            user = users.find(username);
            ok = hasher.verify(chars, user.map(UserStore.User::passwordHash).orElse(hasher.dummyHash()));
        } finally {
            hashing.release();
            java.util.Arrays.fill(chars, '\0');
        }
        long now = clock.millis();
        boolean usable = user.isPresent() && user.get().enabled()
                && (user.get().passwordExpiresAt() == null || now < user.get().passwordExpiresAt());
        if (ok && usable) {
            throttle.succeeded(username, source);
            return new Accepted(user.get());
        }
        boolean backOff = throttle.failed(username, source);
        audit.append(user.isPresent() ? username : "(unknown account)", "SIGN_IN_FAILED", null,
                "from " + source + (backOff ? "; further tries from there slowed down" : ""));
        return new Refused();
    }

    private boolean acquire() {
        try {
            return hashing.tryAcquire(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
