package bg.nrm.service.stats;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the referral mechanism performs, per region, month of referral and recipient type: referrals made, the share
 * acknowledged by their deadline, the median minutes to acknowledgement, and how many were escalated. The referral
 * counts are protected like a one-way table with its total (primary and complementary suppression); the figures
 * derived from a cell are published only with its count, the median only when at least {@code threshold}
 * referrals were acknowledged, and escalations only when none or at least {@code threshold}. Likewise the
 * trafficking cases among the referrals (presumed victims: the screening found trafficking indicated) and, of
 * those, the ones the police recorded as formally identified.
 */
public record MechanismTable(String region, String from, String to, int threshold,
                             List<Map<String, Object>> cells,
                             @JsonInclude(JsonInclude.Include.ALWAYS) Long total, Boolean totalSuppressed) {

    static final List<String> COLUMNS = List.of("region", "month", "recipientType", "referrals", "suppressed",
            "acknowledgedInTimeShare", "medianMinutesToAcknowledge", "escalations", "presumedVictims",
            "formallyIdentified");
    static final List<String> HEADERS = List.of("Област (region)", "Месец (month)", "Вид получател (recipientType)",
            "Насочвания (referrals)", "Потиснато (suppressed)", "Дял потвърдени в срок (acknowledgedInTimeShare)",
            "Медиана минути до потвърждение (medianMinutesToAcknowledge)", "Ескалации (escalations)",
            "Предполагаеми жертви на трафик (presumedVictims)", "Официално идентифицирани (formallyIdentified)");

    /** Builds and protects the table. */
    public static MechanismTable build(String region, StatsQuery query, List<StatsStore.MechanismGroup> groups,
                                       int threshold) {
        List<StatsStore.MechanismGroup> sorted = new ArrayList<>(groups);
        sorted.sort(Comparator.comparing(StatsStore.MechanismGroup::region)
                .thenComparing(StatsStore.MechanismGroup::month)
                .thenComparing(StatsStore.MechanismGroup::recipientType));
        long[] counts = sorted.stream().mapToLong(StatsStore.MechanismGroup::referrals).toArray();
        Suppression.OneWay s = Suppression.oneWay(counts, threshold);
        List<Map<String, Object>> cells = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < sorted.size(); i++) {
            StatsStore.MechanismGroup g = sorted.get(i);
            total += g.referrals();
            boolean hidden = s.cells()[i];
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("region", g.region());
            cell.put("month", g.month().toString());
            cell.put("recipientType", g.recipientType());
            cell.put("referrals", hidden ? null : g.referrals());
            if (hidden) {
                cell.put("suppressed", true);
            }
            cell.put("acknowledgedInTimeShare", hidden ? null
                    : Math.round(100.0 * g.acknowledgedInTime() / g.referrals()) / 100.0);
            cell.put("medianMinutesToAcknowledge", hidden || g.minutesToAcknowledge().size() < threshold ? null
                    : median(g.minutesToAcknowledge()));
            cell.put("escalations", small(hidden, g.escalations(), threshold));
            cell.put("presumedVictims", small(hidden, g.presumedVictims(), threshold));
            cell.put("formallyIdentified", small(hidden, g.formallyIdentified(), threshold));
            cells.add(cell);
        }
        return new MechanismTable(region, query.from().toString(), query.to().toString(), threshold, cells,
                s.total() ? null : total, s.total() ? Boolean.TRUE : null);
    }

    /** The table as CSV rows, in the order of {@link #HEADERS}, the total last. */
    public byte[] csv() {
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, Object> cell : cells) {
            List<String> row = new ArrayList<>();
            for (String column : COLUMNS) {
                Object v = cell.get(column);
                row.add("suppressed".equals(column) ? String.valueOf(Boolean.TRUE.equals(v)) : v == null ? ""
                        : v instanceof Double d ? StatsCsv.decimal(d) : v.toString());
            }
            rows.add(row);
        }
        rows.add(List.of(StatsCsv.TOTAL, StatsCsv.TOTAL, StatsCsv.TOTAL, total == null ? "" : total.toString(),
                String.valueOf(total == null), "", "", "", "", ""));
        return StatsCsv.write(HEADERS, rows);
    }

    // A figure derived from a cell: hidden with the cell, and when it is small but not zero.
    private static Long small(boolean hidden, long value, int threshold) {
        return hidden || (value > 0 && value < threshold) ? null : value;
    }

    /** The median of sorted values, rounded down to a whole minute. */
    static long median(List<Long> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
