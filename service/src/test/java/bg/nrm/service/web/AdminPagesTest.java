package bg.nrm.service.web;

import bg.nrm.keys.pgp.GeneratedKey;
import bg.nrm.keys.pgp.OrganisationKeys;
import bg.nrm.service.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The administrator's main tasks in a real Chromium: an organisation's key file uploaded from disk (fingerprint and
 * expiry shown, waiting for the organisation to confirm it while the old key stays in use), a key retired, capacity changed with a wrong value caught on the page.
 */
class AdminPagesTest {
    @TempDir
    static Path dataDir;
    @TempDir
    static Path files;
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
    void administratorUploadsAnOrganisationsKeyFromAFileAndRetiresIt() throws Exception {
        Instant expires = Instant.now().plus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        GeneratedKey key = OrganisationKeys.generate("КЦ Пловдив <cc-children-plovdiv@example.org>", null, expires);
        Path keyFile = Files.writeString(files.resolve("cc-children-plovdiv.public.asc"), key.armoredCertificate());
        String oldKey = service.app.database().read(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery(
                    "SELECT fingerprint FROM organisation_keys WHERE organisation_id = 'cc-children-plovdiv'")) {
                rs.next();
                return rs.getString(1);
            }
        });

        browser.signIn("admin", TestService.PASSWORD);
        assertThat(browser.path()).isEqualTo("/admin/organisations");
        browser.screenshot("admin-organisations");
        browser.click("tr[data-organisation-id='cc-children-plovdiv'] a");
        assertThat(browser.waitForPath("/admin/organisations/cc-children-plovdiv", 20)).isEqualTo("/admin/organisations/cc-children-plovdiv");
        browser.screenshot("admin-organisation");

        browser.find("#key-file").sendKeys(keyFile.toString());
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> browser.find("#key").getDomProperty("value").startsWith("-----BEGIN PGP PUBLIC KEY BLOCK"));
        browser.click("#upload");
        assertThat(browser.waitFor("#done", 10).getText()).contains("Ключът е качен");
        WebElement row = browser.find("tr[data-fingerprint='" + key.fingerprint() + "']");
        // An administrator only proposes: the organisation confirms the fingerprint before the key is used.
        assertThat(row.getAttribute("data-status")).isEqualTo("PENDING");
        assertThat(row.getText()).contains(key.fingerprint().substring(0, 4) + " " + key.fingerprint().substring(4, 8))
                .contains(new Page(Lang.BG, null, null, "", "/", null).time(expires));
        assertThat(browser.find("tr[data-fingerprint='" + oldKey + "']").getAttribute("data-status")).isEqualTo("ACTIVE");
        browser.screenshot("admin-key-uploaded");

        browser.click("tr[data-fingerprint='" + key.fingerprint() + "'] form button");
        assertThat(browser.waitFor("#done", 10).getText()).contains("изваден от употреба");
        assertThat(browser.find("tr[data-fingerprint='" + key.fingerprint() + "']").getAttribute("data-status"))
                .isEqualTo("RETIRED");
        assertThat(service.count("SELECT COUNT(*) FROM audit_log WHERE action = 'KEY_RETIRED' AND detail = '"
                + key.fingerprint() + "'")).isEqualTo(1);
    }

    @Test
    void aWrongCapacityOrNotAKeyIsSaidNextToTheFieldAndNothingIsSaved() {
        browser.signIn("admin", TestService.PASSWORD);
        browser.open("/admin/organisations/cc-children-plovdiv");
        browser.type("#freePlaces", "9999").click("#save");
        assertThat(browser.waitFor(".govuk-error-summary", 10).getText()).contains("Свободните места");
        assertThat(browser.find(".govuk-error-summary a").getAttribute("href")).endsWith("#freePlaces");
        browser.screenshot("admin-organisation-error");

        browser.type("#freePlaces", "3").click("#save");
        assertThat(browser.waitFor("#done", 10).getText()).contains("записани");
        assertThat(service.count("SELECT free_places FROM organisations WHERE id = 'cc-children-plovdiv'")).isEqualTo(3);

        long keys = service.count("SELECT COUNT(*) FROM organisation_keys");
        browser.type("#key", "not a key").click("#upload");
        assertThat(browser.waitFor("#key-error", 10).getText()).contains("не е валиден публичен ключ");
        assertThat(service.count("SELECT COUNT(*) FROM organisation_keys")).isEqualTo(keys);
    }

    @Test
    void administratorCreatesAUserWhoseOneTimePasswordIsShownOnceThenDisablesIt() {
        browser.signIn("admin", TestService.PASSWORD);
        browser.open("/admin/users");
        browser.screenshot("admin-users");
        browser.type("#username", "ivana.petrova").type("#displayName", "Ивана Петрова")
                .type("#phone", "+359 32 000 123");
        new org.openqa.selenium.support.ui.Select(browser.find("#role")).selectByValue("SCREENER");
        new org.openqa.selenium.support.ui.Select(browser.find("#organisationId")).selectByValue("ksu-konstantin-elena-plovdiv");
        browser.click("#create-user");
        String password = browser.waitFor("#one-time-password", 10).getText();
        assertThat(password).hasSizeGreaterThanOrEqualTo(12);
        assertThat(browser.text("h1")).isEqualTo("Потребителят е създаден");
        browser.screenshot("admin-user-created");
        // Shown once: the list does not show it again, and the service keeps only its hash.
        browser.click("#back-to-users");
        assertThat(browser.driver().getPageSource()).doesNotContain(password);
        assertThat(browser.find("tr[data-username='ivana.petrova']").getText()).contains("Ивана Петрова",
                "трябва да смени паролата си");
        assertThat(service.count("SELECT COUNT(*) FROM audit_log WHERE action = 'USER_CREATED' "
                + "AND target = 'ivana.petrova'")).isEqualTo(1);

        browser.click("tr[data-username='ivana.petrova'] .nrm-enable");
        assertThat(browser.waitFor("#done", 10).getText()).contains("ivana.petrova", "изключен");
        assertThat(browser.find("tr[data-username='ivana.petrova']").getAttribute("data-enabled")).isEqualTo("false");
    }

    @Test
    void aNewUserWithoutRequiredFieldsIsRefusedOnThePage() {
        browser.signIn("admin", TestService.PASSWORD);
        browser.open("/admin/users");
        browser.type("#username", "Not Valid!").click("#create-user");
        String summary = browser.waitFor(".govuk-error-summary", 10).getText();
        assertThat(summary).contains("Въведете потребителско име", "Въведете име и фамилия", "Изберете роля");
        assertThat(browser.find("#username").getDomProperty("value")).isEqualTo("Not Valid!");
        browser.screenshot("admin-user-errors");
        assertThat(service.count("SELECT COUNT(*) FROM users WHERE username = 'Not Valid!'")).isZero();
    }
}
