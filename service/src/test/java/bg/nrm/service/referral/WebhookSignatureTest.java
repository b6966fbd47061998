package bg.nrm.service.referral;

import bg.nrm.service.Api;
import bg.nrm.service.Screenings;
import bg.nrm.service.TestService;
import bg.nrm.service.Webhook;
import bg.nrm.service.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook deliveries as a receiver checks them: signed per Standard Webhooks with the organisation's secret, verified
 * here by a reference check written from the specification alone (not the service's own signer).
 */
class WebhookSignatureTest {
    @TempDir
    Path dataDir;
    TestService service;
    Api api;

    @BeforeEach
    void start() {
        service = TestService.sqlite(dataDir);
        api = service.api;
    }

    @AfterEach
    void stop() {
        service.close();
    }

    /** Standard Webhooks, "Verifying": HMAC-SHA256 over "id.timestamp.body" with the base64 key after "whsec_". */
    static boolean verifies(String secret, String id, String timestamp, String body, String signatureHeader)
            throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        for (String candidate : signatureHeader.split(" ")) {
            if (candidate.equals(expected)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyAttemptIsSignedWithTheOrganisationsSecretAndCarriesTheReferralIdAsWebhookId() throws Exception {
        try (Webhook webhook = new Webhook(500)) {
            String admin = api.token("admin");
            Api.Response set = api.put("/api/v1/organisations/cc-children-plovdiv", admin, "application/json",
                    Json.writeString(Map.of("webhookUrl", webhook.url(), "webhookSecret", "generate")));
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            String secret = set.json().get("newWebhookSecret").asText();
            assertThat(secret).startsWith("whsec_");
            // Shown once: reading the organisation again says only that a secret is set.
            JsonNode again = api.get("/api/v1/organisations/cc-children-plovdiv", admin).json();
            assertThat(again.get("webhookSecretSet").asBoolean()).isTrue();
            assertThat(again.toString()).doesNotContain(secret.substring(6));

            JsonNode screening = api.post("/api/v1/screenings", api.token("screener.plovdiv"),
                    Screenings.json(Screenings.highRiskChild("BG-16"))).json();
            service.app.delivery().runOnce();
            service.clock.advance(java.time.Duration.ofMinutes(1));
            service.app.delivery().runOnce();

            assertThat(webhook.received()).hasSize(2);
            for (Webhook.Received r : webhook.received()) {
                Map<String, String> h = r.webhookHeaders();
                assertThat(h.get("webhook-id")).isEqualTo(r.referralId());
                assertThat(Long.parseLong(h.get("webhook-timestamp")))
                        .isCloseTo(service.clock.instant().getEpochSecond(), org.assertj.core.data.Offset.offset(120L));
                assertThat(verifies(secret, h.get("webhook-id"), h.get("webhook-timestamp"), r.body(),
                        h.get("webhook-signature"))).isTrue();
                assertThat(verifies("whsec_" + Base64.getEncoder().encodeToString(new byte[32]), h.get("webhook-id"),
                        h.get("webhook-timestamp"), r.body(), h.get("webhook-signature"))).isFalse();
            }
            assertThat(webhook.received().get(0).referralId()).isEqualTo(webhook.received().get(1).referralId());
            assertThat(screening.toString()).contains(webhook.received().get(0).referralId());
        }
    }

    @Test
    void aFirstWebhookAddressGetsASecretShownOnceAndABadSecretIsRefusedByField() {
        String admin = api.token("admin");
        Api.Response first = api.put("/api/v1/organisations/ozd-plovdiv", admin, "application/json",
                "{\"webhookUrl\": \"https://ozd.example.bg/nrm\"}");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("newWebhookSecret").asText()).startsWith("whsec_");
        Api.Response bad = api.put("/api/v1/organisations/ozd-plovdiv", admin, "application/json",
                "{\"webhookSecret\": \"whsec_not-base64!\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").findValuesAsText("field")).containsExactly("webhookSecret");
        assertThat(bad.body()).doesNotContain("not-base64");
    }
}
