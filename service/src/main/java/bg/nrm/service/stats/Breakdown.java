package bg.nrm.service.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The ways a statistics table can be broken down ({@code by=}), each bound to one column of
 * {@code stats_screenings}. Column names come from here only, never from the request. {@link #DIMENSION} and
 * {@link #FORM} are multi-valued: a screening counts once under each positive dimension (or form) it has, and once
 * under {@code none} when it has none, so the cells of such a table count mentions, not screenings.
 */
public enum Breakdown {
    MONTH("month", "month", "Месец", List.of()),
    REGION("region", "region", "Област", List.of()),
    AGE_BAND("ageBand", "age_band", "Възрастова група", List.of("0-13", "14-17", "18-24", "25-34", "35-49", "50+",
            "unknown")),
    GENDER("gender", "gender", "Пол", List.of("female", "male", "other", "unknown")),
    CITIZENSHIP("citizenship", "citizenship_group", "Гражданство", List.of("BG", "EU", "NON_EU", "unknown")),
    QUESTIONNAIRE("questionnaire", "questionnaire", "Въпросник", List.of()),
    LEVEL("level", "level", "Ниво на риска", List.of("NONE", "LOW", "MEDIUM", "HIGH", "IMMEDIATE")),
    DIMENSION("dimension", "dimensions", "Измерение", List.of()),
    FORM("form", "forms", "Форма на експлоатация", List.of());

    /** The value a multi-valued breakdown gives a screening that has none. */
    public static final String NONE = "none";

    private final String code;
    private final String column;
    private final String label;
    private final List<String> order;

    Breakdown(String code, String column, String label, List<String> order) {
        this.code = code;
        this.column = column;
        this.label = label;
        this.order = order;
    }

    /** The name used in {@code by=} and as the key of a cell. */
    public String code() {
        return code;
    }

    /** The column of {@code stats_screenings}. */
    String column() {
        return column;
    }

    /** The Bulgarian label of a CSV header, followed by the English code: {@code Месец (month)}. */
    public String header() {
        return label + " (" + code + ")";
    }

    public boolean multiValued() {
        return this == DIMENSION || this == FORM;
    }

    /** Splits a stored value into the values a screening counts under. */
    List<String> values(String stored) {
        if (!multiValued()) {
            return List.of(stored);
        }
        if (stored == null || stored.isBlank()) {
            return List.of(NONE);
        }
        return Arrays.stream(stored.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** The order in which values are listed: the natural order of bands and levels, otherwise alphabetical. */
    Comparator<String> order() {
        if (order.isEmpty()) {
            return Comparator.comparing((String v) -> NONE.equals(v)).thenComparing(Comparator.naturalOrder());
        }
        return Comparator.comparing((String v) -> order.indexOf(v) < 0 ? Integer.MAX_VALUE : order.indexOf(v))
                .thenComparing(Comparator.naturalOrder());
    }

    public static Optional<Breakdown> fromCode(String code) {
        return Arrays.stream(values()).filter(b -> b.code.equals(code)).findFirst();
    }
}
