package bg.nrm.service.stats;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A published statistics table: only non-empty cells are listed; a suppressed number is {@code null} with
 * {@code suppressed: true}. Two-way tables also publish their margins (one list per breakdown), protected together
 * with the cells. {@code unit} is {@code screenings}, or {@code mentions} when a multi-valued breakdown counts a
 * screening once per value, in which case the margins and the total are sums of the cells, not screenings.
 */
public record StatsTable(String region, String from, String to, List<String> by, int threshold, String unit,
                         List<Map<String, Object>> cells, Map<String, List<Map<String, Object>>> margins,
                         @JsonInclude(JsonInclude.Include.ALWAYS) Long total, Boolean totalSuppressed) {

    static final String COUNT = "count";
    static final String SUPPRESSED = "suppressed";

    /** Builds and protects the table of {@code counts} (keys in the order of {@code by}). */
    public static StatsTable build(String region, StatsQuery query, Map<List<String>, Long> counts, int threshold) {
        List<Breakdown> by = query.by();
        String unit = by.stream().anyMatch(Breakdown::multiValued) ? "mentions" : "screenings";
        List<String> codes = by.stream().map(Breakdown::code).toList();
        if (by.size() == 1) {
            return oneWay(region, query, codes, unit, counts, threshold);
        }
        return twoWay(region, query, codes, unit, counts, threshold);
    }

    private static StatsTable oneWay(String region, StatsQuery query, List<String> codes, String unit,
                                     Map<List<String>, Long> counts, int threshold) {
        Breakdown b = query.by().get(0);
        List<String> values = sorted(counts, 0, b);
        long[] n = values.stream().mapToLong(v -> counts.get(List.of(v))).toArray();
        Suppression.OneWay s = Suppression.oneWay(n, threshold);
        List<Map<String, Object>> cells = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < n.length; i++) {
            cells.add(cell(Map.of(b.code(), values.get(i)), n[i], s.cells()[i]));
            total += n[i];
        }
        return new StatsTable(region, query.from().toString(), query.to().toString(), codes, threshold, unit,
                cells, null, s.total() ? null : total, s.total() ? Boolean.TRUE : null);
    }

    private static StatsTable twoWay(String region, StatsQuery query, List<String> codes, String unit,
                                     Map<List<String>, Long> counts, int threshold) {
        Breakdown rb = query.by().get(0);
        Breakdown cb = query.by().get(1);
        List<String> rows = sorted(counts, 0, rb);
        List<String> cols = sorted(counts, 1, cb);
        long[][] n = new long[rows.size()][cols.size()];
        long total = 0;
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < cols.size(); j++) {
                n[i][j] = counts.getOrDefault(List.of(rows.get(i), cols.get(j)), 0L);
                total += n[i][j];
            }
        }
        Suppression.TwoWay s = Suppression.twoWay(n, threshold);
        List<Map<String, Object>> cells = new ArrayList<>();
        List<Map<String, Object>> rowMargins = new ArrayList<>();
        List<Map<String, Object>> colMargins = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            long sum = 0;
            for (int j = 0; j < cols.size(); j++) {
                sum += n[i][j];
                if (n[i][j] > 0) {
                    Map<String, Object> key = new LinkedHashMap<>();
                    key.put(rb.code(), rows.get(i));
                    key.put(cb.code(), cols.get(j));
                    cells.add(cell(key, n[i][j], s.cells()[i][j]));
                }
            }
            rowMargins.add(cell(Map.of(rb.code(), rows.get(i)), sum, s.rows()[i]));
        }
        for (int j = 0; j < cols.size(); j++) {
            long sum = 0;
            for (long[] row : n) {
                sum += row[j];
            }
            colMargins.add(cell(Map.of(cb.code(), cols.get(j)), sum, s.columns()[j]));
        }
        Map<String, List<Map<String, Object>>> margins = new LinkedHashMap<>();
        margins.put(rb.code(), rowMargins);
        margins.put(cb.code(), colMargins);
        return new StatsTable(region, query.from().toString(), query.to().toString(), codes, threshold, unit,
                cells, margins, s.total() ? null : total, s.total() ? Boolean.TRUE : null);
    }

    /** A cell: its breakdown values, then {@code count}, or {@code count: null, suppressed: true}. */
    static Map<String, Object> cell(Map<String, Object> key, long count, boolean suppressed) {
        Map<String, Object> cell = new LinkedHashMap<>(key);
        cell.put(COUNT, suppressed ? null : count);
        if (suppressed) {
            cell.put(SUPPRESSED, true);
        }
        return cell;
    }

    private static List<String> sorted(Map<List<String>, Long> counts, int position, Breakdown b) {
        TreeSet<String> values = new TreeSet<>(b.order());
        for (Map.Entry<List<String>, Long> e : counts.entrySet()) {
            if (e.getValue() > 0) {
                values.add(e.getKey().get(position));
            }
        }
        return List.copyOf(values);
    }
}
