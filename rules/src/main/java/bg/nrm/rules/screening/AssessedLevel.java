package bg.nrm.rules.screening;

import bg.nrm.rules.RiskLevel;

/** Fact: the level, once every level rule has had its say. */
public final class AssessedLevel {
    private final RiskLevel level;

    public AssessedLevel(RiskLevel level) {
        this.level = level;
    }

    public RiskLevel getLevel() {
        return level;
    }
}
