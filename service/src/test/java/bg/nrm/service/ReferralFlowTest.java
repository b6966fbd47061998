package bg.nrm.service;

import bg.nrm.service.http.Json;
import bg.nrm.service.referral.DeliveryWorker;
import bg.nrm.service.referral.Escalation;
import bg.nrm.testing.QuietLog;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The National Referral Mechanism end to end, over real HTTP with a real webhook receiver and real gpg. Background
 * workers are driven by hand and time is moved with a test clock, so nothing sleeps for a deadline.
 */
class ReferralFlowTest {
    @TempDir
    Path dataDir;
    TestService service;
    Api api;
    // These tests make deliveries fail and escalations run out of recipients on purpose: what the workers log about
    // it is kept for the assertions instead of printed, where it would read like a broken build.
    QuietLog deliveryLog;
    QuietLog escalationLog;

    @BeforeEach
    void start() {
        deliveryLog = QuietLog.of(DeliveryWorker.class);
        escalationLog = QuietLog.of(Escalation.class);
        service = TestService.start(dataDir, new MutableClock(), Map.of("nrm.delivery.initial-backoff", "PT10S",
                "nrm.delivery.max-attempts", "4"));
        api = service.api;
    }

    @AfterEach
    void stop() {
        service.close();
        deliveryLog.close();
        escalationLog.close();
    }

