package bg.nrm.service.referral;

import bg.nrm.service.mail.MailException;
import bg.nrm.service.mail.Mailer;
import bg.nrm.service.referral.document.MimeDocument;

/**
 * E-mail: the envelope as a PGP/MIME message (RFC 3156) to the organisation's address, which Thunderbird's built-in
 * OpenPGP and gpg open. The outer headers say only "Сигнал за насочване" (no personal data); the encrypted part is
 * the whole referral document with its protected subject. The Message-ID is the referral id, the same on every
 * attempt. Handing the message to the SMTP server is delivery.
 *
 * <p>Also sends the content-free notice to an organisation the service could not encrypt to.
 */
public final class EmailChannel implements DeliveryChannel {
    /** Subject of the notice: no case data. */
    static final String NOTICE_SUBJECT = "Сигнал за насочване: няма валиден ключ / Referral: no valid key";

    private final Mailer mailer;
    private final RetryPolicy retry;

    public EmailChannel(Mailer mailer) {
        this.mailer = mailer;
        this.retry = new RetryPolicy(mailer.settings().initialBackoff(), mailer.settings().maxAttempts());
    }

    @Override
    public String name() {
        return "e-mail";
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
        try {
            mailer.send(mailer.pgpMime(r.email(), "referral-" + r.id(), MimeDocument.SUBJECT, r.envelope()));
            return new Attempt(true, "accepted by the SMTP server");
        } catch (MailException e) {
            return new Attempt(false, e.getMessage());
        }
    }

    /** Sends the content-free notice about referral {@code referralId}; returns what happened. */
    Attempt sendNotice(ReferralStore.OwedNotice notice) {
        try {
            mailer.send(mailer.notice(notice.email(), "notice-" + notice.referralId(), NOTICE_SUBJECT,
                    noticeText(notice.referralId())));
            return new Attempt(true, "accepted by the SMTP server");
        } catch (MailException e) {
            return new Attempt(false, e.getMessage());
        }
    }

    // No case data: not the level, the region or the referring organisation; only that a referral exists and what to do.
    private String noticeText(String referralId) {
        String inbox = mailer.settings().inboxLink().orElse(null);
        return "Службата за скрининг и насочване (НМН) има сигнал за насочване за вашата организация, но не може да ви "
                + "го изпрати: в системата няма валиден OpenPGP ключ на организацията. Сигналът е насочен и към друга "
                + "организация от същия вид. Помолете администратора да регистрира ключа ви.\n"
                + (inbox == null ? "Входящата кутия е в системата, раздел „Входящи“.\n" : "Входяща кутия: " + inbox + "\n")
                + "Номер на сигнала: " + referralId + "\n\n"
                + "The NRM screening and referral service has a referral for your organisation but cannot send it: "
                + "there is no valid OpenPGP key of your organisation in the service. The referral has also been passed "
                + "to another organisation of the same kind. Ask your administrator to register your key.\n"
                + (inbox == null ? "Your inbox is in the service, under \"Inbox\".\n" : "Inbox: " + inbox + "\n")
                + "Referral id: " + referralId + "\n";
    }
}
