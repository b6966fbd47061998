package bg.nrm.rules;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The version-2 questionnaires: RULESET-2.md §1. */
class QuestionnairesVersionTwoTest {
    private static final Questionnaire CHILD = Questionnaires.builtIn().find("child-risk", 2).orElseThrow();
    private static final Questionnaire ADULT = Questionnaires.builtIn().find("adult-risk", 2).orElseThrow();

    private static Set<String> codes(Questionnaire q) {
        return q.items().stream().map(QuestionnaireItem::code).collect(Collectors.toSet());
    }

    private static QuestionnaireItem item(Questionnaire q, String code) {
        return q.item(code).orElseThrow();
    }

    @Test
    @DisplayName("version 2 keeps every code of version 1 (codes are stable API) and adds the new ones")
    void keepsEveryCode() {
        for (Questionnaire two : List.of(CHILD, ADULT)) {
            Questionnaire one = Questionnaires.builtIn().find(two.id(), 1).orElseThrow();
            assertThat(codes(two)).containsAll(codes(one));
        }
        assertThat(codes(CHILD)).contains("VI_WITNESS_DV", "CH_UNDER_14_PREGNANCY", "EX_BABY_SALE");
        assertThat(codes(ADULT)).doesNotContain("VI_WITNESS_DV", "CH_UNDER_14_PREGNANCY");
    }

    @Test
    @DisplayName("a preamble says to answer from what is known, to choose 'Няма информация', and not to question the child")
    void preamble() {
        assertThat(CHILD.preamble().bg()).contains("Няма информация", "Не разпитвайте детето");
        assertThat(CHILD.preamble().en()).contains("No information", "Do not question the child");
        assertThat(ADULT.preamble()).isNotNull();
    }

    @Test
    @DisplayName("answer labels: Да / Не / Няма информация")
    void answerLabels() {
        assertThat(CHILD.answerLabels()).extracting(l -> l.value() + "=" + l.label().bg() + "/" + l.label().en())
                .containsExactly("yes=Да/Yes", "no=Не/No", "unknown=Няма информация/No information");
    }

    @Test
    @DisplayName("the wording is neutral: 'Има ли данни…', 'заблудено' never 'излъгано', and the title is a screening, not an 'оценка'")
    void neutralWording() {
        for (Questionnaire q : List.of(CHILD, ADULT)) {
            assertThat(q.title().bg()).startsWith("Скрининг").doesNotContain("Оценка");
            assertThat(q.items()).allSatisfy(i -> assertThat(i.text().bg()).doesNotContain("излъга", "престъпл",
                    "прелъст", "търпи", "задомен"));
            long neutral = q.items().stream().filter(i -> i.text().bg().contains("Има ли данни")).count();
            assertThat(neutral).isGreaterThan(q.items().size() * 9L / 10);
        }
    }

    @Test
    @DisplayName("child strengths follow the ILO child profile: abduction, threats, forced marriage, unlawful acts and forced tasks strong; education medium")
    void childStrengths() {
        for (String code : List.of("CR_ABDUCTION", "CR_THREATS", "EX_FORCED_MARRIAGE", "EX_CRIMINAL", "CD_FORCED_TASKS")) {
            assertThat(item(CHILD, code).strength()).as(code).isEqualTo(Strength.STRONG);
            assertThat(item(ADULT, code).strength()).as(code).isEqualTo(
                    Questionnaires.builtIn().find("adult-risk", 1).orElseThrow().item(code).orElseThrow().strength());
        }
        assertThat(item(CHILD, "DR_EDUCATION").strength()).isEqualTo(Strength.MEDIUM);
        assertThat(item(CHILD, "VI_WITNESS_DV").strength()).isEqualTo(Strength.MEDIUM);
        assertThat(item(CHILD, "CH_UNDER_14_PREGNANCY").strength()).isEqualTo(Strength.STRONG);
        assertThat(item(CHILD, "CH_UNDER_14_PREGNANCY").dimension()).isEqualTo("VI");
    }

    @Test
    @DisplayName("documents held by the care service are not a sign: CD_DOCS_TAKEN asks about someone who is not a parent, guardian or the service, against the person's will")
    void documentsQuestion() {
        assertThat(item(CHILD, "CD_DOCS_TAKEN").text().bg()).contains("против волята", "родител", "настойник", "социалната услуга");
        assertThat(item(CHILD, "CD_DOCS_TAKEN").guidance()).isNotNull();
        assertThat(item(CHILD, "VR_CARE_LEAVER").text().bg()).contains("възползвал");
    }

    @Test
    @DisplayName("the child's forced-marriage question counts cohabitation and arranged weddings, whatever the child's will")
    void childMarriageQuestion() {
        assertThat(item(CHILD, "EX_FORCED_MARRIAGE").text().bg()).contains("живее на семейни начала", "годеж")
                .doesNotContain("против волята");
        assertThat(item(ADULT, "EX_FORCED_MARRIAGE").text().bg()).contains("против волята");
    }

    @Test
    @DisplayName("the setting question never names a group: an area or setting with known cases, with a guidance note")
    void contextQuestion() {
        assertThat(item(CHILD, "VR_CONTEXT").text().bg()).contains("район или среда");
        assertThat(item(CHILD, "VR_CONTEXT").guidance().bg()).contains("етническа");
    }

    @Test
    @DisplayName("subject facts: the child questionnaire asks all four, the adult questionnaire all but 'unaccompanied'")
    void subjectFacts() {
        assertThat(CHILD.subjectFacts()).extracting(Questionnaire.SubjectFact::name)
                .containsExactly("unaccompanied", "asylumSeeker", "exploitedAbroad", "language");
        assertThat(ADULT.subjectFacts()).extracting(Questionnaire.SubjectFact::name)
                .containsExactly("asylumSeeker", "exploitedAbroad", "language");
    }

    @Test
    @DisplayName("the revised codes are the codes whose meaning RULESET-2.md refines, all asked by version 1 too")
    void revisedCodes() {
        Questionnaire one = Questionnaires.builtIn().find("child-risk", 1).orElseThrow();
        assertThat(CHILD.revisedCodes()).contains("CD_DOCS_TAKEN", "VR_CARE_LEAVER", "EX_SEXUAL", "EX_FORCED_MARRIAGE")
                .allSatisfy(code -> assertThat(one.item(code)).isPresent());
    }
}
