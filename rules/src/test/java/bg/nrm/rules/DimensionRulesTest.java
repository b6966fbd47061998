package bg.nrm.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** INDICATORS.md rules 1 and 2: when a dimension is positive. Coercion at destination (CD) has every strength. */
@DisplayName("Rule 2: a dimension is positive")
class DimensionRulesTest {

    @Test
    @DisplayName("with two strong indicators answered yes")
    void twoStrong() {
        Assessment a = Screenings.adult(30).yes("CD_DOCS_TAKEN", "CD_CONFINED").assess();

        assertThat(a.positiveDimensions()).containsExactly("CD");
        assertThat(a.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("CD_POSITIVE");
            assertThat(f.rule()).isEqualTo("a dimension with two strong indicators answered yes is positive");
            assertThat(f.indicators()).containsExactly("CD_DOCS_TAKEN", "CD_CONFINED");
        });
    }

    @Test
    @DisplayName("with one strong and one medium indicator answered yes")
    void oneStrongOneMedium() {
        Assessment a = Screenings.adult(30).yes("CD_VIOLENCE", "CD_THREATS").assess();

        assertThat(a.positiveDimensions()).containsExactly("CD");
        assertThat(a.findings().get(0).rule())
                .isEqualTo("a dimension with one strong and at least one medium or weak indicator answered yes is positive");
    }

    @Test
    @DisplayName("with one strong and one weak indicator answered yes")
    void oneStrongOneWeak() {
        Assessment a = Screenings.adult(30).yes("CD_VIOLENCE", "CD_PHONE_TAKEN").assess();

        assertThat(a.positiveDimensions()).containsExactly("CD");
    }

    @Test
    @DisplayName("not with one strong indicator alone")
    void oneStrongAlone() {
        Assessment a = Screenings.adult(30).yes("CD_VIOLENCE").assess();

        assertThat(a.positiveDimensions()).isEmpty();
        assertThat(a.findings()).isEmpty();
    }

    @Test
    @DisplayName("with three medium indicators answered yes")
    void threeMedium() {
        Assessment a = Screenings.adult(30).yes("CD_THREATS", "CD_FAMILY_THREAT", "CD_LIE_AUTHORITIES").assess();

        assertThat(a.positiveDimensions()).containsExactly("CD");
        assertThat(a.findings().get(0).rule()).isEqualTo("a dimension with three medium indicators answered yes is positive");
    }

    @Test
    @DisplayName("not with two medium indicators alone")
    void twoMedium() {
        Assessment a = Screenings.adult(30).yes("CD_THREATS", "CD_FAMILY_THREAT").assess();

        assertThat(a.positiveDimensions()).isEmpty();
    }

    @Test
    @DisplayName("with two medium and one weak indicator answered yes")
    void twoMediumOneWeak() {
        Assessment a = Screenings.adult(30).yes("CD_THREATS", "CD_FAMILY_THREAT", "CD_PHONE_TAKEN").assess();

        assertThat(a.positiveDimensions()).containsExactly("CD");
        assertThat(a.findings().get(0).rule())
                .isEqualTo("a dimension with two medium and one weak indicator answered yes is positive");
    }

    @Test
    @DisplayName("never with weak indicators only")
    void weakOnly() {
        Assessment a = Screenings.child(14).yes("CH_SCHOOL_DROPOUT", "CH_PEER_RECRUITMENT", "DR_EDUCATION").assess();

        assertThat(a.positiveDimensions()).isEmpty();
        assertThat(a.level()).isEqualTo(RiskLevel.LOW);
    }

    @Test
    @DisplayName("not when the second strong indicator is unknown rather than yes")
    void unknownDoesNotCount() {
        Assessment unknown = Screenings.adult(30).yes("CD_DOCS_TAKEN").unknown("CD_CONFINED").assess();
        Assessment yes = Screenings.adult(30).yes("CD_DOCS_TAKEN").yes("CD_CONFINED").assess();

        assertThat(unknown.positiveDimensions()).isEmpty();
        assertThat(yes.positiveDimensions()).containsExactly("CD");
    }

    @Test
    @DisplayName("once, named by the first combination of rule 2 that holds, listing all its yes answers")
    void oneFindingPerDimension() {
        Assessment a = Screenings.adult(30)
                .yes("CD_DOCS_TAKEN", "CD_CONFINED", "CD_THREATS", "CD_FAMILY_THREAT", "CD_LIE_AUTHORITIES").assess();

        assertThat(a.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("a dimension with two strong indicators answered yes is positive");
            assertThat(f.indicators()).containsExactly(
                    "CD_DOCS_TAKEN", "CD_CONFINED", "CD_THREATS", "CD_FAMILY_THREAT", "CD_LIE_AUTHORITIES");
        });
    }

    @Test
    @DisplayName("each positive dimension is listed in catalogue order")
    void severalDimensions() {
        Assessment a = Screenings.adult(30)
                .yes("VD_DEPENDENCY", "VD_UNKNOWN_PLACE", "VD_STATUS", "DR_JOB_NATURE", "DR_WAGES").assess();

        assertThat(a.positiveDimensions()).containsExactly("DR", "VD");
        assertThat(a.findings()).extracting(Finding::code).containsExactly("DR_POSITIVE", "VD_POSITIVE");
    }

    @Test
    @DisplayName("violence signs are not a dimension: sexual abuse and domestic violence make no positive dimension")
    void violenceIsNotADimension() {
        Assessment a = Screenings.adult(30).yes("VI_SEXUAL_ABUSE", "VI_DOMESTIC", "VI_INJURIES").assess();

        assertThat(a.positiveDimensions()).isEmpty();
        assertThat(a.level()).isEqualTo(RiskLevel.MEDIUM);
    }
}
