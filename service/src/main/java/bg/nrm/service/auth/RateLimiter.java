package bg.nrm.service.auth;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per key (an account, or a username being signed in to): {@code capacity} requests at once,
 * refilled at {@code perMinute}. In memory, per instance: a brake on abuse, not an accounting system.
 */
public final class RateLimiter {
    private final int capacity;
    private final double perMilli;
    private final Clock clock;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int capacity, int perMinute, Clock clock) {
        this.capacity = capacity;
        this.perMilli = perMinute / 60_000.0;
        this.clock = clock;
    }

    public boolean tryAcquire(String key) {
        long now = clock.millis();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
        synchronized (bucket) {
            // A clock that steps backwards (NTP, a test) must not drain the bucket.
            bucket.tokens = Math.min(capacity, bucket.tokens + Math.max(0, now - bucket.updatedAt) * perMilli);
            bucket.updatedAt = Math.max(bucket.updatedAt, now);
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }

    private static final class Bucket {
        private double tokens;
        private long updatedAt;

        private Bucket(double tokens, long updatedAt) {
            this.tokens = tokens;
            this.updatedAt = updatedAt;
        }
    }
}
