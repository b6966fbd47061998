package bg.nrm.service.http;

import bg.nrm.service.store.StoreException;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** Told of every 403, so that access denials of signed-in callers are audited. */
    @FunctionalInterface
    public interface DenialListener {
        void denied(ServerRequest req, Problem problem);
    }

    public static void register(HttpRouting.Builder routing) {
        register(routing, (req, problem) -> { });
    }

    public static void register(HttpRouting.Builder routing, DenialListener denials) {
        routing.error(ProblemException.class, (req, res, e) -> {
            if (e.problem().status() == 403) {
                try {
                    denials.denied(req, e.problem());
                } catch (RuntimeException auditFailure) {
                    LOG.warning("access denial could not be audited: " + auditFailure.getClass().getSimpleName());
                }
            }
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
            if (clientWentAway(e)) {
                // Bodies turns a broken read into a quiet connection close; anything else that breaks on a gone
                // client is one line, no stack trace, so that nobody can flood the log without signing in.
                LOG.info("request abandoned by the client (" + e.getClass().getSimpleName() + ")");
                send(res, new Problem("about:blank", "Bad Request", 400, "the request was not received whole", null));
                return;
            }
            if (StoreException.busy(e)) {
                // The database did not answer in time (pool, lock or statement timeout, SQLite busy): the service is
                // overloaded, not broken. One line, no stack trace; the client is told to come back.
                LOG.warning("database busy, answered 503: " + rootName(e));
                res.header(HeaderNames.RETRY_AFTER, "1");
                send(res, ProblemException.databaseBusy().problem());
                return;
            }
            String incident = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "unhandled error, incident " + incident + ": " + e.getClass().getName(), e);
            send(res, new Problem("about:blank", "Internal error", 500,
                    "an unexpected error occurred; incident " + incident, null));
        });
    }

    /** Method and path of a request for the audit log, at most 120 characters (ids only; no query string). */
    public static String auditPath(ServerRequest req) {
        // The prologue's path: inside a service, req.path() is relative to where the service is registered.
        String p = req.prologue().method().text() + " " + req.prologue().uriPath().path();
        return p.length() > 120 ? p.substring(0, 120) : p;
    }

    /** True when {@code e} comes from reading a request whose connection broke, not from the service. */
    static boolean clientWentAway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof UncheckedIOException
                    || t instanceof DataReader.InsufficientDataAvailableException) {
                return true;
            }
        }
        return false;
    }

    // The innermost cause's class and, for a database error, its SQLSTATE: enough to tell pool, lock and statement
    // timeouts apart, without the message (which can quote a statement's values).
    private static String rootName(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String state = root instanceof java.sql.SQLException s && s.getSQLState() != null ? " " + s.getSQLState() : "";
        return root.getClass().getSimpleName() + state;
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
