package bg.nrm.service.auth;

import bg.nrm.service.Api;
import bg.nrm.service.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Browser sessions: the cookie authenticates API calls, CSRF guards changes, idle and absolute deadlines hold. */
class WebSessionsTest {
    @TempDir
    static Path dataDir;
    static TestService service;
    static Api api;
    static WebSessions sessions;

    @BeforeAll
    static void start() {
        service = TestService.sqlite(dataDir);
        api = service.api;
        sessions = service.app.credentials().sessions();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    static WebSessions.Session signedIn(String username) {
        UserStore.User u = new UserStore(service.app.database()).find(username).orElseThrow();
        return sessions.create(new Principal(u.username(), u.role(), u.organisationId(), Instant.MAX));
    }

    static Api.Response get(String path, WebSessions.Session s) {
        return api.send(api.builder(path, null).header("Cookie", WebSessions.COOKIE + "=" + s.id()).GET().build());
    }

    static Api.Response post(String path, WebSessions.Session s, Map<String, String> headers) {
        HttpRequest.Builder b = api.builder(path, null).header("Cookie", WebSessions.COOKIE + "=" + s.id())
                .POST(HttpRequest.BodyPublishers.noBody());
        headers.forEach(b::header);
        return api.send(b.build());
    }

    @Test
    void theSessionCookieAuthenticatesApiReads() {
        WebSessions.Session s = signedIn("screener.plovdiv");
        assertThat(get("/api/v1/questionnaires", s).status()).isEqualTo(200);
        assertThat(get("/api/v1/organisations", s).status()).as("still by role").isEqualTo(403);
    }

    @Test
    void onlyAHashOfTheCookieIsStored() {
        WebSessions.Session s = signedIn("screener.plovdiv");
        assertThat(service.count("SELECT COUNT(*) FROM web_sessions WHERE cookie_hash = '" + s.id() + "'")).isZero();
        assertThat(service.count("SELECT COUNT(*) FROM web_sessions WHERE cookie_hash = '"
                + RandomTokens.hash(s.id()) + "'")).isEqualTo(1);
        assertThat(sessions.setCookie(s)).contains("HttpOnly", "SameSite=Strict", "Path=/").doesNotContain("Secure");
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefused() {
        WebSessions.Session s = signedIn("crisis.plovdiv");
        Api.Response missing = post("/api/v1/auth/logout", s, Map.of());
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(post("/api/v1/auth/logout", s, Map.of(WebSessions.CSRF_HEADER, "wrong")).status()).isEqualTo(403);
        assertThat(get("/api/v1/inbox", s).status()).as("the session survived").isEqualTo(200);

        Api.Response out = post("/api/v1/auth/logout", s, Map.of(WebSessions.CSRF_HEADER, s.csrfToken()));
        assertThat(out.status()).isEqualTo(204);
        assertThat(out.raw().headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(get("/api/v1/inbox", s).status()).isEqualTo(401);
    }

    @Test
    void aBearerHeaderWinsOverTheCookie() {
        WebSessions.Session s = signedIn("crisis.plovdiv");
        HttpRequest r = api.builder("/api/v1/inbox", "not-a-token").header("Cookie", WebSessions.COOKIE + "=" + s.id())
                .GET().build();
        assertThat(api.send(r).status()).isEqualTo(401);
    }

    @Test
    void anIdleSessionEnds() {
        WebSessions.Session s = signedIn("screener.plovdiv");
        service.clock.advance(Duration.ofMinutes(20));
        try {
            assertThat(get("/api/v1/questionnaires", s).status()).as("20 minutes idle").isEqualTo(200);
            service.clock.advance(Duration.ofMinutes(31));
            assertThat(get("/api/v1/questionnaires", s).status()).as("31 minutes idle").isEqualTo(401);
            assertThat(sessions.find(s.id())).isEmpty();
        } finally {
            service.clock.advance(Duration.ofMinutes(-51));
        }
    }

    @Test
    void anActiveSessionStillEndsAtItsAbsoluteLifetime() {
        WebSessions.Session s = signedIn("screener.plovdiv");
        Duration moved = Duration.ZERO;
        try {
            for (int i = 0; i < 40; i++) {
                service.clock.advance(Duration.ofMinutes(20));
                moved = moved.plusMinutes(20);
                if (get("/api/v1/questionnaires", s).status() != 200) {
                    break;
                }
            }
            assertThat(moved).isBetween(Duration.ofHours(12), Duration.ofHours(12).plusMinutes(20));
        } finally {
            service.clock.advance(moved.negated());
        }
    }

    @Test
    void endingAllOfAUsersSessionsSignsOutEveryBrowser() {
        WebSessions.Session first = signedIn("ozd.plovdiv");
        WebSessions.Session second = signedIn("ozd.plovdiv");
        WebSessions.Session other = signedIn("crisis.plovdiv");
        sessions.endAllFor("ozd.plovdiv");
        assertThat(get("/api/v1/inbox", first).status()).isEqualTo(401);
        assertThat(get("/api/v1/inbox", second).status()).isEqualTo(401);
        assertThat(get("/api/v1/inbox", other).status()).isEqualTo(200);
    }

    @Test
    void aOneTimePasswordSessionMayOnlyChangeThePassword() {
        UserStore.User u = new UserStore(service.app.database()).find("commission.plovdiv").orElseThrow();
        WebSessions.Session s = sessions.create(new Principal(u.username(), u.role(), u.organisationId(), Instant.MAX,
                null, true));
        assertThat(s.passwordChangeRequired()).isTrue();
        assertThat(get("/api/v1/questionnaires", s).status()).isEqualTo(403);
    }
}
