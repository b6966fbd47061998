package bg.nrm.service.auth;

import bg.nrm.service.Api;
import bg.nrm.service.MutableClock;
import bg.nrm.service.TestService;
import bg.nrm.service.http.Json;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect against a real provider on loopback ({@link OpenIdProvider}): the web sign-in through the
 * authorization-code flow with PKCE, bearer tokens of the provider on the API, and the refusals (another issuer,
 * wrong audience, expired, unknown subject, a state that does not belong to the browser).
 */
class OidcSignInTest {
    static final String CLIENT = "nrm-service";
    @TempDir
    static Path dataDir;
    static OpenIdProvider provider;
    static OpenIdProvider stranger;
    static TestService service;
    static Api api;
    static String admin;
    static final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        provider = new OpenIdProvider(CLIENT);
        stranger = new OpenIdProvider(CLIENT);
        service = TestService.start(dataDir, new MutableClock(), Map.of("nrm.oidc.issuer", provider.issuer,
                "nrm.oidc.client-id", CLIENT, "nrm.oidc.jwks-refetch-interval", "PT0.05S"));
        api = service.api;
        admin = api.token("admin");
        Api.Response made = api.post("/api/v1/users", admin, Json.writeString(Map.of("username", "oidc.officer",
                "organisationId", "cc-children-plovdiv", "role", "RECIPIENT", "displayName", "Дежурна по OIDC",
                "externalSubject", "sub-duty-officer")));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        service.close();
        provider.close();
        stranger.close();
    }

    @Test
    void theWebSignInGoesThroughTheProviderAndEndsInASession() throws Exception {
        HttpResponse<String> login = get(api.base() + "/auth/oidc/login", null);
        assertThat(login.statusCode()).isEqualTo(302);
        String flowCookie = cookie(login, "nrm_oidc");
        URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.toString()).startsWith(provider.issuer + "/authorize").contains("code_challenge=")
                .contains("nonce=").contains("state=");

        HttpResponse<String> atProvider = get(authorize.toString(), null);
        assertThat(atProvider.statusCode()).isEqualTo(302);
        String callback = atProvider.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(api.base() + "/auth/oidc/callback");

        HttpResponse<String> back = get(callback, "nrm_oidc=" + flowCookie);
        // A page, not a redirect: a SameSite=Strict cookie set at the end of a redirect chain that began at the
        // provider's site would not come back on the next redirect; from this page the browser goes on same-site.
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(back.headers().firstValue("Location")).isEmpty();
        assertThat(back.body()).contains("<meta http-equiv=\"refresh\" content=\"0; url=/inbox\">")
                .contains("href=\"/inbox\"").doesNotContain("<script>");
        String session = cookie(back, WebSessions.COOKIE);
        assertThat(back.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith(WebSessions.COOKIE + "=").contains("SameSite=Strict").contains("HttpOnly"));

        HttpResponse<String> inbox = get(api.base() + "/api/v1/inbox", WebSessions.COOKIE + "=" + session);
        assertThat(inbox.statusCode()).isEqualTo(200);
        assertThat(service.count("SELECT COUNT(*) FROM audit_log WHERE actor = 'oidc.officer' AND action = 'SIGN_IN'"))
                .isPositive();

        assertThat(get(callback, "nrm_oidc=" + flowCookie).statusCode()).as("a code and state serve once")
                .isEqualTo(401);
    }

    @Test
    void aCallbackWhoseStateBelongsToAnotherBrowserIsRefused() throws Exception {
        HttpResponse<String> login = get(api.base() + "/auth/oidc/login", null);
        HttpResponse<String> atProvider = get(login.headers().firstValue("Location").orElseThrow(), null);
        String callback = atProvider.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> foreign = get(callback, "nrm_oidc=someone-elses-state");
        assertThat(foreign.statusCode()).isEqualTo(401);
        assertThat(foreign.headers().firstValue("Set-Cookie").orElse("")).doesNotContain(WebSessions.COOKIE + "=");
        // A person came back from the provider: a page in their language that says what happened, not JSON.
        assertThat(foreign.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(foreign.body()).contains("Входът не бе приет").doesNotContain("oidc-refused");
    }

    @Test
    void theProvidersAccessTokenWorksOnTheApiAndSurvivesKeyRotation() {
        String token = provider.token(CLIENT, "sub-duty-officer", Duration.ofMinutes(5), Map.of());
        assertThat(api.get("/api/v1/inbox", token).status()).isEqualTo(200);
        provider.rotateKeys();
        String afterRotation = provider.token(CLIENT, "sub-duty-officer", Duration.ofMinutes(5), Map.of());
        assertThat(api.get("/api/v1/inbox", afterRotation).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/organisations", afterRotation).status()).as("role stays ours").isEqualTo(403);
    }

    @Test
    void aSignedOutProviderTokenIsRefusedAfterwards() {
        String token = provider.token(CLIENT, "sub-duty-officer", Duration.ofMinutes(5), Map.of());
        assertThat(api.post("/api/v1/auth/logout", token).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/inbox", token).status()).isEqualTo(401);
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        String foreign = stranger.token(CLIENT, "sub-duty-officer", Duration.ofMinutes(5), Map.of());
        assertThat(api.get("/api/v1/inbox", foreign).status()).isEqualTo(401);
        // Signed by a stranger's key while naming our issuer: the signature gives it away.
        String forged = stranger.sign(new JWTClaimsSet.Builder().subject("sub-duty-officer").audience(CLIENT)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300))).build(), provider.issuer);
        assertThat(api.get("/api/v1/inbox", forged).status()).isEqualTo(401);
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        String token = provider.token("some-other-service", "sub-duty-officer", Duration.ofMinutes(5), Map.of());
        assertThat(api.get("/api/v1/inbox", token).status()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsRefusedBeyondTheClockSkew() {
        String expired = provider.token(CLIENT, "sub-duty-officer", Duration.ofMinutes(-5), Map.of());
        assertThat(api.get("/api/v1/inbox", expired).status()).isEqualTo(401);
        String withinSkew = provider.token(CLIENT, "sub-duty-officer", Duration.ofSeconds(-10), Map.of());
        assertThat(api.get("/api/v1/inbox", withinSkew).status()).as("10 s late is within the 60 s skew")
                .isEqualTo(200);
    }

    @Test
    void aSubjectWithoutAProvisionedAccountIsRefused() {
        String token = provider.token(CLIENT, "sub-nobody-we-know", Duration.ofMinutes(5), Map.of());
        assertThat(api.get("/api/v1/inbox", token).status()).isEqualTo(401);
    }

    private static HttpResponse<String> get(String url, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return browser.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cookie(HttpResponse<String> r, String name) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).filter(v -> !v.isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + r.headers().allValues("Set-Cookie")));
    }
}
