package bg.nrm.service.http;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Thrown by handlers to answer with a problem document; mapped once, centrally, by {@link ErrorMapping}.
 * The message is safe to show: it names fields and rules, never input values or personal data.
 */
public final class ProblemException extends RuntimeException {
    private static final String BASE = "https://nrm.example.bg/problems/";

    private final transient Problem problem;
    private final transient Duration retryAfter;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    private ProblemException(Problem problem, Duration retryAfter) {
        super(problem.title(), null, false, false);
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public Problem problem() {
        return problem;
    }

    /** How long the client should wait before trying again (sent as {@code Retry-After}); only for 429 and 503. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public static ProblemException validation(List<Problem.FieldProblem> errors) {
        return new ProblemException(new Problem(BASE + "validation", "The request is not valid", 400,
                errors.size() + " field(s) are wrong; see errors", List.copyOf(errors)));
    }

    public static ProblemException badRequest(String field, String message) {
        return validation(List.of(new Problem.FieldProblem(field, message)));
    }

    public static ProblemException malformedJson() {
        return new ProblemException(new Problem(BASE + "malformed-json", "The body is not well-formed JSON", 400,
                "the request body could not be parsed as JSON", null));
    }

    public static ProblemException unauthorized() {
        return new ProblemException(new Problem(BASE + "unauthorized", "Authentication required", 401,
                "a valid bearer token is required", null));
    }

    public static ProblemException badCredentials() {
        return new ProblemException(new Problem(BASE + "bad-credentials", "Sign-in failed", 401,
                "unknown user or wrong password", null));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(new Problem(BASE + "forbidden", "Not allowed", 403, detail, null));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(new Problem(BASE + "not-found", "Not found", 404, what + " not found", null));
    }

    public static ProblemException gone(String detail) {
        return new ProblemException(new Problem(BASE + "gone", "No longer available", 410, detail, null));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(new Problem(BASE + "conflict", "Conflict", 409, detail, null));
    }

    public static ProblemException tooLarge(int limit) {
        return new ProblemException(new Problem(BASE + "too-large", "Request body too large", 413,
                "the body must not exceed " + limit + " bytes", null));
    }

    public static ProblemException unsupportedMediaType() {
        return new ProblemException(new Problem(BASE + "unsupported-media-type", "Unsupported media type", 415,
                "send the body as application/json", null));
    }

    public static ProblemException notAcceptable() {
        return new ProblemException(new Problem(BASE + "not-acceptable", "Not acceptable", 406,
                "this resource is available as application/json or text/csv", null));
    }

    /** 429 with {@code Retry-After: 1}; prefer {@link #tooManyRequests(Duration)} where the wait is known. */
    public static ProblemException tooManyRequests() {
        return tooManyRequests(Duration.ofSeconds(1));
    }

    /** 429 with {@code Retry-After} in whole seconds (at least one). */
    public static ProblemException tooManyRequests(Duration retryAfter) {
        return new ProblemException(new Problem(BASE + "rate-limited", "Too many requests", 429,
                "slow down and try again shortly", null), retryAfter);
    }

    /**
     * 503: the database did not answer in time (every connection busy, a lock or statement timeout). Unlike
     * {@link #busy}, the request may have been partly served (a read after a commit), so it does not say that nothing
     * was stored; a screening sent again with its {@code Idempotency-Key} is not stored twice.
     */
    public static ProblemException databaseBusy() {
        return new ProblemException(new Problem(BASE + "database-busy", "Service busy", 503,
                "the database is busy and did not answer in time; try again shortly", null), Duration.ofSeconds(1));
    }

    /**
     * 503 with {@code Retry-After}: the service is taking in all it can store right now; nothing of this request was
     * done, so sending it again (with its {@code Idempotency-Key}) is safe.
     */
    public static ProblemException busy(Duration retryAfter) {
        return new ProblemException(new Problem(BASE + "busy", "Service busy", 503,
                "more screenings are arriving than the service can store right now; nothing was stored, "
                        + "send it again shortly", null), retryAfter);
    }
}
