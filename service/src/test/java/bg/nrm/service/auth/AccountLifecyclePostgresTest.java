package bg.nrm.service.auth;

import bg.nrm.service.Api;
import bg.nrm.service.MutableClock;
import bg.nrm.service.TestService;
import bg.nrm.service.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, "done when": a real deployment on PostgreSQL with the demo off, its whole account life through the HTTP
 * API. The steps build on each other, in order, like a first week in production.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountLifecyclePostgresTest {
    static final String ADMIN_PASSWORD = "дълга парола на администратора";
    @TempDir
    static Path dataDir;
    static Map<String, String> settings;
    static TestService service;
    static Api api;
    static String admin;
    static String screenerPassword;
    static String recipientPassword;

    @BeforeAll
    static void start() {
        settings = Map.of("nrm.db.url", TestService.freshPostgresSchema(), "nrm.demo.enabled", "false",
                "nrm.data-dir", dataDir.toString(), "nrm.keystore.password", "keystore-password-for-tests");
        service = TestService.start(dataDir, new MutableClock(), settings);
        api = service.api;
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    @Order(1)
    void withTheDemoOffNobodyCanSignInAtFirst() {
        assertThat(service.count("SELECT COUNT(*) FROM users")).isZero();
        assertThat(signIn(api, "admin", "anything-at-all-long").status()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void theFirstAdministratorIsBootstrappedOnceFromTheCommandLine() {
        Cli refusedShort = cli("too-short\n", "create-admin", "--username", "first.admin");
        assertThat(refusedShort.code()).isEqualTo(1);
        assertThat(refusedShort.err()).contains("12");

        Cli done = cli(ADMIN_PASSWORD + "\n", "create-admin", "--username", "first.admin", "--display-name",
                "Първи Администратор");
        assertThat(done.code()).as(done.err()).isZero();
        assertThat(done.out()).doesNotContain(ADMIN_PASSWORD);

        Cli again = cli("another long password here\n", "create-admin", "--username", "second.admin");
        assertThat(again.code()).as("refused once an administrator exists").isEqualTo(1);
        assertThat(service.count("SELECT COUNT(*) FROM users")).isEqualTo(1);

        Api.Response r = signIn(api, "first.admin", ADMIN_PASSWORD);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("passwordChangeRequired").asBoolean()).isFalse();
        admin = r.json().get("access_token").asText();
    }

    @Test
    @Order(3)
    void theAdministratorCreatesAScreenerAndARecipientOfTwoOrganisations() {
        assertThat(api.post("/api/v1/organisations", admin, organisation("ksu-test-plovdiv", "SOCIAL_SERVICE"))
                .status()).isEqualTo(201);
        assertThat(api.post("/api/v1/organisations", admin, organisation("cc-test-plovdiv", "CRISIS_CENTRE_CHILDREN"))
                .status()).isEqualTo(201);

        Api.Response screener = api.post("/api/v1/users", admin, Json.writeString(Map.of("username", "m.ivanova",
                "organisationId", "ksu-test-plovdiv", "role", "SCREENER", "displayName", "Мария Иванова",
                "phone", "+359 32 000 001")));
        assertThat(screener.status()).as(screener.body()).isEqualTo(201);
        assertThat(screener.json().get("user").get("passwordChangeRequired").asBoolean()).isTrue();
        assertThat(screener.json().toString()).doesNotContain("argon2");
        String temporary = screener.json().get("temporaryPassword").asText();
        assertThat(temporary).hasSizeGreaterThanOrEqualTo(PasswordPolicy.MIN_CHARS);

        Api.Response recipient = api.post("/api/v1/users", admin, Json.writeString(Map.of("username", "duty.officer",
                "organisationId", "cc-test-plovdiv", "role", "RECIPIENT", "displayName", "Дежурен Служител")));
        assertThat(recipient.status()).isEqualTo(201);

        Api.Response duplicate = api.post("/api/v1/users", admin, Json.writeString(Map.of("username", "m.ivanova",
                "organisationId", "ksu-test-plovdiv", "role", "SCREENER", "displayName", "Друга")));
        assertThat(duplicate.status()).isEqualTo(409);

        JsonNode list = api.get("/api/v1/users", admin).json();
        assertThat(list.findValuesAsText("username")).containsExactly("duty.officer", "first.admin", "m.ivanova");

        screenerPassword = firstSignIn("m.ivanova", temporary, "нова парола на Мария 2026");
        recipientPassword = firstSignIn("duty.officer", recipient.json().get("temporaryPassword").asText(),
                "дежурство през нощта и деня");
    }

    @Test
    @Order(4)
    void eachSignsInAndWorksInTheirOwnRole() {
        String screener = api.token("m.ivanova", screenerPassword);
        String recipient = api.token("duty.officer", recipientPassword);
        assertThat(api.get("/api/v1/questionnaires", screener).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/inbox", recipient).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/users", screener).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/inbox", screener).status()).isEqualTo(403);
    }

    @Test
    @Order(5)
    void disablingTheRecipientStopsItsTokenAndAlertStreamAtOnce() throws Exception {
        String recipient = api.token("duty.officer", recipientPassword);
        HttpRequest sse = api.builder("/api/v1/alerts", recipient).header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> stream = api.client().send(sse, HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> stream.body().toList());

        Api.Response disabled = api.put("/api/v1/users/duty.officer", admin, "application/json", "{\"enabled\":false}");
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();

        // Well before the stream's own five-second re-check: the disabling itself ended it.
        assertThat(lines.get(4, TimeUnit.SECONDS)).contains(":subscribed");
        assertThat(api.get("/api/v1/inbox", recipient).status()).isEqualTo(401);
        assertThat(signIn(api, "duty.officer", recipientPassword).status()).isEqualTo(401);

        assertThat(api.put("/api/v1/users/duty.officer", admin, "application/json", "{\"enabled\":true}").status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/inbox", recipient).status()).as("the old token stays ended").isEqualTo(401);
        assertThat(signIn(api, "duty.officer", recipientPassword).status()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void aResetPasswordForcesAChangeAndEndsTheOldTokens() {
        String before = api.token("m.ivanova", screenerPassword);
        Api.Response reset = api.post("/api/v1/users/m.ivanova/password", admin);
        assertThat(reset.status()).isEqualTo(200);
        String temporary = reset.json().get("temporaryPassword").asText();
        assertThat(api.get("/api/v1/questionnaires", before).status()).isEqualTo(401);
        assertThat(signIn(api, "m.ivanova", screenerPassword).status()).as("the old password is gone").isEqualTo(401);
        screenerPassword = firstSignIn("m.ivanova", temporary, "друга нова парола на Мария");
        assertThat(api.get("/api/v1/questionnaires", api.token("m.ivanova", screenerPassword)).status())
                .isEqualTo(200);
    }

    @Test
    @Order(7)
    void signingOutEndsTheToken() {
        String token = api.token("m.ivanova", screenerPassword);
        assertThat(api.post("/api/v1/auth/logout", token).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/questionnaires", token).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/auth/logout", token).status()).isEqualTo(401);
    }

    @Test
    @Order(8)
    void changingOnesOwnPasswordNeedsTheCurrentOneAndEndsTheOtherTokens() {
        String token = api.token("m.ivanova", screenerPassword);
        Api.Response wrong = api.post("/api/v1/auth/password", token, Json.writeString(Map.of(
                "currentPassword", "not the current one", "newPassword", "a completely new passphrase")));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("errors").get(0).get("field").asText()).isEqualTo("currentPassword");
        Api.Response weak = api.post("/api/v1/auth/password", token, Json.writeString(Map.of(
                "currentPassword", screenerPassword, "newPassword", "qwerty123456")));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("errors").get(0).get("field").asText()).isEqualTo("newPassword");

        assertThat(api.post("/api/v1/auth/password", token, Json.writeString(Map.of("currentPassword",
                screenerPassword, "newPassword", "трета парола, съвсем нова"))).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/questionnaires", token).status()).isEqualTo(401);
        screenerPassword = "трета парола, съвсем нова";
        assertThat(signIn(api, "m.ivanova", screenerPassword).status()).isEqualTo(200);
    }

    @Test
    @Order(9)
    void anAccountWithRecordsCannotBeDeletedButAFreshOneCan() {
        assertThat(api.delete("/api/v1/users/m.ivanova", admin).status()).isEqualTo(409);
        Api.Response made = api.post("/api/v1/users", admin, Json.writeString(Map.of("username", "made.by.mistake",
                "role", "AUDITOR", "displayName", "Грешка")));
        assertThat(made.status()).isEqualTo(201);
        assertThat(api.delete("/api/v1/users/made.by.mistake", admin).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/users/made.by.mistake", admin).status()).isEqualTo(404);
        assertThat(service.app.audit().verify().valid()).isTrue();
    }

    /** Signs in with a one-time password, checks it serves only the change, and changes it. */
    private static String firstSignIn(String username, String temporary, String chosen) {
        Api.Response first = signIn(api, username, temporary);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("passwordChangeRequired").asBoolean()).isTrue();
        String limited = first.json().get("access_token").asText();
        assertThat(api.get("/api/v1/questionnaires", limited).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/auth/logout", limited).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/auth/password", limited, Json.writeString(Map.of("currentPassword", temporary,
                "newPassword", chosen))).status()).isEqualTo(204);
        assertThat(signIn(api, username, temporary).status()).as("a one-time password works once").isEqualTo(401);
        return chosen;
    }

    static Api.Response signIn(Api client, String username, String password) {
        return client.post("/api/v1/auth/token", null, Json.writeString(Map.of("username", username,
                "password", password)));
    }

    private static String organisation(String id, String type) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", id);
        o.put("name", "Тестова организация " + id);
        o.put("type", type);
        o.put("region", "BG-16");
        o.put("coveredRegions", List.of("BG-16"));
        o.put("takesChildren", true);
        o.put("takesAdults", false);
        return Json.writeString(o);
    }

    record Cli(int code, String out, String err) {
    }

    private static Cli cli(String stdin, String... args) {
        Config config = Config.builder().addSource(ConfigSources.create(settings)).disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource().build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AdminTool.run(args, config, null, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
