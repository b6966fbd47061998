package bg.nrm.service.auth;

import bg.nrm.service.Api;
import bg.nrm.service.MutableClock;
import bg.nrm.service.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one PostgreSQL database: a sign-out, a disabled account and a browser session on one are seen by
 * the other, because tokens, revocations and sessions live in the database.
 */
class SignOutAcrossInstancesTest {
    @TempDir
    static Path dataDir;
    static TestService first;
    static TestService second;

    @BeforeAll
    static void start() {
        Map<String, String> shared = Map.of("nrm.db.url", TestService.freshPostgresSchema());
        first = TestService.start(dataDir, new MutableClock(), shared);
        second = TestService.start(dataDir, new MutableClock(), shared);
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    void aTokenSignedOutOnOneInstanceIsRefusedOnTheOther() {
        String token = first.api.token("screener.plovdiv");
        assertThat(second.api.get("/api/v1/questionnaires", token).status()).isEqualTo(200);
        assertThat(first.api.post("/api/v1/auth/logout", token).status()).isEqualTo(204);
        assertThat(second.api.get("/api/v1/questionnaires", token).status()).isEqualTo(401);
    }

    @Test
    void aBrowserSessionStartedOnOneInstanceWorksOnTheOther() {
        UserStore.User u = new UserStore(first.app.database()).find("crisis.plovdiv").orElseThrow();
        WebSessions.Session s = first.app.credentials().sessions().create(new Principal(u.username(), u.role(),
                u.organisationId(), Instant.MAX));
        HttpRequest r = second.api.builder("/api/v1/inbox", null).header("Cookie", WebSessions.COOKIE + "=" + s.id())
                .GET().build();
        assertThat(second.api.send(r).status()).isEqualTo(200);
    }

    @Test
    void disablingOnOneInstanceEndsTheAlertStreamOnTheOther() throws Exception {
        String recipient = first.api.token("ozd.plovdiv");
        Api other = second.api;
        HttpRequest sse = other.builder("/api/v1/alerts", recipient).header("Accept", "text/event-stream").GET()
                .build();
        HttpResponse<Stream<String>> stream = other.client().send(sse, HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> stream.body().toList());
        String admin = first.api.token("admin");
        try {
            assertThat(first.api.put("/api/v1/users/ozd.plovdiv", admin, "application/json", "{\"enabled\":false}")
                    .status()).isEqualTo(200);
            // The other instance learns it at its stream's next check (every five seconds).
            assertThat(lines.get(20, TimeUnit.SECONDS)).contains(":subscribed");
            assertThat(other.get("/api/v1/inbox", recipient).status()).isEqualTo(401);
        } finally {
            first.api.put("/api/v1/users/ozd.plovdiv", admin, "application/json", "{\"enabled\":true}");
        }
    }
}
