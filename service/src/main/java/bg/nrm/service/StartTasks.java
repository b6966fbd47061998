package bg.nrm.service;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The independent slow parts of a start (the keystore's password KDF, the service key, the rule bases) run on their
 * own threads while the starting thread migrates the database; {@link #await} hands each result over, or rethrows
 * what its part threw, as the part would have thrown it on the starting thread.
 */
final class StartTasks implements AutoCloseable {
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().name("nrm-start-", 0).daemon(true).factory());

    <T> CompletableFuture<T> submit(Supplier<T> part) {
        return CompletableFuture.supplyAsync(part, executor);
    }

    /** The part's result; its unchecked exception or error as it was thrown. */
    static <T> T await(CompletableFuture<T> part) {
        try {
            return part.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Waits for every part (also those not awaited because the start failed), so that none outlives the start. */
    @Override
    public void close() {
        executor.close();
    }
}
