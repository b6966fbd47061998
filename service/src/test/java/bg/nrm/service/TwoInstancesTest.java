package bg.nrm.service;

import bg.nrm.service.http.Json;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two service instances on one PostgreSQL database share the outbox: with both healthy each referral reaches its
 * recipient once; when one dies holding claims, the other delivers them once the claims' lease runs out.
 */
class TwoInstancesTest {
    @TempDir
    Path dataDir;
    final MutableClock clock = new MutableClock();
    final List<String> received = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch firstArrived = new CountDownLatch(1);
    final AtomicBoolean blockFirst = new AtomicBoolean(false);
    HttpServer receiver;
    TestService a;
    TestService b;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestHeaders().getFirst("X-NRM-Referral-Id"));
            if (blockFirst.compareAndSet(true, false)) {
                firstArrived.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        Map<String, String> shared = Map.of("nrm.db.url", TestService.freshPostgresSchema(), "nrm.delivery.lease", "PT2M");
        a = TestService.start(dataDir, clock, shared);
        b = TestService.start(dataDir, clock, shared);
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        for (String org : List.of("cc-children-plovdiv", "ozd-plovdiv")) {
            assertThat(a.api.put("/api/v1/organisations/" + org, a.api.token("admin"), "application/json",
                    Json.writeString(Map.of("webhookUrl", url))).status()).isEqualTo(200);
        }
    }

    @AfterEach
    void stop() {
        release.countDown();
        b.close();
        try {
            a.close();
        } catch (RuntimeException alreadyClosed) {
            // a was "killed" by the test
        }
        receiver.stop(0);
    }

    private void submitScreenings(int n) {
        String tokenA = a.api.token("screener.plovdiv");
        String tokenB = b.api.token("screener.plovdiv");
        for (int i = 0; i < n; i++) {
            TestService via = i % 2 == 0 ? a : b;
            assertThat(via.api.post("/api/v1/screenings", i % 2 == 0 ? tokenA : tokenB,
                    Screenings.json(Screenings.highRiskChild("BG-16"))).status()).isEqualTo(201);
        }
    }

    private long delivered() {
        return a.count("SELECT COUNT(*) FROM referrals WHERE state = 'DELIVERED' "
                + "AND recipient_id IN ('cc-children-plovdiv', 'ozd-plovdiv')");
    }

    @Test
    void eachReferralIsDeliveredOncePerRecipientWhenBothInstancesAreHealthy() throws Exception {
        submitScreenings(12);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10 && delivered() < 24; round++) {
                Future<Integer> fa = pool.submit(() -> a.app.delivery().runOnce());
                Future<Integer> fb = pool.submit(() -> b.app.delivery().runOnce());
                fa.get(60, TimeUnit.SECONDS);
                fb.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(delivered()).isEqualTo(24);
        assertThat(received).hasSize(24).doesNotHaveDuplicates();
        assertThat(a.app.delivery().deliveredCount()).isPositive();
        assertThat(b.app.delivery().deliveredCount()).isPositive();
    }

    @Test
    void referralsClaimedByAnInstanceThatDiesAreDeliveredByTheOther() throws Exception {
        submitScreenings(2); // four webhook referrals: one batch
        blockFirst.set(true);
        Thread dying = new Thread(() -> {
            try {
                a.app.delivery().runOnce();
            } catch (RuntimeException expected) {
                // its database pool is closed under it
            }
        });
        dying.start();
        assertThat(firstArrived.await(30, TimeUnit.SECONDS)).isTrue();
        a.close(); // the instance dies holding the claims of all four referrals

        assertThat(b.app.delivery().runOnce()).as("claims are respected while their lease runs").isZero();
        clock.advance(Duration.ofSeconds(121));
        assertThat(b.app.delivery().runOnce()).isEqualTo(4);
        release.countDown();
        dying.join(30_000);

        long deliveredByB = b.count("SELECT COUNT(*) FROM referrals WHERE state = 'DELIVERED'");
        assertThat(deliveredByB).isEqualTo(4);
        assertThat(received.stream().distinct().count()).isEqualTo(4);
    }
}
