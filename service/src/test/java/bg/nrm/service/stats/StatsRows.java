package bg.nrm.service.stats;

import bg.nrm.rules.Assessment;
import bg.nrm.rules.ExploitationForm;
import bg.nrm.rules.RiskLevel;
import bg.nrm.service.store.Database;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Statistics rows for tests, written with the service's own {@link StatsWriter} (as the screening workflow does),
 * so that volume does not need thousands of real screenings.
 */
final class StatsRows {
    private static final String[] GENDERS = {"female", "male", "female", "unknown"};
    private static final String[] CITIZENSHIPS = {"BG", "BG", "RO", "SY"};

    private StatsRows() {
    }

    /** {@code n} screenings of {@code level} in {@code region} during {@code month}, varied in age and gender. */
    static void add(Database db, YearMonth month, String region, RiskLevel level, int n) {
        db.inTransaction(c -> {
            for (int i = 0; i < n; i++) {
                insert(c, month, region, level, i);
            }
            return null;
        });
    }

    static void insert(Connection c, YearMonth month, String region, RiskLevel level, int i) throws SQLException {
        Instant at = month.atDay(1 + i % 28).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3_600L * (i % 24));
        StatsWriter.insert(c, new StatsWriter.Row(at, region, 10 + (i * 7) % 50, GENDERS[i % 4], CITIZENSHIPS[i % 4],
                i % 3 == 0 ? "adult-risk" : "child-risk", assessment(level), level == RiskLevel.NONE ? 0 : 1 + i % 3));
    }

    static Assessment assessment(RiskLevel level) {
        List<String> dimensions = switch (level) {
            case NONE -> List.of();
            case LOW -> List.of("DR");
            case MEDIUM -> List.of("EX");
            case HIGH, IMMEDIATE -> List.of("EX", "CH");
        };
        List<ExploitationForm> forms = level.compareTo(RiskLevel.HIGH) >= 0 ? List.of(ExploitationForm.SEXUAL) : List.of();
        return new Assessment(level, List.of(), forms, dimensions, List.of(), false, "1.0.0");
    }
}
