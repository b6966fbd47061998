package bg.nrm.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** INDICATORS.md rules 3 and 4, and the child sexual abuse part of rule 5. */
@DisplayName("Rules 3 and 4: trafficking indicated")
class TraffickingRulesTest {
    private static final String[] DR = {"DR_JOB_NATURE", "DR_CONDITIONS"};
    private static final String[] EX = {"EX_EXCESSIVE_HOURS", "EX_NO_PAY"};
    private static final String[] CD = {"CD_DOCS_TAKEN", "CD_CONFINED"};
    private static final String[] VD = {"VD_DEPENDENCY", "VD_UNKNOWN_PLACE", "VD_SHAME"};
    private static final String[] CH = {"CH_MISSING_EPISODES", "CH_OLDER_PARTNER"};

    @Test
    @DisplayName("adult: recruitment, exploitation and coercion at destination indicate trafficking, level high")
    void adultThreeElements() {
        Assessment a = Screenings.adult(25).yes(DR).yes(EX).yes(CD).assess();

        assertThat(a.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(a.findings().get(0)).satisfies(f -> {
            assertThat(f.code()).isEqualTo("TRAFFICKING_INDICATED");
            assertThat(f.rule()).startsWith("adult:");
            assertThat(f.indicators()).containsExactly("DR_JOB_NATURE", "DR_CONDITIONS", "EX_EXCESSIVE_HOURS",
                    "EX_NO_PAY", "CD_DOCS_TAKEN", "CD_CONFINED");
        });
        assertThat(a.treatedAsChild()).isFalse();
    }

    @Test
    @DisplayName("adult: abuse of vulnerability at destination can stand in for coercion")
    void adultVulnerabilityAtDestination() {
        Assessment a = Screenings.adult(25).yes(DR).yes(EX).yes(VD).assess();

        assertThat(a.has("TRAFFICKING_INDICATED")).isTrue();
    }

    @Test
    @DisplayName("adult: recruitment and exploitation without coercion or vulnerability at destination is not trafficking")
    void adultWithoutMeansAtDestination() {
        Assessment a = Screenings.adult(25).yes(DR).yes(EX).assess();

        assertThat(a.has("TRAFFICKING_INDICATED")).isFalse();
        assertThat(a.level()).isEqualTo(RiskLevel.MEDIUM);
    }

    @Test
    @DisplayName("adult: exploitation and coercion without recruitment is not trafficking")
    void adultWithoutRecruitment() {
        Assessment a = Screenings.adult(25).yes(EX).yes(CD).assess();

        assertThat(a.has("TRAFFICKING_INDICATED")).isFalse();
    }

    @Test
    @DisplayName("child: moved by others (the act) and child signs positive (the purpose) is trafficking")
    void childActAndChildSigns() {
        Assessment a = Screenings.child(15).yes("CH_MOVED").yes(CH).assess();

        assertThat(a.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(a.findings().get(0)).satisfies(f -> {
            assertThat(f.code()).isEqualTo("TRAFFICKING_INDICATED");
            assertThat(f.rule()).isEqualTo("child: act and purpose are enough, no means needed");
            assertThat(f.indicators()).containsExactly("CH_MISSING_EPISODES", "CH_OLDER_PARTNER", "CH_MOVED");
        });
        assertThat(a.treatedAsChild()).isTrue();
    }

    @Test
    @DisplayName("child: moved by others and exploitation positive is trafficking")
    void childActAndExploitation() {
        Assessment a = Screenings.child(15).yes("CH_MOVED").yes(EX).assess();

        assertThat(a.has("TRAFFICKING_INDICATED")).isTrue();
    }

    @Test
    @DisplayName("child: a positive recruitment dimension is also the act, no means at destination needed")
    void childRecruitmentIsTheAct() {
        Assessment a = Screenings.child(15).yes(DR).yes(EX).assess();

        assertThat(a.has("TRAFFICKING_INDICATED")).isTrue();
    }

    @Test
    @DisplayName("child: child signs positive without the act is not trafficking")
    void childWithoutAct() {
        Assessment a = Screenings.child(15).yes(CH).assess();

        assertThat(a.has("TRAFFICKING_INDICATED")).isFalse();
        assertThat(a.level()).isEqualTo(RiskLevel.MEDIUM);
    }

    @Test
    @DisplayName("child: the act without a positive purpose is not trafficking")
    void childActOnly() {
        Assessment a = Screenings.child(15).yes("CH_MOVED", "EX_NO_PAY").assess();

        assertThat(a.has("TRAFFICKING_INDICATED")).isFalse();
        assertThat(a.level()).isEqualTo(RiskLevel.LOW);
    }

    @Test
    @DisplayName("17 years: recruitment and exploitation are enough; 18 years: the same answers are not")
    void ageBoundary() {
        Assessment seventeen = Screenings.child(17).yes(DR).yes(EX).assess();
        Assessment eighteen = Screenings.adult(18).yes(DR).yes(EX).assess();

        assertThat(seventeen.has("TRAFFICKING_INDICATED")).isTrue();
        assertThat(seventeen.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(eighteen.has("TRAFFICKING_INDICATED")).isFalse();
        assertThat(eighteen.level()).isEqualTo(RiskLevel.MEDIUM);
    }

    @Test
    @DisplayName("child: sexual abuse with a positive dimension is high risk")
    void childSexualAbuseWithRisk() {
        Assessment a = Screenings.child(13).yes("VI_SEXUAL_ABUSE").yes(CH).assess();

        assertThat(a.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(a.findings()).extracting(Finding::code)
                .containsExactly("CHILD_SEXUAL_ABUSE_WITH_RISK", "CH_POSITIVE");
        assertThat(a.findings().get(0).indicators())
                .containsExactly("CH_MISSING_EPISODES", "CH_OLDER_PARTNER", "VI_SEXUAL_ABUSE");
    }

    @Test
    @DisplayName("child: sexual abuse without a positive dimension is medium risk")
    void childSexualAbuseAlone() {
        Assessment a = Screenings.child(13).yes("VI_SEXUAL_ABUSE", "CH_SCHOOL_DROPOUT").assess();

        assertThat(a.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(a.has("CHILD_SEXUAL_ABUSE_WITH_RISK")).isFalse();
    }

    @Test
    @DisplayName("adult: sexual abuse with a positive dimension is not the child rule")
    void adultSexualAbuse() {
        Assessment a = Screenings.adult(30).yes("VI_SEXUAL_ABUSE").yes(CD).assess();

        assertThat(a.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(a.has("CHILD_SEXUAL_ABUSE_WITH_RISK")).isFalse();
    }
}
