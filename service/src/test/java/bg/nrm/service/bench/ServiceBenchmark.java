package bg.nrm.service.bench;

import bg.nrm.service.Api;
import bg.nrm.service.MutableClock;
import bg.nrm.service.Screenings;
import bg.nrm.service.TestService;
import bg.nrm.service.http.Json;
import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Measures the service end to end on this machine (not part of the test suite; run with bench/service-bench.sh):
 * screenings per second over HTTP, webhook delivery throughput to a local receiver, and the time from submitting a
 * screening to the recipient's live alert and to webhook delivery. Prints figures; asserts nothing.
 */
public final class ServiceBenchmark {
    private ServiceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "sqlite";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path dir = Files.createTempDirectory("nrm-bench");
        Map<String, String> settings = new java.util.HashMap<>(Map.of("nrm.workers.enabled", "true",
                "nrm.delivery.poll-interval", "PT0.02S", "nrm.delivery.initial-backoff", "PT1S",
                "nrm.limits.account-requests-per-minute", "1000000"));
        if (db.equals("postgres")) {
            settings.put("nrm.db.url", TestService.freshPostgresSchema());
        }
        Map<String, Long> deliveredAt = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            deliveredAt.putIfAbsent(ex.getRequestHeaders().getFirst("X-NRM-Referral-Id"), System.nanoTime());
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        try (TestService service = TestService.start(dir, new MutableClock(), settings)) {
            Api api = service.api;
            String admin = api.token("admin");
            String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            for (String org : List.of("ozd-plovdiv", "cc-children-plovdiv", "police-plovdiv", "sacp-national")) {
                api.put("/api/v1/organisations/" + org, admin, "application/json", Json.writeString(Map.of("webhookUrl", hook)));
            }
            String screener = api.token("screener.plovdiv");
            String body = Screenings.json(Screenings.highRiskChild("BG-16"));
            System.out.printf("database: %s%n", db);

            latency(api, screener, body, deliveredAt);
            throughput(api, screener, body, seconds, deliveredAt);
        } finally {
            receiver.stop(0);
        }
    }

    private static void latency(Api api, String screener, String body, Map<String, Long> deliveredAt) throws Exception {
        String ozd = api.token("ozd.plovdiv");
        HttpResponse<Stream<String>> sse = HttpClient.newHttpClient().send(api.builder("/api/v1/alerts", ozd)
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
        Map<String, Long> alertedAt = new ConcurrentHashMap<>();
        Thread reader = Thread.ofVirtual().start(() -> sse.body().filter(l -> l.startsWith("data:")).forEach(l ->
                alertedAt.put(Json.read(l.substring(5), Map.class).get("referralId").toString(), System.nanoTime())));
        List<Double> toAlert = new ArrayList<>();
        List<Double> toDelivery = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long t0 = System.nanoTime();
            var created = api.post("/api/v1/screenings", screener, body).json();
            String ozdReferral = null;
            for (var r : created.get("referrals")) {
                if (r.get("recipient").get("id").asText().equals("ozd-plovdiv")) {
                    ozdReferral = r.get("id").asText();
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((!alertedAt.containsKey(ozdReferral) || !deliveredAt.containsKey(ozdReferral)) && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            toAlert.add((alertedAt.getOrDefault(ozdReferral, deadline) - t0) / 1e6);
            toDelivery.add((deliveredAt.getOrDefault(ozdReferral, deadline) - t0) / 1e6);
        }
        reader.interrupt();
        System.out.printf("screening -> live alert (ms, 40 runs, poll 20 ms):  p50 %.1f  p95 %.1f  max %.1f%n",
                pct(toAlert, 50), pct(toAlert, 95), pct(toAlert, 100));
        System.out.printf("screening -> webhook delivered (ms):               p50 %.1f  p95 %.1f  max %.1f%n",
                pct(toDelivery, 50), pct(toDelivery, 95), pct(toDelivery, 100));
    }

    private static void throughput(Api api, String screener, String body, int seconds, Map<String, Long> deliveredAt)
            throws Exception {
        int before = deliveredAt.size();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        long t0 = System.nanoTime();
        for (int t = 0; t < 8; t++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    int status = api.post("/api/v1/screenings", screener, body).status();
                    statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
                    if (status == 201) {
                        ok.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        System.out.printf("POST /api/v1/screenings (HIGH child, 6 envelopes each, 8 clients, %d s): %.1f screenings/s, statuses %s%n",
                seconds, ok.get() / elapsed, statuses);
        long expected = before + ok.get() * 4;
        long d0 = System.nanoTime();
        long deadline = d0 + TimeUnit.SECONDS.toNanos(120);
        int start = deliveredAt.size();
        while (deliveredAt.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        List<Long> times = new ArrayList<>(deliveredAt.values());
        Collections.sort(times);
        double span = (times.get(times.size() - 1) - times.get(before)) / 1e9;
        System.out.printf("webhook deliveries: %d in %.1f s = %.0f deliveries/s (one worker per instance, drained %d after load)%n",
                deliveredAt.size() - before, span, (deliveredAt.size() - before) / span, deliveredAt.size() - start);
        System.out.println("finished at " + Instant.now(Clock.systemUTC()));
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int i = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return sorted.get(Math.max(0, i));
    }
}
