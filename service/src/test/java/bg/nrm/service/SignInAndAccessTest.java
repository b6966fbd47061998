package bg.nrm.service;

import bg.nrm.service.http.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in and deny-by-default access, over real HTTP. */
class SignInAndAccessTest {
    @TempDir
    static Path dataDir;
    static TestService service;
    static Api api;

    @BeforeAll
    static void start() {
        service = TestService.sqlite(dataDir);
        api = service.api;
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void demoUserSignsInAndGetsAShortLivedBearerToken() {
        Api.Response r = api.post("/api/v1/auth/token", null,
                Json.writeString(Map.of("username", "screener.plovdiv", "password", TestService.PASSWORD)));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(r.json().get("expires_in").asLong()).isBetween(60L, 3600L);
        assertThat(r.json().get("access_token").asText()).isNotBlank();
    }

    @Test
    void unknownUserAndWrongPasswordAnswerTheSame() {
        Api.Response wrong = api.post("/api/v1/auth/token", null,
                Json.writeString(Map.of("username", "auditor", "password", "not-the-password")));
        Api.Response unknown = api.post("/api/v1/auth/token", null,
                Json.writeString(Map.of("username", "nobody.at.all", "password", "not-the-password")));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(unknown.body());
        assertThat(wrong.contentType()).startsWith("application/problem+json");
    }

    @Test
    void guessingPasswordsLocksTheGuesserOutButCountsOnlyFailures() {
        // The limit refills with time; stopped, the clock makes the test independent of how slowly a busy machine
        // hashes the guesses.
        service.clock.freeze();
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(api.token("commission.national")).isNotBlank();
            }
            int refused = 0;
            for (int i = 0; i < 12; i++) {
                int status = api.post("/api/v1/auth/token", null,
                        Json.writeString(Map.of("username", "commission.plovdiv", "password", "guess-" + i))).status();
                if (status == 429) {
                    refused++;
                }
            }
            assertThat(refused).as("after ten failures the username is slowed down").isGreaterThanOrEqualTo(2);
            assertThat(api.post("/api/v1/auth/token", null, Json.writeString(Map.of("username", "commission.plovdiv",
                    "password", TestService.PASSWORD))).status()).isEqualTo(429);
            assertThat(api.token("commission.national")).as("other accounts are not affected").isNotBlank();
        } finally {
            service.clock.resume();
        }
    }

    @Test
    void duplicateJsonKeysAreRejected() {
        Api.Response r = api.post("/api/v1/auth/token", null,
                "{\"username\":\"admin\",\"username\":\"auditor\",\"password\":\"x\"}");
        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    void apiWithoutTokenIsRefused() {
        Api.Response r = api.get("/api/v1/questionnaires", null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("status").asInt()).isEqualTo(401);
    }

    @Test
    void tamperedTokenIsRefused() {
        String token = api.token("screener.plovdiv");
        String tampered = token.substring(0, token.length() - 3) + (token.endsWith("AAA") ? "BBB" : "AAA");
        assertThat(api.get("/api/v1/questionnaires", tampered).status()).isEqualTo(401);
    }

    @Test
    void expiredTokenIsRefused() {
        String token = api.token("screener.plovdiv");
        service.clock.advance(Duration.ofHours(2));
        try {
            assertThat(api.get("/api/v1/questionnaires", token).status()).isEqualTo(401);
        } finally {
            service.clock.advance(Duration.ofHours(-2));
        }
    }

    @Test
    void serviceKeyAndHealthNeedNoSignIn() {
        Api.Response key = api.get("/api/v1/service-key", null);
        assertThat(key.status()).isEqualTo(200);
        assertThat(key.body()).contains("BEGIN PGP PUBLIC KEY BLOCK");
        assertThat(api.get("/observe/health", null).status()).isIn(200, 204);
    }

    @Test
    void metricsArePublishedInPrometheusFormatToAdministratorsOnly() {
        assertThat(api.get("/observe/metrics", null, Map.of("Accept", "text/plain")).status()).isEqualTo(401);
        assertThat(api.get("/observe/metrics", api.token("screener.plovdiv"), Map.of("Accept", "text/plain")).status())
                .isEqualTo(403);
        Api.Response r = api.get("/observe/metrics", api.token("admin"), Map.of("Accept", "text/plain"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("# TYPE");
    }

    @Test
    void eachRoleIsKeptToItsOwnResources() {
        String screener = api.token("screener.plovdiv");
        String admin = api.token("admin");
        String auditor = api.token("auditor");
        assertThat(api.get("/api/v1/organisations", screener).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/organisations", admin).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/audit/verify", admin).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit/verify", auditor).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/inbox", screener).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/screenings", admin, Screenings.json(Screenings.noRiskChild())).status()).isEqualTo(403);
    }

    @Test
    void auditLogVerifiesAndDetectsTampering() {
        String auditor = api.token("auditor");
        var before = api.get("/api/v1/audit/verify", auditor).json();
        assertThat(before.get("valid").asBoolean()).isTrue();
        assertThat(before.get("entries").asLong()).isGreaterThan(0);
        service.app.database().inTransaction(c -> {
            try (var s = c.createStatement()) {
                s.executeUpdate("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2");
            }
            return null;
        });
        try {
            var after = api.get("/api/v1/audit/verify", auditor).json();
            assertThat(after.get("valid").asBoolean()).isFalse();
            assertThat(after.get("firstBrokenSeq").asLong()).isEqualTo(2);
        } finally {
            service.app.database().inTransaction(c -> {
                try (var s = c.createStatement()) {
                    s.executeUpdate("UPDATE audit_log SET actor = 'system' WHERE seq = 2");
                }
                return null;
            });
        }
    }
}
