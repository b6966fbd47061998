package bg.nrm.service.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * Sends the service's e-mail through one SMTP server. Two kinds of message, both with a neutral subject and no
 * personal data in any header:
 * <ul>
 *   <li>{@link #pgpMime}: RFC 3156 {@code multipart/encrypted; protocol="application/pgp-encrypted"}, a version part
 *       and the armored OpenPGP message (signed and encrypted in one, RFC 3156 §6.2) whose plaintext is itself a
 *       MIME entity with protected headers;</li>
 *   <li>{@link #notice}: a short bilingual text with no case data.</li>
 * </ul>
 * The Message-ID is derived from a stable id, so a repeated attempt sends the same message id (receivers deduplicate).
 */
public final class Mailer {
    private final MailSettings settings;
    private final Session session;

    public Mailer(MailSettings settings) {
        this.settings = settings;
        Properties p = new Properties();
        p.put("mail.smtp.host", settings.host().orElse("localhost"));
        p.put("mail.smtp.port", Integer.toString(settings.port()));
        // A silent or slow SMTP server fails the attempt (retried later) instead of holding the delivery worker.
        p.put("mail.smtp.connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
        p.put("mail.smtp.timeout", Long.toString(settings.timeout().toMillis()));
        p.put("mail.smtp.writetimeout", Long.toString(settings.timeout().toMillis()));
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", Boolean.toString(settings.startTlsRequired()));
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        p.put("mail.smtp.auth", Boolean.toString(settings.user().isPresent()));
        // Mail headers and 8bit bodies in UTF-8 where the server allows it.
        p.put("mail.mime.charset", "UTF-8");
        p.put("mail.smtp.allow8bitmime", "true");
        this.session = Session.getInstance(p);
    }

    public MailSettings settings() {
        return settings;
    }

    /** A PGP/MIME message to {@code to} carrying {@code armoredMessage}. */
    public MimeMessage pgpMime(String to, String stableId, String subject, String armoredMessage) {
        try {
            MimeMessage m = envelope(to, stableId, subject);
            MimeBodyPart version = new MimeBodyPart();
            version.setDataHandler(new DataHandler(new ByteArrayDataSource(
                    "Version: 1\r\n".getBytes(StandardCharsets.US_ASCII), "application/pgp-encrypted")));
            version.setDescription("PGP/MIME version identification");
            version.setHeader("Content-Transfer-Encoding", "7bit");
            MimeBodyPart encrypted = new MimeBodyPart();
            encrypted.setDataHandler(new DataHandler(new ByteArrayDataSource(
                    armoredMessage.getBytes(StandardCharsets.US_ASCII), "application/octet-stream; name=\"encrypted.asc\"")));
            encrypted.setHeader("Content-Transfer-Encoding", "7bit");
            encrypted.setDescription("OpenPGP encrypted message");
            encrypted.setDisposition("inline; filename=\"encrypted.asc\"");
            MimeMultipart multipart = new PgpMimeMultipart();
            multipart.addBodyPart(version);
            multipart.addBodyPart(encrypted);
            m.setContent(multipart);
            m.saveChanges();
            return m;
        } catch (MessagingException e) {
            throw new MailException("cannot compose the message", e);
        }
    }

    /** A plain-text notice to {@code to}. */
    public MimeMessage notice(String to, String stableId, String subject, String text) {
        try {
            MimeMessage m = envelope(to, stableId, subject);
            m.setText(text, StandardCharsets.UTF_8.name());
            m.saveChanges();
            return m;
        } catch (MessagingException e) {
            throw new MailException("cannot compose the message", e);
        }
    }

    /** Hands {@code message} to the SMTP server. */
    public void send(MimeMessage message) {
        try {
            if (settings.user().isPresent()) {
                Transport.send(message, settings.user().get(), settings.password().orElse(""));
            } else {
                Transport.send(message);
            }
        } catch (MessagingException e) {
            throw new MailException("SMTP delivery failed (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private MimeMessage envelope(String to, String stableId, String subject) throws MessagingException {
        String id = messageId(stableId);
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                // The same id on every attempt: a receiver that got the message once can drop the repeat.
                setHeader("Message-ID", id);
            }
        };
        m.setFrom(new InternetAddress(settings.from().orElseThrow(), true));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        m.setSubject(subject, StandardCharsets.UTF_8.name());
        m.setSentDate(new Date());
        return m;
    }

    private String messageId(String stableId) {
        String from = settings.from().orElseThrow();
        return "<" + stableId + "@" + from.substring(from.indexOf('@') + 1) + ">";
    }

    /** {@code multipart/encrypted} with the {@code protocol} parameter RFC 3156 requires. */
    private static final class PgpMimeMultipart extends MimeMultipart {
        PgpMimeMultipart() throws MessagingException {
            super("encrypted");
            ContentType type = new ContentType(contentType);
            type.setParameter("protocol", "application/pgp-encrypted");
            contentType = type.toString();
        }
    }
}
