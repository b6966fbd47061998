package bg.nrm.service.bench;

import bg.nrm.service.Screenings;
import bg.nrm.service.TestService;
import bg.nrm.service.http.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The service's load benchmark, measured against the machine's own limits in one run (run with
 * {@code bench/load.sh}; not part of the test suite, asserts nothing). For SQLite and PostgreSQL it starts the built
 * service as its own process and measures, with open-loop load at several offered rates:
 * <ol>
 *   <li>(a) a trivial route of the same server ({@code GET /api/v1/service-key});</li>
 *   <li>(b) the database's own durable commit rate for rows of about a screening's size, one commit at a time;</li>
 *   <li>(c) {@code POST /api/v1/screenings} with bodies of the current questionnaire (version 2): a NONE child
 *       screening, a HIGH child screening (6 signed and encrypted referrals), and a realistic mix (50 % NONE, 20 % LOW,
 *       20 % MEDIUM, 9 % HIGH, 1 % IMMEDIATE), each scenario after a warm-up of its own (two steps at its first
 *       rate) that is not reported;</li>
 * </ol>
 * throughput, p50/p99/p99.9 latency from the intended send time, the service's CPU per request, and the ratios
 * (c)/(a) and (c)/(b). Every 201 is counted and read back afterwards ({@code GET /api/v1/screenings/{id}}); once, on
 * SQLite, the service is killed with SIGKILL under load and restarted, and every screening acknowledged before the
 * kill is read back. Writes a CSV, a PNG chart, the summary and the machine's description to the results folder.
 */
public final class LoadBenchmark {
    private static final String PASSWORD = "bench-password-1";
    private static final int ROW_BYTES = 4096;
    // Bodies of the current questionnaire (version 2): a version-1 body also pays its replay under the newest ruleset.
    private static final String NONE = Screenings.json(child());
    private static final String LOW = Screenings.json(child("CH_SCHOOL_DROPOUT"));
    private static final String MEDIUM = Screenings.json(child("VI_DOMESTIC"));
    /** A married 14-year-old: HIGH, six referrals (four identified, two anonymised). */
    static final String HIGH_CHILD = Screenings.json(child("EX_FORCED_MARRIAGE", "CH_STI_PREGNANCY"));
    private static final String IMMEDIATE = Screenings.json(child("ID_THREAT_TO_LIFE"));
    /** The realistic mix: 50 % NONE, 20 % LOW, 20 % MEDIUM, 9 % HIGH, 1 % IMMEDIATE, spread evenly over time. */
    private static final IntFunction<String> MIX = i -> {
        int m = Math.floorMod(i * 37, 100);
        return m < 50 ? NONE : m < 70 ? LOW : m < 90 ? MEDIUM : m < 99 ? HIGH_CHILD : IMMEDIATE;
    };

