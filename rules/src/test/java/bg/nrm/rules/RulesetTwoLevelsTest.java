package bg.nrm.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static bg.nrm.rules.Screenings.adult2;
import static bg.nrm.rules.Screenings.child;
import static bg.nrm.rules.Screenings.child2;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ruleset 2.0.0, the levels and findings of RULESET-2.md §2: for each level rule a scenario where it fires and one
 * where it does not. Named scenarios, as a child-protection worker would describe the case.
 */
class RulesetTwoLevelsTest {

    private static Finding finding(Assessment a, String code) {
        return a.findings().stream().filter(f -> f.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("a version-2 screening is assessed by ruleset 2.0.0, a version-1 screening still by 1.0.0")
    void rulesetFollowsTheQuestionnaireVersion() {
        assertThat(child2(12).assess().rulesetVersion()).isEqualTo("2.0.0");
        assertThat(child(12).assess().rulesetVersion()).isEqualTo("1.0.0");
    }

    @Test
    @DisplayName("a child with family violence, injuries and neglect is MEDIUM, violence is a positive dimension and the child is in need of protection (was LOW in 1.0.0)")
    void childWithViolenceSignsOnlyIsReported() {
        Assessment a = child2(9).yes("VI_DOMESTIC", "VI_INJURIES", "VI_NEGLECT").assess();
        Assessment v1 = child(9).yes("VI_DOMESTIC", "VI_INJURIES", "VI_NEGLECT").assess();

        assertThat(a.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(a.positiveDimensions()).containsExactly("VI");
        assertThat(finding(a, "VI_POSITIVE").indicators()).containsExactly("VI_DOMESTIC", "VI_INJURIES", "VI_NEGLECT");
        assertThat(finding(a, "CHILD_IN_NEED_OF_PROTECTION").indicators())
                .containsExactly("VI_DOMESTIC", "VI_INJURIES", "VI_NEGLECT");
        assertThat(v1.level()).isEqualTo(RiskLevel.LOW);
    }

    @Test
    @DisplayName("a child neglected and nothing else is still a child in need of protection: at least MEDIUM")
    void oneWeakViolenceSignIsEnoughForAChild() {
        Assessment a = child2(4).yes("VI_NEGLECT").assess();

        assertThat(a.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(a.has("CHILD_IN_NEED_OF_PROTECTION")).isTrue();
        assertThat(a.has("VI_POSITIVE")).isFalse();
    }

    @Test
    @DisplayName("a child moved by others for their own ends, with nothing else known, is MEDIUM (was LOW)")
    void childMovedByOthersIsReported() {
        Assessment a = child2(15).yes("CH_MOVED").assess();

        assertThat(a.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(finding(a, "CHILD_IN_NEED_OF_PROTECTION").indicators()).containsExactly("CH_MOVED");
        assertThat(child(15).yes("CH_MOVED").assess().level()).isEqualTo(RiskLevel.LOW);
    }

    @Test
    @DisplayName("a child who only stopped going to school is LOW: a weak sign outside violence, exploitation and control is not a report")
    void childWithOnlyAWeakChildSignIsNotInNeedOfProtection() {
        Assessment a = child2(15).yes("CH_SCHOOL_DROPOUT").assess();

        assertThat(a.level()).isEqualTo(RiskLevel.LOW);
        assertThat(a.has("CHILD_IN_NEED_OF_PROTECTION")).isFalse();
    }

    @Test
    @DisplayName("an adult is never 'a child in need of protection', whatever the violence")
    void adultIsNotAChildInNeedOfProtection() {
        Assessment a = adult2(30).yes("VI_DOMESTIC").assess();

        assertThat(a.level()).isEqualTo(RiskLevel.LOW);
        assertThat(a.has("CHILD_IN_NEED_OF_PROTECTION")).isFalse();
    }

    @Test
    @DisplayName("a child who discloses sexual abuse is HIGH on their own, CHILD_SEXUAL_ABUSE (was MEDIUM in 1.0.0)")
    void childDisclosingSexualAbuseIsHigh() {
        Assessment a = child2(11).yes("VI_SEXUAL_ABUSE").assess();

        assertThat(a.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(finding(a, "CHILD_SEXUAL_ABUSE").indicators()).containsExactly("VI_SEXUAL_ABUSE");
        assertThat(a.has("CHILD_SEXUAL_ABUSE_WITH_RISK")).isFalse();
        assertThat(child(11).yes("VI_SEXUAL_ABUSE").assess().level()).isEqualTo(RiskLevel.MEDIUM);
    }

    @Test
    @DisplayName("a girl under 14 who is pregnant is HIGH, CHILD_SEXUAL_ABUSE")
    void pregnancyUnder14IsChildSexualAbuse() {
        Assessment a = child2(13).yes("CH_UNDER_14_PREGNANCY").assess();

        assertThat(a.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(finding(a, "CHILD_SEXUAL_ABUSE").indicators()).containsExactly("CH_UNDER_14_PREGNANCY");
    }

    @Test
    @DisplayName("a child in sexual acts for gifts, with nothing else known, is HIGH, CHILD_SEXUAL_ABUSE")
    void sexualExploitationOfAChildIsChildSexualAbuse() {
        Assessment a = child2(16).yes("EX_SEXUAL").assess();

        assertThat(a.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(a.has("CHILD_SEXUAL_ABUSE")).isTrue();
        assertThat(a.exploitationForms()).containsExactly(ExploitationForm.SEXUAL);
    }

    @Test
    @DisplayName("an adult who discloses sexual abuse is not CHILD_SEXUAL_ABUSE: MEDIUM by the strong sign")
    void adultSexualAbuseIsNotTheChildRule() {
        Assessment a = adult2(25).yes("VI_SEXUAL_ABUSE").assess();

        assertThat(a.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(a.has("CHILD_SEXUAL_ABUSE")).isFalse();
    }

    @Test
    @DisplayName("a married 14-year-old who is pregnant is HIGH: CHILD_MARRIAGE_OR_SALE, forced marriage suspected (was LOW)")
    void marriedFourteenYearOldIsHigh() {
        Assessment a = child2(14).gender("female").yes("EX_FORCED_MARRIAGE", "CH_STI_PREGNANCY").assess();

        assertThat(a.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(finding(a, "CHILD_MARRIAGE_OR_SALE").indicators()).containsExactly("EX_FORCED_MARRIAGE");
        assertThat(a.exploitationForms()).contains(ExploitationForm.FORCED_MARRIAGE);
        assertThat(child(14).yes("EX_FORCED_MARRIAGE", "CH_STI_PREGNANCY").assess().level()).isEqualTo(RiskLevel.LOW);
    }

    @Test
    @DisplayName("a girl pressed to sell her baby is HIGH: CHILD_MARRIAGE_OR_SALE, sale of a child suspected")
    void childPressedToSellHerBabyIsHigh() {
        Assessment a = child2(17).yes("EX_BABY_SALE").assess();

        assertThat(a.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(a.has("CHILD_MARRIAGE_OR_SALE")).isTrue();
        assertThat(a.exploitationForms()).containsExactly(ExploitationForm.CHILD_SALE);
    }

    @Test
    @DisplayName("an adult married against her will, nothing else known, is not the child's marriage rule: LOW")
    void adultForcedMarriageAloneIsLow() {
        Assessment a = adult2(22).yes("EX_FORCED_MARRIAGE").assess();

        assertThat(a.level()).isEqualTo(RiskLevel.LOW);
        assertThat(a.has("CHILD_MARRIAGE_OR_SALE")).isFalse();
    }

    @Test
    @DisplayName("violence is a dimension for adults too: abuse and injuries make VI positive and MEDIUM")
    void violenceDimensionForAdults() {
        Assessment positive = adult2(40).yes("VI_SEXUAL_ABUSE", "VI_INJURIES").assess();
        Assessment notPositive = adult2(40).yes("VI_INJURIES").assess();

        assertThat(positive.positiveDimensions()).containsExactly("VI");
        assertThat(positive.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(notPositive.positiveDimensions()).isEmpty();
        assertThat(notPositive.level()).isEqualTo(RiskLevel.LOW);
    }

    @Test
    @DisplayName("a child witnessing domestic violence at home is a child in need of protection (ЗЗДН 2023)")
    void witnessingDomesticViolence() {
        Assessment a = child2(7).yes("VI_WITNESS_DV").assess();

        assertThat(a.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(finding(a, "CHILD_IN_NEED_OF_PROTECTION").indicators()).containsExactly("VI_WITNESS_DV");
    }

    @Test
    @DisplayName("child strengths: abduction is strong for a child in version 2, so abduction and a recruitment debt make CR positive")
    void childStrengthsFollowTheIloChildProfile() {
        assertThat(child2(15).yes("CR_ABDUCTION", "CR_DEBT").assess().positiveDimensions()).containsExactly("CR");
        assertThat(child(15).yes("CR_ABDUCTION", "CR_DEBT").assess().positiveDimensions()).isEmpty();
    }

    @Test
    @DisplayName("trafficking indicated makes an adult HIGH; without the means it does not")
    void adultTraffickingNeedsAllThreeElements() {
        Assessment trafficked = adult2(34).gender("male")
                .yes("DR_JOB_NATURE", "DR_WAGES", "EX_EXCESSIVE_HOURS", "EX_NO_PAY", "CD_DOCS_TAKEN", "CD_CONFINED").assess();
        Assessment noMeans = adult2(34).gender("male")
                .yes("EX_EXCESSIVE_HOURS", "EX_NO_PAY", "CD_DOCS_TAKEN", "CD_CONFINED").assess();

        assertThat(trafficked.level()).isEqualTo(RiskLevel.HIGH);
        assertThat(trafficked.has("TRAFFICKING_INDICATED")).isTrue();
        assertThat(noMeans.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(noMeans.has("TRAFFICKING_INDICATED")).isFalse();
    }

    @Test
    @DisplayName("any sign of immediate danger makes the level IMMEDIATE; a strong sign alone makes MEDIUM; one weak sign LOW; nothing NONE")
    void theOtherLevelRules() {
        assertThat(adult2(30).yes("ID_THREAT_TO_LIFE").assess().level()).isEqualTo(RiskLevel.IMMEDIATE);
        assertThat(adult2(30).yes("CD_CONFINED").assess().level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(adult2(30).yes("VD_SHAME").assess().level()).isEqualTo(RiskLevel.LOW);
        assertThat(adult2(30).assess().level()).isEqualTo(RiskLevel.NONE);
    }

    @Test
    @DisplayName("age in doubt at 19: treated as a child, and the finding is there even at NONE, with no indicators")
    void ageInDoubtAlwaysCarriesItsFinding() {
        Assessment none = adult2(19).ageUncertain().assess();
        Assessment certain = adult2(19).assess();
        Assessment older = adult2(21).ageUncertain().assess();

        assertThat(none.level()).isEqualTo(RiskLevel.NONE);
        assertThat(none.treatedAsChild()).isTrue();
        assertThat(finding(none, "AGE_UNCERTAIN_TREATED_AS_CHILD").indicators()).isEmpty();
        assertThat(none.advice()).extracting(Advice::code).contains("ESTABLISH_AGE");
        assertThat(certain.has("AGE_UNCERTAIN_TREATED_AS_CHILD")).isFalse();
        assertThat(older.has("AGE_UNCERTAIN_TREATED_AS_CHILD")).isFalse();
        assertThat(older.treatedAsChild()).isFalse();
    }

    @Test
    @DisplayName("age in doubt at 19 with violence signs: the child rules apply, so the person is MEDIUM and in need of protection")
    void ageInDoubtUsesTheChildRules() {
        Assessment a = adult2(19).ageUncertain().yes("VI_INJURIES").assess();

        assertThat(a.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(a.has("CHILD_IN_NEED_OF_PROTECTION")).isTrue();
        assertThat(finding(a, "AGE_UNCERTAIN_TREATED_AS_CHILD").indicators()).containsExactly("VI_INJURIES");
    }

    @Test
    @DisplayName("insufficient information is a finding at NONE, with 'complete the key questions at the next contact', never a 14-day wait")
    void insufficientInformationAtNone() {
        Assessment a = adult2(30).unknown("EX_EXCESSIVE_HOURS", "EX_SEXUAL", "EX_BEGGING").assess();

        assertThat(a.level()).isEqualTo(RiskLevel.NONE);
        assertThat(finding(a, "INSUFFICIENT_INFORMATION").indicators())
                .containsExactly("EX_EXCESSIVE_HOURS", "EX_SEXUAL", "EX_BEGGING");
        assertThat(a.advice()).extracting(Advice::code).contains("COMPLETE_KEY_QUESTIONS");
        assertThat(a.recommendations()).noneMatch(r -> r.contains("14"));
    }

    @Test
    @DisplayName("insufficient information is not a finding beside immediate danger")
    void insufficientInformationNotBesideImmediateDanger() {
        Assessment a = adult2(30).unknown("EX_EXCESSIVE_HOURS", "EX_SEXUAL", "EX_BEGGING").yes("ID_THREAT_TO_LIFE")
                .assess();

        assertThat(a.level()).isEqualTo(RiskLevel.IMMEDIATE);
        assertThat(a.has("INSUFFICIENT_INFORMATION")).isFalse();
        assertThat(a.advice()).extracting(Advice::code).doesNotContain("COMPLETE_KEY_QUESTIONS");
    }

    @Test
    @DisplayName("immediate danger findings keep their indicator, one finding per sign")
    void immediateDangerByType() {
        Assessment a = child2(15).yes("ID_DEPARTURE_IMMINENT", "ID_SELF_HARM").assess();

        assertThat(a.findings()).filteredOn(f -> f.code().equals("IMMEDIATE_DANGER"))
                .extracting(f -> f.indicators().get(0)).containsExactly("ID_DEPARTURE_IMMINENT", "ID_SELF_HARM");
    }
}
