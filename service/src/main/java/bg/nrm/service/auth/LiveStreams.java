package bg.nrm.service.auth;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The open long-lived responses (live-alert streams) of each account on this instance, so that disabling a user,
 * changing their password or signing them out ends those streams at once instead of at the token's expiry. A
 * stream also asks {@link #stillValid} now and then: that catches an account ended on another instance.
 */
public final class LiveStreams {
    private final Map<String, Set<Runnable>> open = new ConcurrentHashMap<>();
    private volatile Predicate<Principal> validity = p -> true;

    /** A registration to close when the stream ends. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Registers a stream served for {@code principal}; {@code end} is run (on another thread) when the account's
     * credentials are ended, and must make the stream stop soon (for example by queueing an end marker).
     */
    public Registration register(Principal principal, Runnable end) {
        // A fresh object per registration, so that two streams with equal callbacks stay two.
        Runnable mine = end::run;
        open.computeIfAbsent(principal.username(), k -> ConcurrentHashMap.newKeySet()).add(mine);
        return () -> open.computeIfPresent(principal.username(), (k, ends) -> {
            ends.remove(mine);
            return ends.isEmpty() ? null : ends;
        });
    }

    /** Whether the token or session behind {@code principal} is still valid (a database read). */
    public boolean stillValid(Principal principal) {
        return validity.test(principal);
    }

    /** Ends every stream of {@code username} on this instance. */
    public void endAllFor(String username) {
        Set<Runnable> ends = open.get(username);
        if (ends != null) {
            ends.forEach(Runnable::run);
        }
    }

    void validity(Predicate<Principal> check) {
        this.validity = check;
    }
}
