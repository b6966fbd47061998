package bg.nrm.service.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer's own checkpoint between two batches, once the log has grown past {@link Checkpointer#RESTART_FRAMES}. */
class CheckpointerTest {
    @TempDir
    Path dir;

    @Test
    void pastTheRestartSizeTheWriterCopiesWhatIsLeftAndTheLogStartsAgain() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("cp.db");
        try (Connection writer = DriverManager.getConnection(url); Statement s = writer.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA wal_autocheckpoint=0");
            s.execute("CREATE TABLE cp_rows (id INTEGER PRIMARY KEY, body BLOB)");
            // About 10,000 pages into the log, past the restart size, with no checkpoint on the way.
            writer.setAutoCommit(false);
            try (PreparedStatement ps = writer.prepareStatement("INSERT INTO cp_rows (body) VALUES (?)")) {
                for (int i = 0; i < 10_000; i++) {
                    ps.setBytes(1, new byte[4000]);
                    ps.executeUpdate();
                }
            }
            writer.commit();
            writer.setAutoCommit(true);

            try (Checkpointer checkpointer = Checkpointer.start(url, 5_000)) {
                // The checkpointer's own round sees how long the log is (and copies it beside the writer).
                for (int i = 0; i < 100 && checkpointer.checkpoints() == 0; i++) {
                    Thread.sleep(50);
                }
                assertThat(checkpointer.checkpoints()).isPositive();

                checkpointer.beforeNextBatch(writer);

                assertThat(checkpointer.writerCheckpoints()).isEqualTo(1);
                // The next transaction writes the log from its beginning again (the file keeps its size; what
                // counts is the frames in use).
                s.executeUpdate("INSERT INTO cp_rows (body) VALUES (x'00')");
                try (ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(2)).as("frames in the log after the restart").isLessThan(100);
                }
                // Below the restart size again, the writer leaves the log to the checkpointer.
                checkpointer.beforeNextBatch(writer);
                assertThat(checkpointer.writerCheckpoints()).isEqualTo(1);
            }
        }
    }
}
