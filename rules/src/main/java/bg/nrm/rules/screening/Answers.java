package bg.nrm.rules.screening;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fact: the indicators answered yes. Only yes counts (INDICATORS.md rule 1); no, unknown and unanswered are alike
 * here. One fact per screening, so that a rule about a single answer costs one test, not a join.
 */
public final class Answers {
    private final List<String> yesCodes;
    private final Set<String> yes;
    private final List<String> strongYesCodes;
    private final List<String> dangerCodes;
    private final List<String> yesDimensions;

    Answers(List<String> yesCodes, List<String> strongYesCodes, List<String> dangerCodes) {
        this(yesCodes, List.of(), strongYesCodes, dangerCodes);
    }

    Answers(List<String> yesCodes, List<String> yesDimensions, List<String> strongYesCodes, List<String> dangerCodes) {
        this.yesCodes = List.copyOf(yesCodes);
        this.yesDimensions = List.copyOf(yesDimensions);
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

    /**
     * The codes answered yes whose dimension is one of {@code dimensions} (comma-separated, for example
     * {@code "VI,EX,CR,CD,ACT"}), in questionnaire order. Ruleset 2.x only (version 1 facts carry no dimensions).
     */
    public List<String> yesIn(String dimensions) {
        Set<String> wanted = dimensionSet(dimensions);
        List<String> out = new ArrayList<>(yesCodes.size());
        for (int i = 0; i < yesDimensions.size(); i++) {
            if (wanted.contains(yesDimensions.get(i))) {
                out.add(yesCodes.get(i));
            }
        }
        return out;
    }

    /** Whether any code of the given dimensions (comma-separated) was answered yes. */
    public boolean anyYesIn(String dimensions) {
        Set<String> wanted = dimensionSet(dimensions);
        for (String dimension : yesDimensions) {
            if (wanted.contains(dimension)) {
                return true;
            }
        }
        return false;
    }

    // The rules name a handful of fixed dimension lists: each is split once, not on every test of every screening.
    private static final Map<String, Set<String>> DIMENSION_SETS = new ConcurrentHashMap<>();

    private static Set<String> dimensionSet(String dimensions) {
        return DIMENSION_SETS.computeIfAbsent(dimensions, d -> Set.copyOf(List.of(d.split(","))));
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
