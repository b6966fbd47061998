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
        Map<String, DimensionCount> counts = new HashMap<>();
        facts.add(new ScreenedPerson(subject.ageYears(), Questionnaire.ADULT.equals(questionnaire.subject()),
                subject.ageUncertain(), subject.consentToIdentifiedReferral()));
        for (QuestionnaireItem item : questionnaire.items()) {
            String raw = answers == null ? null : answers.get(item.code());
            Answer answer = raw == null ? Answer.UNKNOWN : Answer.parse(raw).orElse(Answer.UNKNOWN);
            boolean counted = AssessmentResult.DIMENSIONS.contains(item.dimension());
            if (answer == Answer.YES) {
                yesCodes.add(item.code());
                facts.add(new YesAnswer(item.code(), item.dimension(), item.strength()));
                if (counted) {
                    counts.computeIfAbsent(item.dimension(), DimensionCount::new).yes(item.code(), item.strength());
                }
            } else if (answer == Answer.UNKNOWN && counted && item.strength() == Strength.STRONG) {
                unknownStrong.add(item.code());
                counts.computeIfAbsent(item.dimension(), DimensionCount::new).strongUnknown(item.code());
            }
        }
        for (String dimension : AssessmentResult.DIMENSIONS) {
            DimensionCount count = counts.get(dimension);
            if (count != null && !count.isEmpty()) {
                facts.add(count);
            }
        }
        return new ScreeningFacts(facts, new AssessmentResult(yesCodes, unknownStrong));
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
