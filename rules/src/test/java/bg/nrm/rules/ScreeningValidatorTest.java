package bg.nrm.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** INDICATORS.md rule 7: validation, field by field, with messages that never repeat a submitted value. */
@DisplayName("Validation")
class ScreeningValidatorTest {
    private final ScreeningValidator validator = ScreeningValidator.create(Questionnaires.builtIn());

    private List<FieldError> errors(Screenings screening) {
        return validator.validate(screening.input());
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    @DisplayName("a complete child screening and a complete adult screening are valid")
    void valid() {
        assertThat(errors(Screenings.child(0).yes("CH_MOVED"))).isEmpty();
        assertThat(errors(Screenings.adult(120).yes("DR_WAGES").unknown("EX_SEXUAL"))).isEmpty();
        assertThat(errors(Screenings.adult(30).citizenship(null))).isEmpty();
    }

    @Test
    @DisplayName("no answers at all is valid: every item is unknown")
    void noAnswers() {
        ScreeningInput base = Screenings.adult(30).restUnanswered().input();
        ScreeningInput nullAnswers = new ScreeningInput(base.questionnaireId(), 1, base.subject(), null);

        assertThat(validator.validate(base)).isEmpty();
        assertThat(validator.validate(nullAnswers)).isEmpty();
    }

    @Test
    @DisplayName("questionnaire: missing or unknown")
    void questionnaire() {
        assertThat(fields(errors(Screenings.child(10).questionnaire(null, 1)))).containsExactly("questionnaire");
        assertThat(fields(errors(Screenings.child(10).questionnaire(" ", 1)))).containsExactly("questionnaire");
        assertThat(fields(errors(Screenings.child(10).questionnaire("elder-risk", 1)))).containsExactly("questionnaire");
    }

    @Test
    @DisplayName("questionnaireVersion: missing or unknown")
    void version() {
        assertThat(fields(errors(Screenings.child(10).questionnaire("child-risk", null))))
                .containsExactly("questionnaireVersion");
        assertThat(fields(errors(Screenings.child(10).questionnaire("child-risk", 3))))
                .containsExactly("questionnaireVersion");
    }

    @Test
    @DisplayName("subject: missing")
    void subjectMissing() {
        ScreeningInput input = new ScreeningInput("child-risk", 1, null, Map.of());

        assertThat(fields(validator.validate(input))).containsExactly("subject");
    }

    @Test
    @DisplayName("a missing screening reports every required top-level field")
    void nullInput() {
        assertThat(fields(validator.validate(null))).containsExactly("questionnaire", "questionnaireVersion", "subject");
    }

    @Test
    @DisplayName("subject.ageYears: missing, negative, or outside the questionnaire's range (17 vs 18)")
    void age() {
        assertThat(fields(errors(Screenings.child(10).age(null)))).containsExactly("subject.ageYears");
        assertThat(fields(errors(Screenings.child(10).age(-1)))).containsExactly("subject.ageYears");
        assertThat(errors(Screenings.child(17))).isEmpty();
        assertThat(fields(errors(Screenings.child(18)))).containsExactly("subject.ageYears");
        assertThat(errors(Screenings.adult(18))).isEmpty();
        assertThat(fields(errors(Screenings.adult(17)))).containsExactly("subject.ageYears");
        assertThat(fields(errors(Screenings.adult(121)))).containsExactly("subject.ageYears");
    }

    @Test
    @DisplayName("subject.ageYears: an uncertain age under 18 is accepted on the adult questionnaire only")
    void ageInDoubt() {
        assertThat(errors(Screenings.adult(15).ageUncertain())).isEmpty();
        assertThat(fields(errors(Screenings.child(18).ageUncertain()))).containsExactly("subject.ageYears");
        assertThat(fields(errors(Screenings.adult(121).ageUncertain()))).containsExactly("subject.ageYears");
        assertThat(fields(errors(Screenings.adult(-2).ageUncertain()))).containsExactly("subject.ageYears");
    }

    @Test
    @DisplayName("subject.gender: female, male, other or unknown, nothing else")
    void gender() {
        for (String ok : List.of("female", "male", "other", "unknown")) {
            assertThat(errors(Screenings.adult(30).gender(ok))).isEmpty();
        }
        assertThat(fields(errors(Screenings.adult(30).gender("Female")))).containsExactly("subject.gender");
        assertThat(fields(errors(Screenings.adult(30).gender(null)))).containsExactly("subject.gender");
    }

    @Test
    @DisplayName("subject.citizenship: an upper-case ISO 3166-1 alpha-2 code when given")
    void citizenship() {
        assertThat(errors(Screenings.adult(30).citizenship("RO"))).isEmpty();
        assertThat(fields(errors(Screenings.adult(30).citizenship("bg")))).containsExactly("subject.citizenship");
        assertThat(fields(errors(Screenings.adult(30).citizenship("BGR")))).containsExactly("subject.citizenship");
        assertThat(fields(errors(Screenings.adult(30).citizenship("XX")))).containsExactly("subject.citizenship");
    }

    @Test
    @DisplayName("subject.region: BG-01 to BG-28 only")
    void region() {
        assertThat(errors(Screenings.adult(30).region("BG-01"))).isEmpty();
        assertThat(errors(Screenings.adult(30).region("BG-28"))).isEmpty();
        assertThat(fields(errors(Screenings.adult(30).region("BG-29")))).containsExactly("subject.region");
        assertThat(fields(errors(Screenings.adult(30).region("bg-16")))).containsExactly("subject.region");
        assertThat(fields(errors(Screenings.adult(30).region(null)))).containsExactly("subject.region");
    }

    @Test
    @DisplayName("answers: a code this questionnaire version does not ask")
    void codeNotAsked() {
        assertThat(fields(errors(Screenings.child(12).yes("DR_WAGES")))).containsExactly("answers.DR_WAGES");
        assertThat(fields(errors(Screenings.adult(30).yes("CH_MOVED")))).containsExactly("answers.CH_MOVED");
        assertThat(fields(errors(Screenings.adult(30).yes("NOT_A_CODE")))).containsExactly("answers.NOT_A_CODE");
    }

    @Test
    @DisplayName("answers: a value other than yes, no or unknown")
    void badValue() {
        assertThat(fields(errors(Screenings.adult(30).answer("YES", "EX_SEXUAL")))).containsExactly("answers.EX_SEXUAL");
        assertThat(fields(errors(Screenings.adult(30).answer("maybe", "EX_SEXUAL")))).containsExactly("answers.EX_SEXUAL");
        assertThat(fields(errors(Screenings.adult(30).answer(null, "EX_SEXUAL")))).containsExactly("answers.EX_SEXUAL");
    }

    @Test
    @DisplayName("answers: a key that is not even shaped like a code is reported without naming it")
    void strayKey() {
        List<FieldError> errors = errors(Screenings.adult(30).yes("Ivan Petrov, 0888 123 456"));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("answers");
            assertThat(e.message()).doesNotContain("Ivan");
        });
    }

    @Test
    @DisplayName("every problem is reported at once, in field order")
    void everyProblem() {
        List<FieldError> errors = errors(Screenings.child(44).gender("f").citizenship("Bulgaria").region("Plovdiv")
                .answer("often", "CH_MOVED").yes("VD_STATUS"));

        assertThat(fields(errors)).containsExactly("subject.ageYears", "subject.gender", "subject.citizenship",
                "subject.region", "answers.CH_MOVED", "answers.VD_STATUS");
    }

    @Test
    @DisplayName("no message repeats the submitted value")
    void messagesDoNotEchoValues() {
        String secret = "Ivanova-0888123456";
        Map<String, String> answers = new HashMap<>();
        answers.put("EX_SEXUAL", secret);
        answers.put("DR_WAGES", secret);
        ScreeningInput input = new ScreeningInput(secret, 7,
                new Subject(173, secret, secret, secret, false, true), answers);
        ScreeningInput adult = new ScreeningInput("adult-risk", 1,
                new Subject(173, secret, secret, secret, false, true), answers);

        List<FieldError> all = new java.util.ArrayList<>(validator.validate(input));
        all.addAll(validator.validate(adult));

        assertThat(all).hasSizeGreaterThan(6);
        assertThat(all).allSatisfy(e -> {
            assertThat(e.message()).doesNotContain(secret).doesNotContain("173");
            assertThat(e.field()).doesNotContain(secret);
        });
    }

    @Test
    @DisplayName("the assessor refuses an invalid screening with every field error")
    void assessorRefuses() {
        ScreeningInput input = Screenings.adult(10).region("BG-99").input();

        assertThatThrownBy(() -> Screenings.ASSESSOR.assess(input))
                .isInstanceOfSatisfying(InvalidScreeningException.class, e -> assertThat(fields(e.errors()))
                        .containsExactly("subject.ageYears", "subject.region"))
                .hasMessageNotContaining("BG-99");
    }

    @Test
    @DisplayName("answers are read exactly: yes, no and unknown")
    void answerParse() {
        assertThat(Answer.parse("yes")).contains(Answer.YES);
        assertThat(Answer.parse("no")).contains(Answer.NO);
        assertThat(Answer.parse("unknown")).contains(Answer.UNKNOWN);
        assertThat(Answer.parse("Yes")).isEmpty();
        assertThat(Answer.parse(" yes")).isEmpty();
        assertThat(Answer.parse(null)).isEmpty();
    }
}
