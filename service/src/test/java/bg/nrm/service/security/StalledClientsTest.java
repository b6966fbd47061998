package bg.nrm.service.security;

import bg.nrm.service.Api;
import bg.nrm.service.MutableClock;
import bg.nrm.service.Screenings;
import bg.nrm.service.TestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding (High): a few hundred connections that promise a body and stall took every request slot, and health
 * answered an empty 503 for as long as they stayed. Here the service has 10 request slots and allows 4 connections
 * per address; 20 stalled clients must neither starve it nor stay connected.
 */
class StalledClientsTest {
    @TempDir
    static Path dataDir;
    static TestService service;
    static Api api;
    static int port;

    @BeforeAll
    static void start() {
        service = TestService.start(dataDir, new MutableClock(), Map.of(
                "server.max-concurrent-requests", "10",
                "nrm.limits.connections-per-address", "4",
                "nrm.limits.read-stall-timeout", "PT1S",
                "nrm.limits.request-read-timeout", "PT3S"));
        api = service.api;
        port = service.server.port();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void moreStalledConnectionsThanTheLimitLeaveHealthAndScreeningsAnswered() {
        List<RawHttp> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                // One attacker, 20 stalled requests for 10 slots: only 4 of them get in.
                stalled.add(RawHttp.connect("127.0.0.10", port).send(promiseOfABody()));
            }
            assertThat(api.get("/observe/health", null).status()).isIn(200, 204);
            String token = api.token("screener.plovdiv");
            Api.Response screening = api.post("/api/v1/screenings", token,
                    Screenings.json(Screenings.highRiskChild("BG-16")));
            assertThat(screening.status()).isEqualTo(201);
            int timedOut = 0;
            for (RawHttp s : stalled) {
                String answer = s.readUntilClosed(Duration.ofSeconds(10));
                assertThat(answer).as("a stalled connection is closed within the read deadline").isNotNull();
                assertThat(answer).matches("(?s)HTTP/1.1 (408|429) .*").contains("application/problem+json");
                timedOut += answer.startsWith("HTTP/1.1 408") ? 1 : 0;
            }
            assertThat(timedOut).isEqualTo(4);
        } finally {
            stalled.forEach(RawHttp::close);
        }
    }

    @Test
    void stalledClientsFromManyAddressesAreDroppedAndHealthComesBack() {
        List<RawHttp> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                stalled.add(RawHttp.connect("127.0.1." + (1 + i), port).send(promiseOfABody()));
            }
            for (RawHttp s : stalled) {
                // Ten get a slot and are cut off at the deadline; the two beyond the slots are told the service is busy.
                assertThat(s.readUntilClosed(Duration.ofSeconds(10))).matches("(?s)HTTP/1.1 (408|503) .*")
                        .contains("application/problem+json");
            }
            assertThat(api.get("/observe/health", null).status()).isIn(200, 204);
        } finally {
            stalled.forEach(RawHttp::close);
        }
    }

    @Test
    void anAddressOverItsConnectionLimitIsRefusedWithAProblem() {
        List<RawHttp> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                held.add(RawHttp.connect("127.0.0.20", port).send("GET /observe/health HTTP/1.1\r\nHost: a\r\n\r\n"));
            }
            for (RawHttp h : held) {
                assertThat(h.readResponse(Duration.ofSeconds(5))).startsWith("HTTP/1.1 20");
            }
            try (RawHttp fifth = RawHttp.connect("127.0.0.20", port)) {
                String answer = fifth.send("GET /observe/health HTTP/1.1\r\nHost: a\r\n\r\n")
                        .readUntilClosed(Duration.ofSeconds(5));
                assertThat(answer).startsWith("HTTP/1.1 429").contains("application/problem+json")
                        .contains("Retry-After").contains("Content-Security-Policy");
            }
            try (RawHttp other = RawHttp.connect("127.0.0.21", port)) {
                assertThat(other.send("GET /observe/health HTTP/1.1\r\nHost: a\r\n\r\n")
                        .readResponse(Duration.ofSeconds(5))).startsWith("HTTP/1.1 20");
            }
        } finally {
            held.forEach(RawHttp::close);
        }
    }

    @Test
    void aHeadSentOneByteAtATimeIsCutOffAtTheRequestDeadline() throws InterruptedException {
        try (RawHttp slow = RawHttp.connect("127.0.0.30", port)) {
            String head = "GET /observe/health HTTP/1.1\r\nX-Slow: ";
            slow.send(head);
            long start = System.nanoTime();
            String answer = null;
            // 0.5 s between bytes stays under the 1 s stall limit; the 3 s request deadline must end it.
            for (int i = 0; i < 40 && answer == null; i++) {
                Thread.sleep(500);
                try {
                    slow.send("a");
                } catch (RuntimeException e) {
                    answer = slow.readUntilClosed(Duration.ofSeconds(2));
                    break;
                }
                answer = slow.readUntilClosed(Duration.ofMillis(1));
            }
            assertThat(answer).as("the slow head is cut off").isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
        assertThat(service.app.connectionGuard().droppedCount()).isPositive();
    }

    @Test
    void anIdleKeptAliveConnectionIsNotCutWhileTheServiceWorks() {
        // The deadlines count only time spent waiting for the client: a normal request on a reused connection works.
        try (RawHttp c = RawHttp.connect("127.0.0.40", port)) {
            for (int i = 0; i < 3; i++) {
                assertThat(c.send("GET /observe/health HTTP/1.1\r\nHost: a\r\n\r\n").readResponse(Duration.ofSeconds(5)))
                        .startsWith("HTTP/1.1 20");
            }
        }
    }

    private static String promiseOfABody() {
        return "POST /api/v1/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 1000\r\n\r\n{\"username\":";
    }
}
