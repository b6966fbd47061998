package bg.nrm.rules.screening;

import bg.nrm.rules.Strength;

/** Fact: one indicator answered yes. Only yes counts (INDICATORS.md rule 1), so no and unknown have no fact. */
public final class YesAnswer {
    private final String code;
    private final String dimension;
    private final Strength strength;

    public YesAnswer(String code, String dimension, Strength strength) {
        this.code = code;
        this.dimension = dimension;
        this.strength = strength;
    }

    public String getCode() {
        return code;
    }

    public String getDimension() {
        return dimension;
    }

    /** The strength, or {@code null} for the act ({@code ACT}) and immediate danger ({@code ID}) items. */
    public Strength getStrength() {
        return strength;
    }
}
