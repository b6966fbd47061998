package bg.nrm.service.auth;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per key (an account, or a username being signed in to): {@code capacity} requests at once,
 * refilled at {@code perMinute}. In memory, per instance: a brake on abuse, not an accounting system.
 */
public final class RateLimiter {
    private static final int MAX_KEYS = 50_000;

    private final int capacity;
    private final double perMilli;
    private final Clock clock;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int capacity, int perMinute, Clock clock) {
        this.capacity = capacity;
        this.perMilli = perMinute / 60_000.0;
        this.clock = clock;
    }

    /** How long one request takes to refill: the {@code Retry-After} of a refusal. */
    public java.time.Duration interval() {
        return java.time.Duration.ofMillis((long) Math.ceil(1 / perMilli));
    }

    public boolean tryAcquire(String key) {
        return take(key, true);
    }

    /** Whether {@code key} has a request left, without spending it (to count only failures, say). */
    public boolean hasCapacity(String key) {
        return take(key, false);
    }

    private boolean take(String key, boolean spend) {
        long now = clock.millis();
        if (buckets.size() > MAX_KEYS) {
            evictFull(now);
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
        synchronized (bucket) {
            // A clock that steps backwards (NTP, a test) must not drain the bucket.
            bucket.tokens = Math.min(capacity, bucket.tokens + Math.max(0, now - bucket.updatedAt) * perMilli);
            bucket.updatedAt = Math.max(bucket.updatedAt, now);
            if (bucket.tokens < 1) {
                return false;
            }
            if (spend) {
                bucket.tokens -= 1;
            }
            return true;
        }
    }

    // Keys are chosen by callers (usernames being tried): forget the buckets that have refilled, so the map stays
    // bounded whatever is thrown at it.
    private void evictFull(long now) {
        buckets.entrySet().removeIf(e -> {
            Bucket b = e.getValue();
            synchronized (b) {
                return b.tokens + Math.max(0, now - b.updatedAt) * perMilli >= capacity;
            }
        });
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
