package bg.nrm.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database that does not answer in time is the service being busy, not broken: the request is answered 503 with
 * {@code Retry-After} and a problem that names no statement, value or exception, nothing half of it is stored, and the
 * same request passes once the database is free. The database is held for real: a lock taken from the test's own
 * connection, with the service's lock and busy timeouts set short.
 */
class DatabaseBusyTest {
    @TempDir
    Path dataDir;

    @Test
    void aLockTimeoutOnPostgresIsA503AndTheSameRequestPassesOnceTheLockIsGone() throws Exception {
        String url = TestService.freshPostgresSchema();
        try (TestService service = TestService.start(dataDir, new MutableClock(),
                Map.of("nrm.db.url", url, "nrm.db.lock-timeout", "PT0.2S"))) {
            Api api = service.api;
            String screener = api.token("screener.plovdiv");
            Api.Response busy;
            try (Connection lock = DriverManager.getConnection(url); Statement s = lock.createStatement()) {
                lock.setAutoCommit(false);
                // Every bearer request reads its token's user: with the table locked, that read waits past the
                // lock timeout.
                s.execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
                busy = api.get("/api/v1/screenings/no-such-screening", screener);
                lock.rollback();
            }
            assertBusy(busy);
            assertThat(api.get("/api/v1/screenings/no-such-screening", screener).status()).isEqualTo(404);
        }
    }

    @Test
    void aBusySqliteWriterIsA503AndTheScreeningSentAgainIsStoredOnce() throws Exception {
        try (TestService service = TestService.start(dataDir, new MutableClock(),
                Map.of("nrm.db.busy-timeout", "PT0.2S"))) {
            Api api = service.api;
            String screener = api.token("screener.plovdiv");
            long before = service.count("SELECT COUNT(*) FROM screenings");
            long referralsBefore = service.count("SELECT COUNT(*) FROM referrals");
            String body = Screenings.json(Screenings.highRiskChild("BG-16"));
            Api.Response busy;
            try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("nrm.db"));
                 Statement s = lock.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                busy = api.post("/api/v1/screenings", screener, body, Map.of("Idempotency-Key", "busy-once"));
                s.execute("ROLLBACK");
            }
            assertBusy(busy);
            assertThat(service.count("SELECT COUNT(*) FROM screenings")).isEqualTo(before);
            assertThat(service.count("SELECT COUNT(*) FROM referrals")).isEqualTo(referralsBefore);

            Api.Response again = api.post("/api/v1/screenings", screener, body, Map.of("Idempotency-Key", "busy-once"));
            assertThat(again.status()).isEqualTo(201);
            assertThat(service.count("SELECT COUNT(*) FROM screenings")).isEqualTo(before + 1);
        }
    }

    private static void assertBusy(Api.Response r) {
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.raw().headers().firstValue("Retry-After")).hasValue("1");
        assertThat(r.json().get("type").asText()).endsWith("/database-busy");
        assertThat(r.json().get("status").asInt()).isEqualTo(503);
        assertThat(r.body()).doesNotContain("Exception", "SELECT", "INSERT", "users", "55P03", "SQLITE", "incident");
    }
}
