package bg.nrm.rules.screening;

import bg.nrm.rules.Strength;

import java.util.ArrayList;
import java.util.List;

/**
 * Fact: the answers of one dimension counted by strength. The rules decide what the counts mean; this class only
 * counts.
 */
public final class DimensionCount {
    private final String dimension;
    private int strongYes;
    private int mediumYes;
    private int weakYes;
    private final List<String> yesCodes = new ArrayList<>(4);
    private final List<String> strongUnknownCodes = new ArrayList<>(4);

    DimensionCount(String dimension) {
        this.dimension = dimension;
    }

    void yes(String code, Strength strength) {
        yesCodes.add(code);
        switch (strength) {
            case STRONG -> strongYes++;
            case MEDIUM -> mediumYes++;
            case WEAK -> weakYes++;
        }
    }

    void strongUnknown(String code) {
        strongUnknownCodes.add(code);
    }

    boolean isEmpty() {
        return yesCodes.isEmpty() && strongUnknownCodes.isEmpty();
    }

    public String getDimension() {
        return dimension;
    }

    public int getStrongYes() {
        return strongYes;
    }

    public int getMediumYes() {
        return mediumYes;
    }

    public int getWeakYes() {
        return weakYes;
    }

    /** How many strong indicators are unknown, an unanswered item included. */
    public int getStrongUnknown() {
        return strongUnknownCodes.size();
    }

    /** The codes answered yes, in questionnaire order. */
    public List<String> getYesCodes() {
        return yesCodes;
    }

    /** The strong codes that are unknown, in questionnaire order. */
    public List<String> getStrongUnknownCodes() {
        return strongUnknownCodes;
    }
}
