package bg.nrm.service.referral;

import bg.nrm.service.auth.Access;
import bg.nrm.service.auth.Principal;
import bg.nrm.service.auth.Role;
import bg.nrm.service.http.ProblemException;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** {@code GET /api/v1/alerts}: Server-Sent Events, one {@code referral} event per new referral for the caller's organisation. */
public final class AlertService implements HttpService {
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final AlertHub hub;
    private final Clock clock;

    public AlertService(AlertHub hub, Clock clock) {
        this.hub = hub;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::handleAlerts);
    }

    private void handleAlerts(ServerRequest req, ServerResponse res) {
        Principal p = Access.require(req, Role.RECIPIENT);
        if (p.organisationId() == null) {
            throw ProblemException.forbidden("your account belongs to no organisation");
        }
        BlockingQueue<AlertHub.Event> queue = hub.subscribe(p.organisationId(), p.username());
        if (queue == null) {
            throw ProblemException.tooManyRequests();
        }
        SseSink sink = res.sink(SseSink.TYPE);
        try {
            sink.emit(SseEvent.builder().comment("subscribed").build());
            // The stream ends when the token does: the client signs in again and reconnects.
            while (!Thread.currentThread().isInterrupted() && clock.instant().isBefore(p.expiresAt())) {
                AlertHub.Event event = queue.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null) {
                    sink.emit(SseEvent.builder().comment("keep-alive").build());
                } else {
                    sink.emit(SseEvent.builder().id(event.id()).name(event.name()).data(event.json()).build());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UncheckedIOException e) {
            // The client went away; nothing to do.
        } finally {
            hub.unsubscribe(p.organisationId(), p.username(), queue);
            try {
                sink.close();
            } catch (RuntimeException ignored) {
                // already closed by the client
            }
        }
    }
}
