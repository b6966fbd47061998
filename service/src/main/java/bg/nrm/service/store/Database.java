package bg.nrm.service.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connection pool and the schema. One schema, versioned Flyway migrations under {@code db/migration}, the same
 * SQL on SQLite and PostgreSQL; the few type names that differ are Flyway placeholders ({@code ${binary}}).
 * SQLite runs in WAL mode with full synchronous commits and a single connection for everything that writes, so
 * writers never contend; pure reads on the hot path ({@link #query}) use a few read-only connections beside it, which
 * WAL lets read while a commit is under way, and checkpoints run on a connection of their own, never inside a
 * commit ({@link Checkpointer}). On PostgreSQL the group committer has a connection of its own beside the pool.
 * Nothing waits on the database for ever ({@link Timeouts}): a lock held elsewhere, a statement that runs away, a
 * server that stops answering or cannot be reached each end in an error after a bounded time.
 */
public final class Database implements AutoCloseable {
    private static final int SQLITE_READERS = 4;
    private static final long WRITER_CACHE_KIB = 16 * 1024;

    private final HikariDataSource dataSource;
    private final HikariDataSource readers;
    private final boolean postgres;
    private final GroupCommit groupCommit;
    private final Checkpointer checkpointer;

    private final HikariDataSource writer;
    // SQLite: each reader connection's compiled statements, by physical connection (null on PostgreSQL).
    private final Map<Connection, StatementCache> readerStatements;

    private Database(HikariDataSource dataSource, HikariDataSource readers, HikariDataSource writer, boolean postgres,
                     Checkpointer checkpointer) {
        this.dataSource = dataSource;
        this.readers = readers;
        this.writer = writer;
        this.postgres = postgres;
        this.groupCommit = new GroupCommit(writer, !postgres, checkpointer);
        this.checkpointer = checkpointer;
        this.readerStatements = postgres ? null : new ConcurrentHashMap<>();
    }

    /**
     * How long the service waits on the database.
     *
     * @param busy      SQLite: how long a statement waits for a lock held by another process ({@code busy_timeout})
     * @param connect   PostgreSQL: connecting to the server ({@code connectTimeout}); the pool's own wait for a
     *                  free connection stays Hikari's 30 s
     * @param socket    PostgreSQL: longest wait for any answer from the server ({@code socketTimeout}); a safety net
     *                  above {@code statement} for a server that stops answering altogether
     * @param statement PostgreSQL: longest run of one statement ({@code statement_timeout})
     * @param lock      PostgreSQL: longest wait for a row or table lock ({@code lock_timeout})
     */
    public record Timeouts(Duration busy, Duration connect, Duration socket, Duration statement, Duration lock) {
        /** The defaults of {@code nrm.db.*-timeout}. */
        public static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofMinutes(2), Duration.ofMinutes(1), Duration.ofSeconds(10));

        public Timeouts {
            for (Duration d : List.of(busy, connect, socket, statement, lock)) {
                if (d.isNegative() || d.isZero()) {
                    // 0 means "no limit" to both drivers: exactly what these settings are for.
                    throw new IllegalArgumentException("nrm.db.*-timeout settings must be positive");
                }
            }
        }
    }

    /** Opens the pool with the default {@link Timeouts} and migrates the schema to the newest version. */
    public static Database open(String jdbcUrl) {
        return open(jdbcUrl, Timeouts.DEFAULTS);
    }

    /** Opens the pool and migrates the schema to the newest version. */
    public static Database open(String jdbcUrl, Timeouts timeouts) {
        boolean postgres = jdbcUrl.startsWith("jdbc:postgresql:");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName(postgres ? "nrm-postgres" : "nrm-sqlite");
        config.setAutoCommit(true);
        if (postgres) {
            config.setMaximumPoolSize(10);
            postgresTimeouts(config, timeouts);
        } else {
            // One connection: SQLite serialises writers anyway, and this keeps "database is locked" impossible.
            config.setMaximumPoolSize(1);
            config.setConnectionInitSql("PRAGMA foreign_keys=ON");
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "FULL");
            config.addDataSourceProperty("busy_timeout", Long.toString(timeouts.busy().toMillis()));
            // The write-ahead log file is cut back to this size after a checkpoint has emptied it.
            config.addDataSourceProperty("journal_size_limit", Long.toString(64L << 20));
            // No checkpoint inside a commit, while the batch it would hold up waits: the checkpointer's thread copies
            // the log beside the writer, and the writer finishes the job between two batches (Checkpointer).
            config.addDataSourceProperty("wal_autocheckpoint", "0");
            // A page cache that holds the indexes' hot pages (the default is 2 MiB), so a batch does not read back
            // pages it has just written.
            config.addDataSourceProperty("cache_size", Long.toString(-WRITER_CACHE_KIB));
        }
        HikariDataSource ds = new HikariDataSource(config);
        // A restart of the same build on its own database: nothing to apply, nothing changed, so no Flyway.
        if (!AppliedMigrations.allApplied(ds)) {
            try {
                Flyway.configure()
                        .dataSource(ds)
                        .locations("classpath:" + AppliedMigrations.LOCATION)
                        .placeholders(Map.of("binary", postgres ? "BYTEA" : "BLOB",
                                "rowkey", postgres ? "BIGINT" : "INTEGER"))
                        .load()
                        .migrate();
            } catch (RuntimeException e) {
                ds.close();
                throw new StoreException("database migration failed", e);
            }
        }
        return opened(jdbcUrl, timeouts, postgres, ds);
    }

    private static Database opened(String jdbcUrl, Timeouts timeouts, boolean postgres, HikariDataSource ds) {
        if (postgres) {
            return new Database(ds, ds, postgresWriter(jdbcUrl, timeouts), true, null);
        }
        return new Database(ds, sqliteReaders(jdbcUrl, timeouts), ds, false,
                Checkpointer.start(jdbcUrl, timeouts.busy().toMillis()));
    }

    // The group committer's own connection (PostgreSQL): it never queues for a pooled connection behind the reads of
    // the requests it is committing for, and its batched INSERTs travel as multi-row statements.
    private static HikariDataSource postgresWriter(String jdbcUrl, Timeouts timeouts) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("nrm-postgres-writer");
        config.setAutoCommit(true);
        config.setMaximumPoolSize(1);
        postgresTimeouts(config, timeouts);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }

    private static void postgresTimeouts(HikariConfig config, Timeouts timeouts) {
        // pgjdbc reads these from the connection properties (seconds); a value in the URL wins.
        config.addDataSourceProperty("connectTimeout", Long.toString(seconds(timeouts.connect())));
        config.addDataSourceProperty("socketTimeout", Long.toString(seconds(timeouts.socket())));
        config.addDataSourceProperty("options", "-c statement_timeout=" + timeouts.statement().toMillis()
                + " -c lock_timeout=" + timeouts.lock().toMillis());
    }

    // Read-only connections to the same SQLite file: query_only makes any write through them fail loudly.
    private static HikariDataSource sqliteReaders(String jdbcUrl, Timeouts timeouts) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("nrm-sqlite-readers");
        config.setAutoCommit(true);
        config.setMaximumPoolSize(SQLITE_READERS);
        config.setConnectionInitSql("PRAGMA query_only=ON");
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("busy_timeout", Long.toString(timeouts.busy().toMillis()));
        return new HikariDataSource(config);
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    public boolean postgres() {
        return postgres;
    }

    /** Runs {@code work} in one transaction: all of it is committed, or none of it. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("database operation failed", e);
        }
    }

    /**
     * Runs {@code work} in a transaction shared with whatever other group-commit work is waiting, and returns once
     * that transaction is durably committed (see {@link GroupCommit}). All of the work is committed or none of it.
     * For the hot write path (new screenings): {@code work} must only write through the connection it is given and
     * be safe to run again after a rollback (a failed batch is retried item by item).
     */
    public <T> T inGroupCommit(SqlWork<T> work) {
        return groupCommit.run(work);
    }

    /**
     * The group committer's figures since start: durable commits, the items they carried, the time the writer
     * spent running and committing them (its busy time: the rest it waited for work), and the statements it sent
     * (each JDBC batch and each commit counted once: round trips to the database).
     */
    public record WriterFigures(long commits, long items, long busyMillis, long roundTrips) {
    }

    /**
     * A write that runs once per group-commit batch over the values its items gave it, in their order: the audit
     * chain takes its head once and writes every entry of the batch with one statement.
     */
    @FunctionalInterface
    public interface BatchStep<V> {
        void run(Connection connection, List<V> values) throws SQLException;
    }

    /**
     * Inside {@link #inGroupCommit} work: records {@code value} for {@code step}, which runs once when the batch is
     * written, after the writes the item made before, and returns true. Given any other connection it does nothing
     * and returns false: the caller then writes at once.
     */
    public static <V> boolean deferToBatch(Connection c, BatchStep<V> step, V value) {
        return WriteBatch.defer(c, step, value);
    }

    /** The group committer's figures, for the service's metrics. */
    public WriterFigures writerFigures() {
        return groupCommit.figures();
    }

    // Package-private: the group committer, for tests and figures.
    GroupCommit groupCommit() {
        return groupCommit;
    }

    /** Runs a read (or a single-statement write) outside an explicit transaction. */
    public <T> T read(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("database operation failed", e);
        }
    }

    /**
     * Runs a pure read: SELECT only, never a write. On SQLite it runs on a read-only connection beside the writer, so
     * it does not wait behind a commit under way; it sees everything committed before it starts.
     */
    public <T> T query(SqlWork<T> work) {
        try (Connection c = readers.getConnection()) {
            return work.run(readerStatements == null ? c : withReaderStatements(c));
        } catch (SQLException e) {
            throw new StoreException("database operation failed", e);
        }
    }

    // The borrowed reader with the statements compiled on its physical connection before. A connection the pool has
    // closed since (a broken one, or one past its lifetime) takes its statements with it when the next one is added.
    private Connection withReaderStatements(Connection pooled) throws SQLException {
        Connection physical = pooled.unwrap(Connection.class);
        StatementCache cache = readerStatements.get(physical);
        if (cache == null) {
            readerStatements.keySet().removeIf(Database::closed);
            cache = new StatementCache();
            readerStatements.put(physical, cache);
        }
        return cache.wrap(pooled);
    }

    private static boolean closed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** Statements compiled so far on the SQLite reader connections (tests). */
    int readerStatementCount() {
        return readerStatements == null ? 0 : readerStatements.values().stream().mapToInt(StatementCache::size).sum();
    }

    // Package-private: the checkpointer (SQLite only), for tests.
    Checkpointer checkpointer() {
        return checkpointer;
    }

    @Override
    public void close() {
        groupCommit.close();
        if (checkpointer != null) {
            checkpointer.close();
        }
        if (readers != dataSource) {
            readers.close();
        }
        if (writer != dataSource) {
            writer.close();
        }
        dataSource.close();
    }

    /** A unit of JDBC work. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
