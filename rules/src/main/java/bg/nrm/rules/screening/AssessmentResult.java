package bg.nrm.rules.screening;

import bg.nrm.rules.Advice;
import bg.nrm.rules.Assessment;
import bg.nrm.rules.ExploitationForm;
import bg.nrm.rules.Finding;
import bg.nrm.rules.RiskLevel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The global {@code result} the screening rules write to: one instance per assessment, never shared between threads.
 * It records what the rules decided and turns it into an {@link Assessment} with a deterministic order.
 */
public final class AssessmentResult {
    /** Finding codes in the order an assessment lists them. */
    private static final List<String> FINDING_ORDER = List.of(
            "IMMEDIATE_DANGER", "TRAFFICKING_INDICATED", "CHILD_SEXUAL_ABUSE_WITH_RISK", "CHILD_SEXUAL_ABUSE",
            "CHILD_MARRIAGE_OR_SALE", "CHILD_IN_NEED_OF_PROTECTION",
            "DR_POSITIVE", "CR_POSITIVE", "VR_POSITIVE", "EX_POSITIVE", "CD_POSITIVE", "VD_POSITIVE", "CH_POSITIVE",
            "VI_POSITIVE", "AGE_UNCERTAIN_TREATED_AS_CHILD", "INSUFFICIENT_INFORMATION");
    /** The dimensions that can be positive under ruleset 1.x, in catalogue order. */
    public static final List<String> DIMENSIONS = List.of("DR", "CR", "VR", "EX", "CD", "VD", "CH");
    /** The dimensions that can be positive under ruleset 2.x: violence (VI) is one too. */
    public static final List<String> DIMENSIONS_2 = List.of("DR", "CR", "VR", "EX", "CD", "VD", "CH", "VI");

    private static final Map<String, Integer> FINDING_RANK = rank(FINDING_ORDER);

    private static final String INSUFFICIENT_INFORMATION = "INSUFFICIENT_INFORMATION";

