package bg.nrm.rules.screening;

import java.util.List;

/** Fact: a dimension whose yes answers reached one of the combinations of INDICATORS.md rule 2. */
public final class PositiveDimension {
    private final String dimension;
    private final List<String> indicators;

    public PositiveDimension(String dimension, List<String> indicators) {
        this.dimension = dimension;
        this.indicators = List.copyOf(indicators);
    }

    public String getDimension() {
        return dimension;
    }

    /** The dimension's yes answers. */
    public List<String> getIndicators() {
        return indicators;
    }
}
