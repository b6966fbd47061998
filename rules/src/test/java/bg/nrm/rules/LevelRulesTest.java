package bg.nrm.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** INDICATORS.md rule 5: the levels, and immediate danger (rule 6: one finding per sign of danger). */
@DisplayName("Rule 5: the level")
class LevelRulesTest {

    @Test
    @DisplayName("is immediate when any sign of immediate danger is yes, each sign a finding of its own")
    void immediate() {
        Assessment a = Screenings.adult(40).yes("ID_THREAT_TO_LIFE", "ID_SELF_HARM").assess();

        assertThat(a.level()).isEqualTo(RiskLevel.IMMEDIATE);
        assertThat(a.findings()).allSatisfy(f -> {
            assertThat(f.code()).isEqualTo("IMMEDIATE_DANGER");
            assertThat(f.rule()).isEqualTo("immediate danger: each sign of danger now is a finding of its own");
        });
        assertThat(a.findings()).extracting(f -> f.indicators().get(0))
                .containsExactly("ID_THREAT_TO_LIFE", "ID_SELF_HARM");
        assertThat(a.recommendations().get(0)).startsWith("Act within the hour");
    }

    @Test
    @DisplayName("immediate danger overrides trafficking indicated")
    void immediateOverridesHigh() {
        Assessment a = Screenings.child(12).yes("CH_MOVED", "CH_MISSING_EPISODES", "CH_OLDER_PARTNER")
                .yes("ID_DEPARTURE_IMMINENT").assess();

        assertThat(a.level()).isEqualTo(RiskLevel.IMMEDIATE);
        assertThat(a.findings()).extracting(Finding::code)
                .containsExactly("IMMEDIATE_DANGER", "TRAFFICKING_INDICATED", "CH_POSITIVE");
    }

    @Test
    @DisplayName("is not immediate when the sign of danger is unknown")
    void immediateUnknown() {
        Assessment a = Screenings.adult(40).unknown("ID_THREAT_TO_LIFE").yes("VI_INJURIES").assess();

        assertThat(a.level()).isEqualTo(RiskLevel.LOW);
        assertThat(a.has("IMMEDIATE_DANGER")).isFalse();
    }

    @Test
    @DisplayName("is medium for one strong indicator alone")
    void oneStrongIsMedium() {
        assertThat(Screenings.adult(40).yes("EX_BEGGING").assess().level()).isEqualTo(RiskLevel.MEDIUM);
    }

    @Test
    @DisplayName("is medium for a positive dimension without any strong indicator")
    void positiveDimensionIsMedium() {
        Assessment a = Screenings.adult(40).yes("EX_NO_PAY", "EX_HAZARDOUS", "EX_LIVING").assess();

        assertThat(a.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(a.positiveDimensions()).containsExactly("EX");
    }

    @Test
    @DisplayName("is low for one medium indicator")
    void oneMediumIsLow() {
        assertThat(Screenings.adult(40).yes("EX_NO_PAY").assess().level()).isEqualTo(RiskLevel.LOW);
    }

    @Test
    @DisplayName("is low for the act alone")
    void actAloneIsLow() {
        assertThat(Screenings.child(9).yes("CH_MOVED").assess().level()).isEqualTo(RiskLevel.LOW);
    }

    @Test
    @DisplayName("is none when nothing is yes, even if everything is unknown")
    void none() {
        Assessment nothing = Screenings.adult(40).assess();
        Assessment unknown = Screenings.child(10).restUnanswered().assess();

        assertThat(nothing.level()).isEqualTo(RiskLevel.NONE);
        assertThat(nothing.findings()).isEmpty();
        assertThat(unknown.level()).isEqualTo(RiskLevel.NONE);
    }

    @Test
    @DisplayName("the ruleset version is part of every assessment")
    void rulesetVersion() {
        assertThat(Screenings.adult(40).assess().rulesetVersion()).isEqualTo(RiskAssessor.RULESET_VERSION);
    }
}
