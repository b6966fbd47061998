package bg.nrm.service.web;

import bg.nrm.service.Api;
import bg.nrm.service.Screenings;
import bg.nrm.service.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The duty officer's main task in a real Chromium: the inbox is open when a screening elsewhere makes a referral;
 * the row arrives by itself (Server-Sent Events); the referral is opened in the page with the demo key file (the
 * service's signature verified by OpenPGP.js), acknowledged and accepted.
 */
class RecipientPagesTest {
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
    void dutyOfficerSeesTheAlertArriveOpensTheReferralInThePageAcknowledgesAndAccepts() {
        // Referrals made by the other tests are announced now, before the page listens: it then hears only ours.
        service.app.alerts().poll();
        browser.signIn("crisis.plovdiv", TestService.PASSWORD);
        assertThat(browser.path()).isEqualTo("/inbox");
        java.util.Set<String> before = referralIds();
        // The page has subscribed to its alerts before the screening is made.
        browser.waitFor("#inbox-status", 10);

        Api.Response created = service.api.post("/api/v1/screenings", service.api.token("screener.plovdiv"),
                Screenings.json(Screenings.highRiskChild("BG-16")));
        assertThat(created.status()).isEqualTo(201);
        service.app.alerts().poll();

        // No reload: the new row appears because the page heard the alert.
        String referralId = new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(),
                java.time.Duration.ofSeconds(30)).until(d -> referralIds().stream()
                        .filter(id -> !before.contains(id)).findFirst().orElse(null));
        WebElement row = browser.find("tr[data-referral-id='" + referralId + "']");
        assertThat(row.getAttribute("data-level")).isEqualTo("HIGH");
        assertThat(row.getText()).contains("КСУ „Св. Св. Константин и Елена“, Пловдив", "Пловдив", "Остават");
        browser.screenshot("recipient-inbox");

        browser.click("tr[data-referral-id='" + referralId + "'] a");
        assertThat(browser.waitForPath("/referrals/" + referralId, 20)).isEqualTo("/referrals/" + referralId);
        browser.find("#key-file").sendKeys(dataDir.resolve("keys/cc-children-plovdiv.secret.asc").toString());
        browser.click("#open");
        WebElement document = browser.waitFor("#referral-document", 30);
        assertThat(document.getText()).contains("CASE-2026-0042");
        assertThat(browser.text("#referral-verified")).contains("Подписът на услугата е проверен");
        browser.screenshot("recipient-referral-opened");

        browser.click("#ack");
        assertThat(browser.waitForAttribute("#referral-state", "data-state", "ACKNOWLEDGED", 15)).isEqualTo("ACKNOWLEDGED");
        browser.click("label[for='decision']").click("#decide");
        assertThat(browser.waitForAttribute("#referral-state", "data-state", "ACCEPTED", 15)).isEqualTo("ACCEPTED");
        assertThat(service.count("SELECT COUNT(*) FROM referrals WHERE id = '" + referralId + "' AND state = 'ACCEPTED'"))
                .isEqualTo(1);
    }

    // Read in one script call: the rows may be swapped by the live update between two WebDriver calls.
    @SuppressWarnings("unchecked")
    private static java.util.Set<String> referralIds() {
        return new java.util.HashSet<>((List<String>) ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("return Array.from(document.querySelectorAll('tr[data-referral-id]'))"
                        + ".map(e => e.dataset.referralId);"));
    }

    @Test
    void aWrongKeyIsSaidInTheSummaryAndDecliningNeedsAReason() {
        browser.signIn("ozd.plovdiv", TestService.PASSWORD);
        Api.Response created = service.api.post("/api/v1/screenings", service.api.token("screener.plovdiv"),
                Screenings.json(Screenings.highRiskChild("BG-16")));
        assertThat(created.status()).isEqualTo(201);
        browser.open("/inbox");
        String referralId = browser.find("tr[data-referral-id]").getAttribute("data-referral-id");
        browser.open("/referrals/" + referralId);
        // Another organisation's key cannot open it.
        browser.find("#key-file").sendKeys(dataDir.resolve("keys/cc-children-plovdiv.secret.asc").toString());
        browser.click("#open");
        browser.waitFor("#open-errors .govuk-error-summary", 30);
        assertThat(browser.text("#open-errors")).contains("не може да бъде отворено");
        assertThat(browser.find("#referral-document-wrapper").isDisplayed()).isFalse();

        browser.click("label[for='decision-declined']").click("#decide");
        browser.screenshot("recipient-decline-error");
        assertThat(browser.text(".govuk-error-summary")).contains("При отказ напишете причината");
        assertThat(browser.find(".govuk-error-summary a").getAttribute("href")).endsWith("#reason");
        assertThat(service.count("SELECT COUNT(*) FROM referrals WHERE id = '" + referralId + "' AND state = 'DECLINED'"))
                .isZero();
    }

    @Test
    void aRecipientSeesOnlyReferralsToItsOwnOrganisation() {
        assertThat(service.api.post("/api/v1/screenings", service.api.token("screener.plovdiv"),
                Screenings.json(Screenings.highRiskChild("BG-16"))).status()).isEqualTo(201);
        try (Browser other = new Browser("http://127.0.0.1:" + service.server.port())) {
            other.signIn("crisis.plovdiv", TestService.PASSWORD);
            List<String> ids = other.findAll("tr[data-referral-id]").stream()
                    .map(e -> e.getAttribute("data-referral-id")).toList();
            String ozdOnly = service.app.database().read(c -> {
                try (var s = c.createStatement(); var rs = s.executeQuery(
                        "SELECT id FROM referrals WHERE recipient_id = 'ozd-plovdiv'")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(ids).isNotEmpty().doesNotContain(ozdOnly);
            other.open("/referrals/" + ozdOnly);
            assertThat(other.text("h1")).isEqualTo("Страницата не е намерена");
            other.open("/referrals/" + ozdOnly + "/message.asc");
            assertThat(other.driver().getPageSource()).doesNotContain("BEGIN PGP MESSAGE");
        }
    }
}
