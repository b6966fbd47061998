package bg.nrm.service.transport;

import bg.nrm.service.http.ErrorMapping;
import bg.nrm.service.http.Json;
import bg.nrm.service.http.Problem;
import bg.nrm.service.http.SecurityHeaders;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Answers for the requests Helidon refuses before routing (a head that is not HTTP, a request line or header block
 * that is too long, a body over the server's cap, no free request slot): an RFC 9457 problem document with the
 * hardening headers, like every other error, instead of an empty body. The text never repeats the request, and
 * Helidon's own message (which may) is ignored.
 */
public final class DirectErrors implements DirectHandler {
    private final SecurityHeaders headers;

    private DirectErrors(boolean tls) {
        this.headers = SecurityHeaders.create(tls);
    }

    /** Direct handlers for every event type. */
    public static DirectHandlers all(boolean tls) {
        DirectErrors handler = new DirectErrors(tls);
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders responseHeaders, String message) {
        int code = status.code();
        Problem problem = new Problem("about:blank", status.reasonPhrase(), code, detail(code), null);
        headers.apply(responseHeaders::set);
        responseHeaders.set(HeaderNames.CONTENT_TYPE, ErrorMapping.PROBLEM_JSON);
        responseHeaders.set(HeaderNames.CACHE_CONTROL, "no-store");
        if (code == 503) {
            responseHeaders.set(HeaderNames.RETRY_AFTER, "5");
        }
        return TransportResponse.builder()
                .status(status)
                .headers(responseHeaders)
                .keepAlive(false)
                .entity(Json.write(problem))
                .build();
    }

    /** Plain text for each refusal; Bulgarian readers see the title through the client, like every problem. */
    static String detail(int code) {
        return switch (code) {
            case 408 -> "the request was not received in time";
            case 413 -> "the request body is too large";
            case 414 -> "the request line is too long";
            case 431 -> "the request headers are too large";
            case 429 -> "too many connections from your address; try again shortly";
            case 503 -> "the service is busy; try again shortly";
            case 505 -> "use HTTP/1.1";
            default -> code >= 500 ? "the request could not be processed" : "the request is not valid HTTP";
        };
    }
}
