package bg.nrm.rules.screening;

import java.util.List;

/** Fact: a finding that later rules build on, such as {@code TRAFFICKING_INDICATED}. */
public final class Flag {
    private final String code;
    private final List<String> indicators;

    public Flag(String code, List<String> indicators) {
        this.code = code;
        this.indicators = List.copyOf(indicators);
    }

    public String getCode() {
        return code;
    }

    public List<String> getIndicators() {
        return indicators;
    }
}