    private record Scenario(String name, double[] rates, IntFunction<String> body) {
    }

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("drive")) {
            drive(args);
            return;
        }
        List<String> dbs = args.length > 0 && !args[0].equals("both") ? List.of(args[0]) : List.of("sqlite", "postgres");
        double stepSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        Path out = Path.of(args.length > 2 ? args[2] : "bench/results/" + DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'")
                .withZone(ZoneOffset.UTC).format(Instant.now()) + "-" + host());
        Path jar = Path.of(args.length > 3 ? args[3] : "service/target/nrm-service.jar").toAbsolutePath();
        Files.createDirectories(out);
        Files.writeString(out.resolve("machine.txt"), machine());

        List<Scenario> scenarios = List.of(
                new Scenario("none", new double[] {250, 500, 1000, 2000, 3000, 4000}, i -> NONE),
                new Scenario("high-child", new double[] {100, 300, 450, 600, 1000}, i -> HIGH_CHILD),
                new Scenario("mix", new double[] {300, 1000, 1500, 2000, 3000}, MIX));

        StringBuilder csv = new StringBuilder("database,scenario,offered_per_s,achieved_per_s,p50_ms,p99_ms,p99_9_ms,max_ms,"
                + "cpu_ms_per_request,sent,ok,errors,not_sent,statuses\n");
        StringBuilder summary = new StringBuilder();
        List<Chart.Point> points = new ArrayList<>();
        HttpClient client = OpenLoop.client();
        OpenLoop load = new OpenLoop(client, 4096);
        log(summary, "NRM load benchmark, %s, step %.0f s, results in %s%n", Instant.now(), stepSeconds, out);

        for (String db : dbs) {
            Path data = Files.createTempDirectory("nrm-load-" + db);
            // The service as it runs: background workers on (alerts, deliveries, escalation, checkpoints).
            Map<String, String> settings = new LinkedHashMap<>(Map.of("nrm.demo.enabled", "true", "nrm.demo.password", PASSWORD,
                    "nrm.limits.account-requests-per-minute", "100000000", "nrm.auth.token-ttl", "PT4H",
                    "nrm.workers.enabled", "true"));
            // One load generator on one address: the per-address request budget meant for the open internet would
            // answer most requests 429, so the benchmark lifts it (as an operator behind a gateway would).
            settings.put("nrm.limits.address-requests-per-minute", "100000000");
            settings.put("nrm.limits.connections-per-address", "8192");
            String commitUrl = "jdbc:sqlite:" + data.resolve("commit-bench.db");
            if (db.equals("postgres")) {
                settings.put("nrm.db.url", TestService.freshPostgresSchema());
                commitUrl = TestService.freshPostgresSchema();
            }
            Path serverLog = out.resolve("service-" + db + ".log");
            try (ServerProcess server = ServerProcess.start(jar, data, settings, serverLog)) {
                Thread.sleep(2000);
                log(summary, "%n== %s: healthy %.2f s after start, RSS at rest %d MiB%n", db, server.secondsToHealthy, server.rssMiB());
                String token = token(client, server.base(), "screener.plovdiv");
                URI screenings = URI.create(server.base() + "/api/v1/screenings");
                IntFunction<HttpRequest> trivial = i -> HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/service-key"))
                        .timeout(Duration.ofSeconds(60)).GET().build();
                // Warm-up (JIT, pools): not recorded.
                load.run(200, Math.min(3, stepSeconds), post(screenings, token, MIX), 201, false);
                load.run(2000, Math.min(2, stepSeconds), trivial, 200, false);

                double trivialMax = 0;
                for (double rate : new double[] {2000, 8000, 16000, 32000}) {
                    OpenLoop.Step s = step(server, load, rate, stepSeconds, trivial, 200, false);
                    trivialMax = Math.max(trivialMax, s.achievedPerSecond());
                    record(csv, points, summary, db, "trivial", s, server.lastCpuPerRequest);
                }
                double commits = CommitRate.measure(commitUrl, ROW_BYTES, stepSeconds);
                log(summary, "%s: database durable commits (one connection, one %d-byte row each): %.0f/s%n", db, ROW_BYTES, commits);
                csv.append(String.format(Locale.ROOT, "%s,db-commit,,%.1f,,,,,,,,,,%n", db, commits));

                List<String> created = new ArrayList<>();
                Map<String, Double> best = new LinkedHashMap<>();
                for (Scenario sc : scenarios) {
                    double max = 0;
                    // Warm-up at the scenario's first rate (JIT of its own path), not recorded; its 201s are read
                    // back with the others. Two steps long (10 s at the default): with 3 s, the HIGH screenings' first
                    // steps were still measured while C2 compiled their path (a quarter of the CPU samples at 300/s).
                    OpenLoop.Step warm = load.run(sc.rates()[0], Math.min(10, 2 * stepSeconds),
                            post(screenings, token, sc.body()), 201, true);
                    for (String b : warm.okBodies()) {
                        created.add(Json.read(b, JsonNode.class).get("id").asText());
                    }
                    Thread.sleep(500);
                    for (double rate : sc.rates()) {
                        OpenLoop.Step s = step(server, load, rate, stepSeconds, post(screenings, token, sc.body()), 201, true);
                        max = Math.max(max, s.achievedPerSecond());
                        record(csv, points, summary, db, sc.name(), s, server.lastCpuPerRequest);
                        for (String b : s.okBodies()) {
                            created.add(Json.read(b, JsonNode.class).get("id").asText());
                        }
                    }
                    best.put(sc.name(), max);
                }
                long readable = readBack(client, server.base(), token, created);
                log(summary, "%s: %d screenings answered 201, %d read back afterwards (%s)%n", db, created.size(), readable,
                        readable == created.size() ? "none lost" : "LOST " + (created.size() - readable));
                log(summary, "%s summary: trivial route max %.0f/s; database commits %.0f/s%n", db, trivialMax, commits);
                for (var e : best.entrySet()) {
                    log(summary, "  %-10s max %7.0f/s   (c)/(a) = %.4f   (c)/(b) = %.2f%n", e.getKey(), e.getValue(),
                            e.getValue() / trivialMax, e.getValue() / commits);
                }
            }
            if (db.equals("sqlite")) {
                killCheck(jar, data, settings, out.resolve("service-" + db + "-kill.log"), client, HIGH_CHILD, summary);
            }
        }
        Files.writeString(out.resolve("results.csv"), csv);
        Files.writeString(out.resolve("summary.txt"), summary);
        Chart.write(points, "NRM service, open-loop load, " + host() + ", " + Instant.now(), out.resolve("chart.png"));
        System.out.println("wrote " + out.resolve("results.csv") + ", chart.png, summary.txt, machine.txt");
        System.exit(0);
    }

    private static OpenLoop.Step step(ServerProcess server, OpenLoop load, double rate, double seconds,
                                      IntFunction<HttpRequest> request, int ok, boolean keep) throws InterruptedException {
        long cpu0 = server.cpuNanos();
        OpenLoop.Step s = load.run(rate, seconds, request, ok, keep);
        long cpu1 = server.cpuNanos();
        server.lastCpuPerRequest = s.sent() == 0 ? Double.NaN : (cpu1 - cpu0) / 1e6 / s.sent();
        Thread.sleep(500); // let the last writes and the garbage settle between steps
        return s;
    }

    private static void record(StringBuilder csv, List<Chart.Point> points, StringBuilder summary, String db, String scenario,
                               OpenLoop.Step s, double cpuMs) {
        csv.append(String.format(Locale.ROOT, "%s,%s,%.0f,%.1f,%.2f,%.2f,%.2f,%.2f,%.3f,%d,%d,%d,%d,\"%s\"%n", db, scenario,
                s.offeredPerSecond(), s.achievedPerSecond(), s.percentileMillis(50), s.percentileMillis(99),
                s.percentileMillis(99.9), s.percentileMillis(100), cpuMs, s.sent(), s.ok(), s.errors(), s.notSent(), s.statuses()));
        points.add(new Chart.Point(db + " " + scenario, s.offeredPerSecond(), s.achievedPerSecond(), s.percentileMillis(99)));
        log(summary, "%-8s %-10s offered %6.0f/s  answered %7.1f/s  p50 %8.2f  p99 %8.2f  p99.9 %8.2f ms  cpu %.3f ms/req  "
                + "errors %d  not sent %d%n", db, scenario, s.offeredPerSecond(), s.achievedPerSecond(), s.percentileMillis(50),
                s.percentileMillis(99), s.percentileMillis(99.9), cpuMs, s.errors(), s.notSent());
    }

    /**
     * Drives one scenario at one rate against a service that is already running (for profiling it):
     * {@code drive <base URL> <none|high-child|mix|trivial> <rate/s> <seconds>}; the demo password is
     * {@value #PASSWORD}.
     */
    private static void drive(String[] args) throws Exception {
        String base = args[1];
        HttpClient client = OpenLoop.client();
        String token = token(client, base, "screener.plovdiv");
        URI screenings = URI.create(base + "/api/v1/screenings");
        IntFunction<HttpRequest> request = switch (args[2]) {
            case "none" -> post(screenings, token, i -> NONE);
            case "high-child" -> post(screenings, token, i -> HIGH_CHILD);
            case "mix" -> post(screenings, token, MIX);
            case "trivial" -> i -> HttpRequest.newBuilder(URI.create(base + "/api/v1/service-key")).GET().build();
            default -> throw new IllegalArgumentException("scenario: none, high-child, mix or trivial");
        };
        OpenLoop.Step s = new OpenLoop(client, 4096).run(Double.parseDouble(args[3]), Double.parseDouble(args[4]), request,
                args[2].equals("trivial") ? 200 : 201, false);
        System.out.printf(Locale.ROOT, "answered %.1f/s p50 %.2f p99 %.2f ms statuses %s%n", s.achievedPerSecond(),
                s.percentileMillis(50), s.percentileMillis(99), s.statuses());
        if (args.length > 5 && args[5].equals("timeline")) {
            // Each tenth of a second of arrivals: how many, the median and the longest wait, to see when the tail
            // happens (periodic work, a pause) rather than only how long it is.
            double rate = Double.parseDouble(args[3]);
            int perSlot = Math.max(1, (int) Math.round(rate / 10));
            long[] all = s.latencyByArrival();
            for (int from = 0; from < all.length; from += perSlot) {
                long[] slot = Arrays.stream(all, from, Math.min(all.length, from + perSlot)).filter(l -> l >= 0).sorted()
                        .toArray();
                if (slot.length > 0) {
                    System.out.printf(Locale.ROOT, "t %6.1f s  n %4d  p50 %8.2f  max %8.2f ms%n", from / rate, slot.length,
                            slot[slot.length / 2] / 1e6, slot[slot.length - 1] / 1e6);
                }
            }
        }
        System.exit(0);
    }

    /**
     * kill -9 under load: every screening the service answered 201 before it died must be there after a restart.
     */
    private static void killCheck(Path jar, Path data, Map<String, String> settings, Path log, HttpClient client, String body,
                                  StringBuilder summary) throws Exception {
        ServerProcess server = ServerProcess.start(jar, data, settings, log);
        String token = token(client, server.base(), "screener.plovdiv");
        URI screenings = URI.create(server.base() + "/api/v1/screenings");
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicLong attempted = new AtomicLong();
        ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        for (int t = 0; t < 32; t++) {
            senders.submit(() -> {
                while (!stop.get()) {
                    attempted.incrementAndGet();
                    try {
                        HttpResponse<String> r = client.send(post(screenings, token, i -> body).apply(0),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 201) {
                            acknowledged.add(Json.read(r.body(), JsonNode.class).get("id").asText());
                        }
                    } catch (Exception e) {
                        return null; // the server is gone
                    }
                }
                return null;
            });
        }
        // Kill in the middle of steady work: once 200 screenings are acknowledged (or after 60 s), with 32 more in flight.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (acknowledged.size() < 200 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        server.kill9();
        stop.set(true);
        senders.shutdown();
        senders.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        List<String> acked = new ArrayList<>(acknowledged);
        try (ServerProcess again = ServerProcess.start(jar, data, settings, log)) {
            String t2 = token(client, again.base(), "screener.plovdiv");
            long readable = readBack(client, again.base(), t2, acked);
            log(summary, "%nkill -9 under load (sqlite, HIGH child, 32 clients): killed with SIGKILL mid-load; %d requests started, %d answered "
                    + "201 before the kill, %d of them read back after restart (%s); restart to healthy %.2f s%n", attempted.get(),
                    acked.size(), readable, readable == acked.size() ? "none lost" : "LOST " + (acked.size() - readable),
                    again.secondsToHealthy);
        }
    }

    private static long readBack(HttpClient client, String base, String token, List<String> ids) throws Exception {
        AtomicLong ok = new AtomicLong();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (String id : ids) {
                pool.submit(() -> {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/screenings/" + id))
                            .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().contains(id)) {
                        ok.incrementAndGet();
                    }
                    return null;
                });
            }
        }
        return ok.get();
    }

    private static IntFunction<HttpRequest> post(URI uri, String token, IntFunction<String> body) {
        return i -> HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.apply(i), StandardCharsets.UTF_8)).build();
    }

    private static String token(HttpClient client, String base, String user) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.writeString(Map.of("username", user, "password", PASSWORD))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("sign-in failed: " + r.statusCode());
        }
        return Json.read(r.body(), JsonNode.class).get("access_token").asText();
    }

    /** A 14-year-old girl in Plovdiv, questionnaire version 2, with {@code yes} answered yes and nothing else. */
    private static Map<String, Object> child(String... yes) {
        Map<String, Object> body = Screenings.base("child-risk", 14, "BG-16");
        body.put("questionnaireVersion", 2);
        Map<String, String> answers = new LinkedHashMap<>();
        for (String code : yes) {
            answers.put(code, "yes");
        }
        body.put("answers", answers);
        return body;
    }

    private static void log(StringBuilder summary, String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.print(line);
        summary.append(line);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }

    private static String machine() throws Exception {
        StringBuilder sb = new StringBuilder();
        sb.append("host: ").append(host()).append('\n');
        sb.append("processors: ").append(Runtime.getRuntime().availableProcessors()).append('\n');
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.exists(cpuinfo)) {
            Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .ifPresent(l -> sb.append("cpu: ").append(l.substring(l.indexOf(':') + 1).trim()).append('\n'));
        }
        Path meminfo = Path.of("/proc/meminfo");
        if (Files.exists(meminfo)) {
            Files.readAllLines(meminfo).stream().filter(l -> l.startsWith("MemTotal")).findFirst()
                    .ifPresent(l -> sb.append("memory: ").append(l.substring(l.indexOf(':') + 1).trim()).append('\n'));
        }
        sb.append("os: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version")).append('\n');
        sb.append("jdk: ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version")).append('\n');
        sb.append("load average at start: ").append(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()).append('\n');
        sb.append("note: the load generator runs on the same machine as the service and the database (loopback)\n");
        return sb.toString();
    }
}
