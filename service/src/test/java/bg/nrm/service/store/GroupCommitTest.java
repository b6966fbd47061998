package bg.nrm.service.store;

import bg.nrm.service.TestService;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitTest {
    @TempDir
    Path dir;

    private String url(String kind) {
        return kind.equals("postgres") ? TestService.freshPostgresSchema() : "jdbc:sqlite:" + dir.resolve("nrm.db");
    }

    private static void createTable(Database db) {
        db.read(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE gc_items (id VARCHAR(20) PRIMARY KEY, note VARCHAR(40))");
            }
            return null;
        });
    }

    private static Database.SqlWork<String> insert(String id) {
        return c -> {
            Sql.update(c, "INSERT INTO gc_items (id, note) VALUES (?, ?)", id, "n");
            return id;
        };
    }

    // Keeps the single writer busy until released, so that what is submitted meanwhile queues up as one batch.
    private static Future<Object> holdWriter(Database db, ExecutorService pool, CountDownLatch started, CountDownLatch release) {
        return pool.submit(() -> db.inGroupCommit(c -> {
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
    }

    private static void awaitWaiting(Database db, int n) throws InterruptedException {
        for (int i = 0; i < 3000 && db.groupCommit().waiting() < n; i++) {
            Thread.sleep(5);
        }
        assertThat(db.groupCommit().waiting()).isEqualTo(n);
    }

    private static long count(String url, String where) throws SQLException {
        // A connection of its own, outside the service's pool: sees only what is committed.
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM gc_items WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgres"})
    void screeningsWaitingTogetherShareOneCommit(String kind) throws Exception {
        String url = url(kind);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try (Database db = Database.open(url)) {
            createTable(db);
            Database.WriterFigures before = db.writerFigures();
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<Object> holder = holdWriter(db, pool, started, release);
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            List<Future<String>> items = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String id = "item-" + i;
                items.add(pool.submit(() -> db.inGroupCommit(insert(id))));
            }
            awaitWaiting(db, 10);
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            for (Future<String> f : items) {
                String id = f.get(30, TimeUnit.SECONDS);
                // Answered only after the commit: another connection already sees the row.
                assertThat(count(url, "id = '" + id + "'")).isEqualTo(1);
            }
            Database.WriterFigures after = db.writerFigures();
            assertThat(after.commits() - before.commits()).as("commits").isEqualTo(2);
            assertThat(after.items() - before.items()).as("items").isEqualTo(11);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgres"})
    void failingItemFailsAloneAndLeavesNothingHalfWritten(String kind) throws Exception {
        String url = url(kind);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try (Database db = Database.open(url)) {
            createTable(db);
            db.inGroupCommit(insert("taken"));
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<Object> holder = holdWriter(db, pool, started, release);
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            List<Future<String>> good = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String id = "good-" + i;
                good.add(pool.submit(() -> db.inGroupCommit(insert(id))));
            }
            awaitWaiting(db, 4);
            // Writes one row, then collides with an existing key: neither of its rows may remain.
            Future<String> bad = pool.submit(() -> db.inGroupCommit(c -> {
                Sql.update(c, "INSERT INTO gc_items (id, note) VALUES (?, ?)", "bad-first", "n");
                Sql.update(c, "INSERT INTO gc_items (id, note) VALUES (?, ?)", "taken", "n");
                return "bad";
            }));
            awaitWaiting(db, 5);
            for (int i = 4; i < 8; i++) {
                String id = "good-" + i;
                good.add(pool.submit(() -> db.inGroupCommit(insert(id))));
            }
            awaitWaiting(db, 9);
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            for (Future<String> f : good) {
                assertThat(f.get(30, TimeUnit.SECONDS)).startsWith("good-");
            }
            assertThatThrownBy(() -> bad.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreException.class);
            assertThat(count(url, "id LIKE 'good-%'")).isEqualTo(8);
            assertThat(count(url, "id = 'bad-first'")).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgres"})
    void aBatchStepRunsOnceWithEveryItemsValueInOrderAfterTheRowsWrittenBeforeIt(String kind) throws Exception {
        String url = url(kind);
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try (Database db = Database.open(url)) {
            createTable(db);
            db.read(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE gc_children (id VARCHAR(20) PRIMARY KEY, "
                            + "item_id VARCHAR(20) NOT NULL REFERENCES gc_items (id))");
                }
                return null;
            });
            // The parent the odd items' first child rows refer to, written before the writer is held: on SQLite a
            // write beside a held writer would wait for its one connection (and the test with it).
            db.read(c -> Sql.update(c, "INSERT INTO gc_items (id, note) VALUES (?, ?)", "parent", "n"));
            List<List<String>> stepRuns = new ArrayList<>();
            // Sees the rows of the statements recorded before it, as the audit chain would.
            Database.BatchStep<String> step = (c, values) -> {
                stepRuns.add(List.copyOf(values));
                long rows = Sql.one(c, "SELECT COUNT(*) FROM gc_children", rs -> rs.getLong(1)).orElseThrow();
                Sql.update(c, "INSERT INTO gc_items (id, note) VALUES (?, ?)", "step-" + stepRuns.size(), "" + rows);
            };
            Database.WriterFigures before = db.writerFigures();
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<Object> holder = holdWriter(db, pool, started, release);
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            List<Future<Boolean>> items = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String id = "item-" + i;
                boolean odd = i % 2 == 1;
                items.add(pool.submit(() -> db.inGroupCommit(c -> {
                    // Odd items use the child statement first (for a row that exists already): a kind new to the
                    // batch must still come after the kinds its own item used before it.
                    if (odd) {
                        Sql.update(c, "INSERT INTO gc_children (id, item_id) VALUES (?, ?)", "old-" + id, "parent");
                    }
                    Sql.update(c, "INSERT INTO gc_items (id, note) VALUES (?, ?)", id, "n");
                    Sql.update(c, "INSERT INTO gc_children (id, item_id) VALUES (?, ?)", "child-" + id, id);
                    return Database.deferToBatch(c, step, id);
                })));
                awaitWaiting(db, i + 1);
            }
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            for (Future<Boolean> f : items) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isTrue();
            }
            Database.WriterFigures after = db.writerFigures();
            // One batch, not item by item after a failure: every child found its parent.
            assertThat(after.commits() - before.commits()).isEqualTo(2);
            assertThat(stepRuns).hasSize(1);
            assertThat(stepRuns.getFirst()).containsExactlyElementsOf(
                    java.util.stream.IntStream.range(0, 20).mapToObj(i -> "item-" + i).toList());
            assertThat(count(url, "id = 'step-1' AND note = '30'")).isEqualTo(1);
            // The holder's commit; the batch's two INSERTs, the step's two statements and its commit.
            assertThat(after.roundTrips() - before.roundTrips()).isEqualTo(1 + 2 + 2 + 1);
            // Outside a group commit nothing is deferred.
            boolean deferred = db.read(c -> Database.deferToBatch(c, step, "x"));
            assertThat(deferred).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    @org.junit.jupiter.api.Test
    void theWriterCompilesEachStatementOnceAndKeepsUsingIt() throws Exception {
        String url = url("sqlite");
        try (Database db = Database.open(url)) {
            createTable(db);
            for (int i = 0; i < 200; i++) {
                String id = "item-" + i;
                String seen = db.inGroupCommit(c -> {
                    Sql.update(c, "INSERT INTO gc_items (id, note) VALUES (?, ?)", id, "n" + id);
                    return Sql.one(c, "SELECT note FROM gc_items WHERE id = ?", rs -> rs.getString(1), id).orElseThrow();
                });
                assertThat(seen).isEqualTo("n" + id);
            }
            assertThat(db.groupCommit().cachedStatements()).isEqualTo(2);
            // A statement that failed (a taken key) is still usable afterwards, with no parameter left over.
            assertThatThrownBy(() -> db.inGroupCommit(insert("item-7"))).isInstanceOf(StoreException.class);
            assertThat(db.inGroupCommit(insert("item-200"))).isEqualTo("item-200");
            assertThat(count(url, "1 = 1")).isEqualTo(201);
            assertThat(count(url, "note = 'nitem-199'")).isEqualTo(1);
            assertThat(db.groupCommit().cachedStatements()).isEqualTo(2);
        }
    }

    @org.junit.jupiter.api.Test
    void checkpointsRunBesideTheWriterSoCommittedPagesReachTheMainFile() throws Exception {
        String url = url("sqlite");
        try (Database db = Database.open(url)) {
            createTable(db);
            for (int i = 0; i < 150; i++) {
                db.inGroupCommit(insert("item-" + i));
            }
            // 150 small commits (two or three pages each) stay far below the 1,000 pages at which the writer would checkpoint by itself, so
            // only the checkpointer's own thread can have moved them from the log into the database file.
            long inMainFile = 0;
            for (int i = 0; i < 100 && inMainFile < 150; i++) {
                Thread.sleep(50);
                Path copy = dir.resolve("main-file-only-" + i + ".db");
                java.nio.file.Files.copy(dir.resolve("nrm.db"), copy);
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM gc_items")) {
                    inMainFile = rs.next() ? rs.getLong(1) : 0;
                } catch (SQLException e) {
                    inMainFile = 0;   // the table itself is not in the main file yet
                }
            }
            assertThat(inMainFile).isEqualTo(150);
            assertThat(db.checkpointer().checkpoints()).isPositive();
        }
    }

    @org.junit.jupiter.api.Test
    void theLogStartsAgainUnderSteadyWritesSoItStaysBounded() throws Exception {
        String url = url("sqlite");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (Database db = Database.open(url)) {
            db.read(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE gc_blobs (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
                }
                return null;
            });
            // 192 MiB through the writer from eight threads at once, so that it always has a batch waiting: no commit
            // checkpoints by itself (wal_autocheckpoint=0), and the log would hold all of it unless it starts again.
            byte[] body = new byte[1 << 20];
            new java.util.Random(7).nextBytes(body);
            List<Future<Object>> writes = new ArrayList<>();
            for (int i = 0; i < 192; i++) {
                int id = i;
                writes.add(pool.submit(() -> db.inGroupCommit(c -> {
                    Sql.update(c, "INSERT INTO gc_blobs (id, body) VALUES (?, ?)", id, body);
                    return null;
                })));
            }
            for (Future<Object> w : writes) {
                w.get(120, TimeUnit.SECONDS);
            }
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(LENGTH(body)) FROM gc_blobs")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(192);
                assertThat(rs.getLong(2)).isEqualTo(192L << 20);
            }
            // The log restarts once about 32 MiB are in it (Checkpointer.RESTART_FRAMES; the writer learns the log's
            // length from the last checkpoint, so with batches of up to 8 MiB it may run past that before it restarts)
            // and is overwritten from its beginning, so its file stays well below what went through it.
            assertThat(java.nio.file.Files.size(dir.resolve("nrm.db-wal"))).isLessThan(96L << 20);
            assertThat(db.checkpointer().checkpoints()).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }
}
