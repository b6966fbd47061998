package bg.nrm.service.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Maps every error to {@code application/problem+json} in one place. Expected problems carry their own safe text;
 * anything else is an opaque 500 with an incident id that is also in the log (with the exception class only: no
 * request data, no personal data).
 */
public final class ErrorMapping {
    private static final Logger LOG = Logger.getLogger(ErrorMapping.class.getName());
    public static final String PROBLEM_JSON = "application/problem+json";

    private ErrorMapping() {
    }

    public static void register(HttpRouting.Builder routing) {
        routing.error(ProblemException.class, (req, res, e) -> {
            // Whole seconds, rounded up: a client that waits exactly this long is not refused again for the rest.
            e.retryAfter().ifPresent(d -> res.header(HeaderNames.RETRY_AFTER,
                    Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))));
            send(res, e.problem());
        });
        routing.error(HttpException.class, (req, res, e) -> {
            int code = e.status().code();
            send(res, new Problem("about:blank", e.status().reasonPhrase(), code,
                    code == 404 ? "no such resource" : code == 405 ? "method not allowed on this resource"
                            : "the request could not be processed", null));
        });
        routing.error(RequestException.class, (req, res, e) -> {
            int code = e.status().code();
            send(res, new Problem("about:blank", e.status().reasonPhrase(), code,
                    code == 413 ? "the request body is too large" : "the request could not be processed", null));
        });
        routing.error(Throwable.class, (req, res, e) -> {
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "unhandled error, incident " + incident + ": " + e.getClass().getName(), e);
            send(res, new Problem("about:blank", "Internal error", 500,
                    "an unexpected error occurred; incident " + incident, null));
        });
    }

    /** Writes a problem document, unless the response has already been sent. */
    public static void send(ServerResponse res, Problem problem) {
        if (res.isSent()) {
            return;
        }
        res.status(Status.create(problem.status()));
        res.header(HeaderNames.CONTENT_TYPE, PROBLEM_JSON);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(Json.write(problem));
    }
}
