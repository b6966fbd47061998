package bg.nrm.service.web;

import bg.nrm.rules.Regions;
import bg.nrm.service.http.Json;
import bg.nrm.service.stats.MechanismTable;
import bg.nrm.service.stats.StatsTable;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A published statistics table laid out for the commission's page: a one-way table as rows, a two-way table as a
 * cross-table with its margins. A cell is a count or "suppressed"; a combination the table does not list is zero.
 * Also the data of the charts, as JSON for {@code stats.js} (in an attribute, escaped by the template engine).
 */
public record StatsView(List<String> by, List<String> rows, List<String> columns, Map<String, Cell> cells,
                        Map<String, Cell> rowTotals, Map<String, Cell> columnTotals, Cell total, String unit) {

    /** A published number, or suppressed ({@code count} null). */
    public record Cell(Long count, boolean suppressed) {
        static final Cell ZERO = new Cell(0L, false);

        static Cell of(Map<String, Object> cell) {
            Object n = cell.get("count");
            return new Cell(n == null ? null : ((Number) n).longValue(), Boolean.TRUE.equals(cell.get("suppressed")));
        }
    }

    /** Lays out {@code t}. */
    public static StatsView of(StatsTable t) {
        List<String> by = t.by();
        Set<String> rows = new LinkedHashSet<>();
        Set<String> columns = new LinkedHashSet<>();
        Map<String, Cell> cells = new HashMap<>();
        for (Map<String, Object> c : t.cells()) {
            String r = String.valueOf(c.get(by.get(0)));
            String col = by.size() > 1 ? String.valueOf(c.get(by.get(1))) : "";
            rows.add(r);
            columns.add(col);
            cells.put(key(r, col), Cell.of(c));
        }
        Map<String, Cell> rowTotals = new LinkedHashMap<>();
        Map<String, Cell> columnTotals = new LinkedHashMap<>();
        if (t.margins() != null) {
            // The margins list every value, also those whose cells are all zero: they give the full row and column order.
            rows.clear();
            columns.clear();
            for (Map<String, Object> m : t.margins().get(by.get(0))) {
                rows.add(String.valueOf(m.get(by.get(0))));
                rowTotals.put(String.valueOf(m.get(by.get(0))), Cell.of(m));
            }
            for (Map<String, Object> m : t.margins().get(by.get(1))) {
                columns.add(String.valueOf(m.get(by.get(1))));
                columnTotals.put(String.valueOf(m.get(by.get(1))), Cell.of(m));
            }
        }
        Cell total = new Cell(t.total(), t.total() == null);
        return new StatsView(by, List.copyOf(rows), by.size() > 1 ? List.copyOf(columns) : List.of(), cells,
                rowTotals, columnTotals, total, t.unit());
    }

    public boolean twoWay() {
        return by.size() > 1;
    }

    /** The cell of a row (and column, for a two-way table); zero when the table does not list it. */
    public Cell cell(String row, String column) {
        return cells.getOrDefault(key(row, column == null ? "" : column), Cell.ZERO);
    }

    public boolean anySuppressed() {
        return total.suppressed() || cells.values().stream().anyMatch(Cell::suppressed)
                || rowTotals.values().stream().anyMatch(Cell::suppressed)
                || columnTotals.values().stream().anyMatch(Cell::suppressed);
    }

    /**
     * The chart of monthly counts by level, from a {@code month, level} table: one series per level, a gap where a
     * count is suppressed. Null when the table is not broken down that way or is empty.
     */
    public String levelChart(Page page) {
        if (!by.equals(List.of("month", "level")) || rows.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> series = new ArrayList<>();
        for (String level : columns) {
            List<Long> values = new ArrayList<>();
            for (String month : rows) {
                values.add(cell(month, level).count());
            }
            series.add(Map.of("label", page.t("level." + level), "key", level, "values", values));
        }
        return json(Map.of("x", rows.stream().map(StatsView::shortMonth).toList(), "series", series,
                "y", page.t("stats.chart.count")));
    }

    /**
     * The chart of median time to acknowledge by recipient type (hours, one series per type, months across), when
     * the figures are of one region; null otherwise (medians of several regions cannot be combined).
     */
    public static String acknowledgeChart(Page page, MechanismTable m) {
        Set<String> regions = new LinkedHashSet<>();
        Set<String> months = new java.util.TreeSet<>();
        Map<String, Map<String, Object>> byKey = new HashMap<>();
        Set<String> types = new java.util.TreeSet<>();
        for (Map<String, Object> c : m.cells()) {
            regions.add(String.valueOf(c.get("region")));
            months.add(String.valueOf(c.get("month")));
            types.add(String.valueOf(c.get("recipientType")));
            byKey.put(c.get("month") + "|" + c.get("recipientType"), c);
        }
        if (regions.size() != 1 || months.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> series = new ArrayList<>();
        for (String type : types) {
            List<Double> values = new ArrayList<>();
            for (String month : months) {
                Object minutes = byKey.getOrDefault(month + "|" + type, Map.of()).get("medianMinutesToAcknowledge");
                values.add(minutes == null ? null : Math.round(((Number) minutes).doubleValue() / 6.0) / 10.0);
            }
            series.add(Map.of("label", label(page, "recipientType", type), "key", type, "values", values));
        }
        return json(Map.of("x", months.stream().map(StatsView::shortMonth).toList(), "series", series,
                "y", page.t("stats.chart.hours")));
    }

    /** A breakdown value in the page's words: month names, region names, levels, genders, dimensions, forms. */
    public static String label(Page page, String breakdown, String value) {
        if (value == null) {
            return "";
        }
        String key = switch (breakdown) {
            case "level" -> "level." + value;
            case "gender" -> "gender." + value;
            case "dimension" -> "dimension." + value;
            case "form" -> "form.exploitation." + value;
            case "recipientType" -> "orgType." + value;
            default -> "stats.value." + breakdown + "." + value;
        };
        if (page.has(key)) {
            return page.t(key);
        }
        if (Breakdowns.NONE.equals(value)) {
            return page.t("stats.value.none");
        }
        return switch (breakdown) {
            case "month" -> YearMonth.parse(value).format(DateTimeFormatter.ofPattern("LLLL yyyy", page.lang().locale()));
            case "region" -> Regions.builtIn().find(value)
                    .map(r -> page.lang() == Lang.EN ? r.nameEn() : r.nameBg()).orElse(value);
            default -> value;
        };
    }

    /** The codes of the breakdowns a commission may choose on the page, in the order offered. */
    public static final class Breakdowns {
        public static final List<String> ALL = List.of("month", "level", "region", "ageBand", "gender", "citizenship",
                "questionnaire", "dimension", "form");
        static final String NONE = "none";

        private Breakdowns() {
        }
    }

    // Charts label months briefly (03.2026): the axis of a 360 px phone has room for little more.
    private static String shortMonth(String month) {
        return YearMonth.parse(month).format(DateTimeFormatter.ofPattern("MM.yyyy"));
    }

    private static String key(String row, String column) {
        return row + "\u0000" + column;
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chart data could not be written", e);
        }
    }
}
