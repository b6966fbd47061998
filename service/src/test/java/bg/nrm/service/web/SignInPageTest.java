package bg.nrm.service.web;

import bg.nrm.service.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in, the language switch and sign-out, in a real Chromium against the service on SQLite with the demo seed. */
class SignInPageTest {
    @TempDir
    static Path dataDir;
    static TestService service;
    static Browser browser;

    @BeforeAll
    static void start() {
        service = TestService.sqlite(dataDir);
        browser = new Browser("http://127.0.0.1:" + service.server.port());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        service.close();
    }

    @Test
    void wrongPasswordIsSaidInBulgarianWithTheSummaryLinkedToTheField() {
        browser.driver().manage().deleteAllCookies();
        browser.signIn("screener.plovdiv", "not-the-password");
        browser.screenshot("signin-error");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("bg");
        assertThat(browser.text(".govuk-error-summary")).contains("Потребителското име или паролата не са верни");
        assertThat(browser.find(".govuk-error-summary a").getAttribute("href")).endsWith("#username");
        assertThat(browser.find("#username").getAttribute("aria-describedby")).isEqualTo("username-error");
        assertThat(browser.find("#password").getAttribute("value")).isEmpty();
        assertThat(browser.findAll("#oidc-sign-in")).as("no identity provider is configured").isEmpty();
    }

    @Test
    void englishSwitchIsRememberedAcrossPagesAndSignOutEndsTheSession() {
        browser.driver().manage().deleteAllCookies();
        browser.open("/").click("a[hreflang='en']");
        assertThat(browser.waitForAttribute("html", "lang", "en", 20)).isEqualTo("en");
        assertThat(browser.waitForText("h1", "Sign in", 20)).isEqualTo("Sign in");
        browser.type("#username", "screener.plovdiv").type("#password", TestService.PASSWORD)
                .click("form[action='/sign-in'] button");
        assertThat(browser.waitForPath("/screenings.*", 20)).startsWith("/screenings");
        assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
        assertThat(browser.text(".nrm-header")).contains("Signed in as screener.plovdiv");
        browser.screenshot("home-screener-en");
        String session = browser.driver().manage().getCookieNamed("nrm_session").getValue();
        assertThat(browser.driver().manage().getCookieNamed("nrm_session").isHttpOnly()).isTrue();

        browser.click(".nrm-header__signout button");
        // The click returns before the next page is there: read the heading once it has been replaced.
        assertThat(browser.waitForText("h1", "Sign in", 20)).isEqualTo("Sign in");
        // The old cookie value is dead on the server, not only forgotten by the browser.
        assertThat(service.app.credentials().sessions().find(session)).isEmpty();
        browser.open("/screenings");
        assertThat(browser.path()).isEqualTo("/");
        browser.click("a[hreflang='bg']");
        assertThat(browser.waitForText("h1", "Вход", 20)).isEqualTo("Вход");
    }
}
