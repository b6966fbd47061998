package bg.nrm.service.referral;

import bg.nrm.service.metrics.Meters;
import bg.nrm.service.store.Database;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Empties the outbox through each recipient's channel ({@link DeliveryChannels}): claims due PENDING referrals with a
 * lease ({@code FOR UPDATE SKIP LOCKED} on PostgreSQL, so several instances share the outbox and a crashed
 * instance's claims expire), makes one attempt each, and records it: delivered, retried after the channel's back-off,
 * or FAILED once the channel's attempts run out. Then sends the content-free e-mail notices that are owed, with the
 * e-mail channel's own attempts. Delivery is at-least-once: receivers deduplicate by the referral id.
 */
public final class DeliveryWorker {
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class.getName());
    // Small batches: each send may take up to 15 s, and a batch must finish well inside its lease.
    private static final int BATCH = 5;

    private final Database db;
    private final ReferralStore store;
    private final Clock clock;
    private final String instanceId;
    private final Duration lease;
    private final DeliveryChannels channels;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public DeliveryWorker(Database db, Clock clock, String instanceId, Duration lease, DeliveryChannels channels) {
        this.db = db;
        this.store = new ReferralStore(db);
        this.clock = clock;
        this.instanceId = instanceId;
        this.channels = channels;
        Duration worstBatch = WebhookChannel.CONNECT_TIMEOUT.plus(WebhookChannel.REQUEST_TIMEOUT).multipliedBy(BATCH);
        if (lease.compareTo(worstBatch) <= 0) {
            throw new IllegalArgumentException("nrm.delivery.lease must exceed " + worstBatch + ", the longest a batch can take");
        }
        this.lease = lease;
    }

    /** Runs one pass: claims due referrals and owed notices and tries each once. Returns how many were tried. */
    public int runOnce() {
        List<ReferralStore.Outbound> claimed = store.claimForDelivery(instanceId, clock.millis(), lease.toMillis(), BATCH,
                channels.mailEnabled());
        for (ReferralStore.Outbound r : claimed) {
            DeliveryChannel channel = channels.forRecipient(r);
            long started = System.nanoTime();
            DeliveryChannel.Attempt attempt = channel.deliver(r);
            if (Thread.currentThread().isInterrupted()) {
                store.release(r.id(), instanceId);
                return claimed.size();
            }
            Meters.delivery(Meters.Channel.of(channel.name()), attempt.delivered(),
                    Duration.ofNanos(System.nanoTime() - started));
            record(r.id(), r.attempts() + 1, channel, attempt);
        }
        int notices = channels.email().map(this::sendNotices).orElse(0);
        return claimed.size() + notices;
    }

    public long deliveredCount() {
        return delivered.get();
    }

    public long failedCount() {
        return failed.get();
    }

    private void record(String id, int attempt, DeliveryChannel channel, DeliveryChannel.Attempt result) {
        long now = clock.millis();
        int maxAttempts = channel.retry().maxAttempts();
        // The outcome (status or error class) goes to the operator's log only: screeners read the history, and an
        // address's answers are not theirs to probe.
        db.inTransaction(c -> {
            if (result.delivered()) {
                if (ReferralStore.recordAttempt(c, id, instanceId, attempt, ReferralState.DELIVERED, null, now)) {
                    ReferralStore.event(c, id, now, ReferralState.DELIVERED, "service",
                            "delivered by " + channel.name() + " on attempt " + attempt);
                    delivered.incrementAndGet();
                }
            } else if (attempt >= maxAttempts) {
                if (ReferralStore.recordAttempt(c, id, instanceId, attempt, ReferralState.FAILED, null, now)) {
                    ReferralStore.event(c, id, now, ReferralState.FAILED, "service",
                            channel.name() + " delivery failed " + attempt + " times; giving up");
                    failed.incrementAndGet();
                    LOG.warning(() -> "referral " + id + " failed after " + attempt + " " + channel.name()
                            + " attempts, last: " + result.outcome());
                }
            } else {
                long next = now + channel.retry().backoffMillis(attempt);
                if (ReferralStore.recordAttempt(c, id, instanceId, attempt, ReferralState.PENDING, next, now)) {
                    ReferralStore.event(c, id, now, ReferralState.PENDING, "service",
                            channel.name() + " delivery attempt " + attempt + " failed; retrying");
                }
            }
            return null;
        });
    }

    private int sendNotices(EmailChannel email) {
        List<ReferralStore.OwedNotice> owed = store.claimNotices(instanceId, clock.millis(), lease.toMillis(), BATCH);
        for (ReferralStore.OwedNotice n : owed) {
            DeliveryChannel.Attempt result = email.sendNotice(n);
            int attempt = n.attempts() + 1;
            long now = clock.millis();
            ReferralStore.NoticeState target = result.delivered() ? ReferralStore.NoticeState.SENT
                    : attempt >= email.retry().maxAttempts() ? ReferralStore.NoticeState.FAILED
                    : ReferralStore.NoticeState.PENDING;
            Long next = target == ReferralStore.NoticeState.PENDING ? now + email.retry().backoffMillis(attempt) : null;
            db.inTransaction(c -> {
                if (ReferralStore.recordNotice(c, n.referralId(), instanceId, attempt, target, next, now)
                        && target != ReferralStore.NoticeState.PENDING) {
                    // The notice does not move the referral: its history entry keeps the state the referral is in.
                    ReferralState state = ReferralStore.find(c, n.referralId()).map(Referral::state).orElseThrow();
                    ReferralStore.event(c, n.referralId(), now, state, "service",
                            target == ReferralStore.NoticeState.SENT ? "no-key notice e-mailed to the recipient"
                                    : "no-key notice e-mail failed " + attempt + " times");
                }
                return null;
            });
            if (target == ReferralStore.NoticeState.FAILED) {
                LOG.warning(() -> "notice about referral " + n.referralId() + " failed: " + result.outcome());
            }
        }
        return owed.size();
    }
}
