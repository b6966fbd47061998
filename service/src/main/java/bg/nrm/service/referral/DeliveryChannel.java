package bg.nrm.service.referral;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One way a referral reaches its recipient: a webhook, e-mail, or the inbox the recipient pulls from. The channel is
 * chosen per organisation ({@link DeliveryChannels}); every channel is fed from the one outbox (the referral rows),
 * delivers at least once, and carries the referral id so the recipient can drop a repeat. Each has its own retry
 * policy; when its attempts run out the referral is FAILED (and then passed on by escalation).
 */
public interface DeliveryChannel {

    /** The channel's name in a referral's history and in the logs. */
    String name();

    /** Whether the service sends (true), or the recipient fetches the envelope from the inbox (false). */
    boolean pushes();

    /** How many attempts, and how long between them. */
    RetryPolicy retry();

    /**
     * One attempt to deliver a claimed referral. Returns what happened; never throws for a failed delivery (the worker
     * records it and retries). Only called when {@link #pushes()}.
     */
    Attempt deliver(ReferralStore.Outbound referral);

    /** The result of one attempt; {@code outcome} goes to the operator's log, never to a user. */
    record Attempt(boolean delivered, String outcome) {
    }

    /** Attempts allowed, and the first wait (it doubles after each failure, with ±25 % jitter). */
    record RetryPolicy(Duration initialBackoff, int maxAttempts) {
        /** initial × 2^(attempt−1), with ±25 % jitter so that retries from many referrals do not arrive together. */
        public long backoffMillis(int attempt) {
            long base = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
            double jitter = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.5;
            return Math.max(1, (long) (base * jitter));
        }
    }
}
