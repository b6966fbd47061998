package bg.nrm.rules.screening;

import java.util.List;

/** Fact: for a child, the act element of trafficking (recruitment, transport, harbouring, receipt). */
public final class Act {
    private final List<String> indicators;

    public Act(List<String> indicators) {
        this.indicators = List.copyOf(indicators);
    }

    public List<String> getIndicators() {
        return indicators;
    }
}
