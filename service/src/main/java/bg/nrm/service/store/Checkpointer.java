package bg.nrm.service.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * SQLite's WAL checkpoints, mostly on a thread and a connection of their own.
 *
 * <p>SQLite checkpoints inside the commit that takes the write-ahead log past 1,000 pages: the one writer then
 * copies the whole log into the database file, reading back what it has not cached, while every screening queued
 * behind it waits. This thread runs a {@code PASSIVE} checkpoint every {@link #INTERVAL_MS} ms, which blocks neither
 * the writer nor the readers, so when the writer's own checkpoint comes due most of the log is already copied and
 * it only has the last few pages to do. The writer's checkpoint stays: only a checkpoint run between two of the
 * writer's transactions lets the next one start the log again from its beginning, so the log does not grow under
 * steady load. Durability does not change: a commit is durable once its frames are in the log and the log is synced
 * ({@code synchronous=FULL}); a checkpoint only moves committed pages into the main file.
 */
final class Checkpointer implements AutoCloseable {
    static final long INTERVAL_MS = 100;
    private static final Logger LOG = Logger.getLogger(Checkpointer.class.getName());

    private final Connection connection;
    private final Thread thread;
    private final AtomicLong checkpoints = new AtomicLong();
    private volatile boolean closed;

    private Checkpointer(Connection connection) {
        this.connection = connection;
        this.thread = Thread.ofPlatform().daemon().name("nrm-sqlite-checkpoint").start(this::loop);
    }

    /** Opens the checkpointer's own connection to the SQLite database at {@code jdbcUrl} and starts its thread. */
    static Checkpointer start(String jdbcUrl, long busyTimeoutMs) {
        Properties p = new Properties();
        p.setProperty("busy_timeout", Long.toString(busyTimeoutMs));
        try {
            return new Checkpointer(DriverManager.getConnection(jdbcUrl, p));
        } catch (SQLException e) {
            throw new StoreException("cannot open the checkpoint connection", e);
        }
    }

    private void loop() {
        while (!closed) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(INTERVAL_MS));
            if (!closed) {
                checkpoint();
            }
        }
    }

    // One PASSIVE checkpoint: copies what it can without waiting for the writer or the readers.
    private void checkpoint() {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            checkpoints.incrementAndGet();
        } catch (SQLException e) {
            // The next round tries again; a busy database is not an error here.
            LOG.log(Level.FINE, "checkpoint did not run: {0}", e.getMessage());
        }
    }

    /** Checkpoints run so far (tests and figures). */
    long checkpoints() {
        return checkpoints.get();
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "closing the checkpoint connection: {0}", e.getMessage());
        }
    }
}
