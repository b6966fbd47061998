package bg.nrm.keys.webhook;

import bg.nrm.keys.KeysException;
import bg.nrm.keys.SecretBytes;

import java.util.Arrays;
import java.util.Base64;

/**
 * A webhook signing secret in the Standard Webhooks text form {@code whsec_<base64 of 24 to 64 random bytes>}. The
 * recipient organisation holds the same text and checks each request with it. {@link #toString()} never shows it.
 */
public final class WebhookSecret {
    /** The prefix Standard Webhooks libraries expect before the base64 key. */
    public static final String PREFIX = "whsec_";
    static final int MIN_BYTES = 24;
    static final int MAX_BYTES = 64;
    private static final int GENERATED_BYTES = 32;

    private final SecretBytes key;

    private WebhookSecret(SecretBytes key) {
        this.key = key;
    }

    /** A fresh random secret (32 bytes). */
    public static WebhookSecret generate() {
        return new WebhookSecret(SecretBytes.random(GENERATED_BYTES));
    }

    /**
     * Reads the text form.
     *
     * @throws KeysException "not a webhook secret" when the prefix, the base64 or the length is wrong (the message
     *                       never repeats the input)
     */
    public static WebhookSecret parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new KeysException("not a webhook secret: must be " + PREFIX + " followed by base64");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new KeysException("not a webhook secret: must be " + PREFIX + " followed by base64");
        }
        try {
            if (raw.length < MIN_BYTES || raw.length > MAX_BYTES) {
                throw new KeysException("not a webhook secret: the key must be " + MIN_BYTES + " to " + MAX_BYTES + " bytes");
            }
            return new WebhookSecret(SecretBytes.copyOf(raw));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** The text form, to store sealed or hand to the recipient once. Named so that review can grep for it. */
    public String unsafeText() {
        byte[] raw = key.unsafeBytes();
        try {
            return PREFIX + Base64.getEncoder().encodeToString(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    SecretBytes key() {
        return key;
    }

    @Override
    public String toString() {
        return "WebhookSecret[" + key.fingerprint() + "]";
    }
}
