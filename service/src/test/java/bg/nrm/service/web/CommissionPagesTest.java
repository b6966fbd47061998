package bg.nrm.service.web;

import bg.nrm.service.Api;
import bg.nrm.service.Screenings;
import bg.nrm.service.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commission analyst's main task in a real Chromium: the statistics of Plovdiv as a table with its suppressed
 * cells marked and explained, the charts drawn by uPlot, and the CSV downloaded as a Bulgarian Excel opens it.
 */
class CommissionPagesTest {
    @TempDir
    static Path dataDir;
    static TestService service;
    static Browser browser;

    @BeforeAll
    static void start() {
        service = TestService.sqlite(dataDir);
        String screener = service.api.token("screener.plovdiv");
        // Twelve children at high risk, six at none and two at medium risk: the two are too few to publish and are
        // hidden, and so is the six, from which they could be worked out.
        for (int i = 0; i < 12; i++) {
            assertThat(service.api.post("/api/v1/screenings", screener,
                    Screenings.json(Screenings.highRiskChild("BG-16"))).status()).isEqualTo(201);
        }
        for (int i = 0; i < 6; i++) {
            assertThat(service.api.post("/api/v1/screenings", screener,
                    Screenings.json(Screenings.noRiskChild())).status()).isEqualTo(201);
        }
        for (int i = 0; i < 2; i++) {
            Map<String, Object> medium = Screenings.highRiskChild("BG-16");
            Screenings.answers(medium).putAll(Map.of("CH_MOVED", "no", "EX_SEXUAL", "no"));
            Api.Response r = service.api.post("/api/v1/screenings", screener, Screenings.json(medium));
            assertThat(r.json().at("/assessment/level").asText()).isEqualTo("MEDIUM");
        }
        // The crisis centre acknowledges its referrals after 90 minutes: the median time shows in the second chart.
        service.clock.advance(Duration.ofMinutes(90));
        String crisis = service.api.token("crisis.plovdiv");
        for (var referral : service.api.get("/api/v1/inbox", crisis).json()) {
            assertThat(service.api.post("/api/v1/referrals/" + referral.get("id").asText() + "/ack", crisis, "{}")
                    .status()).isEqualTo(200);
        }
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
    void analystSeesTheTableAndTheChartsAndDownloadsTheCsvForABulgarianExcel() throws Exception {
        browser.signIn("commission.plovdiv", TestService.PASSWORD);
        assertThat(browser.path()).isEqualTo("/stats");
        WebElement table = browser.find("#stats-table");
        assertThat(table.getAttribute("data-by")).isEqualTo("month,level");
        assertThat(table.getText()).contains("Висок риск", "12", "Общо");
        // The medium-risk cell (2) is hidden, said so in words, and explained.
        assertThat(browser.findAll("#stats-table [data-suppressed]")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.getText()).isEqualTo("скрито"));
        assertThat(table.getText()).doesNotContain(" 2 ");
        assertThat(browser.text("#suppressed-note")).contains("под 5", "никой не може да бъде разпознат");
        assertThat(browser.waitFor("#levels-chart[data-drawn='true'] canvas", 10).isDisplayed()).isTrue();
        assertThat(browser.waitFor("#acknowledge-chart[data-drawn='true'] canvas", 10).isDisplayed()).isTrue();
        assertThat(browser.text("#mechanism-table")).contains("Кризисен център за деца", "1 ч 30 мин");
        browser.screenshot("commission-stats");

        browser.click("#download-table");
        Path csv = browser.downloaded(".csv", 20);
        byte[] bytes = Files.readAllBytes(csv);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        List<String> lines = List.of(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("Месец (month);Ниво на риска (level);Брой (count);Потиснато (suppressed)");
        assertThat(lines).allSatisfy(l -> assertThat(l.split(";", -1)).hasSize(4))
                .anySatisfy(l -> assertThat(l).endsWith(";HIGH;12;false"));
    }

    @Test
    void anotherBreakdownAndAWrongPeriodAreShownOnThePage() {
        browser.signIn("commission.plovdiv", TestService.PASSWORD);
        YearMonth now = YearMonth.now(service.clock.withZone(Page.SOFIA));
        browser.open("/stats?from=" + now.minusMonths(2) + "&to=" + now + "&by=gender&by=");
        assertThat(browser.find("#stats-table").getAttribute("data-by")).isEqualTo("gender");
        assertThat(browser.text("#stats-table")).contains("Жена / момиче", "20");

        browser.open("/stats?from=2026-13&to=2026-01&by=month&by=month");
        assertThat(browser.text(".govuk-error-summary")).contains("начален месец", "различни разбивки");
        assertThat(browser.find(".govuk-error-summary a").getAttribute("href")).endsWith("#from");
        browser.screenshot("commission-stats-errors");

        // The Plovdiv commission covers Plovdiv only: another region is refused, as by the API.
        browser.open("/stats?from=" + now + "&to=" + now + "&region=BG-22");
        assertThat(browser.text("h1")).isEqualTo("Нямате достъп до тази страница");
    }

    @Test
    void theStatisticsFitA360PixelPhone() {
        try (Browser phone = new Browser("http://127.0.0.1:" + service.server.port(), 360, 800)) {
            phone.signIn("commission.plovdiv", TestService.PASSWORD);
            phone.waitFor("#levels-chart[data-drawn='true'] canvas", 10);
            // Nothing makes the page wider than the screen: wide tables scroll inside their own box.
            Object width = ((org.openqa.selenium.JavascriptExecutor) phone.driver())
                    .executeScript("return document.documentElement.scrollWidth");
            assertThat(((Number) width).intValue()).isLessThanOrEqualTo(360);
            phone.screenshot("commission-stats-phone");
        }
    }
}
