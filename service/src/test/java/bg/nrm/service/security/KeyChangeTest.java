package bg.nrm.service.security;

import bg.nrm.keys.pgp.Certificates;
import bg.nrm.keys.pgp.Envelopes;
import bg.nrm.keys.pgp.GeneratedKey;
import bg.nrm.keys.pgp.OrganisationKeys;
import bg.nrm.service.Api;
import bg.nrm.service.Screenings;
import bg.nrm.service.TestService;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Finding (Medium): an administrator could upload their own key for a crisis centre and decrypt the next referrals.
 * A new key now waits until the organisation confirms it (or its current key certifies it); until then referrals
 * stay encrypted to the current key.
 */
class KeyChangeTest {
    @TempDir
    Path dataDir;
    TestService service;
    Api api;
    String admin;

    @BeforeEach
    void start() {
        service = TestService.sqlite(dataDir);
        api = service.api;
        admin = api.token("admin");
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void anAdministratorsOwnKeyDoesNotOpenTheNextReferrals() throws Exception {
        GeneratedKey adminsKey = OrganisationKeys.generate("not the centre <admin@example.org>", null);
        Api.Response upload = upload("cc-children-plovdiv", adminsKey.armoredCertificate());
        assertThat(upload.status()).isEqualTo(202);
        assertThat(upload.json().get("status").asText()).isEqualTo("PENDING");

        String envelope = envelopeFor("cc-children-plovdiv", "crisis.plovdiv");
        assertThatThrownBy(() -> Envelopes.decryptAndVerify(envelope, adminsKey.armoredSecretKey(), null, List.of()))
                .as("the administrator's key cannot open it").isInstanceOf(RuntimeException.class);
        String centresKey = Files.readString(dataDir.resolve("keys/cc-children-plovdiv.secret.asc"));
        assertThat(Envelopes.decryptAndVerify(envelope, centresKey, null, List.of()).plaintext()).isNotEmpty();
    }

    @Test
    void onlyAUserOfTheOrganisationConfirmsAndThenTheNewKeyIsUsed() {
        GeneratedKey next = OrganisationKeys.generate("ОЗД Пловдив <ozd@plovdiv.example>", null);
        String previous = Certificates.fingerprint(readDemoCertificate("ozd-plovdiv"));
        assertThat(upload("ozd-plovdiv", next.armoredCertificate()).status()).isEqualTo(202);

        assertThat(confirm("ozd-plovdiv", next.fingerprint(), admin).status()).as("administrator").isEqualTo(403);
        assertThat(confirm("ozd-plovdiv", next.fingerprint(), api.token("crisis.plovdiv")).status())
                .as("another organisation").isEqualTo(403);
        assertThat(confirm("ozd-plovdiv", "AB".repeat(20), api.token("ozd.plovdiv")).status())
                .as("a fingerprint that is not waiting").isEqualTo(404);
        Api.Response ok = confirm("ozd-plovdiv", next.fingerprint().toLowerCase(), api.token("ozd.plovdiv"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("status").asText()).isEqualTo("ACTIVE");

        String envelope = envelopeFor("ozd-plovdiv", "ozd.plovdiv");
        assertThat(Envelopes.decryptAndVerify(envelope, next.armoredSecretKey(), null, List.of()).plaintext())
                .isNotEmpty();
        assertThat(auditDetails("KEY_PROPOSED")).anyMatch(d -> d.contains(next.fingerprint()) && d.contains(previous));
        assertThat(auditDetails("KEY_ACTIVATED")).anyMatch(d -> d.contains(next.fingerprint()) && d.contains(previous));
    }

    @Test
    void aKeyCertifiedByTheCurrentKeyIsActiveAtOnce() throws Exception {
        GeneratedKey next = OrganisationKeys.generate("ОЗД Пловдив <ozd@plovdiv.example>", null);
        String current = Files.readString(dataDir.resolve("keys/ozd-plovdiv.secret.asc"));
        String vouched = Certificates.certify(next.armoredCertificate(), current, null);
        Api.Response r = upload("ozd-plovdiv", vouched);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void theOrganisationsAlertStreamHearsOfTheChange() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> stream = http.send(api.builder("/api/v1/alerts", api.token("ozd.plovdiv"))
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).contains("subscribed");
            GeneratedKey next = OrganisationKeys.generate("ОЗД Пловдив <ozd@plovdiv.example>", null);
            assertThat(upload("ozd-plovdiv", next.armoredCertificate()).status()).isEqualTo(202);
            CompletableFuture<String> event = CompletableFuture.supplyAsync(() -> {
                try {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (line.startsWith("data:") && line.contains(next.fingerprint())) {
                            return line;
                        }
                    }
                    return null;
                } catch (java.io.IOException e) {
                    return null;
                }
            });
            assertThat(event.get(10, TimeUnit.SECONDS)).contains("PENDING");
        }
    }

