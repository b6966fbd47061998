package bg.nrm.service.referral;

import bg.nrm.service.auth.Access;
import bg.nrm.service.auth.LiveStreams;
import bg.nrm.service.auth.Principal;
import bg.nrm.service.auth.Role;
import bg.nrm.service.http.Json;
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
    // How often a stream asks whether its token or session was ended on another instance (this instance's own
    // sign-outs and disablings interrupt it at once).
    private static final Duration RECHECK = Duration.ofSeconds(5);
    // Queued when the caller's credentials are ended: the stream stops at once.
    private static final AlertHub.Alert END = new AlertHub.Alert("", "", java.time.Instant.EPOCH, false);

    private final AlertHub hub;
    private final Clock clock;
    private final LiveStreams streams;

    public AlertService(AlertHub hub, Clock clock, LiveStreams streams) {
        this.hub = hub;
        this.clock = clock;
        this.streams = streams;
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
        BlockingQueue<AlertHub.Alert> queue = hub.subscribe(p.organisationId());
        if (queue == null) {
            throw ProblemException.tooManyRequests();
        }
        SseSink sink = res.sink(SseSink.TYPE);
        try (LiveStreams.Registration ignored = streams.register(p, () -> {
            queue.clear();
            queue.offer(END);
        })) {
            sink.emit(SseEvent.builder().comment("subscribed").build());
            // The stream ends when the token or session does (expiry, sign-out, account disabled, password changed):
            // the client signs in again and reconnects.
            long idleSince = clock.millis();
            while (!Thread.currentThread().isInterrupted() && clock.instant().isBefore(p.expiresAt())) {
                AlertHub.Alert alert = queue.poll(RECHECK.toMillis(), TimeUnit.MILLISECONDS);
                if (alert == END || !streams.stillValid(p)) {
                    break;
                }
                if (alert == null) {
                    if (clock.millis() - idleSince >= KEEP_ALIVE.toMillis()) {
                        sink.emit(SseEvent.builder().comment("keep-alive").build());
                        idleSince = clock.millis();
                    }
                } else {
                    idleSince = clock.millis();
                    sink.emit(SseEvent.builder().id(alert.referralId()).name("referral")
                            .data(Json.writeString(alert)).build());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UncheckedIOException e) {
            // The client went away; nothing to do.
        } finally {
            hub.unsubscribe(p.organisationId(), queue);
            try {
                sink.close();
            } catch (RuntimeException ignored) {
                // already closed by the client
            }
        }
    }
}
