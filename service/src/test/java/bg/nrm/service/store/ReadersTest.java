package bg.nrm.service.store;

import bg.nrm.service.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pure reads ({@link Database#query}) beside the one SQLite writer. */
class ReadersTest {
    @TempDir
    Path dir;

    private String url(String kind) {
        return kind.equals("postgres") ? TestService.freshPostgresSchema() : "jdbc:sqlite:" + dir.resolve("nrm.db");
    }

    private static void createTable(Database db) {
        db.read(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE rd_items (id VARCHAR(20) PRIMARY KEY)");
            }
            return null;
        });
    }

    private static long count(Database db) {
        return db.query(c -> Sql.one(c, "SELECT COUNT(*) FROM rd_items", rs -> rs.getLong(1)).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aQuerySeesWhatWasCommittedBeforeIt(String kind) {
        try (Database db = Database.open(url(kind))) {
            createTable(db);
            db.inGroupCommit(c -> Sql.update(c, "INSERT INTO rd_items (id) VALUES (?)", "a"));
            db.inTransaction(c -> Sql.update(c, "INSERT INTO rd_items (id) VALUES (?)", "b"));

            assertThat(count(db)).isEqualTo(2);
        }
    }

    @Test
    void onSqliteAQueryIsAnsweredWhileACommitIsUnderWay() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Database db = Database.open(url("sqlite"))) {
            createTable(db);
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<Object> writer = pool.submit(() -> db.inGroupCommit(c -> {
                Sql.update(c, "INSERT INTO rd_items (id) VALUES (?)", "pending");
                started.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

            // The writer's connection is held; a query still answers, and does not see the uncommitted row.
            Future<Long> read = pool.submit(() -> count(db));
            assertThat(read.get(5, TimeUnit.SECONDS)).isZero();

            release.countDown();
            writer.get(10, TimeUnit.SECONDS);
            assertThat(count(db)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onSqliteAQueryCannotWrite() {
        try (Database db = Database.open(url("sqlite"))) {
            createTable(db);
            assertThatThrownBy(() -> db.query(c -> Sql.update(c, "INSERT INTO rd_items (id) VALUES (?)", "x")))
                    .isInstanceOf(StoreException.class);
            assertThat(count(db)).isZero();
        }
    }

    @Test
    void onSqliteAReaderCompilesEachQueryOnceAndStillSeesNewRows() {
        try (Database db = Database.open(url("sqlite"))) {
            createTable(db);
            for (int i = 0; i < 50; i++) {
                db.inGroupCommit(c -> Sql.update(c, "INSERT INTO rd_items (id) VALUES (?)", "row-" + count(db)));
                String id = "row-" + i;
                java.util.Optional<String> found = db.query(c -> Sql.one(c, "SELECT id FROM rd_items WHERE id = ?",
                        rs -> rs.getString(1), id));
                assertThat(found).contains(id);
            }
            assertThat(count(db)).isEqualTo(50);
            // Two queries, each compiled once per reader connection that ran it (the pool has four).
            assertThat(db.readerStatementCount()).isBetween(2, 8);
            // A failed query leaves its statement usable, with no parameter left over.
            assertThatThrownBy(() -> db.query(c -> Sql.one(c, "SELECT id FROM rd_items WHERE id = ?", rs -> {
                throw new java.sql.SQLException("mapper fails");
            }, "row-3"))).isInstanceOf(StoreException.class);
            java.util.Optional<String> after = db.query(c -> Sql.one(c, "SELECT id FROM rd_items WHERE id = ?",
                    rs -> rs.getString(1), "row-4"));
            assertThat(after).contains("row-4");
        }
    }

    @Test
    void onSqliteAResultSetLeftOpenByItsReaderDoesNotHoldTheLogBack() throws Exception {
        String url = url("sqlite");
        try (Database db = Database.open(url)) {
            createTable(db);
            db.inGroupCommit(c -> Sql.update(c, "INSERT INTO rd_items (id) VALUES (?)", "first"));
            // A careless reader: it reads one row of two statements and closes neither result set, only the
            // statements. Each read must still end when its statement is closed.
            for (int i = 0; i < 8; i++) {
                db.query(c -> {
                    java.sql.PreparedStatement ps = c.prepareStatement("SELECT id FROM rd_items");
                    java.sql.ResultSet rs = ps.executeQuery();
                    assertThat(rs.next()).isTrue();
                    ps.close();
                    return null;
                });
            }
            db.inGroupCommit(c -> Sql.update(c, "INSERT INTO rd_items (id) VALUES (?)", "second"));
            // A TRUNCATE checkpoint copies the whole log into the main file and empties it; a read still open on any
            // reader connection would make it stop short (busy = 1) every time. The service's checkpointer, woken by
            // each commit, may hold the checkpoint lock at the moment asked (busy too): a few tries tell them apart.
            int busy = 1;
            int frames = -1;
            for (int i = 0; i < 50 && busy != 0; i++) {
                if (i > 0) {
                    Thread.sleep(20);
                }
                try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
                     Statement s = c.createStatement();
                     java.sql.ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                    assertThat(rs.next()).isTrue();
                    busy = rs.getInt(1);
                    frames = rs.getInt(2);
                }
            }
            assertThat(busy).as("checkpoint busy").isZero();
            assertThat(frames).as("log frames left").isZero();
            assertThat(count(db)).isEqualTo(2);
        }
    }
}
