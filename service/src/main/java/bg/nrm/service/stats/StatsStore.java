package bg.nrm.service.stats;

import bg.nrm.service.store.Database;
import bg.nrm.service.store.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads aggregates, never rows: every query groups in SQL on the {@code (region, month)} and {@code (month, region)}
 * indexed columns, so a year's table over a million screenings returns a few hundred groups. Column names come from
 * {@link Breakdown}; every value from the request is a bound parameter.
 */
public final class StatsStore {
    private final Database db;

    public StatsStore(Database db) {
        this.db = db;
    }

    /**
     * Counts screenings per combination of the breakdowns' values, multi-valued breakdowns already expanded.
     *
     * @param regions the regions to count; empty for all regions
     */
    public Map<List<String>, Long> counts(YearMonth from, YearMonth to, List<Breakdown> by, List<String> regions) {
        // Grouping first by the leading columns of the covering index that the query reads (month, region for all
        // regions; region, month for chosen ones) lets the database aggregate the index in order instead of sorting
        // every row; the few hundred groups are then summed here.
        List<String> columns = new ArrayList<>(regions.isEmpty() ? List.of("month", "region") : List.of("region", "month"));
        int[] position = new int[by.size()];
        for (int i = 0; i < by.size(); i++) {
            if (!columns.contains(by.get(i).column())) {
                columns.add(by.get(i).column());
            }
            position[i] = columns.indexOf(by.get(i).column()) + 1;
        }
        List<Object> params = new ArrayList<>(List.of(from.toString(), to.toString()));
        String sql = "SELECT " + String.join(", ", columns) + ", COUNT(*) FROM stats_screenings WHERE month >= ? "
                + "AND month <= ?" + regionFilter("region", regions, params) + " GROUP BY " + String.join(", ", columns);
        List<Map.Entry<List<String>, Long>> groups = db.read(c -> Sql.list(c, sql, rs -> {
            List<String> key = new ArrayList<>(by.size());
            for (int i = 0; i < by.size(); i++) {
                key.add(rs.getString(position[i]));
            }
            return Map.entry(key, rs.getLong(columns.size() + 1));
        }, params.toArray()));
        Map<List<String>, Long> summed = new HashMap<>();
        for (Map.Entry<List<String>, Long> group : groups) {
            summed.merge(group.getKey(), group.getValue(), Long::sum);
        }
        Map<List<String>, Long> out = new HashMap<>();
        for (Map.Entry<List<String>, Long> group : summed.entrySet()) {
            expand(by, group.getKey(), 0, new ArrayList<>(), group.getValue(), out);
        }
        return out;
    }

    /** The referrals of one region, month and recipient type: how many, acknowledged in time, escalated. */
    public record MechanismGroup(String region, YearMonth month, String recipientType, long referrals,
                                 long acknowledgedInTime, long escalations, List<Long> minutesToAcknowledge) {
    }

    /**
     * Mechanism figures per region, month (of creation, UTC) and recipient type. The month is computed in SQL from
     * bound month boundaries, the same on SQLite and PostgreSQL.
     */
    public List<MechanismGroup> mechanism(YearMonth from, YearMonth to, List<String> regions) {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            months.add(m);
        }
        List<Object> params = new ArrayList<>();
        StringBuilder bucket = new StringBuilder("CASE");
        for (int i = 0; i < months.size(); i++) {
            bucket.append(" WHEN created_at < ? THEN ").append(i);
            params.add(start(months.get(i).plusMonths(1)));
        }
        bucket.append(" END");
        List<Object> where = new ArrayList<>(List.of(start(from), start(to.plusMonths(1))));
        String filter = " FROM referrals WHERE created_at >= ? AND created_at < ?" + regionFilter("region", regions, where);
        String counts = "SELECT region, recipient_type, " + bucket + " AS m, COUNT(*), "
                + "SUM(CASE WHEN acknowledged_at IS NOT NULL AND acknowledged_at <= due_by THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN state = 'ESCALATED' THEN 1 ELSE 0 END)" + filter + " GROUP BY region, recipient_type, m";
        String durations = "SELECT region, recipient_type, " + bucket + " AS m, acknowledged_at - created_at" + filter
                + " AND acknowledged_at IS NOT NULL";
        List<Object> all = new ArrayList<>(params);
        all.addAll(where);
        return db.read(c -> {
            Map<List<Object>, List<Long>> minutes = new HashMap<>();
            try (PreparedStatement ps = prepare(c, durations, all); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    minutes.computeIfAbsent(List.of(rs.getString(1), rs.getString(2), rs.getInt(3)), k -> new ArrayList<>())
                            .add(rs.getLong(4) / 60_000);
                }
            }
            List<MechanismGroup> out = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, counts, all); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Object> key = List.of(rs.getString(1), rs.getString(2), rs.getInt(3));
                    List<Long> mins = new ArrayList<>(minutes.getOrDefault(key, List.of()));
                    Collections.sort(mins);
                    out.add(new MechanismGroup(rs.getString(1), months.get(rs.getInt(3)), rs.getString(2),
                            rs.getLong(4), rs.getLong(5), rs.getLong(6), List.copyOf(mins)));
                }
            }
            return out;
        });
    }

    private static long start(YearMonth month) {
        return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
        return ps;
    }

    private static String regionFilter(String column, List<String> regions, List<Object> params) {
        if (regions.isEmpty()) {
            return "";
        }
        params.addAll(regions);
        return " AND " + column + " IN (" + String.join(",", Collections.nCopies(regions.size(), "?")) + ")";
    }

    private static void expand(List<Breakdown> by, List<String> stored, int i, List<String> prefix, long count,
                               Map<List<String>, Long> out) {
        if (i == by.size()) {
            out.merge(List.copyOf(prefix), count, Long::sum);
            return;
        }
        for (String value : by.get(i).values(stored.get(i))) {
            prefix.add(value);
            expand(by, stored, i + 1, prefix, count, out);
            prefix.remove(prefix.size() - 1);
        }
    }
}
