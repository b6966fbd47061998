package bg.nrm.service.web;

import bg.nrm.service.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor's main task in a real Chromium: verify the audit chain (intact, then broken after an entry is changed
 * in the database behind the service's back) and page through the log, newest first.
 */
class AuditPagesTest {
    @TempDir
    static Path dataDir;
    static TestService service;
    static Browser browser;

    @BeforeAll
    static void start() {
        service = TestService.sqlite(dataDir);
        for (int i = 0; i < 60; i++) {
            service.app.audit().append("admin", "ORGANISATION_UPDATED", "cc-children-plovdiv", null);
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
    void auditorVerifiesTheChainAndSeesWhereItWasChanged() {
        browser.signIn("auditor", TestService.PASSWORD);
        assertThat(browser.path()).isEqualTo("/audit");
        browser.screenshot("auditor-log");

        browser.click("#verify");
        assertThat(browser.waitFor("#verification", 10).getAttribute("data-valid")).isEqualTo("true");
        assertThat(browser.text("#verification")).contains("Веригата е непокътната");
        browser.screenshot("auditor-verified");

        service.app.database().inTransaction(c -> {
            try (var s = c.createStatement()) {
                s.executeUpdate("UPDATE audit_log SET detail = 'changed' WHERE seq = 3");
            }
            return null;
        });
        browser.open("/audit");
        browser.click("#verify");
        assertThat(browser.waitFor("#verification", 10).getAttribute("data-valid")).isEqualTo("false");
        assertThat(browser.text("#verification")).contains("Веригата е нарушена", "№ 3");
        browser.screenshot("auditor-broken");
    }

    @Test
    void theLogIsPagedNewestFirstWithoutOverlap() {
        browser.signIn("auditor", TestService.PASSWORD);
        List<Long> first = seqs();
        assertThat(first).hasSize(AuditPages.PAGE_SIZE).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        browser.driver().get(browser.find("#older").getAttribute("href"));
        List<Long> second = seqs();
        assertThat(second).isNotEmpty().allSatisfy(s -> assertThat(s).isLessThan(first.get(first.size() - 1)));
        Set<Long> all = new HashSet<>(first);
        all.addAll(second);
        assertThat(all).hasSize(first.size() + second.size());

        browser.open("/audit?action=ORGANISATION_UPDATED&actor=admin");
        assertThat(browser.findAll("#audit-log tbody tr")).allSatisfy(
                r -> assertThat(r.getAttribute("data-action")).isEqualTo("ORGANISATION_UPDATED"));
    }

    private static List<Long> seqs() {
        return browser.findAll("#audit-log tbody tr").stream().map(r -> Long.valueOf(r.getAttribute("data-seq")))
                .toList();
    }
}