    @Test
    void aKeyOfAnotherOrganisationOrGarbageIsRefusedWithoutA500() {
        String theirs = readDemoCertificate("ozd-plovdiv");
        Api.Response taken = upload("cc-children-plovdiv", theirs);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.contentType()).startsWith("application/problem+json");
        byte[] garbage = new byte[3000];
        new java.util.Random(7).nextBytes(garbage);
        garbage[0] = (byte) 0x99;
        Api.Response junk = api.send(api.builder("/api/v1/organisations/cc-children-plovdiv/keys", admin)
                .header("Content-Type", "application/octet-stream")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(garbage)).build());
        assertThat(junk.status()).isEqualTo(400);
    }

    @Test
    void aKeyExpiringWithinThirtyDaysIsAnnouncedOnce() {
        GeneratedKey shortLived = OrganisationKeys.generate("ОЗД Пловдив <ozd@plovdiv.example>", null,
                Instant.now().plus(Duration.ofDays(60)));
        assertThat(upload("ozd-plovdiv", shortLived.armoredCertificate()).status()).isEqualTo(202);
        assertThat(confirm("ozd-plovdiv", shortLived.fingerprint(), api.token("ozd.plovdiv")).status()).isEqualTo(200);
        assertThat(service.app.keyChanges().warnExpiring()).isZero();
        service.clock.advance(Duration.ofDays(31));
        assertThat(service.app.keyChanges().warnExpiring()).isEqualTo(1);
        assertThat(service.app.keyChanges().warnExpiring()).as("once").isZero();
        assertThat(auditDetails("KEY_EXPIRY_WARNING")).anyMatch(d -> d.contains(shortLived.fingerprint()));
    }

    private Api.Response upload(String org, String armored) {
        return api.put("/api/v1/organisations/" + org + "/keys", admin, "application/pgp-keys", armored);
    }

    private Api.Response confirm(String org, String fingerprint, String token) {
        return api.post("/api/v1/organisations/" + org + "/keys/confirm", token,
                "{\"fingerprint\":\"" + fingerprint + "\"}");
    }

    private String readDemoCertificate(String org) {
        try {
            return Files.readString(dataDir.resolve("keys/" + org + ".public.asc"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String envelopeFor(String org, String recipientUser) {
        JsonNode screening = api.post("/api/v1/screenings", api.token("screener.plovdiv"),
                Screenings.json(Screenings.highRiskChild("BG-16"))).json();
        for (JsonNode ref : screening.get("referrals")) {
            if (ref.get("recipient").get("id").asText().equals(org)) {
                return api.get("/api/v1/referrals/" + ref.get("id").asText() + "/envelope", api.token(recipientUser))
                        .body();
            }
        }
        throw new AssertionError("no referral to " + org);
    }

    private List<String> auditDetails(String action) {
        return service.app.database().read(c -> {
            try (var ps = c.prepareStatement("SELECT detail FROM audit_log WHERE action = ?")) {
                ps.setString(1, action);
                try (var rs = ps.executeQuery()) {
                    List<String> out = new java.util.ArrayList<>();
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                    return out;
                }
            }
        });
    }
}
