package bg.nrm.service.referral;

import bg.nrm.service.Api;
import bg.nrm.service.MutableClock;
import bg.nrm.service.Screenings;
import bg.nrm.service.TestService;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An SMTP server that accepts the connection and then never says a word (no greeting, no answer) must not hold the
 * delivery worker: the attempt fails after {@code nrm.mail.smtp.timeout}, the referral is recorded as failed (or
 * retried), and the service keeps answering. Without a read timeout Jakarta Mail waits for the greeting for ever.
 */
class SilentSmtpTest {
    @TempDir
    Path dataDir;

    @Test
    void aSilentSmtpServerFailsTheAttemptWithinTheTimeoutAndTheServiceStaysHealthy() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept()); // and never write to it
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            try (TestService service = TestService.start(dataDir, new MutableClock(), Map.of(
                    "nrm.mail.smtp.host", "127.0.0.1",
                    "nrm.mail.smtp.port", Integer.toString(silent.getLocalPort()),
                    "nrm.mail.from", "referrals@nrm.invalid",
                    "nrm.mail.smtp.connect-timeout", "PT2S",
                    "nrm.mail.smtp.timeout", "PT1S",
                    "nrm.mail.max-attempts", "1"))) {
                Api api = service.api;
                Api.Response created = api.post("/api/v1/screenings", api.token("screener.plovdiv"),
                        Screenings.json(Screenings.highRiskChild("BG-16")));
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                String referral = referralTo(created.json(), "cc-children-plovdiv");

                // The bound is only there so that a hang fails this test instead of stopping the build.
                int attempted = CompletableFuture.supplyAsync(() -> service.app.delivery().runOnce())
                        .get(2, TimeUnit.MINUTES);
                assertThat(attempted).isPositive();
                assertThat(held).as("the silent server was really reached").isNotEmpty();
                assertThat(service.count("SELECT COUNT(*) FROM referrals WHERE id = '" + referral
                        + "' AND state = 'FAILED' AND attempts = 1")).isEqualTo(1);

                // Still serving: health, and a new screening.
                assertThat(api.get("/observe/health", null).status()).isIn(200, 204);
                assertThat(api.post("/api/v1/screenings", api.token("screener.plovdiv"),
                        Screenings.json(Screenings.highRiskChild("BG-16"))).status()).isEqualTo(201);
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
            silent.close();
            acceptor.join(10_000);
        }
    }

    private static String referralTo(JsonNode screening, String organisationId) {
        return StreamSupport.stream(screening.get("referrals").spliterator(), false)
                .filter(r -> r.get("recipient").get("id").asText().equals(organisationId)).findFirst().orElseThrow()
                .get("id").asText();
    }
}
