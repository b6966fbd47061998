package bg.nrm.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real time plus an offset that tests move by hand, so that no test sleeps for a deadline, and what the test
 * makes meanwhile (keys, tokens) is never "from the future" for the service.
 */
public final class MutableClock extends Clock {
    private final AtomicLong offsetMillis = new AtomicLong();
    private final AtomicLong frozenAt = new AtomicLong(-1);

    public void advance(Duration d) {
        offsetMillis.addAndGet(d.toMillis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    /**
     * Stops the clock until {@link #resume()}: for a test of a limit that refills with time, which would otherwise
     * depend on how fast a busy machine runs it.
     */
    public void freeze() {
        frozenAt.set(System.currentTimeMillis());
    }

    public void resume() {
        frozenAt.set(-1);
    }

    @Override
    public long millis() {
        long frozen = frozenAt.get();
        return (frozen >= 0 ? frozen : System.currentTimeMillis()) + offsetMillis.get();
    }
}
