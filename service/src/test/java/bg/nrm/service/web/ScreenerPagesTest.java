package bg.nrm.service.web;

import bg.nrm.service.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The screener's main task in a real Chromium: choose the child questionnaire, answer a few questions, send, and
 * read a HIGH result with its reasons and referrals; then find it in the organisation's list.
 */
class ScreenerPagesTest {
    @TempDir
    static Path dataDir;
    static TestService service;
    static Browser browser;

    @BeforeAll
    static void start() {
        service = TestService.sqlite(dataDir);
        browser = new Browser("http://127.0.0.1:" + service.server.port());
        browser.signIn("screener.plovdiv", TestService.PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        service.close();
    }

    @Test
    void screenerScreensAChildAndSeesHighWithItsReferrals() {
        browser.open("/screenings/new");
        browser.screenshot("screener-choose");
        browser.click("label[for='questionnaire-child-risk']").click("form[action='/screenings/new'] button");
        // The form is a GET: wait for the next page before reading its address (the machine may be busy).
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(10))
                .until(d -> browser.path().contains("questionnaire="));
        assertThat(browser.path()).startsWith("/screenings/new?questionnaire=child-risk");
        // Every question starts at "no information".
        List<WebElement> checked = browser.findAll("input[name^='answers.']:checked");
        assertThat(checked).isNotEmpty().allSatisfy(e -> assertThat(e.getAttribute("value")).isEqualTo("unknown"));

        browser.type("[id='subject.ref']", "CASE-17").type("[id='subject.ageYears']", "15");
        browser.click("label[for='subject.gender']");
        new Select(browser.find("[id='subject.region']")).selectByValue("BG-16");
        for (String code : List.of("CH_MOVED", "EX_SEXUAL", "EX_NO_PAY", "CH_MISSING_EPISODES")) {
            browser.click("label[for='answers." + code + "']");
        }
        browser.type("#notes", "Бележка за случая");
        browser.screenshot("screener-form");
        browser.click("form[action='/screenings'] button[type='submit']");

        assertThat(browser.waitForPath("/screenings/[0-9a-f-]{36}", 20)).matches("/screenings/[0-9a-f-]{36}");
        browser.screenshot("screener-result");
        assertThat(browser.find("[data-level]").getAttribute("data-level")).isEqualTo("HIGH");
        assertThat(browser.text("[data-level]")).contains("Висок риск");
        String findings = browser.text("main");
        // The questions behind a finding are shown in their words, not as codes.
        assertThat(findings).contains("Признаци на трафик на хора").doesNotContain("CH_MOVED");
        List<String> recipients = browser.findAll("#referral-states tr[data-referral-id]").stream()
                .map(WebElement::getText).toList();
        assertThat(recipients).anyMatch(t -> t.contains("Кризисен център за деца"))
                .anyMatch(t -> t.contains("ОЗД")).allMatch(t -> t.contains("Изпратено") || t.contains("Получено"));
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("CASE-17");

        browser.open("/screenings?level=HIGH");
        assertThat(browser.findAll("tr[data-screening-id]")).isNotEmpty()
                .allSatisfy(row -> assertThat(row.getAttribute("data-level")).isEqualTo("HIGH"));
        browser.open("/screenings?level=NONE");
        assertThat(browser.findAll("tr[data-screening-id]")).isEmpty();
    }

    @Test
    void aMissingRegionIsSaidInTheSummaryLinkedToTheFieldAndTheAnswersStay() {
        browser.open("/screenings/new?questionnaire=child-risk");
        browser.type("[id='subject.ageYears']", "12");
        browser.click("label[for='answers.CH_MOVED']");
        browser.click("form[action='/screenings'] button[type='submit']");
        browser.screenshot("screener-form-error");
        assertThat(browser.text(".govuk-error-summary")).contains("Изберете област");
        assertThat(browser.findAll(".govuk-error-summary a")).extracting(a -> a.getAttribute("href"))
                .anyMatch(h -> h.endsWith("#subject.region"));
        assertThat(browser.find("[id='answers.CH_MOVED']").isSelected()).isTrue();
        assertThat(browser.find("[id='subject.ageYears']").getAttribute("value")).isEqualTo("12");
        assertThat(service.count("SELECT COUNT(*) FROM screenings")).isLessThanOrEqualTo(1);
    }

    @Test
    void theFormAndTheListFitAPhone360PixelsWide() {
        try (Browser phone = new Browser("http://127.0.0.1:" + service.server.port(), 360, 740)) {
            phone.signIn("screener.plovdiv", TestService.PASSWORD);
            for (String page : List.of("/screenings/new", "/screenings/new?questionnaire=child-risk", "/screenings")) {
                phone.open(page);
                Object overflow = ((org.openqa.selenium.JavascriptExecutor) phone.driver()).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertThat(((Number) overflow).longValue()).as(page).isLessThanOrEqualTo(0);
            }
            phone.open("/screenings/new?questionnaire=child-risk");
            phone.screenshot("screener-form-360px");
        }
    }

    @Test
    void anotherRoleCannotOpenTheScreenerPages() {
        try (Browser other = new Browser("http://127.0.0.1:" + service.server.port())) {
            other.signIn("crisis.plovdiv", TestService.PASSWORD);
            other.open("/screenings/new?questionnaire=child-risk");
            assertThat(other.text("h1")).isEqualTo("Нямате достъп до тази страница");
        }
    }
}
