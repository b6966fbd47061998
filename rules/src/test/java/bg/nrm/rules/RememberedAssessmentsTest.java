package bg.nrm.rules;

import bg.nrm.testing.Gen;
import bg.nrm.testing.Gen.Weighted;
import bg.nrm.testing.Property;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assessor remembers the rules' assessments by everything their facts are made of, and assesses a screening like
 * one seen before without a rule session. These tests hold that it assesses every screening exactly as running the
 * rules each time does, and that only screenings the rules cannot tell apart share an assessment.
 */
@DisplayName("Remembered assessments")
class RememberedAssessmentsTest {
    private static final RiskAssessor REFERENCE = RiskAssessor.runningTheRulesEachTime();

    @Test
    @DisplayName("remembered assessments are exactly the rules' assessments, for screenings one detail apart, all four questionnaires")
    void sameAsTheRulesEachTime() {
        // Each case: a screening and eight others one detail apart from it (an answer, the age, a subject fact, or
        // something the rules never read), assessed in a random order by one remembering assessor: a detail the key
        // left out would hand one of them the assessment of another.
        int[] remembered = new int[2];
        Property.forAll(500, g -> {
            Questionnaire q = g.oneOf(Questionnaires.builtIn().all());
            ScreeningInput base = screening(g, q);
            List<ScreeningInput> screenings = new ArrayList<>(List.of(base, base));
            for (int i = 0; i < 8; i++) {
                screenings.add(oneDetailApart(g, q, base));
            }
            Collections.shuffle(screenings, new java.util.Random(g.between(0, 1_000_000)));
            RiskAssessor remembering = RiskAssessor.create();

            for (ScreeningInput input : screenings) {
                assertThat(remembering.assess(input)).as("%s v%d %s", q.id(), q.version(), input)
                        .isEqualTo(REFERENCE.assess(input));
            }
            remembered[0] += screenings.size();
            remembered[1] += remembering.remembered();
        });
        // Some screenings met an assessment remembered from another (the same one twice at least), not all.
        assertThat(remembered[1]).isPositive().isLessThan(remembered[0] - 500);
        assertThat(REFERENCE.remembered()).isZero();
    }

    @Test
    @DisplayName("two screenings apart only in what the rules never read (gender, region) share one assessment")
    void screeningsAlikeShareAnAssessment() {
        RiskAssessor assessor = RiskAssessor.create();
        ScreeningInput girl = Screenings.child2(15).gender("female").region("BG-16")
                .yes("CH_MOVED", "CH_OLDER_PARTNER").input();
        ScreeningInput boy = Screenings.child2(15).gender("male").region("BG-04")
                .yes("CH_MOVED", "CH_OLDER_PARTNER").input();

        Assessment first = assessor.assess(girl);

        assertThat(assessor.assess(boy)).isSameAs(first);
        assertThat(assessor.remembered()).isEqualTo(1);
    }

    @Test
    @DisplayName("a screening one answer, one year or one subject fact apart, or of another version, gets an assessment of its own")
    void oneDetailApartIsAssessedAgain() {
        RiskAssessor assessor = RiskAssessor.create();
        Assessment first = assessor.assess(Screenings.child2(15).yes("CH_MOVED").input());

        assertThat(assessor.assess(Screenings.child2(15).yes("CH_MOVED").unknown("EX_SEXUAL").input()))
                .isNotSameAs(first);
        assertThat(assessor.assess(Screenings.child2(15).yes("CH_MOVED", "CH_OLDER_PARTNER").input()))
                .isNotSameAs(first);
        assertThat(assessor.assess(Screenings.child2(16).yes("CH_MOVED").input())).isNotSameAs(first);
        assertThat(assessor.assess(Screenings.child2(15).yes("CH_MOVED").unaccompanied().input()))
                .isNotSameAs(first);
        assertThat(assessor.assess(Screenings.child(15).yes("CH_MOVED").input())).isNotSameAs(first);
        assertThat(assessor.remembered()).isEqualTo(6);
    }

    // A valid screening: every level, the age in doubt and each subject fact of version 2 turn up among the tries.
    private static ScreeningInput screening(Gen g, Questionnaire q) {
        int yesWeight = g.oneOf(List.of(2, 5, 10, 20));
        Map<String, String> answers = new HashMap<>();
        for (QuestionnaireItem item : q.items()) {
            int weight = item.dimension().equals("ID") ? yesWeight / 4 : yesWeight;
            String answer = g.frequency(Weighted.of(60, () -> "no"), Weighted.of(20, () -> "unknown"),
                    Weighted.of(weight, () -> "yes"), Weighted.of(20, () -> "absent"));
            if (!answer.equals("absent")) {
                answers.put(item.code(), answer);
            }
        }
        boolean adult = Questionnaire.ADULT.equals(q.subject());
        boolean ageUncertain = g.bool();
        int age = adult ? g.between(lowestAge(q, ageUncertain), g.bool() ? 22 : 90) : g.between(0, 17);
        Subject subject = q.version() >= 2
                ? new Subject(age, "unknown", g.oneOf(List.of("BG", "BG", "RO", "SY")), "BG-22", ageUncertain,
                        g.bool(), adult ? null : g.bool(), g.bool(), g.bool(), g.oneOf(List.of("bg", "ar", "en")))
                : new Subject(age, "unknown", g.oneOf(List.of("BG", "BG", "RO", "SY")), "BG-22", ageUncertain,
                        g.bool());
        return new ScreeningInput(q.id(), q.version(), subject, answers);
    }

