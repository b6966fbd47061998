package bg.nrm.service.security;

import bg.nrm.service.Api;
import bg.nrm.service.TestService;
import bg.nrm.service.http.SecurityHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Findings (Low): requests that Helidon rejects before routing had an empty body and no hardening headers; there was
 * no Content-Security-Policy; an aborted request logged a 4 KB SEVERE stack trace. Every answer, routed or not, is
 * now a problem document with the same headers.
 */
class ErrorSurfaceTest {
    @TempDir
    static Path dataDir;
    static TestService service;
    static Api api;
    static int port;

    @BeforeAll
    static void start() {
        service = TestService.sqlite(dataDir);
        api = service.api;
        port = service.server.port();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void everyRoutedAnswerCarriesAStrictContentSecurityPolicy() {
        Api.Response ok = api.get("/api/v1/service-key", null);
        String csp = ok.raw().headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("frame-ancestors 'none'").contains("script-src 'self'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(ok.raw().headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(ok.raw().headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(ok.raw().headers().firstValue("Strict-Transport-Security")).as("HSTS only over TLS").isEmpty();
    }

    @Test
    void routedErrorsAreProblemsWithTheHeaders() {
        Api.Response missing = api.get("/api/v1/no-such-thing", null);
        assertThat(missing.status()).isIn(401, 404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.raw().headers().firstValue("Content-Security-Policy"))
                .hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
    }

    @Test
    void aRequestLineTooLongIsA414Problem() {
        assertPreRoutingProblem("GET /api/v1/" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414);
    }

    @Test
    void aBodyOverTheServerCapIsA413Problem() {
        assertPreRoutingProblem("POST /api/v1/auth/token HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                + "Content-Length: 50000000\r\n\r\n{", 413);
    }

    @Test
    void aHeadThatIsNotHttpIsA400Problem() {
        assertPreRoutingProblem("GET /observe/health HTTP/1.1\r\nHost: a\r\nBad Header Without Colon\r\n\r\n", 400);
    }

    @Test
    void headersTooLargeAreAProblem() {
        String answer = RawHttp.connect("127.0.0.1", port)
                .send("GET /observe/health HTTP/1.1\r\nHost: a\r\nX-Big: " + "b".repeat(40_000) + "\r\n\r\n")
                .readUntilClosed(Duration.ofSeconds(5));
        assertThat(answer).matches("(?s)HTTP/1.1 4\\d\\d .*").contains("application/problem+json")
                .contains("Content-Security-Policy");
    }

    @Test
    void anAbortedRequestLeavesOneQuietLineAndNoStackTrace() throws InterruptedException {
        try (LogCapture log = LogCapture.start()) {
            for (int i = 0; i < 5; i++) {
                try (RawHttp c = RawHttp.connect("127.0.0.1", port)) {
                    c.send("POST /api/v1/auth/token HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 4000\r\n\r\n{\"username\":\"adm");
                    Thread.sleep(100);
                }
            }
            Thread.sleep(500);
            assertThat(log.records()).noneMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue());
            assertThat(log.records()).noneMatch(r -> r.getThrown() != null);
            assertThat(log.text()).doesNotContain("adm");
        }
        assertThat(api.get("/observe/health", null).status()).isIn(200, 204);
    }

    private void assertPreRoutingProblem(String request, int status) {
        try (RawHttp c = RawHttp.connect("127.0.0.1", port)) {
            String answer = c.send(request).readUntilClosed(Duration.ofSeconds(5));
            assertThat(answer).startsWith("HTTP/1.1 " + status);
            assertThat(answer).contains("Content-Type: application/problem+json")
                    .contains("Content-Security-Policy: " + SecurityHeaders.CONTENT_SECURITY_POLICY)
                    .contains("X-Content-Type-Options: nosniff")
                    .contains("\"status\":" + status);
            assertThat(answer).doesNotContain("aaaaaaaaaa");
        }
    }
}
