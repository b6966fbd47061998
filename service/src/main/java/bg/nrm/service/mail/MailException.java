package bg.nrm.service.mail;

/** An e-mail could not be handed to the SMTP server. The message names the kind of failure, never an address. */
public final class MailException extends RuntimeException {
    public MailException(String message, Throwable cause) {
        super(message, cause);
    }
}
