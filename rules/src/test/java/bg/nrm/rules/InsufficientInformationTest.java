package bg.nrm.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** INDICATORS.md rule 1: three or more strong indicators of one dimension unknown. */
@DisplayName("Rule 1: insufficient information")
class InsufficientInformationTest {

    @Test
    @DisplayName("three strong exploitation indicators unknown is insufficient information, with a re-screen in 14 days")
    void threeUnknownStrong() {
        Assessment a = Screenings.adult(30)
                .unknown("EX_EXCESSIVE_HOURS", "EX_SEXUAL", "EX_BEGGING").assess();

        assertThat(a.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("INSUFFICIENT_INFORMATION");
            assertThat(f.indicators()).containsExactly("EX_EXCESSIVE_HOURS", "EX_SEXUAL", "EX_BEGGING");
        });
        assertThat(a.recommendations()).anyMatch(r -> r.startsWith("Re-screen within 14 days"));
        assertThat(a.level()).isEqualTo(RiskLevel.NONE);
    }

    @Test
    @DisplayName("two strong indicators unknown is not")
    void twoUnknownStrong() {
        Assessment a = Screenings.adult(30).unknown("EX_EXCESSIVE_HOURS", "EX_SEXUAL").assess();

        assertThat(a.has("INSUFFICIENT_INFORMATION")).isFalse();
        assertThat(a.recommendations()).noneMatch(r -> r.startsWith("Re-screen within 14 days"));
    }

    @Test
    @DisplayName("an unanswered item counts as unknown")
    void unansweredIsUnknown() {
        Assessment a = Screenings.adult(30).restUnanswered().no("EX_EXCESSIVE_HOURS", "CD_DOCS_TAKEN").assess();

        assertThat(a.findings()).singleElement().satisfies(f -> assertThat(f.indicators())
                .containsExactly("CD_DEBT_BONDAGE", "CD_CONFINED", "CD_VIOLENCE"));
    }

    @Test
    @DisplayName("strong unknowns spread over two dimensions do not add up")
    void acrossDimensions() {
        Assessment a = Screenings.child(10).unknown("EX_SEXUAL", "EX_BEGGING", "CD_DOCS_TAKEN", "CD_VIOLENCE")
                .assess();

        assertThat(a.has("INSUFFICIENT_INFORMATION")).isFalse();
    }

    @Test
    @DisplayName("is a finding beside the level, not a level")
    void besideTheLevel() {
        Assessment a = Screenings.adult(30).restUnanswered().yes("EX_NO_PAY", "EX_HAZARDOUS", "EX_LIVING").assess();

        assertThat(a.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(a.findings()).extracting(Finding::code).containsExactly("EX_POSITIVE", "INSUFFICIENT_INFORMATION");
        assertThat(a.findings().get(1).indicators()).containsExactly(
                "EX_EXCESSIVE_HOURS", "EX_SEXUAL", "EX_BEGGING",
                "CD_DOCS_TAKEN", "CD_DEBT_BONDAGE", "CD_CONFINED", "CD_VIOLENCE");
    }
}
