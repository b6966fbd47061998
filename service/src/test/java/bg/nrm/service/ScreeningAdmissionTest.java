package bg.nrm.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admission of API screenings ({@code nrm.limits.screenings-in-progress}): when as many are in progress as the limit
 * allows, one more is refused at once with 503, {@code Retry-After} and a problem, and nothing of it is stored; once
 * a place is free, screenings are taken again. A screening is held "in progress" for real: the test takes SQLite's
 * write lock from its own connection, so the service's commit waits for it.
 */
class ScreeningAdmissionTest {
    @TempDir
    Path dataDir;
    TestService service;
    Api api;
    String screener;
    String admin;

    @BeforeEach
    void start() {
        service = TestService.start(dataDir, new MutableClock(), Map.of("nrm.limits.screenings-in-progress", "1"));
        api = service.api;
        screener = api.token("screener.plovdiv");
        admin = api.token("admin");
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void aScreeningBeyondTheLimitIsRefusedAtOnceAndNothingOfItIsStored() throws Exception {
        long before = screenings();
        double refusedBefore = metric("nrm_screenings_refused_total");
        CompletableFuture<Api.Response> first;
        try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("nrm.db"));
             Statement s = lock.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            first = CompletableFuture.supplyAsync(() -> api.post("/api/v1/screenings", screener,
                    Screenings.json(Screenings.noRiskChild()), Map.of("Idempotency-Key", "first")));
            awaitInProgress(1);

            Api.Response refused = api.post("/api/v1/screenings", screener, Screenings.json(Screenings.highRiskChild("BG-16")),
                    Map.of("Idempotency-Key", "second"));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.raw().headers().firstValue("Retry-After")).hasValue("1");
            JsonNode problem = refused.json();
            assertThat(problem.get("type").asText()).endsWith("/busy");
            assertThat(problem.get("status").asInt()).isEqualTo(503);
            assertThat(refused.body()).doesNotContain("Мария").doesNotContain("CASE-2026-0042");
            assertThat(first).isNotDone();
            s.execute("ROLLBACK");
        }

        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
        assertThat(screenings()).isEqualTo(before + 1);
        assertThat(metric("nrm_screenings_refused_total")).isEqualTo(refusedBefore + 1);
        assertThat(metric("nrm_screenings_in_progress")).isZero();

        // The place is free again: the refused request, sent again with its key, is taken.
        Api.Response again = api.post("/api/v1/screenings", screener, Screenings.json(Screenings.highRiskChild("BG-16")),
                Map.of("Idempotency-Key", "second"));
        assertThat(again.status()).isEqualTo(201);
        assertThat(screenings()).isEqualTo(before + 2);
    }

    private void awaitInProgress(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (metric("nrm_screenings_in_progress") != expected) {
            assertThat(System.nanoTime()).as("a screening in progress").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private long screenings() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("nrm.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM screenings")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The sum of a Prometheus series, as an administrator reads it. */
    private double metric(String series) {
        Api.Response r = api.get("/observe/metrics", admin, Map.of("Accept", "text/plain"));
        assertThat(r.status()).isEqualTo(200);
        return r.body().lines()
                .filter(l -> l.startsWith(series + "{") || l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
