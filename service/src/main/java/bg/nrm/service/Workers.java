package bg.nrm.service;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Runs the background jobs (delivery, escalation, alerts, retention) at a fixed delay; a failing pass is logged and retried. */
final class Workers implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Workers.class.getName());

    // One thread per job, so that a slow webhook never delays alerts or escalation.
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4,
            Thread.ofPlatform().name("nrm-worker-", 0).daemon(true).factory());

    void every(String name, Duration interval, Runnable job) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "background job " + name + " failed: " + e.getClass().getName());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
