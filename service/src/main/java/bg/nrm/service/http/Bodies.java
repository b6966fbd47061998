package bg.nrm.service.http;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Reads JSON request bodies within the size limit and writes JSON responses. */
public final class Bodies {
    private Bodies() {
    }

    /** Reads and parses a JSON body: 415 for another content type, 413 past {@code limit} bytes, 400 if malformed. */
    public static <T> T readJson(ServerRequest req, int limit, Class<T> type) {
        return Json.parse(readJsonBytes(req, limit), type);
    }

    /** The checked raw bytes of a JSON body (415 for another content type, 413 past {@code limit} bytes). */
    public static byte[] readJsonBytes(ServerRequest req, int limit) {
        Optional<HttpMediaType> contentType = req.headers().contentType();
        if (contentType.isEmpty() || !contentType.get().test(MediaTypes.APPLICATION_JSON)) {
            throw ProblemException.unsupportedMediaType();
        }
        if (req.headers().contentLength().orElse(0) > limit) {
            throw ProblemException.tooLarge(limit);
        }
        if (!req.content().hasEntity()) {
            throw ProblemException.badRequest("body", "a JSON body is required");
        }
        return readAtMost(req, limit);
    }

    /** Reads a text body of any content type within the limit (for armored keys). */
    public static byte[] readAtMost(ServerRequest req, int limit) {
        if (req.headers().contentLength().orElse(0) > limit) {
            throw ProblemException.tooLarge(limit);
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw ProblemException.tooLarge(limit);
            }
            return body;
        } catch (IOException | UncheckedIOException | DataReader.InsufficientDataAvailableException e) {
            // The client hung up or was cut off mid-body: nothing to answer and nothing to log but one quiet line
            // (Helidon logs a closed connection at TRACE).
            throw new CloseConnectionException("request body abandoned by the client", e);
        }
    }

    public static void json(ServerResponse res, Status status, Object body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(Json.write(body));
    }

    public static void json(ServerResponse res, Object body) {
        json(res, Status.OK_200, body);
    }
}
