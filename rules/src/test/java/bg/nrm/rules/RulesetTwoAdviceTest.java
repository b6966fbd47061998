package bg.nrm.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static bg.nrm.rules.Screenings.adult2;
import static bg.nrm.rules.Screenings.child;
import static bg.nrm.rules.Screenings.child2;
import static org.assertj.core.api.Assertions.assertThat;

/** Ruleset 2.0.0: the advice for the screener, in Bulgarian first and English beside it, naming whom to call. */
class RulesetTwoAdviceTest {

    @Test
    @DisplayName("every piece of advice has Bulgarian in Cyrillic and English without it; recommendations are the Bulgarian texts")
    void adviceIsBilingualAndBulgarianFirst() {
        Assessment a = child2(15).yes("CH_MOVED", "EX_BEGGING", "VR_FAMILY").citizenship("RO").assess();

        assertThat(a.advice()).isNotEmpty().allSatisfy(piece -> {
            assertThat(piece.text().bg()).containsPattern("\\p{IsCyrillic}");
            assertThat(piece.text().en()).doesNotContainPattern("[а-я]{3}");
        });
        assertThat(a.recommendations()).isEqualTo(a.advice().stream().map(p -> p.text().bg()).toList());
    }

    @Test
    @DisplayName("a child at medium risk: report to ОЗД at once, no consent needed, with 112 and 116 111 out of hours")
    void reportingAChildNamesWhoToCall() {
        Assessment a = child2(12).yes("VI_INJURIES").assess();

        assertThat(a.advice()).extracting(Advice::code).contains("REPORT_CHILD_NOW", "REFER_WITHIN_24_HOURS")
                .doesNotContain("REFER_WITHIN_72_HOURS");
        assertThat(a.recommendations()).anySatisfy(r -> assertThat(r).contains("ОЗД", "112", "116 111"));
    }

    @Test
    @DisplayName("a child at medium risk without violence signs: refer within 72 hours")
    void mediumWithoutViolence() {
        Assessment a = child2(12).yes("CH_MISSING_EPISODES").assess();

        assertThat(a.advice()).extracting(Advice::code).contains("REPORT_CHILD_NOW", "REFER_WITHIN_72_HOURS");
    }

    @Test
    @DisplayName("a child who discloses sexual abuse: tell the police too, and do not question the child")
    void childSexualAbuseAdvice() {
        Assessment a = child2(10).yes("VI_SEXUAL_ABUSE").assess();

        assertThat(a.advice()).extracting(Advice::code).contains("TELL_POLICE_CHILD_SEXUAL_ABUSE", "REPORT_CHILD_NOW");
    }

    @Test
    @DisplayName("acute risk of self-harm: the first advice is to call 112 for emergency medical care")
    void selfHarmAdviceComesFirst() {
        Assessment a = adult2(30).yes("ID_SELF_HARM").assess();

        assertThat(a.advice().get(0).code()).isEqualTo("CALL_112_NOW");
        assertThat(a.recommendations().get(0)).contains("112");
        assertThat(a.advice()).extracting(Advice::code).as("nobody to confront").doesNotContain("DO_NOT_CONFRONT");
        assertThat(adult2(30).yes("ID_THREAT_TO_LIFE").assess().advice()).extracting(Advice::code)
                .contains("DO_NOT_CONFRONT");
    }

    @Test
    @DisplayName("a foreign national seeking asylum: an interpreter, and never the consulate; one not seeking asylum: the consulate only with consent")
    void foreignNationals() {
        Assessment asylum = adult2(30).citizenship("SY").asylumSeeker().yes("CD_CONFINED").assess();
        Assessment worker = adult2(30).citizenship("UA").yes("CD_CONFINED").assess();
        Assessment bulgarian = adult2(30).yes("CD_CONFINED").assess();

        assertThat(asylum.advice()).extracting(Advice::code).contains("USE_AN_INTERPRETER", "NO_CONSULATE_FOR_ASYLUM_SEEKER")
                .doesNotContain("CONSULATE_ONLY_WITH_CONSENT");
        assertThat(worker.advice()).extracting(Advice::code).contains("USE_AN_INTERPRETER", "CONSULATE_ONLY_WITH_CONSENT");
        assertThat(bulgarian.advice()).extracting(Advice::code).doesNotContain("USE_AN_INTERPRETER");
    }

    @Test
    @DisplayName("a Bulgarian citizen whose best language is Turkish: an interpreter")
    void languageOtherThanBulgarian() {
        assertThat(adult2(30).language("tr").yes("CD_CONFINED").assess().advice()).extracting(Advice::code)
                .contains("USE_AN_INTERPRETER");
        assertThat(adult2(30).language("bg").yes("CD_CONFINED").assess().advice()).extracting(Advice::code)
                .doesNotContain("USE_AN_INTERPRETER");
    }

    @Test
    @DisplayName("an adult with trafficking indicated is told of the 30-day recovery and reflection period; forced theft brings the non-punishment advice")
    void adultRightsAndNonPunishment() {
        Assessment a = adult2(28).yes("DR_JOB_NATURE", "DR_WAGES", "EX_CRIMINAL", "EX_NO_PAY", "EX_LIVING",
                "CD_CONFINED", "CD_THREATS").assess();

        assertThat(a.has("TRAFFICKING_INDICATED")).isTrue();
        assertThat(a.advice()).extracting(Advice::code).contains("ADULT_RIGHTS", "NON_PUNISHMENT", "TRAFFICKING_CONTACTS");
        assertThat(a.recommendations()).anySatisfy(r -> assertThat(r).contains("30 дни", "чл. 26"));
        assertThat(a.recommendations()).anySatisfy(r -> assertThat(r).contains("02 807 80 50", "0800 20 100"));
    }

    @Test
    @DisplayName("a family member is involved: do not inform the family")
    void doNotInformTheFamily() {
        assertThat(child2(15).yes("VR_FAMILY").assess().advice()).extracting(Advice::code).contains("DO_NOT_INFORM_FAMILY");
        assertThat(child2(15).yes("VR_ECONOMIC").assess().advice()).extracting(Advice::code)
                .doesNotContain("DO_NOT_INFORM_FAMILY");
    }

    @Test
    @DisplayName("an adult subjected to domestic violence: the national helplines and a protection order")
    void domesticViolenceHelp() {
        Assessment a = adult2(35).yes("VI_DOMESTIC").assess();

        assertThat(a.advice()).extracting(Advice::code).contains("DOMESTIC_VIOLENCE_HELP");
        assertThat(a.recommendations()).anySatisfy(r -> assertThat(r).contains("0800 1 86 76", "0800 11 977"));
    }

    @Test
    @DisplayName("version 1 keeps its English recommendations and has no bilingual advice")
    void versionOneUnchanged() {
        Assessment a = child(12).yes("VI_SEXUAL_ABUSE").assess();

        assertThat(a.advice()).isEmpty();
        assertThat(a.recommendations()).allSatisfy(r -> assertThat(r).doesNotContainPattern("\\p{IsCyrillic}"));
    }
}
