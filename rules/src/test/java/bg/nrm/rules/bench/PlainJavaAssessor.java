package bg.nrm.rules.bench;

import bg.nrm.rules.ExploitationForm;
import bg.nrm.rules.Questionnaire;
import bg.nrm.rules.QuestionnaireItem;
import bg.nrm.rules.RiskLevel;
import bg.nrm.rules.ScreeningInput;
import bg.nrm.rules.Strength;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * INDICATORS.md rules 1-6 written once more as plain Java, independently of the DRL: the benchmark's reference and
 * the property tests' oracle. Expects a valid screening.
 */
public final class PlainJavaAssessor {
    private static final List<String> DIMENSIONS = List.of("DR", "CR", "VR", "EX", "CD", "VD", "CH");

    /** What the reference decides: level, finding codes, forms, positive dimensions and child rule. */
    public record Outcome(RiskLevel level, Set<String> findingCodes, Set<ExploitationForm> forms,
                          List<String> positiveDimensions, boolean treatedAsChild) {
    }

    private PlainJavaAssessor() {
    }

    public static Outcome assess(Questionnaire q, ScreeningInput input) {
        Map<String, String> answers = input.answers() == null ? Map.of() : input.answers();
        int[] strong = new int[DIMENSIONS.size()];
        int[] medium = new int[DIMENSIONS.size()];
        int[] weak = new int[DIMENSIONS.size()];
        int[] strongUnknown = new int[DIMENSIONS.size()];
        Set<String> yes = new HashSet<>();
        boolean anyStrongYes = false;
        for (QuestionnaireItem item : q.items()) {
            String a = answers.get(item.code());
            int d = DIMENSIONS.indexOf(item.dimension());
            if ("yes".equals(a)) {
                yes.add(item.code());
                anyStrongYes |= item.strength() == Strength.STRONG;
                if (d >= 0) {
                    switch (item.strength()) {
                        case STRONG -> strong[d]++;
                        case MEDIUM -> medium[d]++;
                        case WEAK -> weak[d]++;
                    }
                }
            } else if (!"no".equals(a) && d >= 0 && item.strength() == Strength.STRONG) {
                strongUnknown[d]++;
            }
        }
        Set<String> positive = new TreeSet<>((x, y) -> DIMENSIONS.indexOf(x) - DIMENSIONS.indexOf(y));
        Set<String> findings = new HashSet<>();
        boolean insufficient = false;
        for (int d = 0; d < DIMENSIONS.size(); d++) {
            int s = strong[d];
            int m = medium[d];
            int w = weak[d];
            if (s >= 2 || s >= 1 && m + w >= 1 || m >= 3 || m >= 2 && w >= 1) {
                positive.add(DIMENSIONS.get(d));
                findings.add(DIMENSIONS.get(d) + "_POSITIVE");
            }
            insufficient |= strongUnknown[d] >= 3;
        }
        int age = input.subject().ageYears();
        boolean ageInDoubt = Questionnaire.ADULT.equals(q.subject()) && input.subject().ageUncertain() && age < 21;
        boolean child = age < 18 || ageInDoubt;
        boolean recruitment = positive.contains("DR") || positive.contains("CR") || positive.contains("VR");
        boolean trafficking = child
                ? (recruitment || yes.contains("CH_MOVED")) && (positive.contains("EX") || positive.contains("CH"))
                : recruitment && positive.contains("EX") && (positive.contains("CD") || positive.contains("VD"));
        boolean childAbuse = child && yes.contains("VI_SEXUAL_ABUSE") && !positive.isEmpty();
        boolean danger = yes.stream().anyMatch(c -> c.startsWith("ID_"));

        RiskLevel level;
        if (danger) {
            level = RiskLevel.IMMEDIATE;
        } else if (trafficking || childAbuse) {
            level = RiskLevel.HIGH;
        } else if (!positive.isEmpty() || anyStrongYes) {
            level = RiskLevel.MEDIUM;
        } else if (!yes.isEmpty()) {
            level = RiskLevel.LOW;
        } else {
            level = RiskLevel.NONE;
        }
        if (trafficking) {
            findings.add("TRAFFICKING_INDICATED");
        }
        if (childAbuse) {
            findings.add("CHILD_SEXUAL_ABUSE_WITH_RISK");
        }
        if (danger) {
            findings.add("IMMEDIATE_DANGER");
        }
        if (insufficient) {
            findings.add("INSUFFICIENT_INFORMATION");
        }
        if (ageInDoubt && level != RiskLevel.NONE) {
            findings.add("AGE_UNCERTAIN_TREATED_AS_CHILD");
        }

        Set<ExploitationForm> forms = EnumSet.noneOf(ExploitationForm.class);
        if (yes.contains("EX_SEXUAL") || child && positive.contains("CH")
                && (yes.contains("CH_OLDER_PARTNER") || yes.contains("CH_SEXUALISED_ONLINE"))) {
            forms.add(ExploitationForm.SEXUAL);
        }
        if (yes.contains("EX_EXCESSIVE_HOURS") || yes.contains("EX_NO_PAY") || yes.contains("EX_HAZARDOUS")
                || yes.contains("EX_LIVING") || yes.contains("EX_NO_PROTECTION")) {
            forms.add(ExploitationForm.LABOUR);
        }
        if (yes.contains("EX_BEGGING")) {
            forms.add(ExploitationForm.BEGGING);
        }
        if (yes.contains("EX_CRIMINAL")) {
            forms.add(ExploitationForm.CRIMINAL_ACTIVITY);
        }
        if (yes.contains("EX_FORCED_MARRIAGE")) {
            forms.add(ExploitationForm.FORCED_MARRIAGE);
        }
        if (yes.contains("EX_BABY_SALE")) {
            forms.add(ExploitationForm.CHILD_SALE);
        }
        return new Outcome(level, findings, forms, List.copyOf(positive), child);
    }
}
