package bg.nrm.service.web;

import bg.nrm.service.Api;
import bg.nrm.service.MutableClock;
import bg.nrm.service.TestService;
import bg.nrm.service.auth.OpenIdProvider;
import bg.nrm.service.http.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Cookie;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in through OpenID Connect in a real Chromium, with a real provider on loopback. The provider's issuer is
 * {@code localhost} and the service is {@code 127.0.0.1}: two sites to the browser, as a real provider is, so the
 * SameSite=Strict session cookie is held back on the redirect chain that began at the provider. The callback's page
 * leads on from our own site, and the user lands on their home page signed in.
 */
class OidcSignInPageTest {
    private static final String CLIENT = "nrm-service";
    @TempDir
    static Path dataDir;
    static OpenIdProvider provider;
    static TestService service;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        provider = new OpenIdProvider(CLIENT, "localhost");
        service = TestService.start(dataDir, new MutableClock(), Map.of("nrm.oidc.issuer", provider.issuer,
                "nrm.oidc.client-id", CLIENT));
        Api.Response made = service.api.post("/api/v1/users", service.api.token("admin"), Json.writeString(Map.of(
                "username", "oidc.officer", "organisationId", "cc-children-plovdiv", "role", "RECIPIENT",
                "displayName", "Дежурна по OIDC", "externalSubject", "sub-duty-officer")));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        browser = new Browser("http://127.0.0.1:" + service.server.port());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        service.close();
        provider.close();
    }

    @Test
    void aDutyOfficerSignsInThroughTheProviderAndLandsOnTheInboxSignedIn() {
        browser.open("/");
        assertThat(browser.find("#oidc-sign-in").getAttribute("href")).endsWith("/auth/oidc/login");
        assertThat(browser.text("#oidc-sign-in")).isEqualTo("Вход чрез доставчика на самоличност");
        browser.screenshot("signin-oidc");

        browser.click("#oidc-sign-in");
        assertThat(browser.waitForPath("/inbox", 30)).isEqualTo("/inbox");
        assertThat(browser.text(".nrm-header")).contains("oidc.officer");
        assertThat(browser.text("h1")).isNotEqualTo("Вход");
        browser.screenshot("signin-oidc-inbox");
        Cookie session = browser.driver().manage().getCookieNamed("nrm_session");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(service.count("SELECT COUNT(*) FROM audit_log WHERE actor = 'oidc.officer' AND action = 'SIGN_IN' "
                + "AND detail = 'OpenID Connect'")).isEqualTo(1);
    }
}
