package bg.nrm.service.web;

import bg.nrm.service.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deny by default for the commission's, administrator's and auditor's pages, over real HTTP: without a session
 * each sends the browser to sign-in; each role reaches only its own; an administrator's change needs the session's
 * CSRF token and writes nothing without it.
 */
class RolePagesAccessTest {
    private static final Map<String, List<String>> PAGES = Map.of(
            "commission.plovdiv", List.of("/stats", "/stats/table.csv", "/stats/mechanism.csv"),
            "admin", List.of("/admin", "/admin/organisations", "/admin/organisations/cc-children-plovdiv", "/admin/users"),
            "auditor", List.of("/audit", "/audit/verify"));

    @TempDir
    static Path dataDir;
    static TestService service;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        service = TestService.sqlite(dataDir);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void eachRoleReachesOnlyItsOwnPagesAndNobodyWithoutASession() throws Exception {
        for (String user : List.of("commission.plovdiv", "admin", "auditor", "screener.plovdiv", "crisis.plovdiv")) {
            String cookie = signIn(user);
            for (Map.Entry<String, List<String>> pages : PAGES.entrySet()) {
                for (String page : pages.getValue()) {
                    int status = get(page, cookie).statusCode();
                    if (pages.getKey().equals(user)) {
                        assertThat(status).as(user + " " + page).isIn(200, 303);
                    } else {
                        assertThat(status).as(user + " " + page).isEqualTo(403);
                    }
                    assertThat(get(page, null).statusCode()).as("no session " + page).isEqualTo(303);
                }
            }
        }
        assertThat(get("/admin/organisations/no-such-organisation", signIn("admin")).statusCode()).isEqualTo(404);
    }

    @Test
    void anAdministratorsChangeNeedsTheSessionsToken() throws Exception {
        String admin = signIn("admin");
        long keys = service.count("SELECT COUNT(*) FROM organisation_keys WHERE status = 'RETIRED'");
        String fingerprint = service.app.database().read(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery(
                    "SELECT fingerprint FROM organisation_keys WHERE organisation_id = 'cc-children-plovdiv'")) {
                rs.next();
                return rs.getString(1);
            }
        });
        String retire = "/admin/organisations/cc-children-plovdiv/keys/" + fingerprint + "/retire";
        assertThat(post(retire, admin, "").statusCode()).isEqualTo(403);
        assertThat(post(retire, admin, "_csrf=wrong").statusCode()).isEqualTo(403);
        assertThat(post("/admin/organisations/cc-children-plovdiv", admin, "_csrf=wrong&freePlaces=0").statusCode())
                .isEqualTo(403);
        assertThat(service.count("SELECT COUNT(*) FROM organisation_keys WHERE status = 'RETIRED'")).isEqualTo(keys);
        assertThat(service.count("SELECT free_places FROM organisations WHERE id = 'cc-children-plovdiv'")).isEqualTo(3);
        // Another role with a valid token of its own is still refused.
        String commission = signIn("commission.plovdiv");
        assertThat(post(retire, commission, "_csrf=" + csrf(commission)).statusCode()).isEqualTo(403);
        assertThat(service.count("SELECT COUNT(*) FROM organisation_keys WHERE status = 'RETIRED'")).isEqualTo(keys);
    }

    private static String csrf(String cookie) throws Exception {
        String html = get("/stats", cookie).body();
        int at = html.indexOf("name=\"_csrf\" value=\"") + 20;
        return html.substring(at, html.indexOf('"', at));
    }

    private static HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.api.base() + path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String cookie, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(service.api.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String signIn(String username) throws Exception {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(service.api.base() + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + TestService.PASSWORD))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(username).isEqualTo(303);
        return res.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }
}
