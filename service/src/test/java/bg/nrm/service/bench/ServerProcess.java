package bg.nrm.service.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The built service ({@code service/target/nrm-service.jar}) run as its own process, so that its CPU time is its
 * own (not the load generator's), and so that it can be killed with SIGKILL and started again on the same data.
 */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    final int port;
    final double secondsToHealthy;
    // CPU milliseconds per request of the last measured step (set by the benchmark).
    double lastCpuPerRequest = Double.NaN;

    private ServerProcess(Process process, int port, double secondsToHealthy) {
        this.process = process;
        this.port = port;
        this.secondsToHealthy = secondsToHealthy;
    }

    /** Starts the service on a free loopback port and waits until {@code /observe/health} answers 2xx. */
    static ServerProcess start(Path jar, Path dataDir, Map<String, String> settings, Path log) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // The JVM options run.sh starts the service with (and the start-up cache was trained with): etc/jvm.options
        // beside service/target/nrm-service.jar's module.
        Path options = jar.toAbsolutePath().getParent().getParent().getParent().resolve("etc").resolve("jvm.options");
        if (java.nio.file.Files.isRegularFile(options)) {
            cmd.add("@" + options);
        } else {
            cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
        }
        cmd.addAll(List.of("-Dserver.port=" + port, "-Dserver.host=127.0.0.1", "-Dnrm.data-dir=" + dataDir));
        settings.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        // Extra JVM options for the service only, for profiling: NRM_BENCH_SERVICE_OPTS="-XX:StartFlightRecording=..."
        String extra = System.getenv("NRM_BENCH_SERVICE_OPTS");
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        // The start-up cache run.sh trains for this jar (etc/aot-cache.sh), when there is one.
        Path aot = jar.resolveSibling(jar.getFileName().toString().replace(".jar", ".aot"));
        if (java.nio.file.Files.isRegularFile(aot) && Runtime.version().feature() >= 25) {
            cmd.add("-XX:AOTCache=" + aot);
        }
        cmd.add("-jar");
        cmd.add(jar.toString());
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = t0 + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the service exited with " + p.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    return new ServerProcess(p, port, (System.nanoTime() - t0) / 1e9);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        p.destroyForcibly();
        throw new IllegalStateException("the service did not become healthy in 120 s; see " + log);
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Total CPU time the service process has used so far, in nanoseconds. */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /** Resident memory of the service process in MiB (Linux), or -1. */
    long rssMiB() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** SIGKILL: no shutdown hook, no flush, as a power cut looks to the JVM. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
