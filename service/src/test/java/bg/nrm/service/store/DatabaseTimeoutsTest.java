package bg.nrm.service.store;

import bg.nrm.service.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Nothing waits on the database for ever: on PostgreSQL a runaway statement and a wait for a lock end with an error
 * after {@code statement_timeout} / {@code lock_timeout}; on SQLite a lock held by another process ends the wait
 * after {@code busy_timeout}. Real PostgreSQL, real SQLite files.
 */
class DatabaseTimeoutsTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void postgresEndsARunawayStatementAfterTheStatementTimeout() throws Exception {
        try (Database db = Database.open(TestService.freshPostgresSchema(),
                new Database.Timeouts(LONG, Duration.ofSeconds(10), LONG, Duration.ofMillis(500), LONG))) {
            assertThat(show(db, "statement_timeout")).isEqualTo("500ms");
            CompletableFuture<?> sleeping = CompletableFuture.supplyAsync(() -> db.read(c -> {
                try (Statement s = c.createStatement()) {
                    return s.execute("SELECT pg_sleep(20)");
                }
            }));
            // The bound only keeps a broken build from hanging.
            assertThatThrownBy(() -> sleeping.get(15, TimeUnit.SECONDS)).rootCause()
                    .hasMessageContaining("statement timeout");
        }
    }

    @Test
    void postgresEndsAWaitForALockAfterTheLockTimeout() throws Exception {
        try (Database db = Database.open(TestService.freshPostgresSchema(),
                new Database.Timeouts(LONG, Duration.ofSeconds(10), LONG, LONG, Duration.ofMillis(300)))) {
            assertThat(show(db, "lock_timeout")).isEqualTo("300ms");
            db.read(c -> {
                try (Statement s = c.createStatement()) {
                    return s.execute("CREATE TABLE held (x INTEGER)");
                }
            });
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("LOCK TABLE held IN ACCESS EXCLUSIVE MODE");
                }
                // Another connection of the pool now waits for that lock, and gives up.
                CompletableFuture<?> waiting = CompletableFuture.supplyAsync(() -> db.read(other -> {
                    try (Statement s = other.createStatement()) {
                        return s.execute("SELECT COUNT(*) FROM held");
                    }
                }));
                assertThatThrownBy(() -> waiting.get(15, TimeUnit.SECONDS)).rootCause()
                        .hasMessageContaining("lock timeout");
                return null;
            });
        }
    }

    @Test
    void sqliteEndsAWaitForAnotherProcesssLockAfterTheBusyTimeout() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("busy.db");
        try (Database db = Database.open(url,
                new Database.Timeouts(Duration.ofMillis(300), LONG, LONG, LONG, LONG))) {
            long busy = db.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA busy_timeout")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(busy).isEqualTo(300);
            db.read(c -> {
                try (Statement s = c.createStatement()) {
                    return s.execute("CREATE TABLE held (x INTEGER)");
                }
            });
            // Another process (here: another connection, outside the pool) holds the write lock.
            try (Connection other = DriverManager.getConnection(url); Statement hold = other.createStatement()) {
                hold.execute("BEGIN EXCLUSIVE");
                CompletableFuture<?> waiting = CompletableFuture.supplyAsync(() -> db.read(c -> {
                    try (Statement s = c.createStatement()) {
                        return s.executeUpdate("INSERT INTO held VALUES (1)");
                    }
                }));
                assertThatThrownBy(() -> waiting.get(15, TimeUnit.SECONDS)).rootCause()
                        .hasMessageContaining("SQLITE_BUSY");
                hold.execute("ROLLBACK");
            }
        }
    }

    private static String show(Database db, String setting) {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }
}
