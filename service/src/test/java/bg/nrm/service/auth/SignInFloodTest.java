package bg.nrm.service.auth;

import bg.nrm.service.Api;
import bg.nrm.service.TestService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static bg.nrm.service.auth.AccountLifecyclePostgresTest.signIn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, "done when": sign-in floods from one address (random usernames; guesses for one username) while a
 * legitimate user signs in from another address. The flood is slowed down; the user is not. Clients are bound to
 * different loopback addresses (127.0.0.2, 127.0.0.3: all of 127.0.0.0/8 is loopback on Linux).
 */
class SignInFloodTest {
    static final String ATTACKER = "127.0.0.2";
    static final String DUTY_OFFICER = "127.0.0.3";

    @TempDir
    Path dataDir;
    TestService service;

    @BeforeEach
    void start() {
        service = TestService.sqlite(dataDir);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void randomUsernamesFromOneAddressDoNotStopAnotherAddressFromSigningIn() throws Exception {
        Flood flood = flood(() -> "random." + UUID.randomUUID().toString().substring(0, 8), "a-guessed-password-1");
        try {
            assertLegitimateSignInsSucceed("crisis.plovdiv");
        } finally {
            flood.stop();
        }
        flood.assertSlowedDownWithRetryAfter();
    }

    @Test
    void guessesForOneUsernameDoNotLockThatUserOutFromAnotherAddress() throws Exception {
        Flood flood = flood(() -> "crisis.plovdiv", "guess-" + UUID.randomUUID());
        try {
            assertLegitimateSignInsSucceed("crisis.plovdiv");
        } finally {
            flood.stop();
        }
        flood.assertSlowedDownWithRetryAfter();
        assertThat(service.count("SELECT COUNT(*) FROM audit_log WHERE action = 'SIGN_IN_FAILED' "
                + "AND actor = 'crisis.plovdiv'")).as("failed sign-ins are audited").isGreaterThanOrEqualTo(5);
        // From the attacker's own address even the right password now waits: the back-off is on that path only.
        Api.Response fromAttacker = signIn(service.api.from(ATTACKER), "crisis.plovdiv", TestService.PASSWORD);
        assertThat(fromAttacker.status()).isEqualTo(429);
        assertThat(fromAttacker.raw().headers().firstValue("Retry-After")).isPresent();
    }

    private void assertLegitimateSignInsSucceed(String username) throws InterruptedException {
        Api officer = service.api.from(DUTY_OFFICER);
        for (int i = 0; i < 5; i++) {
            Api.Response r = signIn(officer, username, TestService.PASSWORD);
            assertThat(r.status()).as("sign-in %d of the legitimate user during the flood", i).isEqualTo(200);
            Thread.sleep(200);
        }
    }

    private Flood flood(java.util.function.Supplier<String> username, String password) throws InterruptedException {
        Api attacker = service.api.from(ATTACKER);
        Flood flood = new Flood(Executors.newFixedThreadPool(4));
        for (int t = 0; t < 4; t++) {
            flood.workers.add(flood.pool.submit(() -> {
                while (!flood.stop.get()) {
                    Api.Response r = signIn(attacker, username.get(), password);
                    flood.statuses.add(r.status());
                    if (r.status() == 429) {
                        flood.retryAfter.add(r.raw().headers().firstValue("Retry-After").orElse("missing"));
                    }
                }
                return null;
            }));
        }
        // Let the flood get going (past its free failures) before the legitimate user arrives.
        while (flood.statuses.size() < 40) {
            Thread.sleep(50);
        }
        return flood;
    }

    private static final class Flood {
        final ExecutorService pool;
        final List<Future<?>> workers = new ArrayList<>();
        final AtomicBoolean stop = new AtomicBoolean();
        final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> retryAfter = new ConcurrentLinkedQueue<>();

        Flood(ExecutorService pool) {
            this.pool = pool;
        }

        void stop() throws Exception {
            stop.set(true);
            for (Future<?> f : workers) {
                f.get();
            }
            pool.shutdown();
        }

        void assertSlowedDownWithRetryAfter() {
            assertThat(statuses).containsOnly(401, 429);
            assertThat(statuses).contains(429);
            assertThat(retryAfter).isNotEmpty().allSatisfy(v -> assertThat(Long.parseLong(v)).isPositive());
        }
    }
}
