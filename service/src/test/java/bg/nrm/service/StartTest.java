package bg.nrm.service;

import bg.nrm.keys.KeysException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The start runs its slow parts side by side (keystore, service key, rule bases, database) and starts the background
 * jobs after the server listens: health still answers only once a screening can be served, and a part that fails
 * stops the start with its own error.
 */
class StartTest {
    @TempDir
    Path dataDir;

    @Test
    void theFirstHealthyAnswerAlreadyServesAHighRiskScreening() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = dataDir.resolve("service.log");
        // The service as run.sh starts it: its own process, Main, the system properties as settings.
        Process service = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dsun.misc.unsafe.memory.access=allow",
                "-cp", System.getProperty("java.class.path"), "-Dserver.port=" + port, "-Dserver.host=127.0.0.1",
                "-Dnrm.data-dir=" + dataDir.resolve("data"), "-Dnrm.demo.enabled=true",
                "-Dnrm.demo.password=" + TestService.PASSWORD, "-Dnrm.keystore.password=keystore-password-for-tests",
                "-Dnrm.demo.statistics=false", "bg.nrm.service.Main"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Api api = new Api("http://127.0.0.1:" + port);
            awaitFirstHealthyAnswer(service, port, log);

            // No pause after the first healthy answer: sign-in, rules, keys and the database are all ready.
            Api.Response created = api.post("/api/v1/screenings", api.token("screener.plovdiv", TestService.PASSWORD),
                    Screenings.json(Screenings.highRiskChild("BG-16")));

            assertThat(created.status()).as(created.body()).isEqualTo(201);
            JsonNode body = created.json();
            assertThat(body.get("assessment").get("level").asText()).isEqualTo("HIGH");
            assertThat(body.get("referrals").size()).isGreaterThan(0);
            assertThat(Files.readString(log)).containsPattern("listening on http://127\\.0\\.0\\.1:" + port
                    + " \\(SQLite [^)]*\\) in \\d+\\.\\d\\d s");
        } finally {
            service.destroy();
            if (!service.waitFor(20, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void aKeystoreThatCannotBeOpenedStopsTheStartWithItsOwnError() {
        TestService.start(dataDir, new MutableClock(), Map.of()).close();

        assertThatThrownBy(() -> TestService.start(dataDir, new MutableClock(),
                Map.of("nrm.keystore.password", "not-the-keystore-password")))
                .isInstanceOf(KeysException.class)
                .hasMessageContaining("keystore could not be opened");
    }

    private static void awaitFirstHealthyAnswer(Process service, int port, Path log) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(service.isAlive()).as("the service is running (see %s)", log).isTrue();
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the service did not answer health in 180 s; see " + log);
    }
}
