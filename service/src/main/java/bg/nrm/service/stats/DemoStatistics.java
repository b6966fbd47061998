package bg.nrm.service.stats;

import bg.nrm.rules.Assessment;
import bg.nrm.rules.ExploitationForm;
import bg.nrm.rules.RiskLevel;
import bg.nrm.service.store.Database;
import bg.nrm.service.store.Sql;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Demo only: made-up statistics rows for Plovdiv (BG-16), so that on a fresh demo data directory a commission's
 * tables show numbers instead of suppressed cells. They are statistics rows alone: no screening, case or referral
 * stands behind them. Written once, into an empty statistics table.
 */
public final class DemoStatistics {
    /** How many rows, spread over the current month and the two before it. */
    public static final int ROWS = 60;
    private static final RiskLevel[] LEVELS = {RiskLevel.NONE, RiskLevel.LOW, RiskLevel.LOW, RiskLevel.MEDIUM,
            RiskLevel.MEDIUM, RiskLevel.HIGH, RiskLevel.HIGH, RiskLevel.IMMEDIATE, RiskLevel.MEDIUM, RiskLevel.LOW};
    private static final String[] GENDERS = {"female", "female", "male", "female", "male"};

    private DemoStatistics() {
    }

    /** Writes the rows unless the statistics table already holds any; returns how many were written. */
    public static int seedIfEmpty(Database db, Clock clock) {
        return db.inTransaction(c -> {
            long existing = Sql.one(c, "SELECT COUNT(*) FROM stats_screenings", rs -> rs.getLong(1)).orElse(0L);
            if (existing > 0) {
                return 0;
            }
            Instant now = clock.instant();
            for (int i = 0; i < ROWS; i++) {
                RiskLevel level = LEVELS[i % LEVELS.length];
                boolean child = i % 3 != 0;
                Instant at = now.atZone(ZoneOffset.UTC).minusMonths(i % 3).toInstant();
                List<ExploitationForm> forms = level.atLeast(RiskLevel.MEDIUM)
                        ? List.of(i % 2 == 0 ? ExploitationForm.SEXUAL : ExploitationForm.LABOUR) : List.of();
                Assessment assessment = new Assessment(level, List.of(), forms,
                        level.atLeast(RiskLevel.LOW) ? List.of("EX") : List.of(), List.of(), child, "demo");
                StatsWriter.insert(c, new StatsWriter.Row(at, "BG-16", child ? 10 + i % 8 : 19 + i % 30,
                        GENDERS[i % GENDERS.length], i % 7 == 0 ? "RO" : "BG", child ? "child-risk" : "adult-risk",
                        assessment, level.atLeast(RiskLevel.MEDIUM) ? 2 : 0));
            }
            return ROWS;
        });
    }
}
