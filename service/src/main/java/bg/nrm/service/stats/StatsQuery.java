package bg.nrm.service.stats;

import bg.nrm.rules.Regions;
import bg.nrm.service.http.Problem;
import bg.nrm.service.http.ProblemException;

import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The validated parameters of a statistics request: a month range of at most {@value #MAX_MONTHS} months, up to
 * {@value #MAX_BREAKDOWNS} breakdowns, and optionally one region. Every wrong parameter is reported at once as a
 * field error; messages name the rule, never the value sent.
 */
public record StatsQuery(YearMonth from, YearMonth to, List<Breakdown> by, Optional<String> region) {
    public static final int MAX_MONTHS = 60;
    public static final int MAX_BREAKDOWNS = 2;
    private static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
    private static final Regions REGIONS = Regions.builtIn();

    /** Parses {@code from}, {@code to}, {@code by} (comma list; {@code month} when absent) and {@code region}. */
    public static StatsQuery parse(Optional<String> from, Optional<String> to, Optional<String> by,
                                   Optional<String> region, boolean breakdownsAllowed) {
        List<Problem.FieldProblem> errors = new ArrayList<>();
        YearMonth start = month("from", from, errors);
        YearMonth end = month("to", to, errors);
        if (start != null && end != null) {
            if (start.isAfter(end)) {
                errors.add(new Problem.FieldProblem("to", "must not be before from"));
            } else if (ChronoUnit.MONTHS.between(start, end) + 1 > MAX_MONTHS) {
                errors.add(new Problem.FieldProblem("to", "the range may span at most " + MAX_MONTHS + " months"));
            }
        }
        List<Breakdown> breakdowns = breakdownsAllowed ? breakdowns(by, errors) : List.of();
        if (!breakdownsAllowed && by.isPresent()) {
            errors.add(new Problem.FieldProblem("by", "this resource has a fixed breakdown"));
        }
        Optional<String> reg = region.filter(r -> !r.isEmpty());
        if (reg.isPresent() && !REGIONS.isValid(reg.get())) {
            errors.add(new Problem.FieldProblem("region", "must be an ISO 3166-2:BG code, BG-01 to BG-28"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return new StatsQuery(start, end, breakdowns, reg);
    }

    /** The months of the range, in order. */
    public List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    private static YearMonth month(String field, Optional<String> value, List<Problem.FieldProblem> errors) {
        if (value.isEmpty() || value.get().isEmpty()) {
            errors.add(new Problem.FieldProblem(field, "required, as YYYY-MM"));
            return null;
        }
        if (!MONTH.matcher(value.get()).matches()) {
            errors.add(new Problem.FieldProblem(field, "must be a month as YYYY-MM"));
            return null;
        }
        return YearMonth.parse(value.get());
    }

    private static List<Breakdown> breakdowns(Optional<String> by, List<Problem.FieldProblem> errors) {
        if (by.isEmpty() || by.get().isEmpty()) {
            return List.of(Breakdown.MONTH);
        }
        List<Breakdown> out = new ArrayList<>();
        for (String code : by.get().split(",", -1)) {
            Optional<Breakdown> b = Breakdown.fromCode(code.trim());
            if (b.isEmpty()) {
                errors.add(new Problem.FieldProblem("by", "unknown breakdown; allowed: month, region, ageBand, gender, "
                        + "citizenship, questionnaire, level, dimension, form"));
                return List.of();
            }
            if (out.contains(b.get())) {
                errors.add(new Problem.FieldProblem("by", "a breakdown may appear only once"));
                return List.of();
            }
            out.add(b.get());
        }
        if (out.size() > MAX_BREAKDOWNS) {
            errors.add(new Problem.FieldProblem("by", "at most " + MAX_BREAKDOWNS + " breakdowns"));
            return List.of();
        }
        return List.copyOf(out);
    }
}
