package bg.nrm.service.store;

import bg.nrm.service.TestService;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A start skips Flyway only when the schema history holds exactly the build's migrations, unchanged and successful;
 * otherwise Flyway migrates and validates as before (a pending migration is applied, a changed one refused).
 */
class AppliedMigrationsTest {
    @TempDir
    Path dir;

    private String url(String kind) {
        return kind.equals("postgres") ? TestService.freshPostgresSchema() : "jdbc:sqlite:" + dir.resolve("nrm.db");
    }

    private static HikariDataSource plain(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(1);
        return new HikariDataSource(config);
    }

    private static void execute(HikariDataSource ds, String... sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aDatabaseMigratedByFlywayHasEveryMigrationOfTheBuild(String kind) {
        String url = url(kind);
        try (HikariDataSource ds = plain(url)) {
            assertThat(AppliedMigrations.allApplied(ds)).as("no schema history yet").isFalse();
            Database.open(url).close();

            // True only if each script's checksum is the one Flyway recorded: the same calculation.
            assertThat(AppliedMigrations.allApplied(ds)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aPendingMigrationIsAppliedAtTheNextStart(String kind) throws SQLException {
        String url = url(kind);
        Database.open(url).close();
        try (HikariDataSource ds = plain(url)) {
            // As a database of the build before V73 would be.
            execute(ds, "DELETE FROM flyway_schema_history WHERE version = '73'",
                    "ALTER TABLE referrals DROP COLUMN envelope_binary");
            assertThat(AppliedMigrations.allApplied(ds)).isFalse();

            Database.open(url).close();

            assertThat(AppliedMigrations.allApplied(ds)).isTrue();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                // The column exists again: adding it a second time fails.
                assertThatThrownBy(() -> s.execute("ALTER TABLE referrals ADD COLUMN envelope_binary "
                        + (kind.equals("postgres") ? "BYTEA" : "BLOB"))).isInstanceOf(SQLException.class);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aChangedMigrationIsStillRefusedByFlywaysValidation(String kind) throws SQLException {
        String url = url(kind);
        Database.open(url).close();
        try (HikariDataSource ds = plain(url)) {
            execute(ds, "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '42'");
            assertThat(AppliedMigrations.allApplied(ds)).isFalse();
        }

        assertThatThrownBy(() -> Database.open(url)).isInstanceOf(StoreException.class)
                .hasMessageContaining("migration failed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres"})
    void aFailedOrUnknownHistoryRowMeansFlywayDecides(String kind) throws SQLException {
        String url = url(kind);
        Database.open(url).close();
        try (HikariDataSource ds = plain(url)) {
            execute(ds, "UPDATE flyway_schema_history SET success = " + (kind.equals("postgres") ? "false" : "0")
                    + " WHERE version = '3'");
            assertThat(AppliedMigrations.allApplied(ds)).as("a failed migration").isFalse();

            execute(ds, "UPDATE flyway_schema_history SET success = " + (kind.equals("postgres") ? "true" : "1")
                    + " WHERE version = '3'");
            assertThat(AppliedMigrations.allApplied(ds)).isTrue();

            execute(ds, "UPDATE flyway_schema_history SET description = 'something else' WHERE version = '20'");
            assertThat(AppliedMigrations.allApplied(ds)).as("another description").isFalse();
        }
    }
}
