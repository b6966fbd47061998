package bg.nrm.rules.screening;

import bg.nrm.rules.Answer;
import bg.nrm.rules.Questionnaire;
import bg.nrm.rules.QuestionnaireItem;
import bg.nrm.rules.Strength;
import bg.nrm.rules.Subject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated screening into the facts the rules reason over and the result they write to. Counting only: no
 * decision is taken here.
 */
public final class ScreeningFacts {
    private static final Map<String, Integer> DIMENSION_INDEX = new HashMap<>();

    static {
        for (int i = 0; i < AssessmentResult.DIMENSIONS.size(); i++) {
            DIMENSION_INDEX.put(AssessmentResult.DIMENSIONS.get(i), i);
        }
    }

    private final List<Object> facts;
    private final AssessmentResult result;

    private ScreeningFacts(List<Object> facts, AssessmentResult result) {
        this.facts = facts;
        this.result = result;
    }

    /**
     * Builds the facts of a screening that passed validation.
     *
     * @param answers raw answers by code; a missing item is unknown
     */
    public static ScreeningFacts of(Questionnaire questionnaire, Subject subject, Map<String, String> answers) {
        List<Object> facts = new ArrayList<>(16);
        List<String> yesCodes = new ArrayList<>(8);
        List<String> unknownStrong = new ArrayList<>(8);
        List<String> strongYes = new ArrayList<>(4);
        List<String> danger = new ArrayList<>(2);
        DimensionCount[] counts = new DimensionCount[AssessmentResult.DIMENSIONS.size()];
        facts.add(new ScreenedPerson(subject.ageYears(), Questionnaire.ADULT.equals(questionnaire.subject()),
                subject.ageUncertain(), subject.consentToIdentifiedReferral()));
        for (QuestionnaireItem item : questionnaire.items()) {
            String raw = answers == null ? null : answers.get(item.code());
            Answer answer = answer(raw);
            if (answer == Answer.YES) {
                yesCodes.add(item.code());
                if (item.strength() == Strength.STRONG) {
                    strongYes.add(item.code());
                }
                if (item.dimension().equals("ID")) {
                    danger.add(item.code());
                }
                Integer d = DIMENSION_INDEX.get(item.dimension());
                if (d != null) {
                    count(counts, d).yes(item.code(), item.strength());
                }
            } else if (answer == Answer.UNKNOWN && item.strength() == Strength.STRONG) {
                Integer d = DIMENSION_INDEX.get(item.dimension());
                if (d != null) {
                    unknownStrong.add(item.code());
                    count(counts, d).strongUnknown(item.code());
                }
            }
        }
        facts.add(new Answers(yesCodes, strongYes, danger));
        for (DimensionCount count : counts) {
            if (count != null && !count.isEmpty()) {
                facts.add(count);
            }
        }
        return new ScreeningFacts(facts, new AssessmentResult(yesCodes, unknownStrong));
    }

    /** Same as {@code Answer.parse(raw).orElse(Answer.UNKNOWN)}, a missing answer included, without the Optional. */
    private static Answer answer(String raw) {
        if ("yes".equals(raw)) {
            return Answer.YES;
        }
        return "no".equals(raw) ? Answer.NO : Answer.UNKNOWN;
    }

    private static DimensionCount count(DimensionCount[] counts, int d) {
        if (counts[d] == null) {
            counts[d] = new DimensionCount(AssessmentResult.DIMENSIONS.get(d));
        }
        return counts[d];
    }

    /** The facts to insert. */
    public List<Object> facts() {
        return facts;
    }

    /** The result the rules write to, to be set as the global {@code result}. */
    public AssessmentResult result() {
        return result;
    }
}
