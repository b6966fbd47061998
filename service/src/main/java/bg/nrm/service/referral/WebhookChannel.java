package bg.nrm.service.referral;

import bg.nrm.keys.webhook.WebhookSecret;
import bg.nrm.keys.webhook.WebhookSigner;
import bg.nrm.service.directory.WebhookSecrets;
import bg.nrm.service.directory.Webhooks;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Webhooks: {@code POST} of the armored envelope to the organisation's address, signed per Standard Webhooks with
 * the organisation's secret ({@code webhook-id} = the referral id, the same on every attempt; {@code
 * webhook-timestamp}; {@code webhook-signature: v1,…}), plus {@code X-NRM-Referral-Id} and
 * {@code X-NRM-Delivery-Attempt}. A 2xx answer is delivery.
 */
public final class WebhookChannel implements DeliveryChannel {
    public static final String REFERRAL_HEADER = "X-NRM-Referral-Id";
    public static final String ATTEMPT_HEADER = "X-NRM-Delivery-Attempt";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final WebhookSecrets secrets;
    private final RetryPolicy retry;
    private final boolean allowPrivateNetworks;
    private final Clock clock;
    // Built on the first delivery, not at start: a Helidon client loads its protocols and media support (about a
    // tenth of a second of a restart's CPU), and most starts have nothing to deliver before they are healthy.
    private volatile WebClient http;

    public WebhookChannel(WebhookSecrets secrets, RetryPolicy retry, boolean allowPrivateNetworks, Clock clock) {
        this.secrets = secrets;
        this.retry = retry;
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.clock = clock;
    }

    private WebClient http() {
        WebClient made = http;
        if (made == null) {
            synchronized (this) {
                made = http;
                if (made == null) {
                    // The address is resolved once, checked and pinned for the connection (no second resolution to
                    // rebind).
                    made = WebClient.builder()
                            .connectTimeout(CONNECT_TIMEOUT)
                            .readTimeout(REQUEST_TIMEOUT)
                            .followRedirects(false)
                            .keepAlive(false)
                            .dnsResolver(Webhooks.pinningResolver(allowPrivateNetworks))
                            .build();
                    http = made;
                }
            }
        }
        return made;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public boolean pushes() {
        return true;
    }

    @Override
    public RetryPolicy retry() {
        return retry;
    }

    @Override
    public Attempt deliver(ReferralStore.Outbound r) {
        int attempt = r.attempts() + 1;
        try {
            URI target = URI.create(r.webhookUrl());
            if (!Webhooks.deliverable(target, allowPrivateNetworks)) {
                return new Attempt(false, "address not allowed");
            }
            byte[] body = r.envelope().getBytes(StandardCharsets.US_ASCII);
            Optional<WebhookSecret> secret = secrets.find(r.recipientId());
            if (secret.isEmpty()) {
                // Addresses saved before secrets existed: refuse rather than send an unsigned referral.
                return new Attempt(false, "no webhook secret");
            }
            WebhookSigner.Headers signed = WebhookSigner.sign(secret.get(), r.id(), clock.instant(), body);
            HttpClientRequest request = http().post().uri(target)
                    .header(HeaderNames.CONTENT_TYPE, "application/pgp-encrypted")
                    .header(HeaderNames.create(REFERRAL_HEADER), r.id())
                    .header(HeaderNames.create(ATTEMPT_HEADER), Integer.toString(attempt))
                    .header(HeaderNames.create("webhook-id"), signed.id())
                    .header(HeaderNames.create("webhook-timestamp"), signed.timestamp())
                    .header(HeaderNames.create("webhook-signature"), signed.signature());
            try (HttpClientResponse response = request.submit(body)) {
                int status = response.status().code();
                return new Attempt(status / 100 == 2, "HTTP " + status);
            }
        } catch (Webhooks.AddressNotAllowed e) {
            return new Attempt(false, "address not allowed");
        } catch (RuntimeException e) {
            if (refused(e)) {
                return new Attempt(false, "address not allowed");
            }
            return new Attempt(false, "unreachable (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Webhooks.AddressNotAllowed) {
                return true;
            }
        }
        return false;
    }
}
