package bg.nrm.service.mail;

import java.time.Duration;
import java.util.Optional;

/**
 * How the service sends e-mail: {@code nrm.mail.smtp.host}/{@code port}, {@code nrm.mail.from}, optional
 * {@code nrm.mail.smtp.user}/{@code password}, and {@code nrm.mail.inbox-link} (the address of the inbox page that
 * notices point to). STARTTLS is required unless the SMTP host is a loopback address. Without a host or a From
 * address the e-mail channel is off. Attempts and back-off are the e-mail channel's own. An SMTP server that
 * accepts the connection and then says nothing cannot hold a delivery: connecting waits at most
 * {@code connectTimeout}, and every read or write of the conversation at most {@code timeout}.
 */
public record MailSettings(Optional<String> host, int port, Optional<String> from, Optional<String> user,
                           Optional<String> password, Optional<String> inboxLink, Duration initialBackoff,
                           int maxAttempts, Duration connectTimeout, Duration timeout) {

    /** Default wait for the SMTP connection. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default wait for any one read or write of the SMTP conversation. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** E-mail switched off. */
    public static final MailSettings OFF = new MailSettings(Optional.empty(), 25, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Duration.ofMinutes(1), 6, CONNECT_TIMEOUT, TIMEOUT);

    public MailSettings {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || timeout.isNegative() || timeout.isZero()) {
            // Jakarta Mail reads 0 as "wait for ever": exactly what these settings are for.
            throw new IllegalArgumentException("nrm.mail.smtp.connect-timeout and nrm.mail.smtp.timeout must be positive");
        }
    }

    /** Whether referrals and notices are sent by e-mail. */
    public boolean enabled() {
        return host.isPresent() && from.isPresent();
    }

    /** Loopback SMTP (a relay on the same host) may run without TLS; anything else must offer STARTTLS. */
    public boolean startTlsRequired() {
        String h = host.orElse("");
        return !(h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]"));
    }

    @Override
    public String toString() {
        // Never the password.
        return "MailSettings[host=" + host.orElse("-") + ", port=" + port + ", from=" + from.orElse("-") + "]";
    }
}
