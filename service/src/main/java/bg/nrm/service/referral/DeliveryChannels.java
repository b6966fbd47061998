package bg.nrm.service.referral;

import java.util.Optional;

/**
 * Chooses each organisation's channel from what it has registered: a webhook address first (software that takes
 * referrals in), else an e-mail address when the service sends e-mail, else the inbox.
 */
public final class DeliveryChannels {
    private final WebhookChannel webhook;
    private final Optional<EmailChannel> email;
    private final InboxChannel inbox = new InboxChannel();

    public DeliveryChannels(WebhookChannel webhook, Optional<EmailChannel> email) {
        this.webhook = webhook;
        this.email = email;
    }

    /** The channel for a claimed referral's recipient. */
    public DeliveryChannel forRecipient(ReferralStore.Outbound r) {
        if (r.webhookUrl() != null) {
            return webhook;
        }
        if (r.email() != null && email.isPresent()) {
            return email.get();
        }
        return inbox;
    }

    public boolean mailEnabled() {
        return email.isPresent();
    }

    Optional<EmailChannel> email() {
        return email;
    }
}
