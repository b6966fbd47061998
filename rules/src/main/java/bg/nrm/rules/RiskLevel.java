package bg.nrm.rules;

/** Risk levels, in rising order; {@link #compareTo} follows that order. */
public enum RiskLevel {
    NONE, LOW, MEDIUM, HIGH, IMMEDIATE;

    /** Whether this level is at least {@code other}. */
    public boolean atLeast(RiskLevel other) {
        return compareTo(other) >= 0;
    }
}
