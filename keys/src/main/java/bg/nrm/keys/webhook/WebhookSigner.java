package bg.nrm.keys.webhook;

import bg.nrm.keys.KeysException;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies webhook requests per Standard Webhooks: the signed content is
 * {@code <webhook-id>.<webhook-timestamp>.<body>}, the signature {@code v1,<base64 HMAC-SHA256>}; the
 * {@code webhook-signature} header may hold several space-separated signatures (during a secret rotation).
 */
public final class WebhookSigner {
    /** How far a request's timestamp may be from the receiver's clock, as the convention recommends. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private WebhookSigner() {
    }

    /** The three headers of one signed request. */
    public record Headers(String id, String timestamp, String signature) {
    }

    /** Signs {@code body} for the message {@code id} sent at {@code at}. */
    public static Headers sign(WebhookSecret secret, String id, Instant at, byte[] body) {
        String timestamp = Long.toString(at.getEpochSecond());
        return new Headers(id, timestamp, "v1," + Base64.getEncoder().encodeToString(mac(secret, id, timestamp, body)));
    }

    /**
     * Checks headers as a receiver does: the timestamp within {@link #TOLERANCE} of {@code now} and one {@code v1}
     * signature equal (in constant time) to the expected one.
     */
    public static boolean verify(WebhookSecret secret, Headers headers, byte[] body, Instant now) {
        if (headers.id() == null || headers.timestamp() == null || headers.signature() == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(headers.timestamp());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            return false;
        }
        byte[] expected = mac(secret, headers.id(), headers.timestamp(), body);
        for (String candidate : headers.signature().split(" ")) {
            if (candidate.startsWith("v1,")) {
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(candidate.substring(3));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (MessageDigest.isEqual(expected, given)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] mac(WebhookSecret secret, String id, String timestamp, byte[] body) {
        if (id.indexOf('.') >= 0) {
            // The id is the first field of the signed content; a dot in it would make two messages sign alike.
            throw new IllegalArgumentException("webhook id must not contain '.'");
        }
        byte[] key = secret.key().unsafeBytes();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new KeysException("signing failed", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
