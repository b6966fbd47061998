package bg.nrm.service.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Slows down password guessing without handing anybody a way to lock a user out. Failed sign-ins are counted per
 * source address (any username) and per account <em>from that source</em>; past a few free failures each further
 * failure doubles the wait before that key may try again (exponential back-off, capped). There is no global bucket
 * and no account-wide lock: a stranger's failures, from their own address, never refuse a valid password from
 * another address. A key is forgotten after a quiet hour. In memory, per instance.
 */
final class SignInThrottle {
    private static final int MAX_KEYS = 200_000;

    private final Clock clock;
    private final int freePerSource;
    private final int freePerAccount;
    private final Duration base;
    private final Duration max;
    private final Duration forget;
    private final ConcurrentMap<String, Failures> keys = new ConcurrentHashMap<>();

    SignInThrottle(Clock clock, int freePerSource, int freePerAccount, Duration base, Duration max, Duration forget) {
        this.clock = clock;
        this.freePerSource = freePerSource;
        this.freePerAccount = freePerAccount;
        this.base = base;
        this.max = max;
        this.forget = forget;
    }

    /** The defaults: 30 free failures per source, 5 per account and source, then 5 s doubling up to 15 min. */
    static SignInThrottle standard(Clock clock) {
        return new SignInThrottle(clock, 30, 5, Duration.ofSeconds(5), Duration.ofMinutes(15), Duration.ofHours(1));
    }

    /** How long {@code username} from {@code source} must still wait, if at all. */
    Optional<Duration> waitFor(String username, String source) {
        long now = clock.millis();
        long wait = Math.max(remaining(sourceKey(source), now), remaining(accountKey(username, source), now));
        return wait > 0 ? Optional.of(Duration.ofMillis(wait)) : Optional.empty();
    }

    /** Counts a failed sign-in; returns whether it started a back-off. */
    boolean failed(String username, String source) {
        long now = clock.millis();
        if (keys.size() > MAX_KEYS) {
            evict(now);
        }
        boolean a = count(sourceKey(source), freePerSource, now);
        boolean b = count(accountKey(username, source), freePerAccount, now);
        return a || b;
    }

    /** A successful sign-in clears the account's failures from that source (not the source's: see the class). */
    void succeeded(String username, String source) {
        keys.remove(accountKey(username, source));
    }

    private boolean count(String key, int free, long now) {
        Failures f = keys.computeIfAbsent(key, k -> new Failures());
        synchronized (f) {
            if (now - f.last > forget.toMillis()) {
                f.count = 0;
                f.blockedUntil = 0;
            }
            f.count++;
            f.last = now;
            if (f.count <= free) {
                return false;
            }
            int doublings = Math.min(30, f.count - free - 1);
            long delay = Math.min(max.toMillis(), base.toMillis() << Math.min(doublings, 20));
            f.blockedUntil = now + delay;
            return true;
        }
    }

    private long remaining(String key, long now) {
        Failures f = keys.get(key);
        if (f == null) {
            return 0;
        }
        synchronized (f) {
            return Math.max(0, f.blockedUntil - now);
        }
    }

    // Keys are chosen by callers: forget the quiet ones so the map stays bounded whatever is thrown at it; if an
    // attack is so wide that none is quiet, keep only the ones that are holding someone back right now.
    private void evict(long now) {
        keys.entrySet().removeIf(e -> now - e.getValue().last > forget.toMillis());
        if (keys.size() > MAX_KEYS) {
            keys.entrySet().removeIf(e -> e.getValue().blockedUntil <= now);
        }
    }

    private static String sourceKey(String source) {
        return "s|" + source;
    }

    private static String accountKey(String username, String source) {
        return "a|" + source + "|" + username;
    }

    private static final class Failures {
        private int count;
        private long last;
        private long blockedUntil;
    }
}
