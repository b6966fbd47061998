package bg.nrm.service.bench;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The database's own durable commit rate: one connection, one row of {@code rowBytes} per transaction, committed
 * one after another with the same durability the service uses (SQLite: WAL with synchronous=FULL; PostgreSQL:
 * its defaults, synchronous_commit on). This is the ceiling for a service that commits each request on its own;
 * group commit is how a service goes past it.
 */
final class CommitRate {
    private CommitRate() {
    }

    /** Commits per second over {@code seconds}. */
    static double measure(String jdbcUrl, int rowBytes, double seconds) throws SQLException {
        boolean sqlite = jdbcUrl.startsWith("jdbc:sqlite:");
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            try (Statement s = c.createStatement()) {
                if (sqlite) {
                    s.execute("PRAGMA journal_mode=WAL");
                    s.execute("PRAGMA synchronous=FULL");
                }
                s.execute("CREATE TABLE bench_commit (id VARCHAR(36) PRIMARY KEY, payload " + (sqlite ? "BLOB" : "BYTEA") + ")");
            }
            byte[] payload = new byte[rowBytes];
            new SecureRandom().nextBytes(payload);
            c.setAutoCommit(false);
            long n = 0;
            long t0 = System.nanoTime();
            long end = t0 + (long) (seconds * 1e9);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO bench_commit (id, payload) VALUES (?, ?)")) {
                while (System.nanoTime() < end) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setBytes(2, payload);
                    insert.executeUpdate();
                    c.commit();
                    n++;
                }
            }
            double rate = n / ((System.nanoTime() - t0) / 1e9);
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE bench_commit");
            }
            return rate;
        }
    }
}
