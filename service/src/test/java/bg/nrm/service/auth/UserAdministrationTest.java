package bg.nrm.service.auth;

import bg.nrm.service.Api;
import bg.nrm.service.TestService;
import bg.nrm.service.http.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static bg.nrm.service.auth.AccountLifecyclePostgresTest.signIn;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad input and the refusals of user administration and sign-in, on the embedded default. */
class UserAdministrationTest {
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

    static Map<String, Object> user(String username) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("username", username);
        u.put("organisationId", "ozd-plovdiv");
        u.put("role", "RECIPIENT");
        u.put("displayName", "Тестов Служител");
        u.put("phone", "+359 32 000 000");
        return u;
    }

    @Test
    void eachBadFieldIsNamedAndNothingIsCreated() {
        Map<String, Object> bad = user("Not Valid!");
        bad.put("organisationId", "no-such-organisation");
        bad.put("role", "SUPERUSER");
        bad.put("displayName", "");
        bad.put("phone", "call me");
        Api.Response r = api.post("/api/v1/users", admin, Json.writeString(bad));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().findValuesAsText("field")).containsExactlyInAnyOrder("username", "role", "displayName",
                "phone");
        assertThat(r.body()).doesNotContain("Not Valid!").doesNotContain("call me");

        Map<String, Object> noOrganisation = user("no.organisation");
        noOrganisation.put("organisationId", "no-such-organisation");
        Api.Response r2 = api.post("/api/v1/users", admin, Json.writeString(noOrganisation));
        assertThat(r2.json().findValuesAsText("field")).containsExactly("organisationId");
        assertThat(service.count("SELECT COUNT(*) FROM users WHERE username IN ('no.organisation')")).isZero();
    }

    @Test
    void malformedAndUnknownFieldsAreRefused() {
        assertThat(api.post("/api/v1/users", admin, "{\"username\":").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/users", admin, "{\"username\":\"x.y\",\"password\":\"mine\"}").status())
                .as("an administrator cannot set a password").isEqualTo(400);
        Api.Response missing = api.post("/api/v1/auth/token", null, "{\"username\":\"admin\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().findValuesAsText("field")).containsExactly("password");
    }

    @Test
    void onlyAdministratorsManageAccounts() {
        String screener = api.token("screener.plovdiv");
        assertThat(api.get("/api/v1/users", screener).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/users", screener, Json.writeString(user("sneaky.one"))).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/users/crisis.plovdiv/password", api.token("auditor")).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/users", null).status()).isEqualTo(401);
    }

    @Test
    void unknownWrongDisabledAndExpiredAllAnswerTheSame() {
        Api.Response created = api.post("/api/v1/users", admin, Json.writeString(user("expiring.officer")));
        String temporary = created.json().get("temporaryPassword").asText();
        api.post("/api/v1/users", admin, Json.writeString(user("disabled.officer")));
        String disabledPassword = api.post("/api/v1/users/disabled.officer/password", admin).json()
                .get("temporaryPassword").asText();
        api.put("/api/v1/users/disabled.officer", admin, "application/json", "{\"enabled\":false}");

        Api.Response unknown = signIn(api, "nobody.here", "some password 123");
        Api.Response wrong = signIn(api, "screener.etropole", "some password 123");
        Api.Response disabled = signIn(api, "disabled.officer", disabledPassword);
        service.clock.advance(Duration.ofDays(4));
        Api.Response expired;
        try {
            expired = signIn(api, "expiring.officer", temporary);
        } finally {
            service.clock.advance(Duration.ofDays(-4));
        }
        for (Api.Response r : new Api.Response[] {wrong, disabled, expired}) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.body()).isEqualTo(unknown.body());
        }
        assertThat(signIn(api, "expiring.officer", temporary).status()).as("before expiry it works").isEqualTo(200);
    }

    @Test
    void theLastAdministratorCannotBeDisabledOrDemoted() {
        Api.Response r = api.put("/api/v1/users/admin", admin, "application/json", "{\"enabled\":false}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(api.put("/api/v1/users/admin", admin, "application/json", "{\"role\":\"AUDITOR\"}").status())
                .isEqualTo(409);
        assertThat(api.get("/api/v1/users/admin", admin).json().get("enabled").asBoolean()).isTrue();
    }

    @Test
    void contactDetailsChangeWithoutEndingTheSession() {
        api.post("/api/v1/users", admin, Json.writeString(user("contact.change")));
        String temporary = api.post("/api/v1/users/contact.change/password", admin).json().get("temporaryPassword")
                .asText();
        api.post("/api/v1/auth/password", api.token("contact.change", temporary), Json.writeString(Map.of(
                "currentPassword", temporary, "newPassword", "контакти и телефони 2026")));
        String token = api.token("contact.change", "контакти и телефони 2026");
        Api.Response r = api.put("/api/v1/users/contact.change", admin, "application/json",
                "{\"displayName\":\"Ново Име\",\"phone\":\"+359 2 111 222\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("displayName").asText()).isEqualTo("Ново Име");
        assertThat(r.json().get("phone").asText()).isEqualTo("+359 2 111 222");
        assertThat(api.get("/api/v1/inbox", token).status()).isEqualTo(200);
    }

    @Test
    void demoUsersHaveFictionalContactDetails() {
        Api.Response r = api.get("/api/v1/users/screener.plovdiv", admin);
        assertThat(r.json().get("displayName").asText()).contains("демо");
        assertThat(r.json().get("phone").asText()).startsWith("+359 000");
    }
}
