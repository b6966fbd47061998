package bg.nrm.rules.screening;

import bg.nrm.rules.Answer;
import bg.nrm.rules.FactQuestions;
import bg.nrm.rules.Questionnaire;
import bg.nrm.rules.QuestionnaireItem;
import bg.nrm.rules.RulesException;
import bg.nrm.rules.Strength;
import bg.nrm.rules.Subject;

import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated screening into the facts the rules reason over and the result they write to. Counting only: no
 * decision is taken here.
 */
public final class ScreeningFacts {
    private static final Map<String, Integer> DIMENSION_INDEX = index(AssessmentResult.DIMENSIONS);
    private static final Map<String, Integer> DIMENSION_INDEX_2 = index(AssessmentResult.DIMENSIONS_2);

    private static Map<String, Integer> index(List<String> dimensions) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < dimensions.size(); i++) {
            index.put(dimensions.get(i), i);
        }
        return index;
    }

    // What the rules can ask of the person: every public getter of ScreenedPerson, found from the class itself, so a
    // getter added for a new rule is part of the key without anyone remembering to add it.
    private static final List<MethodHandle> PERSON_QUESTIONS = FactQuestions.of(ScreenedPerson.class, "screening");

    private final Questionnaire questionnaire;
    private final ScreenedPerson person;
    private final List<String> yesCodes;
    private final List<String> unknownStrong;
    private final List<Object> facts;
    private final AssessmentResult result;

    private ScreeningFacts(Questionnaire questionnaire, ScreenedPerson person, List<String> yesCodes,
                           List<String> unknownStrong, List<Object> facts, AssessmentResult result) {
        this.questionnaire = questionnaire;
        this.person = person;
        this.yesCodes = yesCodes;
        this.unknownStrong = unknownStrong;
        this.facts = facts;
        this.result = result;
    }

    /**
     * Builds the facts of a screening that passed validation.
     *
     * @param answers raw answers by code; a missing item is unknown
     */
    public static ScreeningFacts of(Questionnaire questionnaire, Subject subject, Map<String, String> answers) {
        ScreenedPerson person = new ScreenedPerson(subject.ageYears(), Questionnaire.ADULT.equals(questionnaire.subject()),
                subject.ageUncertain(), subject.consentToIdentifiedReferral());
        return of(questionnaire, person, answers, DIMENSION_INDEX, AssessmentResult.DIMENSIONS, false);
    }

    /**
     * Builds the facts of a screening for ruleset 2.x: violence (VI) is counted as a dimension like the others, each
     * yes answer carries its dimension, and the person carries the subject facts of questionnaire version 2.
     */
    public static ScreeningFacts ofRulesetTwo(Questionnaire questionnaire, Subject subject,
                                              Map<String, String> answers) {
        ScreenedPerson person = new ScreenedPerson(subject.ageYears(), Questionnaire.ADULT.equals(questionnaire.subject()),
                subject.ageUncertain(), subject.consentToIdentifiedReferral(), subject.citizenship(),
                subject.isUnaccompanied(), subject.isAsylumSeeker(), subject.needsInterpreter());
        return of(questionnaire, person, answers, DIMENSION_INDEX_2, AssessmentResult.DIMENSIONS_2, true);
    }

    private static ScreeningFacts of(Questionnaire questionnaire, ScreenedPerson person, Map<String, String> answers,
                                     Map<String, Integer> dimensionIndex, List<String> dimensions, boolean two) {
        List<Object> facts = new ArrayList<>(16);
        List<String> yesDimensions = new ArrayList<>(two ? 8 : 0);
        List<String> yesCodes = new ArrayList<>(8);
        List<String> unknownStrong = new ArrayList<>(8);
        List<String> strongYes = new ArrayList<>(4);
        List<String> danger = new ArrayList<>(2);
        DimensionCount[] counts = new DimensionCount[dimensions.size()];
        facts.add(person);
        for (QuestionnaireItem item : questionnaire.items()) {
            String raw = answers == null ? null : answers.get(item.code());
            Answer answer = answer(raw);
            if (answer == Answer.YES) {
                yesCodes.add(item.code());
                if (two) {
                    yesDimensions.add(item.dimension());
                }
                if (item.strength() == Strength.STRONG) {
                    strongYes.add(item.code());
                }
                if (item.dimension().equals("ID")) {
                    danger.add(item.code());
                }
                Integer d = dimensionIndex.get(item.dimension());
                if (d != null) {
                    count(counts, d, dimensions).yes(item.code(), item.strength());
                }
            } else if (answer == Answer.UNKNOWN && item.strength() == Strength.STRONG) {
                Integer d = dimensionIndex.get(item.dimension());
                if (d != null) {
                    unknownStrong.add(item.code());
                    count(counts, d, dimensions).strongUnknown(item.code());
                }
            }
        }
        facts.add(new Answers(yesCodes, yesDimensions, strongYes, danger));
        for (DimensionCount count : counts) {
            if (count != null && !count.isEmpty()) {
                facts.add(count);
            }
        }
        return new ScreeningFacts(questionnaire, person, yesCodes, unknownStrong, facts,
                new AssessmentResult(yesCodes, unknownStrong, dimensions));
    }

    /** Same as {@code Answer.parse(raw).orElse(Answer.UNKNOWN)}, a missing answer included, without the Optional. */
    private static Answer answer(String raw) {
        if ("yes".equals(raw)) {
            return Answer.YES;
        }
        return "no".equals(raw) ? Answer.NO : Answer.UNKNOWN;
    }

    private static DimensionCount count(DimensionCount[] counts, int d, List<String> dimensions) {
        if (counts[d] == null) {
            counts[d] = new DimensionCount(dimensions.get(d));
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

    /**
     * Everything the facts and the result's starting state are made from, as a value: the questionnaire (id and
     * version; a released version never changes), what the person answers to each of {@link ScreenedPerson}'s
     * getters, the codes answered yes and the strong codes unknown, both in questionnaire order. The rules read
     * nothing but the facts and the result, so two screenings with equal keys get equal assessments. A fact made from
     * anything else must add it here; {@code RememberedAssessmentsTest} compares remembered assessments with the
     * rules run each time.
     */
    public List<Object> key() {
        Object[] key = new Object[PERSON_QUESTIONS.size() + 4];
        key[0] = questionnaire.id();
        key[1] = questionnaire.version();
        try {
            for (int i = 0; i < PERSON_QUESTIONS.size(); i++) {
                key[i + 2] = (Object) PERSON_QUESTIONS.get(i).invokeExact((Object) person);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new RulesException("a screening fact could not be read", e);
        }
        key[key.length - 2] = List.copyOf(yesCodes);
        key[key.length - 1] = List.copyOf(unknownStrong);
        return Arrays.asList(key);
    }
}