    private static Map<String, Integer> rank(List<String> order) {
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            rank.put(order.get(i), i);
        }
        return Map.copyOf(rank);
    }

    private final List<String> yesCodes;
    private final List<String> unknownStrongOrder;
    private final Set<String> unknownStrong = new HashSet<>();
    private final List<Finding> findings = new ArrayList<>(4);
    private final Map<String, List<String>> positive = new HashMap<>();
    private final Set<ExploitationForm> forms = EnumSet.noneOf(ExploitationForm.class);
    private final Set<Recommendation> recommendations = EnumSet.noneOf(Recommendation.class);
    private final Set<ScreenerAdvice> advice = EnumSet.noneOf(ScreenerAdvice.class);
    private final List<String> dimensions;
    private final Set<String> levelIndicators = new HashSet<>();
    private RiskLevel level = RiskLevel.NONE;
    private boolean treatedAsChild;

    AssessmentResult(List<String> yesCodes, List<String> unknownStrongOrder, List<String> dimensions) {
        this.yesCodes = yesCodes;
        this.unknownStrongOrder = unknownStrongOrder;
        this.dimensions = dimensions;
    }

    /** Records a finding and returns it as a fact, for rules that build on it. */
    public Flag finding(String code, String rule, List<String> indicators) {
        findings.add(new Finding(code, rule, indicators));
        return new Flag(code, indicators);
    }

    /** Records one finding for each of the indicators, naming that indicator alone. */
    public void findingPerIndicator(String code, String rule, List<String> indicators) {
        for (String indicator : indicators) {
            findings.add(new Finding(code, rule, List.of(indicator)));
        }
    }

    /**
     * Records that strong indicators of a dimension are unknown. A screening carries one such finding; the codes of
     * every dimension concerned are merged into it, in questionnaire order.
     */
    public Flag insufficientInformation(String rule, List<String> unknownStrongCodes) {
        unknownStrong.addAll(unknownStrongCodes);
        findings.removeIf(f -> f.code().equals(INSUFFICIENT_INFORMATION));
        List<String> merged = new ArrayList<>(unknownStrong.size());
        for (String code : unknownStrongOrder) {
            if (unknownStrong.contains(code)) {
                merged.add(code);
            }
        }
        return finding(INSUFFICIENT_INFORMATION, rule, merged);
    }

    /** Records that a dimension is positive (and its finding) and returns the fact. */
    public PositiveDimension positive(String dimension, String rule, List<String> indicators) {
        positive.put(dimension, indicators);
        findings.add(new Finding(dimension + "_POSITIVE", rule, indicators));
        return new PositiveDimension(dimension, indicators);
    }

    /**
     * The yes answers behind the given dimensions, for those of them that are positive, in questionnaire order.
     * Only meaningful once the dimension rules have fired (they run first, by salience).
     */
    public List<String> indicatorsOfPositive(String... dimensions) {
        Set<String> codes = new HashSet<>();
        for (String d : dimensions) {
            List<String> c = positive.get(d);
            if (c != null) {
                codes.addAll(c);
            }
        }
        return ordered(codes);
    }

    /** Those of the given codes that were answered yes, in questionnaire order. */
    public List<String> yesAmong(String... codes) {
        return ordered(Set.of(codes));
    }

    /** The given codes together with the yes answers of the positive dimensions, in questionnaire order. */
    public List<String> withPositive(List<String> codes, String... dimensions) {
        Set<String> all = new HashSet<>(codes);
        all.addAll(indicatorsOfPositive(dimensions));
        return ordered(all);
    }

    /** Raises the level to {@code to} if it is lower; at an equal level the indicators are added up. */
    public void raise(RiskLevel to, Collection<String> indicators) {
        int c = to.compareTo(level);
        if (c > 0) {
            level = to;
            levelIndicators.clear();
        }
        if (c >= 0) {
            levelIndicators.addAll(indicators);
        }
    }

    public RiskLevel level() {
        return level;
    }

    /** The yes answers that made the level, in questionnaire order. */
    public List<String> levelIndicators() {
        return ordered(levelIndicators);
    }

    public void form(ExploitationForm form) {
        forms.add(form);
    }

    public void recommend(Recommendation recommendation) {
        recommendations.add(recommendation);
    }

    /** Ruleset 2.x: adds a piece of advice for the screener, in Bulgarian and English. */
    public void advise(ScreenerAdvice piece) {
        advice.add(piece);
    }

    /** Ruleset 2.x: removes the finding with this code, if present (a rule that limits where a finding applies). */
    public void withdraw(String findingCode) {
        findings.removeIf(f -> f.code().equals(findingCode));
    }

    public void treatAsChild() {
        treatedAsChild = true;
    }

    private List<String> ordered(Set<String> codes) {
        List<String> out = new ArrayList<>(codes.size());
        for (String code : yesCodes) {
            if (codes.contains(code)) {
                out.add(code);
            }
        }
        return out;
    }

    /** The assessment the rules arrived at. */
    public Assessment toAssessment(String rulesetVersion) {
        List<Finding> sorted = new ArrayList<>(findings);
        if (sorted.size() > 1) {
            sorted.sort(Comparator.comparingInt((Finding f) -> FINDING_RANK.getOrDefault(f.code(), -1))
                    .thenComparingInt(f -> f.indicators().isEmpty() ? -1 : yesCodes.indexOf(f.indicators().get(0))));
        }
        List<String> positiveDimensions = new ArrayList<>(positive.size());
        for (String d : this.dimensions) {
            if (positive.containsKey(d)) {
                positiveDimensions.add(d);
            }
        }
        if (!advice.isEmpty()) {
            // Ruleset 2.x: the screener reads Bulgarian first; the codes and both languages travel as advice.
            List<Advice> pieces = new ArrayList<>(advice.size());
            List<String> texts = new ArrayList<>(advice.size());
            for (ScreenerAdvice piece : advice) {
                pieces.add(piece.advice());
                texts.add(piece.advice().text().bg());
            }
            return new Assessment(level, sorted, List.copyOf(forms), positiveDimensions, texts, treatedAsChild,
                    rulesetVersion, pieces);
        }
        List<String> texts = new ArrayList<>(recommendations.size());
        for (Recommendation recommendation : recommendations) {
            texts.add(recommendation.text());
        }
        return new Assessment(level, sorted, List.copyOf(forms), positiveDimensions, texts, treatedAsChild,
                rulesetVersion);
    }
}
