package bg.nrm.service.store;

import bg.nrm.service.Api;
import bg.nrm.service.MutableClock;
import bg.nrm.service.Screenings;
import bg.nrm.service.TestService;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real screenings over HTTP, many of them waiting for the writer at once: they are written as one batch in a fixed
 * number of statements, each is answered once it is committed, and the audit chain they extend still verifies.
 */
class BatchedScreeningsTest {
    @TempDir
    Path dataDir;

    private TestService start(String kind) {
        Map<String, String> settings = new HashMap<>();
        if (kind.equals("postgres")) {
            settings.put("nrm.db.url", TestService.freshPostgresSchema());
        }
        return TestService.start(dataDir, new MutableClock(), settings);
    }

    // Keeps the writer busy until released, so that the screenings submitted meanwhile queue up as one batch.
    private static Future<Object> holdWriter(Database db, ExecutorService pool, CountDownLatch release) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Future<Object> holder = pool.submit(() -> db.inGroupCommit(c -> {
            started.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        return holder;
    }

    private static void awaitWaiting(Database db, int n) throws InterruptedException {
        for (int i = 0; i < 6000 && db.groupCommit().waiting() < n; i++) {
            Thread.sleep(5);
        }
        assertThat(db.groupCommit().waiting()).isEqualTo(n);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgres"})
    void manyScreeningsWaitingTogetherAreWrittenInAFixedNumberOfStatements(String kind) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try (TestService service = start(kind)) {
            Api api = service.api;
            String screener = api.token("screener.plovdiv");
            Database db = service.app.database();
            long auditBefore = service.count("SELECT COUNT(*) FROM audit_log");
            long createdBefore = service.count("SELECT COUNT(*) FROM audit_log WHERE action = 'SCREENING_CREATED'");
            Database.WriterFigures before = db.writerFigures();
            CountDownLatch release = new CountDownLatch(1);
            Future<Object> holder = holdWriter(db, pool, release);
            List<Future<Api.Response>> answers = new ArrayList<>();
            // 30: below the service's 32 connections per client address.
            for (int i = 0; i < 30; i++) {
                Map<String, Object> body = i % 10 == 0 ? Screenings.highRiskChild("BG-16") : Screenings.noRiskChild();
                answers.add(pool.submit(() -> api.post("/api/v1/screenings", screener, Screenings.json(body))));
            }
            awaitWaiting(db, 30);
            release.countDown();
            holder.get(60, TimeUnit.SECONDS);
            Set<String> ids = new HashSet<>();
            for (Future<Api.Response> f : answers) {
                Api.Response r = f.get(60, TimeUnit.SECONDS);
                assertThat(r.status()).as(r.body()).isEqualTo(201);
                ids.add(r.json().get("id").asText());
            }
            assertThat(ids).hasSize(30);
            Database.WriterFigures after = db.writerFigures();
            assertThat(after.commits() - before.commits()).as("commits: the holder's and the batch's").isEqualTo(2);
            assertThat(after.items() - before.items()).isEqualTo(31);
            // The holder's commit, then per kind of row one statement (screenings, replay pairs, statistics,
            // referrals, their events), the audit chain's three and the commit: not a few per screening.
            assertThat(after.roundTrips() - before.roundTrips()).as("statements sent").isLessThanOrEqualTo(11);
            assertThat(service.count("SELECT COUNT(*) FROM audit_log WHERE action = 'SCREENING_CREATED'")
                    - createdBefore).isEqualTo(30);
            assertThat(service.count("SELECT COUNT(*) FROM audit_log") - auditBefore).isEqualTo(30);
            assertThat(service.app.audit().verify().valid()).isTrue();
            for (String id : ids) {
                assertThat(api.get("/api/v1/screenings/" + id, screener).status()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgres"})
    void aScreeningThatFailsInABatchFailsAloneAndTheOthersAreKept(String kind) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try (TestService service = start(kind)) {
            Api api = service.api;
            String screener = api.token("screener.plovdiv");
            Database db = service.app.database();
            long screeningsBefore = service.count("SELECT COUNT(*) FROM screenings");
            long createdBefore = service.count("SELECT COUNT(*) FROM audit_log WHERE action = 'SCREENING_CREATED'");
            CountDownLatch release = new CountDownLatch(1);
            Future<Object> holder = holdWriter(db, pool, release);
            List<Future<Api.Response>> good = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                good.add(pool.submit(() -> api.post("/api/v1/screenings", screener,
                        Screenings.json(Screenings.noRiskChild()))));
            }
            awaitWaiting(db, 6);
            // Two requests with the same Idempotency-Key, both past the check for an earlier one: in the batch the
            // second collides with the first on the unique key, which fails the batch.
            String json = Screenings.json(Screenings.highRiskChild("BG-16"));
            List<Future<Api.Response>> twins = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                twins.add(pool.submit(() -> api.post("/api/v1/screenings", screener, json,
                        Map.of("Idempotency-Key", "twin-key"))));
                awaitWaiting(db, 7 + i);
            }
            for (int i = 0; i < 6; i++) {
                good.add(pool.submit(() -> api.post("/api/v1/screenings", screener,
                        Screenings.json(Screenings.noRiskChild()))));
            }
            awaitWaiting(db, 14);
            long commitsBefore = db.writerFigures().commits();
            release.countDown();
            holder.get(60, TimeUnit.SECONDS);
            for (Future<Api.Response> f : good) {
                assertThat(f.get(60, TimeUnit.SECONDS).status()).isEqualTo(201);
            }
            Api.Response first = twins.get(0).get(60, TimeUnit.SECONDS);
            Api.Response second = twins.get(1).get(60, TimeUnit.SECONDS);
            assertThat(first.status()).isEqualTo(201);
            // The one that failed is answered as the one stored, which is how a lost race was answered before.
            assertThat(second.status()).isEqualTo(201);
            assertThat(second.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
            // The holder's commit, then the batch failed and each of its 14 items ran on its own: 13 commits.
            assertThat(db.writerFigures().commits() - commitsBefore).isEqualTo(1 + 13);
            assertThat(service.count("SELECT COUNT(*) FROM screenings") - screeningsBefore).isEqualTo(13);
            assertThat(service.count("SELECT COUNT(*) FROM screenings WHERE idempotency_key = 'twin-key'"))
                    .isEqualTo(1);
            // Nothing of the failed item is left: its referrals and its audit entry went with it.
            assertThat(service.count("SELECT COUNT(*) FROM referrals")).isEqualTo(service.count(
                    "SELECT COUNT(*) FROM referrals r JOIN screenings s ON s.id = r.screening_id"));
            assertThat(service.count("SELECT COUNT(*) FROM audit_log WHERE action = 'SCREENING_CREATED'")
                    - createdBefore).isEqualTo(13);
            assertThat(service.app.audit().verify().valid()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }
}
