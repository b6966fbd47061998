package bg.nrm.service.stats;

import bg.nrm.service.referral.ReferralStore;
import bg.nrm.service.store.Database;
import bg.nrm.service.store.Sql;

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
    private final ReferralStore referrals;

    public StatsStore(Database db) {
        this.db = db;
        this.referrals = new ReferralStore(db);
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

    /** Mechanism figures per region, month (of creation, UTC) and recipient type, read from the referrals. */
    public List<MechanismGroup> mechanism(YearMonth from, YearMonth to, List<String> regions) {
        List<YearMonth> months = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            months.add(m);
            starts.add(start(m));
        }
        starts.add(start(to.plusMonths(1)));
        return referrals.mechanismFigures(starts, regions).stream()
                .map(f -> new MechanismGroup(f.region(), months.get(f.month()), f.recipientType(), f.referrals(),
                        f.acknowledgedInTime(), f.escalations(), f.minutesToAcknowledge()))
                .toList();
    }

    private static long start(YearMonth month) {
        return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
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
