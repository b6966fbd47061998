package bg.nrm.keys.webhook;

import bg.nrm.keys.KeysException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Webhook signatures against a reference check written from the Standard Webhooks specification
 * (standardwebhooks.com, "Signature scheme"): strip {@code whsec_}, base64-decode the key, HMAC-SHA256 over
 * {@code msg_id.timestamp.payload}, base64, prefix {@code v1,}.
 */
class WebhookSignerTest {
    // The example of the specification's README: secret, id, timestamp, payload and the signature it gives.
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final Instant SPEC_TIME = Instant.ofEpochSecond(1614265330);
    private static final String SPEC_PAYLOAD = "{\"test\": 2432232314}";
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    /** The reference check, as a receiver would write it from the specification alone. */
    static boolean referenceVerify(String secret, String id, String timestamp, byte[] body, String signatureHeader)
            throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] signed = (id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed));
        for (String s : signatureHeader.split(" ")) {
            if (s.equals(expected)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void signatureOfTheSpecificationsExampleIsReproduced() {
        WebhookSigner.Headers h = WebhookSigner.sign(WebhookSecret.parse(SPEC_SECRET), SPEC_ID, SPEC_TIME,
                SPEC_PAYLOAD.getBytes(StandardCharsets.UTF_8));
        assertThat(h.timestamp()).isEqualTo("1614265330");
        assertThat(h.signature()).isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void generatedSecretSignsWhatTheReferenceCheckAccepts() throws Exception {
        WebhookSecret secret = WebhookSecret.generate();
        byte[] body = "-----BEGIN PGP MESSAGE-----\nсигнал\n".getBytes(StandardCharsets.UTF_8);
        WebhookSigner.Headers h = WebhookSigner.sign(secret, "ref-1", Instant.now(), body);
        assertThat(referenceVerify(secret.unsafeText(), h.id(), h.timestamp(), body, h.signature())).isTrue();
        assertThat(referenceVerify(WebhookSecret.generate().unsafeText(), h.id(), h.timestamp(), body, h.signature()))
                .isFalse();
    }

    @Test
    void changedBodyIdOrTimestampFailsVerification() {
        WebhookSecret secret = WebhookSecret.generate();
        Instant now = Instant.now();
        byte[] body = "body".getBytes(StandardCharsets.UTF_8);
        WebhookSigner.Headers h = WebhookSigner.sign(secret, "ref-1", now, body);
        assertThat(WebhookSigner.verify(secret, h, body, now)).isTrue();
        assertThat(WebhookSigner.verify(secret, h, "Body".getBytes(StandardCharsets.UTF_8), now)).isFalse();
        assertThat(WebhookSigner.verify(secret, new WebhookSigner.Headers("ref-2", h.timestamp(), h.signature()), body, now))
                .isFalse();
        assertThat(WebhookSigner.verify(secret, new WebhookSigner.Headers("ref-1",
                Long.toString(now.getEpochSecond() + 1), h.signature()), body, now)).isFalse();
    }

    @Test
    void staleTimestampIsRefusedEvenWithAValidSignature() {
        WebhookSecret secret = WebhookSecret.generate();
        Instant sent = Instant.parse("2026-12-03T10:00:00Z");
        byte[] body = "body".getBytes(StandardCharsets.UTF_8);
        WebhookSigner.Headers h = WebhookSigner.sign(secret, "ref-1", sent, body);
        assertThat(WebhookSigner.verify(secret, h, body, sent.plusSeconds(299))).isTrue();
        assertThat(WebhookSigner.verify(secret, h, body, sent.plusSeconds(301))).isFalse();
    }

    @Test
    void secretTextRoundTripsAndMalformedSecretsAreRefusedWithoutEchoingThem() {
        WebhookSecret secret = WebhookSecret.generate();
        assertThat(WebhookSecret.parse(secret.unsafeText()).unsafeText()).isEqualTo(secret.unsafeText());
        assertThat(secret.toString()).doesNotContain(secret.unsafeText().substring(6));
        for (String bad : new String[] {null, "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_!!notbase64!!", "whsec_c2hvcnQ="}) {
            assertThatThrownBy(() -> WebhookSecret.parse(bad)).isInstanceOf(KeysException.class)
                    .hasMessageStartingWith("not a webhook secret")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("notbase64"));
        }
    }
}
