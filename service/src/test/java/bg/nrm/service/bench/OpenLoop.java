package bg.nrm.service.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An open-loop load generator: requests leave at a fixed arrival rate whatever the server does, and each latency is
 * measured from the moment the request was <em>meant</em> to be sent. A closed loop (N clients, each waiting for its
 * answer) slows down with the server and so hides the queueing delay ("coordinated omission"); this does not.
 *
 * <p>Each request runs on its own virtual thread, over a kept-alive connection of {@link LoopbackHttp}. At most
 * {@code maxInFlight} are outstanding; an arrival beyond that is counted as {@code notSent} (the server could not
 * keep up) and is not sent late.
 */
final class OpenLoop {
    /**
     * What one step measured: {@code latencyNanos} sorted, {@code latencyByArrival} in the order the requests were
     * meant to leave (-1 for one not sent or not answered), for a latency timeline.
     */
    record Step(double offeredPerSecond, double seconds, long sent, long notSent, long ok, long errors,
                Map<Integer, Long> statuses, long[] latencyNanos, double achievedPerSecond, List<String> okBodies,
                long[] latencyByArrival) {
        double percentileMillis(double p) {
            if (latencyNanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100.0 * latencyNanos.length) - 1;
            return latencyNanos[Math.max(0, Math.min(latencyNanos.length - 1, i))] / 1e6;
        }
    }

    private final LoopbackHttp http = new LoopbackHttp();
    private final int maxInFlight;

    /**
     * A generator that sends with its own lean HTTP/1.1 client ({@link LoopbackHttp}); {@code client} is kept for
     * the callers' other requests (tokens, reading back) and is not used for the load itself.
     */
    OpenLoop(HttpClient client, int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    /**
     * Offers {@code ratePerSecond} requests a second for {@code seconds}, then waits (up to 60 s) for the stragglers.
     *
     * @param request    the i-th request
     * @param okStatus   the status that counts as success
     * @param keepBodies whether to keep the successful responses' bodies (to check them afterwards)
     */
    Step run(double ratePerSecond, double seconds, IntFunction<HttpRequest> request, int okStatus, boolean keepBodies)
            throws InterruptedException {
        long total = Math.round(ratePerSecond * seconds);
        long intervalNanos = Math.round(1e9 / ratePerSecond);
        Semaphore slots = new Semaphore(maxInFlight);
        long[] latencies = new long[(int) total];
        Arrays.fill(latencies, -1);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicInteger notSent = new AtomicInteger();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> bodies = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long lastDone = start;
        AtomicLong lastCompletion = new AtomicLong(start);
        for (int i = 0; i < total; i++) {
            long intended = start + i * intervalNanos;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!slots.tryAcquire()) {
                notSent.incrementAndGet();
                continue;
            }
            int index = i;
            HttpRequest req = request.apply(i);
            Thread.ofVirtual().start(() -> {
                int status;
                String body = null;
                try {
                    LoopbackHttp.Response r = http.send(req);
                    status = r.status();
                    body = r.body();
                } catch (Exception e) {
                    status = -1;
                } finally {
                    slots.release();
                }
                long done = System.nanoTime();
                latencies[index] = done - intended;
                lastCompletion.accumulateAndGet(done, Math::max);
                statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
                if (status == okStatus) {
                    ok.incrementAndGet();
                    if (keepBodies) {
                        bodies.add(body);
                    }
                } else {
                    errors.incrementAndGet();
                }
            });
        }
        // Wait for everything in flight.
        if (!slots.tryAcquire(maxInFlight, 60, TimeUnit.SECONDS)) {
            System.out.println("  (some requests still outstanding after 60 s)");
        } else {
            slots.release(maxInFlight);
        }
        lastDone = Math.max(lastDone, lastCompletion.get());
        long[] measured = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        double elapsed = Math.max((lastDone - start) / 1e9, seconds);
        Map<Integer, Long> statusCounts = new java.util.TreeMap<>();
        statuses.forEach((k, v) -> statusCounts.put(k, v.get()));
        return new Step(ratePerSecond, seconds, total - notSent.get(), notSent.get(), ok.get(), errors.get(),
                statusCounts, measured, ok.get() / elapsed, new ArrayList<>(bodies), latencies);
    }

    /** An HTTP client for loopback load: HTTP/1.1, no redirects, a short connect timeout. */
    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }
}
