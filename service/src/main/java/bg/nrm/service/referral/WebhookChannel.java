package bg.nrm.service.referral;

import bg.nrm.keys.webhook.WebhookSecret;
import bg.nrm.keys.webhook.WebhookSigner;
import bg.nrm.service.directory.WebhookSecrets;
import bg.nrm.service.directory.Webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public WebhookChannel(WebhookSecrets secrets, RetryPolicy retry, boolean allowPrivateNetworks, Clock clock) {
        this.secrets = secrets;
        this.retry = retry;
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.clock = clock;
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
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/pgp-encrypted")
                    .header(REFERRAL_HEADER, r.id())
                    .header(ATTEMPT_HEADER, Integer.toString(attempt))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            Optional<WebhookSecret> secret = secrets.find(r.recipientId());
            if (secret.isEmpty()) {
                // Addresses saved before secrets existed: refuse rather than send an unsigned referral.
                return new Attempt(false, "no webhook secret");
            }
            WebhookSigner.Headers signed = WebhookSigner.sign(secret.get(), r.id(), clock.instant(), body);
            request.header("webhook-id", signed.id()).header("webhook-timestamp", signed.timestamp())
                    .header("webhook-signature", signed.signature());
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return new Attempt(response.statusCode() / 100 == 2, "HTTP " + response.statusCode());
        } catch (IOException | IllegalArgumentException e) {
            return new Attempt(false, "unreachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(false, "interrupted");
        }
    }
}
