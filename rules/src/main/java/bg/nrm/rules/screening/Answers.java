package bg.nrm.rules.screening;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fact: the indicators answered yes. Only yes counts (INDICATORS.md rule 1); no, unknown and unanswered are alike
 * here. One fact per screening, so that a rule about a single answer costs one test, not a join.
 */
public final class Answers {
    private final List<String> yesCodes;
    private final Set<String> yes;
    private final List<String> strongYesCodes;
    private final List<String> dangerCodes;

    Answers(List<String> yesCodes, List<String> strongYesCodes, List<String> dangerCodes) {
        this.yesCodes = List.copyOf(yesCodes);
        this.yes = new HashSet<>(yesCodes);
        this.strongYesCodes = List.copyOf(strongYesCodes);
        this.dangerCodes = List.copyOf(dangerCodes);
    }

    /** Whether the indicator {@code code} was answered yes. */
    public boolean yes(String code) {
        return yes.contains(code);
    }

    /** Whether any indicator was answered yes. */
    public boolean isAnyYes() {
        return !yesCodes.isEmpty();
    }

    /** Whether any strong indicator was answered yes. */
    public boolean isAnyStrongYes() {
        return !strongYesCodes.isEmpty();
    }

    /** Whether any sign of immediate danger ({@code ID}) was answered yes. */
    public boolean isAnyDanger() {
        return !dangerCodes.isEmpty();
    }

    /** Every code answered yes, in questionnaire order. */
    public List<String> getYesCodes() {
        return yesCodes;
    }

    /** The strong codes answered yes, in questionnaire order. */
    public List<String> getStrongYesCodes() {
        return strongYesCodes;
    }

    /** The signs of immediate danger answered yes, in questionnaire order. */
    public List<String> getDangerCodes() {
        return dangerCodes;
    }
}
