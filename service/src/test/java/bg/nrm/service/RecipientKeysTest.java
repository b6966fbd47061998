package bg.nrm.service;

import bg.nrm.keys.pgp.Certificates;
import bg.nrm.keys.pgp.Envelopes;
import bg.nrm.keys.pgp.GeneratedKey;
import bg.nrm.keys.pgp.OpenedEnvelope;
import bg.nrm.keys.pgp.OrganisationKeys;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An administrator uploads an organisation's own public key; referrals are then encrypted to it alone. */
class RecipientKeysTest {
    @TempDir
    static Path dataDir;
    static TestService service;
    static Api api;
    static String admin;

    @BeforeAll
    static void start() {
        service = TestService.sqlite(dataDir);
        api = service.api;
        admin = api.token("admin");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private Api.Response upload(String org, String armored) {
        return api.put("/api/v1/organisations/" + org + "/keys", admin, "application/pgp-keys", armored);
    }

    @Test
    void uploadedKeyBecomesTheOnlyOneReferralsAreEncryptedTo() {
        GeneratedKey own = OrganisationKeys.generate("ОЗД Пловдив <ozd@plovdiv.example>", null);
        Api.Response r = upload("ozd-plovdiv", own.armoredCertificate());
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        // The organisation confirms the fingerprint it reads from its own key (issue 13: key changes need it).
        assertThat(api.post("/api/v1/organisations/ozd-plovdiv/keys/confirm", api.token("ozd.plovdiv"),
                "{\"fingerprint\":\"" + own.fingerprint() + "\"}").status()).isEqualTo(200);
        r = api.get("/api/v1/organisations/ozd-plovdiv", admin);
        JsonNode keys = r.json().get("keys");
        assertThat(keys.get(0).get("fingerprint").asText()).isEqualToIgnoringCase(own.fingerprint());
        assertThat(keys.get(0).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(keys.findValuesAsText("status")).contains("RETIRED");

        String referralId = null;
        JsonNode screening = api.post("/api/v1/screenings", api.token("screener.plovdiv"),
                Screenings.json(Screenings.highRiskChild("BG-16"))).json();
        for (JsonNode ref : screening.get("referrals")) {
            if (ref.get("recipient").get("id").asText().equals("ozd-plovdiv")) {
                referralId = ref.get("id").asText();
            }
        }
        String envelope = api.get("/api/v1/referrals/" + referralId + "/envelope", api.token("ozd.plovdiv")).body();
        OpenedEnvelope opened = Envelopes.decryptAndVerify(envelope, own.armoredSecretKey(), null,
                List.of(api.get("/api/v1/service-key", null).body()));
        assertThat(opened.signatureVerified()).isTrue();
        assertThat(new String(opened.plaintext(), StandardCharsets.UTF_8)).contains(referralId);
    }

    @Test
    void anythingButAValidEncryptionCertificateIsRefused() {
        GeneratedKey key = OrganisationKeys.generate("test <t@example.org>", null);
        GeneratedKey expiring = OrganisationKeys.generate("old <o@example.org>", null,
                Instant.now().plus(1, ChronoUnit.DAYS));
        assertThat(upload("cc-children-plovdiv", "not a key at all").status()).isEqualTo(400);
        assertThat(upload("cc-children-plovdiv", key.armoredSecretKey()).status()).isEqualTo(400);
        service.clock.advance(java.time.Duration.ofDays(2));
        try {
            Api.Response expired = api.put("/api/v1/organisations/cc-children-plovdiv/keys", api.token("admin"),
                    "application/pgp-keys", expiring.armoredCertificate());
            assertThat(expired.status()).as("expired").isEqualTo(400);
        } finally {
            service.clock.advance(java.time.Duration.ofDays(-2));
        }
        assertThat(upload("cc-children-plovdiv", Certificates.revoke(key.armoredSecretKey(), null)).status()).isEqualTo(400);
        Api.Response r = upload("cc-children-plovdiv", "not a key at all");
        assertThat(r.json().get("errors").findValuesAsText("field")).containsExactly("body");
        assertThat(upload("no-such-org", key.armoredCertificate()).status()).isEqualTo(404);
    }
}
