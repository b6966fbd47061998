package bg.nrm.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static bg.nrm.rules.Screenings.adult;
import static bg.nrm.rules.Screenings.adult2;
import static bg.nrm.rules.Screenings.child;
import static bg.nrm.rules.Screenings.child2;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad input that version 2 adds: each an error naming the field, never repeating the value. */
class RulesetTwoValidationTest {
    private static final ScreeningValidator VALIDATOR = ScreeningValidator.create(Questionnaires.builtIn());

    private static List<FieldError> errors(Screenings s) {
        return VALIDATOR.validate(s.input());
    }

    @Test
    @DisplayName("an adult-risk version 2 screening of a 16-year-old is refused and the message names child-risk, also when the age is uncertain")
    void adultQuestionnaireUnder18() {
        assertThat(errors(adult2(16))).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("subject.ageYears");
            assertThat(e.message()).contains("child-risk");
        });
        assertThat(errors(adult2(16).ageUncertain())).extracting(FieldError::field).containsExactly("subject.ageYears");
        assertThat(errors(adult2(19).ageUncertain())).isEmpty();
        assertThat(errors(adult(16).ageUncertain())).as("version 1 keeps accepting it").isEmpty();
    }

    @Test
    @DisplayName("a code only version 2 asks, sent with version 1, is refused and the message says so")
    void versionTwoCodeWithVersionOne() {
        assertThat(errors(child(12).yes("VI_WITNESS_DV"))).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("answers.VI_WITNESS_DV");
            assertThat(e.message()).contains("later version");
        });
        assertThat(errors(child2(12).yes("VI_WITNESS_DV", "CH_UNDER_14_PREGNANCY", "EX_BABY_SALE"))).isEmpty();
    }

    @Test
    @DisplayName("subject facts are refused with version 1 and accepted with version 2")
    void subjectFactsOnlyInVersionTwo() {
        assertThat(errors(child(15).unaccompanied().asylumSeeker().exploitedAbroad().language("ar")))
                .extracting(FieldError::field).containsExactly("subject.unaccompanied", "subject.asylumSeeker",
                        "subject.exploitedAbroad", "subject.language");
        assertThat(errors(child2(15).unaccompanied().asylumSeeker().exploitedAbroad().language("ar"))).isEmpty();
    }

    @Test
    @DisplayName("a language that is not an ISO 639-1 code is refused")
    void language() {
        assertThat(errors(child2(15).language("Arabic"))).extracting(FieldError::field).containsExactly("subject.language");
        assertThat(errors(child2(15).language("AR"))).extracting(FieldError::field).containsExactly("subject.language");
    }

    @Test
    @DisplayName("an adult cannot be 'unaccompanied': that fact is for children")
    void unaccompaniedAdult() {
        assertThat(errors(adult2(30).unaccompanied())).extracting(FieldError::field)
                .containsExactly("subject.unaccompanied");
    }
}
