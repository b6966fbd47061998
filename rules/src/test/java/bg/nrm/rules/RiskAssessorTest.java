package bg.nrm.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The assessor as the service uses it. */
@DisplayName("Risk assessor")
class RiskAssessorTest {

    @Test
    @DisplayName("a realistic child screening: moved by others, missing episodes and an older partner")
    void realisticChild() {
        Assessment a = Screenings.child(15).yes("CH_MOVED", "CH_MISSING_EPISODES", "CH_OLDER_PARTNER",
                "CH_GIFTS_MONEY", "VR_CARE_LEAVER").unknown("EX_SEXUAL").assess();

        assertThat(a.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(a.findings()).extracting(Finding::code).containsExactly("TRAFFICKING_INDICATED", "CH_POSITIVE");
        assertThat(a.exploitationForms()).containsExactly(ExploitationForm.SEXUAL);
        assertThat(a.positiveDimensions()).containsExactly("CH");
        assertThat(a.recommendations()).isNotEmpty().doesNotHaveDuplicates();
        assertThat(a.treatedAsChild()).isTrue();
    }

    @Test
    @DisplayName("assessors share one knowledge base and assess concurrently with the same results")
    void concurrent() throws Exception {
        List<ScreeningInput> inputs = List.of(
                Screenings.child(15).yes("CH_MOVED", "CH_MISSING_EPISODES", "CH_OLDER_PARTNER").input(),
                Screenings.adult(30).yes("DR_JOB_NATURE", "DR_WAGES", "EX_NO_PAY", "EX_LIVING", "EX_HAZARDOUS",
                        "CD_DOCS_TAKEN", "CD_CONFINED").input(),
                Screenings.adult(44).yes("ID_SELF_HARM").input(),
                Screenings.child(5).input());
        RiskAssessor one = RiskAssessor.create();
        List<Assessment> expected = inputs.stream().map(one::assess).toList();
        RiskAssessor other = RiskAssessor.create();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Assessment>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                ScreeningInput input = inputs.get(i % inputs.size());
                futures.add(pool.submit(() -> other.assess(input)));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(expected.get(i % inputs.size()));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected).extracting(Assessment::level)
                .containsExactly(RiskLevel.HIGH, RiskLevel.HIGH, RiskLevel.IMMEDIATE, RiskLevel.NONE);
    }

    @Test
    @DisplayName("every rule name in a finding is a sentence in lower case, never a code")
    void ruleNamesAreSentences() {
        Assessment a = Screenings.adult(19).ageUncertain().yes("DR_JOB_NATURE", "DR_CONDITIONS", "EX_SEXUAL",
                "EX_NO_PAY", "ID_THREAT_TO_LIFE").unknown("CD_DOCS_TAKEN", "CD_CONFINED", "CD_VIOLENCE").assess();

        assertThat(a.findings()).hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(f -> assertThat(f.rule()).contains(" ").doesNotContain("_"));
    }
}
