package bg.nrm.service.referral;

import bg.nrm.service.directory.Webhooks;
import bg.nrm.service.metrics.Meters;
import bg.nrm.service.store.Database;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Pushes envelopes from the outbox to recipients' webhooks: {@code POST} with the armored message as the body and
 * headers naming the referral and the attempt. A 2xx marks the referral DELIVERED; anything else is retried with
 * exponential backoff and jitter, and after {@code maxAttempts} the referral is FAILED. Rows are claimed with a lease
 * ({@code FOR UPDATE SKIP LOCKED} on PostgreSQL), so several instances share the outbox and a crashed instance's
 * claims expire. Delivery is at-least-once: receivers deduplicate by the referral id.
 */
public final class DeliveryWorker {
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class.getName());
    public static final String REFERRAL_HEADER = "X-NRM-Referral-Id";
    public static final String ATTEMPT_HEADER = "X-NRM-Delivery-Attempt";
    // Small batches: each send may take up to 15 s, and a batch must finish well inside its lease.
    private static final int BATCH = 5;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Database db;
    private final ReferralStore store;
    private final Clock clock;
    private final String instanceId;
    private final Duration initialBackoff;
    private final int maxAttempts;
    private final Duration lease;
    private final HttpClient http;
    private final boolean allowPrivateNetworks;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public DeliveryWorker(Database db, Clock clock, String instanceId, Duration initialBackoff, int maxAttempts,
                          Duration lease, boolean allowPrivateNetworks) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.db = db;
        this.store = new ReferralStore(db);
        this.clock = clock;
        this.instanceId = instanceId;
        this.initialBackoff = initialBackoff;
        this.maxAttempts = maxAttempts;
        Duration worstBatch = CONNECT_TIMEOUT.plus(REQUEST_TIMEOUT).multipliedBy(BATCH);
        if (lease.compareTo(worstBatch) <= 0) {
            throw new IllegalArgumentException("nrm.delivery.lease must exceed " + worstBatch + ", the longest a batch can take");
        }
        this.lease = lease;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Runs one pass: claims due referrals and tries each once. Returns how many were tried. */
    public int runOnce() {
        List<ReferralStore.Outbound> claimed = store.claimForDelivery(instanceId, clock.millis(), lease.toMillis(), BATCH);
        for (ReferralStore.Outbound c : claimed) {
            deliver(c);
        }
        return claimed.size();
    }

    public long deliveredCount() {
        return delivered.get();
    }

    public long failedCount() {
        return failed.get();
    }

    private void deliver(ReferralStore.Outbound c) {
        int attempt = c.attempts() + 1;
        String outcome;
        boolean ok;
        long started = System.nanoTime();
        try {
            URI target = URI.create(c.webhookUrl());
            if (!Webhooks.deliverable(target, allowPrivateNetworks)) {
                Meters.delivery(Meters.Channel.WEBHOOK, false, null);
                record(c.id(), attempt, false, "address not allowed");
                return;
            }
            HttpRequest request = HttpRequest.newBuilder(target)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/pgp-encrypted")
                    .header(REFERRAL_HEADER, c.id())
                    .header(ATTEMPT_HEADER, Integer.toString(attempt))
                    .POST(HttpRequest.BodyPublishers.ofString(c.envelope()))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            ok = response.statusCode() / 100 == 2;
            outcome = "HTTP " + response.statusCode();
        } catch (IOException | IllegalArgumentException e) {
            ok = false;
            outcome = "unreachable (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            store.release(c.id(), instanceId);
            return;
        }
        Meters.delivery(Meters.Channel.WEBHOOK, ok, Duration.ofNanos(System.nanoTime() - started));
        // The outcome (status or error class) goes to the operator's log only: screeners read the history, and an
        // address's answers are not theirs to probe.
        record(c.id(), attempt, ok, outcome);
    }

    private void record(String id, int attempt, boolean ok, String outcome) {
        long now = clock.millis();
        db.inTransaction(c -> {
            if (ok) {
                if (ReferralStore.recordAttempt(c, id, instanceId, attempt, ReferralState.DELIVERED, null, now)) {
                    ReferralStore.event(c, id, now, ReferralState.DELIVERED, "service", "delivered on attempt " + attempt);
                    delivered.incrementAndGet();
                }
            } else if (attempt >= maxAttempts) {
                if (ReferralStore.recordAttempt(c, id, instanceId, attempt, ReferralState.FAILED, null, now)) {
                    ReferralStore.event(c, id, now, ReferralState.FAILED, "service",
                            "delivery failed " + attempt + " times; giving up");
                    failed.incrementAndGet();
                    LOG.warning(() -> "referral " + id + " failed after " + attempt + " delivery attempts, last: " + outcome);
                }
            } else {
                long next = now + backoffMillis(attempt);
                if (ReferralStore.recordAttempt(c, id, instanceId, attempt, ReferralState.PENDING, next, now)) {
                    ReferralStore.event(c, id, now, ReferralState.PENDING, "service",
                            "delivery attempt " + attempt + " failed; retrying");
                }
            }
            return null;
        });
    }

    /** initial × 2^(attempt−1), with ±25 % jitter so that retries from many referrals do not arrive together. */
    long backoffMillis(int attempt) {
        long base = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        double jitter = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Math.max(1, (long) (base * jitter));
    }
}
