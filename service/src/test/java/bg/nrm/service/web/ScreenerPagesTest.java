package bg.nrm.service.web;

import bg.nrm.keys.atrest.WrappedDataKey;
import bg.nrm.service.TestService;
import bg.nrm.service.cases.CaseContent;
import bg.nrm.service.cases.ScreeningStore;
import bg.nrm.service.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
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
    void aVersionTwoChildScreeningCarriesTheSubjectFactsEnteredInTheForm() {
        JsonNode definition = service.api.get("/api/v1/questionnaires/child-risk", service.api.token("screener.plovdiv"))
                .json();
        assertThat(definition.get("version").asInt()).isEqualTo(2);
        List<JsonNode> facts = new ArrayList<>();
        definition.get("subjectFacts").forEach(facts::add);
        assertThat(facts).isNotEmpty();
        try (Browser b = new Browser("http://127.0.0.1:" + service.server.port())) {
            b.signIn("screener.plovdiv", TestService.PASSWORD);
            b.open("/screenings/new?questionnaire=child-risk");
            assertThat(b.find("input[name='questionnaireVersion']").getAttribute("value")).isEqualTo("2");
            assertThat(b.text("#preamble")).isEqualTo(definition.get("preamble").get("bg").asText());
            // Every subject fact of the definition has an input named as the API's field, typed by the definition.
            for (JsonNode fact : facts) {
                String field = "subject." + fact.get("name").asText();
                WebElement group = b.find("[data-fact='" + fact.get("name").asText() + "']");
                assertThat(group.getText()).contains(fact.get("text").get("bg").asText());
                switch (fact.get("type").asText()) {
                    case "boolean" -> {
                        assertThat(b.findAll("input[type='radio'][name='" + field + "']"))
                                .extracting(e -> e.getAttribute("value")).containsExactly("true", "false", "unknown");
                        assertThat(b.find("input[name='" + field + "']:checked").getAttribute("value")).isEqualTo("unknown");
                        assertThat(group.getText()).contains("Да", "Не", "Няма информация");
                    }
                    case "language" -> assertThat(new Select(b.find("select[name='" + field + "']")).getOptions())
                            .extracting(e -> e.getAttribute("value")).contains("", "bg", "ps", "uk");
                    default -> throw new AssertionError("a fact type the test does not know: " + fact);
                }
            }

            b.click("a[hreflang='en']");
            b.waitForAttribute("html", "lang", "en", 10);
            // The switch comes back to the same page (it once lost the "/screenings" part of the address).
            assertThat(b.path()).isEqualTo("/screenings/new?questionnaire=child-risk");
            assertThat(b.find("#navigation a[aria-current='page']").getAttribute("href")).endsWith("/screenings/new");
            assertThat(b.text("#preamble")).isEqualTo(definition.get("preamble").get("en").asText());
            assertThat(b.text("[data-fact='unaccompanied']")).contains(
                    facts.get(0).get("text").get("en").asText(), "Yes", "No", "No information");
            assertThat(new Select(b.find("[id='subject.language']")).getOptions()).extracting(WebElement::getText)
                    .contains("Pashto (ps)");
            ((org.openqa.selenium.JavascriptExecutor) b.driver()).executeScript(
                    "document.getElementById('facts').scrollIntoView();");
            b.screenshot("screener-form-v2-facts-en");
            b.click("a[hreflang='bg']");
            b.waitForAttribute("html", "lang", "bg", 10);

            b.type("[id='subject.ref']", "CASE-UAM-1").type("[id='subject.ageYears']", "16");
            b.click("label[for='subject.gender-male']");
            b.type("[id='subject.citizenship']", "AF");
            new Select(b.find("[id='subject.region']")).selectByValue("BG-26");
            b.click("label[for='subject.unaccompanied']").click("label[for='subject.asylumSeeker']")
                    .click("label[for='subject.exploitedAbroad-false']");
            new Select(b.find("[id='subject.language']")).selectByValue("ps");
            b.click("label[for='answers.VD_UNKNOWN_PLACE']");
            b.click("form[action='/screenings'] button[type='submit']");

            assertThat(b.waitForPath("/screenings/[0-9a-f-]{36}", 20)).matches("/screenings/[0-9a-f-]{36}");
            String id = b.path().substring("/screenings/".length());
            JsonNode stored = service.api.get("/api/v1/screenings/" + id, service.api.token("screener.plovdiv")).json();
            assertThat(stored.get("questionnaireVersion").asInt()).isEqualTo(2);
            assertThat(b.find("[data-level]").getAttribute("data-level"))
                    .isEqualTo(stored.get("assessment").get("level").asText());
            b.screenshot("screener-result-v2");
            // The facts are what the rules and routing saw: ДАБ only because asylumSeeker, an interpreter for "ps".
            List<String> recipients = new ArrayList<>();
            stored.get("referrals").forEach(r -> recipients.add(r.get("recipient").get("id").asText()));
            assertThat(recipients).contains("sar-national", "ozd-harmanli", "sacp-national");
            List<String> advice = new ArrayList<>();
            stored.get("assessment").get("advice").forEach(a -> advice.add(a.get("code").asText()));
            assertThat(advice).contains("UNACCOMPANIED_CHILD", "USE_AN_INTERPRETER");
            // And they are stored, sealed with the case, as the form gave them.
            ScreeningStore.Row row = new ScreeningStore(service.app.database()).find(id).orElseThrow();
            byte[] plain = service.app.sealer().open(WrappedDataKey.fromBytes(row.dataKey()), row.content(),
                    id.getBytes(StandardCharsets.UTF_8));
            CaseContent.Subject subject = Json.read(new String(plain, StandardCharsets.UTF_8), CaseContent.class).subject();
            assertThat(subject.unaccompanied()).isTrue();
            assertThat(subject.asylumSeeker()).isTrue();
            assertThat(subject.exploitedAbroad()).isFalse();
            assertThat(subject.language()).isEqualTo("ps");
            assertThat(subject.citizenship()).isEqualTo("AF");
        }
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
