package bg.nrm.service.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Group commit: concurrent write transactions share one durable commit.
 *
 * <p>A durable commit waits for the disk (SQLite's fsync of the WAL, PostgreSQL's WAL flush), and one commit at a
 * time caps a service at the disk's flush rate however fast the rest is. Here one writer thread takes every unit of
 * work that is waiting, runs them one after another in a single transaction and commits once; each caller is
 * answered only after the commit that holds its work has returned, so nothing is acknowledged before it is on disk
 * and durability is the database's own (no relaxed synchronous setting anywhere). Under light load a batch is one
 * item and this is an ordinary transaction; under heavy load batches grow by themselves. Within a batch the items'
 * INSERTs and the audit chain's entries are recorded and sent once per kind at the end ({@link WriteBatch}), so a
 * batch costs a fixed number of round trips to the database, not a few per item.
 *
 * <p>If any item of a batch fails (a constraint, a lost race on an Idempotency-Key), the whole batch is rolled back
 * and every item is run again in a transaction of its own, so one bad item never takes the others down and nothing
 * is half-written. Work given here must therefore only touch the database through the connection it is handed, and
 * be safe to run a second time after a rollback.
 */
final class GroupCommit implements AutoCloseable {
    /** Most items in one transaction: bounds the time a batch holds the connection and the locks. */
    static final int MAX_BATCH = 128;

    private record Item(Database.SqlWork<?> work, CompletableFuture<Object> result) {
    }

    private final DataSource dataSource;
    private final StatementCache statements;
    // SQLite: the log's checkpoints, woken after each commit (null on PostgreSQL).
    private final Checkpointer checkpointer;
    private final LinkedBlockingQueue<Item> waiting = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong committedItems = new AtomicLong();
    private final AtomicLong busyNanos = new AtomicLong();
    private final AtomicLong roundTrips = new AtomicLong();
    private volatile boolean closed;

    GroupCommit(DataSource dataSource, boolean cacheStatements, Checkpointer checkpointer) {
        this.dataSource = dataSource;
        this.statements = cacheStatements ? new StatementCache() : null;
        this.checkpointer = checkpointer;
        this.writer = Thread.ofPlatform().daemon().name("nrm-group-commit").start(this::loop);
    }

    /** Runs {@code work} in a shared transaction and returns its result once that transaction is committed. */
    @SuppressWarnings("unchecked")
    <T> T run(Database.SqlWork<T> work) {
        if (closed) {
            throw new StoreException("database is closed", null);
        }
        CompletableFuture<Object> result = new CompletableFuture<>();
        waiting.add(new Item(work, result));
        try {
            return (T) result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new StoreException("database operation failed", e.getCause());
        } catch (InterruptedException e) {
            // The work may still commit: the caller only stops waiting for it.
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the commit", e);
        }
    }

    private void loop() {
        List<Item> batch = new ArrayList<>(MAX_BATCH);
        while (!closed || !waiting.isEmpty()) {
            try {
                Item first = waiting.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                waiting.drainTo(batch, MAX_BATCH - 1);
                long start = System.nanoTime();
                commit(batch);
                busyNanos.addAndGet(System.nanoTime() - start);
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException | Error e) {
                // Never leave a caller waiting forever, whatever went wrong.
                for (Item item : batch) {
                    item.result().completeExceptionally(e);
                }
            } finally {
                batch.clear();
            }
        }
        Item left;
        while ((left = waiting.poll()) != null) {
            left.result().completeExceptionally(new StoreException("database is closed", null));
        }
    }

    private void commit(List<Item> batch) {
        Object[] results = new Object[batch.size()];
        try (Connection pooled = dataSource.getConnection()) {
            Connection c = statements == null ? pooled : statements.wrap(pooled);
            c.setAutoCommit(false);
            WriteBatch writes = new WriteBatch(c);
            try {
                for (int i = 0; i < batch.size(); i++) {
                    writes.nextItem();
                    results[i] = batch.get(i).work().run(writes.connection());
                }
                writes.flush();
                c.commit();
                writes.countCommit();
                commits.incrementAndGet();
                committedItems.addAndGet(batch.size());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                c.setAutoCommit(true);
                if (batch.size() == 1) {
                    batch.getFirst().result().completeExceptionally(wrap(e));
                } else {
                    oneByOne(c, batch);
                }
                return;
            } finally {
                roundTrips.addAndGet(writes.roundTrips());
                c.setAutoCommit(true);
            }
            // Answered first: what follows is the log's upkeep, which none of this batch waits for.
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results[i]);
            }
            if (checkpointer != null) {
                checkpointer.beforeNextBatch(pooled);
                checkpointer.wake();
            }
        } catch (SQLException e) {
            for (Item item : batch) {
                item.result().completeExceptionally(wrap(e));
            }
        }
    }

    // After a failed batch: each item in its own transaction, so only the failing one fails.
    private void oneByOne(Connection c, List<Item> batch) throws SQLException {
        for (Item item : batch) {
            c.setAutoCommit(false);
            WriteBatch writes = new WriteBatch(c);
            try {
                Object r = item.work().run(writes.connection());
                writes.flush();
                c.commit();
                writes.countCommit();
                commits.incrementAndGet();
                committedItems.incrementAndGet();
                item.result().complete(r);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                item.result().completeExceptionally(wrap(e));
            } finally {
                roundTrips.addAndGet(writes.roundTrips());
                c.setAutoCommit(true);
            }
        }
    }

    /** What the writer has done so far: items per commit is the batching achieved. */
    Database.WriterFigures figures() {
        return new Database.WriterFigures(commits.get(), committedItems.get(), busyNanos.get() / 1_000_000,
                roundTrips.get());
    }

    /** Statements the writer has compiled and keeps (SQLite), for tests. */
    int cachedStatements() {
        return statements == null ? 0 : statements.size();
    }

    /** Items waiting for the writer (tests hold the writer busy and watch this grow). */
    int waiting() {
        return waiting.size();
    }

    private static RuntimeException wrap(Exception e) {
        return e instanceof RuntimeException re ? re : new StoreException("database operation failed", e);
    }

    @Override
    public void close() {
        // The writer finishes what is queued (it polls, so it notices within 200 ms), then stops.
        closed = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
