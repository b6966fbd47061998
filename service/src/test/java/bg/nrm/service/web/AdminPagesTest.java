package bg.nrm.service.web;

import bg.nrm.keys.pgp.GeneratedKey;
import bg.nrm.keys.pgp.OrganisationKeys;
import bg.nrm.service.Api;
import bg.nrm.service.Screenings;
import bg.nrm.service.TestService;
import bg.nrm.service.http.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

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

    @Test
    void administratorChangesAUsersRoleAndDeletesAnAccountThatWasNeverUsed() throws Exception {
        // Made through the API and never signed in: nothing refers to it yet.
        Api.Response made = service.api.post("/api/v1/users", service.api.token("admin"), Json.writeString(Map.of(
                "username", "petar.ivanov", "organisationId", "csri-etropole", "role", "SCREENER",
                "displayName", "Петър Иванов")));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        browser.signIn("admin", TestService.PASSWORD);
        browser.open("/admin/users");
        browser.click("tr[data-username='petar.ivanov'] a.nrm-user-link");
        assertThat(browser.waitForPath("/admin/users/petar.ivanov", 20)).isEqualTo("/admin/users/petar.ivanov");
        assertThat(browser.find("#user").getAttribute("data-role")).isEqualTo("SCREENER");
        browser.screenshot("admin-user");

        new Select(browser.find("#role")).selectByValue("AUDITOR");
        browser.click("#save-role");
        assertThat(browser.waitFor("#done", 10).getText()).contains("petar.ivanov");
        assertThat(browser.find("#user").getAttribute("data-role")).isEqualTo("AUDITOR");
        assertThat(service.count("SELECT COUNT(*) FROM users WHERE username = 'petar.ivanov' AND role = 'AUDITOR'"))
                .isEqualTo(1);
        assertThat(service.count("SELECT COUNT(*) FROM audit_log WHERE actor = 'admin' AND action = 'USER_UPDATED' "
                + "AND target = 'petar.ivanov' AND detail LIKE '%role %->AUDITOR%'")).isEqualTo(1);

        // Without the page's CSRF token nothing is deleted, even with the administrator's session.
        String cookie = "nrm_session=" + browser.driver().manage().getCookieNamed("nrm_session").getValue();
        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(service.api.base() + "/admin/users/petar.ivanov/delete"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString("confirm=yes")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(service.count("SELECT COUNT(*) FROM users WHERE username = 'petar.ivanov'")).isEqualTo(1);

        // Deleting needs the box ticked.
        browser.click("#delete");
        assertThat(browser.waitFor(".govuk-error-summary", 10).getText()).contains("Отметнете");
        assertThat(browser.find(".govuk-error-summary a").getAttribute("href")).endsWith("#confirm");
        browser.screenshot("admin-user-delete-unconfirmed");
        assertThat(service.count("SELECT COUNT(*) FROM users WHERE username = 'petar.ivanov'")).isEqualTo(1);

        browser.click("label[for='confirm']").click("#delete");
        assertThat(browser.waitFor("#done", 10).getText()).contains("petar.ivanov", "изтрит");
        assertThat(browser.path()).startsWith("/admin/users");
        assertThat(browser.findAll("tr[data-username='petar.ivanov']")).isEmpty();
        assertThat(service.count("SELECT COUNT(*) FROM users WHERE username = 'petar.ivanov'")).isZero();
        assertThat(service.count("SELECT COUNT(*) FROM audit_log WHERE actor = 'admin' AND action = 'USER_DELETED' "
                + "AND target = 'petar.ivanov'")).isEqualTo(1);
    }

    @Test
    void anAccountWithRecordsIsNotDeletedAndARoleThatNeedsAnOrganisationIsRefused() {
        assertThat(service.api.post("/api/v1/screenings", service.api.token("screener.etropole"),
                Screenings.json(Screenings.highRiskChild("BG-23"))).status()).isEqualTo(201);
        browser.signIn("admin", TestService.PASSWORD);
        browser.open("/admin/users/screener.etropole");
        browser.click("label[for='confirm']").click("#delete");
        assertThat(browser.waitFor(".govuk-error-summary", 10).getText()).contains("изключете го");
        assertThat(service.count("SELECT COUNT(*) FROM users WHERE username = 'screener.etropole'")).isEqualTo(1);
        assertThat(service.count("SELECT COUNT(*) FROM audit_log WHERE action = 'USER_DELETED' "
                + "AND target = 'screener.etropole'")).isZero();

        // The auditor has no organisation; a screener must have one.
        browser.open("/admin/users/auditor");
        new Select(browser.find("#role")).selectByValue("SCREENER");
        browser.click("#save-role");
        assertThat(browser.waitFor(".govuk-error-summary", 10).getText()).contains("изисква организация");
        assertThat(browser.find(".govuk-error-summary a").getAttribute("href")).endsWith("#role");
        browser.screenshot("admin-user-role-error");
        assertThat(service.count("SELECT COUNT(*) FROM users WHERE username = 'auditor' AND role = 'AUDITOR'"))
                .isEqualTo(1);
        browser.open("/admin/users/nobody.here");
        assertThat(browser.text("h1")).isEqualTo("Страницата не е намерена");
    }
}
