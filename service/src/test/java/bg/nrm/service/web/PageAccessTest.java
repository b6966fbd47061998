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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deny by default for pages, over real HTTP: without a session every page sends the browser to sign-in; a role
 * sees only its own pages; a post needs the session's CSRF token and must not come from another site.
 */
class PageAccessTest {
    private static final List<String> PAGES = List.of("/screenings", "/screenings/new",
            "/screenings/new?questionnaire=child-risk", "/screenings/00000000-0000-0000-0000-000000000000",
            "/inbox", "/inbox/rows", "/referrals/00000000-0000-0000-0000-000000000000",
            "/referrals/00000000-0000-0000-0000-000000000000/message.asc",
            "/referrals/00000000-0000-0000-0000-000000000000/document.pdf");

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
    void everyPageWithoutASessionSendsToSignIn() throws Exception {
        for (String page : PAGES) {
            HttpResponse<String> res = get(page, null);
            assertThat(res.statusCode()).as(page).isEqualTo(303);
            assertThat(res.headers().firstValue("Location")).as(page).contains("/");
        }
        assertThat(get("/", null).statusCode()).isEqualTo(200);
        assertThat(get("/no-such-page", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aRoleSeesOnlyItsOwnPages() throws Exception {
        String recipient = signIn("crisis.plovdiv");
        assertThat(get("/screenings", recipient).statusCode()).isEqualTo(403);
        assertThat(get("/screenings/new?questionnaire=child-risk", recipient).statusCode()).isEqualTo(403);
        assertThat(get("/inbox", recipient).statusCode()).isEqualTo(200);
        String commission = signIn("commission.plovdiv");
        assertThat(get("/inbox", commission).statusCode()).isEqualTo(403);
        assertThat(get("/referrals/00000000-0000-0000-0000-000000000000", commission).statusCode()).isEqualTo(403);
        String screener = signIn("screener.plovdiv");
        assertThat(get("/inbox", screener).statusCode()).isEqualTo(403);
        assertThat(get("/screenings/00000000-0000-0000-0000-000000000000", screener).statusCode()).isEqualTo(404);
    }

    @Test
    void aPostNeedsTheSessionsTokenAndThisSite() throws Exception {
        String screener = signIn("screener.plovdiv");
        String body = "questionnaire=child-risk&questionnaireVersion=1&subject.ageYears=15&subject.gender=female"
                + "&subject.region=BG-16&subject.citizenship=BG";
        assertThat(post("/screenings", screener, body, null).statusCode()).isEqualTo(403);
        assertThat(post("/screenings", screener, body + "&_csrf=wrong", null).statusCode()).isEqualTo(403);
        assertThat(post("/sign-out", screener, "_csrf=x", "cross-site").statusCode()).isEqualTo(403);
        assertThat(service.count("SELECT COUNT(*) FROM screenings")).isZero();
    }

    @Test
    void theLanguageSwitchStaysOnThisSite() throws Exception {
        HttpResponse<String> res = get("/language/en?back=//evil.example/x", null);
        assertThat(res.statusCode()).isEqualTo(303);
        assertThat(res.headers().firstValue("Location")).contains("/");
        assertThat(res.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).startsWith("nrm_lang=en"));
        assertThat(get("/language/en?back=/screenings", null).headers().firstValue("Location")).contains("/screenings");
    }

    @Test
    void aOneTimePasswordLeadsOnlyToThePasswordPageAndTheNewOneSignsIn() throws Exception {
        var created = service.api.post("/api/v1/users", service.api.token("admin"), bg.nrm.service.http.Json.writeString(
                java.util.Map.of("username", "new.screener", "organisationId", "csri-etropole", "role", "SCREENER",
                        "displayName", "Нов Служител")));
        assertThat(created.status()).isEqualTo(201);
        String temporary = created.json().get("temporaryPassword").asText();
        HttpResponse<String> signIn = HTTP.send(HttpRequest.newBuilder(URI.create(service.api.base() + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=new.screener&password="
                        + java.net.URLEncoder.encode(temporary, java.nio.charset.StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.headers().firstValue("Location")).contains("/password");
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertThat(get("/screenings", cookie).headers().firstValue("Location")).contains("/password");
        HttpResponse<String> form = get("/password", cookie);
        assertThat(form.statusCode()).isEqualTo(200);
        String csrf = form.body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        String next = "a-new-long-passphrase-for-etropole";
        HttpResponse<String> mismatch = post("/password", cookie, "_csrf=" + csrf + "&currentPassword="
                + java.net.URLEncoder.encode(temporary, java.nio.charset.StandardCharsets.UTF_8)
                + "&newPassword=" + next + "&confirmPassword=other", null);
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body()).contains("href=\"#confirmPassword\"");
        HttpResponse<String> changed = post("/password", cookie, "_csrf=" + csrf + "&currentPassword="
                + java.net.URLEncoder.encode(temporary, java.nio.charset.StandardCharsets.UTF_8)
                + "&newPassword=" + next + "&confirmPassword=" + next, null);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("Паролата е сменена");
        // The old session ended with the change; the new password signs in to the screener's pages.
        assertThat(get("/screenings", cookie).statusCode()).isEqualTo(303);
        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(URI.create(service.api.base() + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=new.screener&password=" + next))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.headers().firstValue("Location")).contains("/screenings");
    }

    private static HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.api.base() + path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String cookie, String form, String fetchSite) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.api.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (fetchSite != null) {
            b.header("Sec-Fetch-Site", fetchSite);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String signIn(String username) throws Exception {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(service.api.base() + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + TestService.PASSWORD))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(303);
        return res.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }
}
