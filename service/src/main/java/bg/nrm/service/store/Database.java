package bg.nrm.service.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * The connection pool and the schema. One schema, versioned Flyway migrations under {@code db/migration}, the same
 * SQL on SQLite and PostgreSQL; the few type names that differ are Flyway placeholders ({@code ${binary}}).
 * SQLite runs in WAL mode with full synchronous commits and a single connection for everything that writes, so
 * writers never contend; pure reads on the hot path ({@link #query}) use a few read-only connections beside it, which
 * WAL lets read while a commit is under way.
 */
public final class Database implements AutoCloseable {
    private static final int SQLITE_READERS = 4;

    private final HikariDataSource dataSource;
    private final HikariDataSource readers;
    private final boolean postgres;
    private final GroupCommit groupCommit;

    private Database(HikariDataSource dataSource, HikariDataSource readers, boolean postgres) {
        this.dataSource = dataSource;
        this.readers = readers;
        this.postgres = postgres;
        this.groupCommit = new GroupCommit(dataSource);
    }

    /** Opens the pool and migrates the schema to the newest version. */
    public static Database open(String jdbcUrl) {
        boolean postgres = jdbcUrl.startsWith("jdbc:postgresql:");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName(postgres ? "nrm-postgres" : "nrm-sqlite");
        config.setAutoCommit(true);
        if (postgres) {
            config.setMaximumPoolSize(10);
        } else {
            // One connection: SQLite serialises writers anyway, and this keeps "database is locked" impossible.
            config.setMaximumPoolSize(1);
            config.setConnectionInitSql("PRAGMA foreign_keys=ON");
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "FULL");
            config.addDataSourceProperty("busy_timeout", "10000");
        }
        HikariDataSource ds = new HikariDataSource(config);
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("binary", postgres ? "BYTEA" : "BLOB", "rowkey", postgres ? "BIGINT" : "INTEGER"))
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw new StoreException("database migration failed", e);
        }
        return new Database(ds, postgres ? ds : sqliteReaders(jdbcUrl), postgres);
    }

    // Read-only connections to the same SQLite file: query_only makes any write through them fail loudly.
    private static HikariDataSource sqliteReaders(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("nrm-sqlite-readers");
        config.setAutoCommit(true);
        config.setMaximumPoolSize(SQLITE_READERS);
        config.setConnectionInitSql("PRAGMA query_only=ON");
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("busy_timeout", "10000");
        return new HikariDataSource(config);
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
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("database operation failed", e);
        }
    }

    @Override
    public void close() {
        groupCommit.close();
        if (readers != dataSource) {
            readers.close();
        }
        dataSource.close();
    }

    /** A unit of JDBC work. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
