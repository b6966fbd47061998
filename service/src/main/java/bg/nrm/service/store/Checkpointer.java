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
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * SQLite's WAL checkpoints, on a thread and a connection of their own.
 *
 * <p>Left to itself, SQLite checkpoints inside the commit that takes the write-ahead log past 1,000 pages: the one
 * writer then copies the log into the database file and syncs that file before its {@code COMMIT} returns, while the
 * screenings of that batch and every one queued behind it wait. A HIGH screening writes about 35 pages, so at a few
 * hundred a second that was every third or fourth commit (strace of the writer at 100 HIGH/s: as many page writes into
 * the database file as frames into the log, and the database file's fsync inside commits). The writer's connection
 * therefore has automatic checkpoints off ({@code wal_autocheckpoint=0}); the writer wakes this thread after each
 * commit ({@link #wake}), and it runs a {@code PASSIVE} checkpoint, which blocks neither the writer nor the readers,
 * beside the writer's next batch (and every {@link #INTERVAL_MS} ms in any case).
 *
 * <p>The log only starts again from its beginning when a write transaction begins with all of it checkpointed, and
 * under steady load this thread rarely finishes exactly between two of the writer's transactions. So once the log
 * holds {@link #RESTART_FRAMES} frames, the writer, after answering its batch, checkpoints what is left itself
 * ({@link #beforeNextBatch}): this thread has copied nearly all of it by then, and the next transaction restarts the
 * log. Durability does not change: a commit is durable once its frames are in the log and the log is synced
 * ({@code synchronous=FULL}); a checkpoint only moves committed pages into the main file.
 */
final class Checkpointer implements AutoCloseable {
    static final long INTERVAL_MS = 100;
    /** Frames in the log (32 MiB of 4 KiB pages) past which the writer checkpoints between two batches. */
    static final long RESTART_FRAMES = 8192;
    private static final Logger LOG = Logger.getLogger(Checkpointer.class.getName());

    private final Connection connection;
    private final Thread thread;
    private final AtomicLong checkpoints = new AtomicLong();
    private final AtomicLong writerCheckpoints = new AtomicLong();
    // SQLite runs one checkpoint at a time and answers a second one "busy" at once: the writer's waits for this
    // thread's to end instead, so that its own finds the log all but copied and completes it.
    private final ReentrantLock running = new ReentrantLock();
    // Frames in the log as the last checkpoint found them (its mxFrame): how far the log has grown since it restarted.
    private volatile long logFrames;
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
                running.lock();
                try {
                    checkpoint(connection);
                    checkpoints.incrementAndGet();
                } catch (SQLException e) {
                    // The next round tries again; a busy database is not an error here.
                    LOG.log(Level.FINE, "checkpoint did not run: {0}", e.getMessage());
                } finally {
                    running.unlock();
                }
            }
        }
    }

    /** Called by the writer after each commit: the pages it has just added can be copied now, beside its next batch. */
    void wake() {
        LockSupport.unpark(thread);
    }

    /**
     * Called by the writer between two batches, on its own connection, after it has answered the last one: once the
     * log has grown past {@link #RESTART_FRAMES}, checkpoints what is left of it, so that the next transaction starts
     * the log again. If this thread is checkpointing at that moment, the writer waits for that run to end and then
     * copies what is left (SQLite would answer a second checkpoint "busy" at once).
     */
    void beforeNextBatch(Connection writer) {
        if (logFrames < RESTART_FRAMES) {
            return;
        }
        running.lock();
        try {
            if (checkpoint(writer)) {
                // All of it is in the main file: the writer's next transaction writes from the log's beginning.
                logFrames = 0;
            }
            writerCheckpoints.incrementAndGet();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "writer checkpoint did not run: {0}", e.getMessage());
        } finally {
            running.unlock();
        }
    }

    // One PASSIVE checkpoint: copies what it can without waiting for the writer or the readers. True if the whole
    // log is now in the database file.
    private boolean checkpoint(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            if (!rs.next()) {
                return false;
            }
            // Columns: busy (1 if it could not run), frames in the log, frames now checkpointed.
            long log = rs.getLong(2);
            long done = rs.getLong(3);
            if (rs.getInt(1) == 0 && log >= 0) {
                logFrames = log;
                return done == log;
            }
            return false;
        }
    }

    /** Checkpoints run so far on this thread (tests and figures). */
    long checkpoints() {
        return checkpoints.get();
    }

    /** Checkpoints the writer ran between its batches to let the log start again (tests and figures). */
    long writerCheckpoints() {
        return writerCheckpoints.get();
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
