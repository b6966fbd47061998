package bg.nrm.service.referral;

/**
 * The inbox: the service pushes nothing; the recipient lists {@code GET /api/v1/inbox} (or gets a live alert) and
 * fetches the envelope, which marks the referral DELIVERED ({@link ReferralService}). Organisations with neither a
 * webhook nor (with e-mail configured) an e-mail address are served this way; every organisation can also pull.
 */
public final class InboxChannel implements DeliveryChannel {
    @Override
    public String name() {
        return "inbox";
    }

    @Override
    public boolean pushes() {
        return false;
    }

    @Override
    public RetryPolicy retry() {
        // Nothing to retry: the recipient's fetch is the delivery; the deadline's escalation covers silence.
        return new RetryPolicy(java.time.Duration.ZERO, 1);
    }

    @Override
    public Attempt deliver(ReferralStore.Outbound referral) {
        throw new UnsupportedOperationException("the inbox is pulled by the recipient");
    }
}