    private static int lowestAge(Questionnaire q, boolean ageUncertain) {
        return q.version() >= 2 || !ageUncertain ? q.minAge() : 14;
    }

    // The screening with one detail changed, still valid.
    private static ScreeningInput oneDetailApart(Gen g, Questionnaire q, ScreeningInput base) {
        Subject s = base.subject();
        Map<String, String> answers = new HashMap<>(base.answers());
        boolean two = q.version() >= 2;
        boolean adult = Questionnaire.ADULT.equals(q.subject());
        switch (g.between(0, 8)) {
            case 0, 1, 2 -> {
                String code = g.oneOf(q.items()).code();
                String now = answers.getOrDefault(code, "absent");
                String next = g.oneOf(List.of("yes", "no", "unknown", "absent").stream().filter(a -> !a.equals(now))
                        .toList());
                if (next.equals("absent")) {
                    answers.remove(code);
                } else {
                    answers.put(code, next);
                }
                return new ScreeningInput(q.id(), q.version(), s, answers);
            }
            case 3 -> {
                int lowest = adult ? lowestAge(q, s.ageUncertain()) : 0;
                int highest = adult ? 90 : 17;
                int age = Math.max(lowest, Math.min(highest, s.ageYears() + g.oneOf(List.of(-3, -1, 1, 3))));
                return new ScreeningInput(q.id(), q.version(), subject(s, age, s.citizenship(), s.ageUncertain(),
                        s.consentToIdentifiedReferral(), s.unaccompanied(), s.asylumSeeker(), s.language()), answers);
            }
            case 4 -> {
                return new ScreeningInput(q.id(), q.version(), subject(s, s.ageYears(), s.citizenship(),
                        s.ageUncertain(), !s.consentToIdentifiedReferral(), s.unaccompanied(), s.asylumSeeker(),
                        s.language()), answers);
            }
            case 5 -> {
                // The age in doubt changes where the age stays valid either way.
                boolean uncertain = s.ageYears() >= lowestAge(q, !s.ageUncertain()) ? !s.ageUncertain()
                        : s.ageUncertain();
                return new ScreeningInput(q.id(), q.version(), subject(s, s.ageYears(), s.citizenship(), uncertain,
                        s.consentToIdentifiedReferral(), s.unaccompanied(), s.asylumSeeker(), s.language()), answers);
            }
            case 6 -> {
                String citizenship = g.oneOf(List.of("BG", "RO", "SY"));
                return new ScreeningInput(q.id(), q.version(), subject(s, s.ageYears(), citizenship, s.ageUncertain(),
                        s.consentToIdentifiedReferral(), s.unaccompanied(), s.asylumSeeker(), s.language()), answers);
            }
            case 7 -> {
                if (!two) {
                    return new ScreeningInput(q.id(), q.version(), new Subject(s.ageYears(), "female",
                            s.citizenship(), "BG-04", s.ageUncertain(), s.consentToIdentifiedReferral()), answers);
                }
                Boolean unaccompanied = s.unaccompanied();
                Boolean asylumSeeker = s.asylumSeeker();
                String language = s.language();
                switch (g.between(0, 2)) {
                    case 0 -> unaccompanied = adult ? null : !s.isUnaccompanied();
                    case 1 -> asylumSeeker = !s.isAsylumSeeker();
                    default -> language = "bg".equals(s.language()) ? "ar" : "bg";
                }
                return new ScreeningInput(q.id(), q.version(), subject(s, s.ageYears(), s.citizenship(),
                        s.ageUncertain(), s.consentToIdentifiedReferral(), unaccompanied, asylumSeeker, language),
                        answers);
            }
            default -> {
                // What the rules never read.
                Subject other = two ? new Subject(s.ageYears(), "male", s.citizenship(), "BG-04", s.ageUncertain(),
                        s.consentToIdentifiedReferral(), s.unaccompanied(), s.asylumSeeker(), !s.isExploitedAbroad(),
                        s.language())
                        : new Subject(s.ageYears(), "male", s.citizenship(), "BG-04", s.ageUncertain(),
                        s.consentToIdentifiedReferral());
                return new ScreeningInput(q.id(), q.version(), other, answers);
            }
        }
    }

    private static Subject subject(Subject s, int age, String citizenship, boolean ageUncertain, boolean consent,
                                   Boolean unaccompanied, Boolean asylumSeeker, String language) {
        if (!s.hasVersionTwoFacts()) {
            return new Subject(age, s.gender(), citizenship, s.region(), ageUncertain, consent);
        }
        return new Subject(age, s.gender(), citizenship, s.region(), ageUncertain, consent, unaccompanied,
                asylumSeeker, s.exploitedAbroad(), language);
    }
}