    private JsonNode submit(Map<String, Object> body) {
        Api.Response r = api.post("/api/v1/screenings", api.token("screener.plovdiv"), Screenings.json(body));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static Map<String, JsonNode> byRecipient(JsonNode screening) {
        return StreamSupport.stream(screening.get("referrals").spliterator(), false)
                .collect(Collectors.toMap(r -> r.get("recipient").get("id").asText(), r -> r));
    }

    @Test
    void highRiskChildInPlovdivIsReferredAsTheRoutingTableSays() {
        JsonNode screening = submit(Screenings.highRiskChild("BG-16"));
        Map<String, JsonNode> referrals = byRecipient(screening);
        assertThat(referrals).containsOnlyKeys("ozd-plovdiv", "cc-children-plovdiv", "police-plovdiv", "sacp-national",
                "lc-plovdiv", "nc-national");
        for (String identified : List.of("ozd-plovdiv", "cc-children-plovdiv", "police-plovdiv", "sacp-national")) {
            assertThat(referrals.get(identified).get("anonymised").asBoolean()).as(identified).isFalse();
        }
        assertThat(referrals.get("lc-plovdiv").get("anonymised").asBoolean()).isTrue();
        assertThat(referrals.get("nc-national").get("anonymised").asBoolean()).isTrue();
        Instant due = Instant.parse(referrals.get("ozd-plovdiv").get("dueBy").asText());
        Instant created = Instant.parse(screening.get("createdAt").asText()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        assertThat(Duration.between(created, due)).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void childWithNoIndicatorIsReferredToNobody() {
        assertThat(submit(Screenings.noRiskChild()).get("referrals")).isEmpty();
    }

    @Test
    void childInBlagoevgradGoesToTheNearestChildrensCrisisCentreWithAFreePlace() {
        assertThat(byRecipient(submit(Screenings.highRiskChild("BG-01")))).containsKey("cc-children-plovdiv")
                .containsKey("ozd-razlog");
        String admin = api.token("admin");
        assertThat(api.put("/api/v1/organisations/cc-children-plovdiv", admin, "application/json",
                "{\"freePlaces\": 0}").status()).isEqualTo(200);
        assertThat(byRecipient(submit(Screenings.highRiskChild("BG-01")))).containsKey("cc-children-veliko-tarnovo")
                .doesNotContainKey("cc-children-plovdiv");
    }

    @Test
    void webhookThatFailsTwiceIsDeliveredOnTheThirdAttempt() throws IOException {
        try (Webhook webhook = new Webhook(503, 500)) {
            setWebhook("cc-children-plovdiv", webhook.url());
            String referralId = byRecipient(submit(Screenings.highRiskChild("BG-16"))).get("cc-children-plovdiv").get("id").asText();

            service.app.delivery().runOnce();
            assertThat(state(referralId)).isEqualTo("PENDING");
            service.app.delivery().runOnce();
            assertThat(webhook.received()).as("not retried before the backoff").hasSize(1);
            service.clock.advance(Duration.ofSeconds(15));
            service.app.delivery().runOnce();
            service.clock.advance(Duration.ofSeconds(30));
            service.app.delivery().runOnce();

            assertThat(state(referralId)).isEqualTo("DELIVERED");
            assertThat(webhook.received()).extracting(Webhook.Received::attempt).containsExactly("1", "2", "3");
            assertThat(webhook.received()).extracting(Webhook.Received::referralId).containsOnly(referralId);
            assertThat(webhook.received().get(2).body()).startsWith("-----BEGIN PGP MESSAGE-----");
            assertThat(webhook.received().get(2).body()).doesNotContain("Мария");
        }
    }

    @Test
    void recipientEndpointDownThroughAllRetriesEndsFailed() throws IOException {
        try (Webhook webhook = new Webhook(500, 500, 500, 500, 500)) {
            setWebhook("cc-children-plovdiv", webhook.url());
            String referralId = byRecipient(submit(Screenings.highRiskChild("BG-16"))).get("cc-children-plovdiv").get("id").asText();
            for (int i = 0; i < 6; i++) {
                service.app.delivery().runOnce();
                service.clock.advance(Duration.ofMinutes(5));
            }
            assertThat(state(referralId)).isEqualTo("FAILED");
            assertThat(webhook.received()).hasSize(4);
            assertThat(service.app.delivery().failedCount()).isEqualTo(1);
            assertThat(deliveryLog.messages()).containsExactly(
                    "WARNING referral " + referralId + " failed after 4 delivery attempts, last: HTTP 500");
        }
    }

    @Test
    void recipientGetsALiveAlertAndTheReferralInItsInbox() throws Exception {
        String ozd = api.token("ozd.plovdiv");
        CompletableFuture<HttpResponse<Stream<String>>> stream = java.net.http.HttpClient.newHttpClient().sendAsync(
                api.builder("/api/v1/alerts", ozd).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> response = stream.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        CompletableFuture<String> firstEvent = CompletableFuture.supplyAsync(() -> response.body()
                .filter(line -> line.startsWith("data:")).findFirst().orElseThrow());

        String referralId = byRecipient(submit(Screenings.highRiskChild("BG-16"))).get("ozd-plovdiv").get("id").asText();
        service.app.alerts().poll();

        JsonNode alert = Json.mapper().readTree(firstEvent.get(10, TimeUnit.SECONDS).substring("data:".length()));
        assertThat(alert.get("referralId").asText()).isEqualTo(referralId);
        assertThat(alert.get("level").asText()).isEqualTo("HIGH");
        assertThat(alert.toString()).doesNotContain("Мария").doesNotContain("CASE-2026");

        JsonNode inbox = api.get("/api/v1/inbox", ozd).json();
        assertThat(inbox.findValuesAsText("id")).contains(referralId);
        assertThat(inbox.toString()).doesNotContain("Мария");
    }

    @Test
    void crisisCentreAcknowledgesAndAcceptsAndTheScreenerSeesIt() {
        JsonNode screening = submit(Screenings.highRiskChild("BG-16"));
        String referralId = byRecipient(screening).get("cc-children-plovdiv").get("id").asText();
        String crisis = api.token("crisis.plovdiv");
        assertThat(api.post("/api/v1/referrals/" + referralId + "/ack", crisis, "{}").json().get("state").asText())
                .isEqualTo("ACKNOWLEDGED");
        assertThat(api.post("/api/v1/referrals/" + referralId + "/decision", crisis,
                "{\"decision\":\"ACCEPTED\",\"reason\":\"place available\"}").json().get("state").asText())
                .isEqualTo("ACCEPTED");
        JsonNode read = api.get("/api/v1/screenings/" + screening.get("id").asText(), api.token("screener.plovdiv")).json();
        JsonNode referral = byRecipient(read).get("cc-children-plovdiv");
        assertThat(referral.get("state").asText()).isEqualTo("ACCEPTED");
        assertThat(referral.get("history").findValuesAsText("state")).containsSubsequence("PENDING", "ACKNOWLEDGED", "ACCEPTED");
    }

    @Test
    void anotherOrganisationCannotSeeOrActOnTheReferral() {
        String referralId = byRecipient(submit(Screenings.highRiskChild("BG-16"))).get("cc-children-plovdiv").get("id").asText();
        String ozd = api.token("ozd.plovdiv");
        assertThat(api.get("/api/v1/referrals/" + referralId + "/envelope", ozd).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/referrals/" + referralId + "/ack", ozd, "{}").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/inbox", ozd).json().findValuesAsText("id")).doesNotContain(referralId);
    }

    @Test
    void unacknowledgedReferralIsEscalatedOnceItsDeadlinePasses() {
        JsonNode screening = submit(Screenings.highRiskChild("BG-16"));
        String ozdReferral = byRecipient(screening).get("ozd-plovdiv").get("id").asText();
        service.clock.advance(Duration.ofHours(23));
        service.app.escalation().escalateOverdue();
        assertThat(state(ozdReferral)).isEqualTo("PENDING");

        service.clock.advance(Duration.ofHours(2));
        service.app.escalation().escalateOverdue();
        assertThat(state(ozdReferral)).isEqualTo("ESCALATED");
        JsonNode read = api.get("/api/v1/screenings/" + screening.get("id").asText(), api.token("screener.plovdiv")).json();
        JsonNode successor = StreamSupport.stream(read.get("referrals").spliterator(), false)
                .filter(r -> ozdReferral.equals(r.path("escalatedFrom").asText(null))).findFirst().orElseThrow();
        assertThat(successor.get("recipient").get("type").asText()).isEqualTo("CHILD_PROTECTION");
        assertThat(successor.get("recipient").get("id").asText()).isNotEqualTo("ozd-plovdiv");
        assertThat(successor.get("state").asText()).isEqualTo("PENDING");
    }

    @Test
    void declinedReferralIsPassedToTheNextChildrensCrisisCentre() {
        JsonNode screening = submit(Screenings.highRiskChild("BG-16"));
        String referralId = byRecipient(screening).get("cc-children-plovdiv").get("id").asText();
        Api.Response declined = api.post("/api/v1/referrals/" + referralId + "/decision", api.token("crisis.plovdiv"),
                "{\"decision\":\"DECLINED\",\"reason\":\"no free place tonight\"}");
        assertThat(declined.status()).isEqualTo(200);
        JsonNode read = api.get("/api/v1/screenings/" + screening.get("id").asText(), api.token("screener.plovdiv")).json();
        assertThat(byRecipient(read)).containsKey("cc-children-veliko-tarnovo");
        assertThat(byRecipient(read).get("cc-children-plovdiv").get("state").asText()).isEqualTo("ESCALATED");
    }

    @Test
    void decisionMustBeAcceptedOrDeclinedWithAReason() {
        String referralId = byRecipient(submit(Screenings.highRiskChild("BG-16"))).get("cc-children-plovdiv").get("id").asText();
        String crisis = api.token("crisis.plovdiv");
        Api.Response wrong = api.post("/api/v1/referrals/" + referralId + "/decision", crisis, "{\"decision\":\"MAYBE\"}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("errors").findValuesAsText("field")).containsExactly("decision");
        Api.Response noReason = api.post("/api/v1/referrals/" + referralId + "/decision", crisis, "{\"decision\":\"DECLINED\"}");
        assertThat(noReason.json().get("errors").findValuesAsText("field")).containsExactly("reason");
    }

    @Test
    void referringOrganisationRevokesAReferralWithAReasonAndOnlyIt() {
        String referralId = byRecipient(submit(Screenings.highRiskChild("BG-16"))).get("ozd-plovdiv").get("id").asText();
        assertThat(api.post("/api/v1/referrals/" + referralId + "/revoke", api.token("screener.etropole"),
                "{\"reason\":\"not ours\"}").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/referrals/" + referralId + "/revoke", api.token("screener.plovdiv"), "{}").status())
                .isEqualTo(400);
        Api.Response revoked = api.post("/api/v1/referrals/" + referralId + "/revoke", api.token("screener.plovdiv"),
                "{\"reason\":\"submitted for the wrong child\"}");
        assertThat(revoked.json().get("state").asText()).isEqualTo("REVOKED");
        assertThat(api.get("/api/v1/referrals/" + referralId + "/envelope", api.token("ozd.plovdiv")).status())
                .as("a withdrawn referral can no longer be opened").isEqualTo(410);
        assertThat(api.post("/api/v1/referrals/" + referralId + "/ack", api.token("ozd.plovdiv"), "{}").status())
                .isEqualTo(409);
    }

    @Test
    void adultInImmediateDangerWithoutConsentGoesToThePoliceIdentifiedAndTheOverrideIsAudited() {
        Map<String, Object> body = Screenings.base("adult-risk", 30, "BG-16");
        body.put("consent", Map.of("identifiedReferral", false));
        body.put("answers", Map.of("ID_THREAT_TO_LIFE", "yes"));
        JsonNode screening = submit(body);
        assertThat(screening.get("assessment").get("level").asText()).isEqualTo("IMMEDIATE");
        Map<String, JsonNode> referrals = byRecipient(screening);
        assertThat(referrals.get("police-plovdiv").get("anonymised").asBoolean()).isFalse();
        assertThat(referrals.get("shelter-sofia").get("anonymised").asBoolean()).isTrue();
        long overrides = service.count("SELECT COUNT(*) FROM audit_log WHERE action = 'CONSENT_OVERRIDDEN'");
        assertThat(overrides).isEqualTo(1);
        assertThat(api.get("/api/v1/audit/verify", api.token("auditor")).json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void referralThatCannotBeDeliveredIsPassedToTheNextRecipientOfItsType() throws IOException {
        try (Webhook webhook = new Webhook(500, 500, 500, 500)) {
            setWebhook("cc-children-plovdiv", webhook.url());
            JsonNode screening = submit(Screenings.highRiskChild("BG-16"));
            String referralId = byRecipient(screening).get("cc-children-plovdiv").get("id").asText();
            for (int i = 0; i < 5; i++) {
                service.app.delivery().runOnce();
                service.clock.advance(Duration.ofMinutes(5));
            }
            assertThat(state(referralId)).isEqualTo("FAILED");
            service.app.escalation().escalateOverdue();
            assertThat(state(referralId)).isEqualTo("ESCALATED");
            JsonNode read = api.get("/api/v1/screenings/" + screening.get("id").asText(), api.token("screener.plovdiv")).json();
            assertThat(byRecipient(read)).containsKey("cc-children-veliko-tarnovo");
        }
    }

    @Test
    void acknowledgementWinsOverALateEscalation() {
        JsonNode screening = submit(Screenings.highRiskChild("BG-16"));
        String referralId = byRecipient(screening).get("ozd-plovdiv").get("id").asText();
        service.clock.advance(Duration.ofHours(25));
        String ozd = api.token("ozd.plovdiv");
        assertThat(api.post("/api/v1/referrals/" + referralId + "/ack", ozd, "{}").status()).isEqualTo(200);
        service.app.escalation().escalateOverdue();
        assertThat(state(referralId)).isEqualTo("ACKNOWLEDGED");
    }

    @Test
    void declineReasonIsSealedAndShownOnlyToTheReferringScreener() {
        JsonNode screening = submit(Screenings.highRiskChild("BG-16"));
        String referralId = byRecipient(screening).get("cc-children-plovdiv").get("id").asText();
        api.post("/api/v1/referrals/" + referralId + "/decision", api.token("crisis.plovdiv"),
                "{\"decision\":\"DECLINED\",\"reason\":\"Мария е вече настанена другаде\"}");
        String stored = service.app.database().read(c -> {
            StringBuilder sb = new StringBuilder();
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT detail, reason FROM referral_events")) {
                while (rs.next()) {
                    byte[] reason = rs.getBytes(2);
                    sb.append(rs.getString(1)).append(reason == null ? "" : new String(reason, java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            return sb.toString();
        });
        assertThat(stored).doesNotContain("Мария").doesNotContain("настанена");
        JsonNode read = api.get("/api/v1/screenings/" + screening.get("id").asText(), api.token("screener.plovdiv")).json();
        assertThat(byRecipient(read).get("cc-children-plovdiv").get("history").findValuesAsText("reason"))
                .contains("Мария е вече настанена другаде");
    }

    @Test
    void escalatedPoliceReferralWithoutConsentIsAuditedAgain() {
        Map<String, Object> body = Screenings.base("adult-risk", 30, "BG-16");
        body.put("consent", Map.of("identifiedReferral", false));
        body.put("answers", Map.of("ID_THREAT_TO_LIFE", "yes"));
        submit(body);
        service.clock.advance(Duration.ofHours(2));
        service.app.escalation().escalateOverdue();
        long overrides = service.count("SELECT COUNT(*) FROM audit_log WHERE action = 'CONSENT_OVERRIDDEN'");
        assertThat(overrides).as("the police-plovdiv referral and its successor to police-national").isEqualTo(2);
    }

    @Test
    void webhookMustBeHttpsToAPublicHostExceptOnLoopback() {
        String admin = api.token("admin");
        Api.Response plain = api.put("/api/v1/organisations/cc-children-plovdiv", admin, "application/json",
                "{\"webhookUrl\": \"http://127.evil.example/x\"}");
        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.json().get("errors").findValuesAsText("field")).containsExactly("webhookUrl");
        for (String internal : List.of("https://10.1.2.3/hook", "https://169.254.169.254/latest", "https://192.168.0.9/",
                "https://[fd00::1]/hook", "https://100.64.0.1/", "ftp://crisis.example.bg/")) {
            Api.Response r = api.put("/api/v1/organisations/cc-children-plovdiv", admin, "application/json",
                    Json.writeString(Map.of("webhookUrl", internal)));
            assertThat(r.status()).as(internal).isEqualTo(400);
        }
        assertThat(api.put("/api/v1/organisations/cc-children-plovdiv", admin, "application/json",
                "{\"webhookUrl\": \"https://crisis.example.bg/nrm\"}").status()).isEqualTo(200);
    }

    @Test
    void gpgOpensTheEnvelopeAndVerifiesTheServiceSignature(@TempDir Path gnupgHome) throws IOException {
        assumeTrue(Gpg.available(), "Debian's gpg is needed (installed by .ci/run)");
        Map<String, JsonNode> referrals = byRecipient(submit(Screenings.highRiskChild("BG-16")));
        String crisis = api.token("crisis.plovdiv");
        String envelope = api.get("/api/v1/referrals/" + referrals.get("cc-children-plovdiv").get("id").asText()
                + "/envelope", crisis).body();
        Api.Response serviceKey = api.get("/api/v1/service-key", null);
        String fingerprint = serviceKey.raw().headers().firstValue("X-Key-Fingerprint").orElseThrow();

        Gpg gpg = new Gpg(gnupgHome);
        Path serviceCert = Files.writeString(gnupgHome.resolve("service.asc"), serviceKey.body());
        Path message = Files.writeString(gnupgHome.resolve("referral.asc"), envelope);
        assertThat(gpg.run("--import", dataDir.resolve("keys/cc-children-plovdiv.secret.asc").toString(),
                serviceCert.toString()).exit()).isZero();
        Path plain = gnupgHome.resolve("referral.json");
        Gpg.Result result = gpg.run("--status-fd", "1", "--output", plain.toString(), "--decrypt", message.toString());

        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("[GNUPG:] GOODSIG");
        // VALIDSIG names the signing subkey, and last the primary key: the service key published at /service-key.
        assertThat(result.stdout().lines().filter(l -> l.startsWith("[GNUPG:] VALIDSIG ")).findFirst().orElseThrow())
                .endsWith(" " + fingerprint.toUpperCase());
        JsonNode doc = Json.mapper().readTree(Files.readString(plain));
        assertThat(doc.get("referralId").asText()).isEqualTo(referrals.get("cc-children-plovdiv").get("id").asText());
        assertThat(doc.get("subject").get("identity").get("name").asText()).isEqualTo("Мария Иванова Петрова");
        assertThat(doc.get("notes").asText()).contains("Гърция");
        assertThat(doc.get("notice").asText()).contains("not an identification");
    }

    @Test
    void anonymisedEnvelopeCarriesNoNameReferenceNotesOrExactAge(@TempDir Path gnupgHome) throws IOException {
        assumeTrue(Gpg.available(), "Debian's gpg is needed (installed by .ci/run)");
        String referralId = byRecipient(submit(Screenings.highRiskChild("BG-16"))).get("lc-plovdiv").get("id").asText();
        String envelope = service.app.database().read(c -> {
            try (var ps = c.prepareStatement("SELECT envelope FROM referrals WHERE id = ?")) {
                ps.setString(1, referralId);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        Gpg gpg = new Gpg(gnupgHome);
        Path serviceCert = Files.writeString(gnupgHome.resolve("service.asc"), api.get("/api/v1/service-key", null).body());
        gpg.run("--import", dataDir.resolve("keys/lc-plovdiv.secret.asc").toString(), serviceCert.toString());
        Path message = Files.writeString(gnupgHome.resolve("m.asc"), envelope);
        Path plain = gnupgHome.resolve("m.json");
        assertThat(gpg.run("--output", plain.toString(), "--decrypt", message.toString()).exit()).isZero();
        String text = Files.readString(plain);
        JsonNode doc = Json.mapper().readTree(text);
        assertThat(doc.get("anonymised").asBoolean()).isTrue();
        assertThat(doc.get("subject").get("ageBand").asText()).isEqualTo("14-17");
        assertThat(doc.get("subject").has("ageYears")).isFalse();
        assertThat(doc.has("screeningId")).as("no case reference links it to the identified referrals").isFalse();
        assertThat(text).doesNotContain("Мария").doesNotContain("CASE-2026-0042").doesNotContain("Гърция")
                .doesNotContain("2011-04-02").doesNotContain("CH_MOVED\":\"yes");
    }

    private void setWebhook(String organisationId, String url) {
        Map<String, String> body = new HashMap<>();
        body.put("webhookUrl", url);
        Api.Response r = api.put("/api/v1/organisations/" + organisationId, api.token("admin"), "application/json",
                Json.writeString(body));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private String state(String referralId) {
        return service.app.database().read(c -> {
            try (var ps = c.prepareStatement("SELECT state FROM referrals WHERE id = ?")) {
                ps.setString(1, referralId);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }
}
