package bg.nrm.service.bench;

import bg.nrm.service.stats.Breakdown;
import bg.nrm.service.stats.MechanismTable;
import bg.nrm.service.stats.StatsQuery;
import bg.nrm.service.stats.StatsStore;
import bg.nrm.service.stats.StatsTable;
import bg.nrm.service.store.Database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Query time of statistics tables over a million statistics rows (not part of the test suite; run with
 * {@code bench/stats-bench.sh [sqlite|postgres|both] [rows]}). Bulk-inserts random de-identified rows over two years and
 * 28 regions with batched inserts into a fresh SQLite file or a fresh PostgreSQL schema (dropped afterwards), then
 * times the SQL grouping plus suppression of: one region's year by month and level, the national year by region, the
 * national year by region and level, and the mechanism figures. Prints figures; asserts nothing.
 */
public final class StatsBenchmark {
    private static final String PG = System.getenv().getOrDefault("NRM_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    private static final String[] LEVELS = {"NONE", "LOW", "MEDIUM", "HIGH", "IMMEDIATE"};
    private static final String[] BANDS = {"0-13", "14-17", "18-24", "25-34", "35-49", "50+", "unknown"};
    private static final String[] GENDERS = {"female", "male", "other", "unknown"};
    private static final String[] CITIZENSHIP = {"BG", "EU", "NON_EU"};
    private static final String[] DIMENSIONS = {"", "EX", "EX,CH", "DR,VR", "CD,EX,VD"};
    private static final String[] FORMS = {"", "SEXUAL", "LABOUR", "BEGGING,CRIMINAL_ACTIVITY"};

    private StatsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "both";
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        if (!which.equals("postgres")) {
            Path dir = Files.createTempDirectory("nrm-stats-bench");
            run("SQLite", "jdbc:sqlite:" + dir.resolve("bench.db"), rows);
        }
        if (!which.equals("sqlite")) {
            String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            execute(PG, "CREATE SCHEMA " + schema);
            try {
                run("PostgreSQL", PG + "&currentSchema=" + schema, rows);
            } finally {
                execute(PG, "DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static void run(String name, String url, int rows) throws SQLException {
        try (Database db = Database.open(url)) {
            long t0 = System.nanoTime();
            insert(db, rows);
            long insertMs = (System.nanoTime() - t0) / 1_000_000;
            db.read(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("ANALYZE");
                }
                return null;
            });
            System.out.printf("%s: inserted %,d statistics rows in %,d ms (%,.0f rows/s)%n", name, rows, insertMs,
                    rows * 1000.0 / Math.max(1, insertMs));
            StatsStore store = new StatsStore(db);
            YearMonth from = YearMonth.of(2026, 1);
            YearMonth to = YearMonth.of(2026, 12);
            time(name, "region BG-16, 2026, by=month,level", () -> table(store, from, to,
                    List.of(Breakdown.MONTH, Breakdown.LEVEL), List.of("BG-16")));
            time(name, "national, 2026, by=region", () -> table(store, from, to, List.of(Breakdown.REGION), List.of()));
            time(name, "national, 2026, by=region,level", () -> table(store, from, to,
                    List.of(Breakdown.REGION, Breakdown.LEVEL), List.of()));
            time(name, "national, 2026, by=region,dimension", () -> table(store, from, to,
                    List.of(Breakdown.REGION, Breakdown.DIMENSION), List.of()));
            time(name, "mechanism, national, 2026", () -> MechanismTable.build("ALL",
                    new StatsQuery(from, to, List.of(), Optional.empty()), store.mechanism(from, to, List.of()), 5)
                    .cells().size());
        }
    }

    private static int table(StatsStore store, YearMonth from, YearMonth to, List<Breakdown> by, List<String> regions) {
        Map<List<String>, Long> counts = store.counts(from, to, by, regions);
        StatsTable t = StatsTable.build(regions.isEmpty() ? "ALL" : regions.get(0),
                new StatsQuery(from, to, by, Optional.empty()), counts, 5);
        return t.cells().size();
    }

    private static void time(String db, String what, Supplier<Integer> query) {
        for (int i = 0; i < 2; i++) {
            query.get();
        }
        List<Double> ms = new ArrayList<>();
        int cells = 0;
        for (int i = 0; i < 10; i++) {
            long t0 = System.nanoTime();
            cells = query.get();
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        Collections.sort(ms);
        System.out.printf("%s: %-38s %4d cells  median %7.1f ms  min %7.1f ms  max %7.1f ms%n", db, what, cells,
                ms.get(ms.size() / 2), ms.get(0), ms.get(ms.size() - 1));
    }

    /** Random rows over 2025-2026 and the 28 regions, batched 10,000 to a statement and a transaction. */
    private static void insert(Database db, int rows) {
        SplittableRandom random = new SplittableRandom(42);
        int batch = 10_000;
        for (int done = 0; done < rows; done += batch) {
            int n = Math.min(batch, rows - done);
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO stats_screenings (id, month, region, "
                        + "age_band, gender, citizenship_group, questionnaire, level, dimensions, forms, referrals) "
                        + "VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
                    for (int i = 0; i < n; i++) {
                        ps.setLong(1, random.nextLong());
                        ps.setString(2, YearMonth.of(2025 + random.nextInt(2), 1 + random.nextInt(12)).toString());
                        ps.setString(3, String.format("BG-%02d", 1 + random.nextInt(28)));
                        ps.setString(4, BANDS[random.nextInt(BANDS.length)]);
                        ps.setString(5, GENDERS[random.nextInt(GENDERS.length)]);
                        ps.setString(6, CITIZENSHIP[random.nextInt(CITIZENSHIP.length)]);
                        ps.setString(7, random.nextBoolean() ? "child-risk" : "adult-risk");
                        ps.setString(8, LEVELS[random.nextInt(LEVELS.length)]);
                        ps.setString(9, DIMENSIONS[random.nextInt(DIMENSIONS.length)]);
                        ps.setString(10, FORMS[random.nextInt(FORMS.length)]);
                        ps.setInt(11, random.nextInt(4));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
