package bg.nrm.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** INDICATORS.md "Age in doubt": an adult-risk screening, age uncertain and under 21, uses the child rule. */
@DisplayName("Age in doubt")
class AgeInDoubtTest {
    private static final String[] DR = {"DR_JOB_NATURE", "DR_CONDITIONS"};
    private static final String[] EX = {"EX_EXCESSIVE_HOURS", "EX_NO_PAY"};

    @Test
    @DisplayName("20, age uncertain: assessed as a child, recruitment and exploitation are enough")
    void twentyUncertain() {
        Assessment a = Screenings.adult(20).ageUncertain().yes(DR).yes(EX).assess();

        assertThat(a.treatedAsChild()).isTrue();
        assertThat(a.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(a.findings()).extracting(Finding::code).containsExactly(
                "TRAFFICKING_INDICATED", "DR_POSITIVE", "EX_POSITIVE", "AGE_UNCERTAIN_TREATED_AS_CHILD");
        Finding ageFinding = a.findings().get(3);
        assertThat(ageFinding.indicators()).containsExactly(
                "DR_JOB_NATURE", "DR_CONDITIONS", "EX_EXCESSIVE_HOURS", "EX_NO_PAY");
        assertThat(a.recommendations()).contains("Treat the person as a child until their age is established.");
    }

    @Test
    @DisplayName("21, age uncertain: assessed as an adult")
    void twentyOneUncertain() {
        Assessment a = Screenings.adult(21).ageUncertain().yes(DR).yes(EX).assess();

        assertThat(a.treatedAsChild()).isFalse();
        assertThat(a.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(a.has("AGE_UNCERTAIN_TREATED_AS_CHILD")).isFalse();
    }

    @Test
    @DisplayName("20, age certain: assessed as an adult")
    void twentyCertain() {
        Assessment a = Screenings.adult(20).yes(DR).yes(EX).assess();

        assertThat(a.treatedAsChild()).isFalse();
        assertThat(a.has("TRAFFICKING_INDICATED")).isFalse();
    }

    @Test
    @DisplayName("an estimated 16 on the adult questionnaire, age uncertain, is accepted and assessed as a child")
    void underEighteenOnAdultQuestionnaire() {
        Assessment a = Screenings.adult(16).ageUncertain().yes("ID_IN_EXPLOITATION_NOW").assess();

        assertThat(a.treatedAsChild()).isTrue();
        assertThat(a.level()).isEqualTo(RiskLevel.IMMEDIATE);
        assertThat(a.findings()).extracting(Finding::code)
                .containsExactly("IMMEDIATE_DANGER", "AGE_UNCERTAIN_TREATED_AS_CHILD");
        assertThat(a.findings().get(1).indicators()).containsExactly("ID_IN_EXPLOITATION_NOW");
    }

    @Test
    @DisplayName("with nothing answered yes the person is still treated as a child, without a finding")
    void nothingYes() {
        Assessment a = Screenings.adult(19).ageUncertain().assess();

        assertThat(a.treatedAsChild()).isTrue();
        assertThat(a.findings()).extracting(Finding::code).doesNotContain("AGE_UNCERTAIN_TREATED_AS_CHILD");
    }

    @Test
    @DisplayName("every child-risk screening is assessed and routed as a child")
    void childQuestionnaire() {
        assertThat(Screenings.child(17).assess().treatedAsChild()).isTrue();
    }
}
