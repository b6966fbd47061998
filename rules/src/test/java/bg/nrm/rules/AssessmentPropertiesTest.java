package bg.nrm.rules;

import bg.nrm.rules.bench.PlainJavaAssessor;
import bg.nrm.testing.Gen;
import bg.nrm.testing.Gen.Weighted;
import bg.nrm.testing.Property;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties over generated screenings of both questionnaires (seeded: a failure names the seed that replays it). */
class AssessmentPropertiesTest {
    private static final RiskAssessor ASSESSOR = RiskAssessor.create();

    /** A valid generated screening, together with the questionnaire it answers. */
    record Case(Questionnaire questionnaire, ScreeningInput input) {
        Case with(String code, String answer) {
            Map<String, String> answers = new HashMap<>(input.answers());
            answers.put(code, answer);
            return new Case(questionnaire,
                    new ScreeningInput(input.questionnaireId(), input.questionnaireVersion(), input.subject(), answers));
        }

        List<String> codesAnswered(String answer) {
            return questionnaire.items().stream().map(QuestionnaireItem::code)
                    .filter(c -> answer.equals(input.answers().get(c))).toList();
        }
    }

    /** A valid screening of either questionnaire. */
    static Case screening(Gen g) {
        Questionnaire q = g.oneOf(Questionnaires.builtIn().all());
        // How often yes comes up varies from screening to screening, so that every level turns up among the tries.
        int yesWeight = g.oneOf(List.of(2, 5, 10, 20));
        Map<String, String> answers = new HashMap<>();
        for (QuestionnaireItem item : q.items()) {
            // Signs of immediate danger are rarer still, or most screenings would be IMMEDIATE and prove little.
            String answer = answer(g, item.dimension().equals("ID") ? yesWeight / 4 : yesWeight);
            if (!answer.equals("absent")) {
                answers.put(item.code(), answer);
            }
        }
        boolean adult = Questionnaire.ADULT.equals(q.subject());
        int age = adult ? g.between(14, 90) : g.between(0, 17);
        boolean ageUncertain = g.bool() || adult && age < 18;
        Subject subject = new Subject(age, "unknown", "BG", "BG-22", ageUncertain, g.bool());
        return new Case(q, new ScreeningInput(q.id(), q.version(), subject, answers));
    }

    private static String answer(Gen g, int yesWeight) {
        return g.frequency(Weighted.of(60, () -> "no"), Weighted.of(20, () -> "unknown"),
                Weighted.of(yesWeight, () -> "yes"), Weighted.of(20, () -> "absent"));
    }

    @Test
    @DisplayName("turning one no into yes never lowers the level")
    void noToYesNeverLowers() {
        Property.forAll(300, g -> {
            Case c = screening(g);
            List<String> no = c.codesAnswered("no");
            if (no.isEmpty()) {
                return;
            }
            String code = g.oneOf(no);
            RiskLevel before = ASSESSOR.assess(c.input()).level();
            RiskLevel after = ASSESSOR.assess(c.with(code, "yes").input()).level();

            assertThat(after.atLeast(before)).as("%s: %s -> %s", code, before, after).isTrue();
        });
    }

    @Test
    @DisplayName("turning one yes into unknown never raises the level")
    void yesToUnknownNeverRaises() {
        Property.forAll(300, g -> {
            Case c = screening(g);
            List<String> yes = c.codesAnswered("yes");
            if (yes.isEmpty()) {
                return;
            }
            String code = g.oneOf(yes);
            RiskLevel before = ASSESSOR.assess(c.input()).level();
            RiskLevel after = ASSESSOR.assess(c.with(code, "unknown").input()).level();

            assertThat(before.atLeast(after)).as("%s: %s -> %s", code, before, after).isTrue();
        });
    }

    @Test
    @DisplayName("every finding but insufficient information names at least one indicator answered yes, and only those")
    void findingsNameYesAnswers() {
        Property.forAll(300, g -> {
            Case c = screening(g);
            Assessment a = ASSESSOR.assess(c.input());
            Set<String> yes = new HashSet<>(c.codesAnswered("yes"));

            for (Finding f : a.findings()) {
                if (f.code().equals("INSUFFICIENT_INFORMATION")) {
                    assertThat(f.indicators()).hasSizeGreaterThanOrEqualTo(3).noneMatch(yes::contains);
                } else {
                    assertThat(f.indicators()).as(f.code()).isNotEmpty().allMatch(yes::contains);
                }
            }
        });
    }

    @Test
    @DisplayName("the rules agree with the plain-Java reference on level, findings, forms and dimensions")
    void agreesWithReference() {
        Set<RiskLevel> seen = EnumSet.noneOf(RiskLevel.class);
        Property.forAll(300, g -> {
            Case c = screening(g);
            Assessment a = ASSESSOR.assess(c.input());
            PlainJavaAssessor.Outcome expected = PlainJavaAssessor.assess(c.questionnaire(), c.input());

            assertThat(a.level()).isEqualTo(expected.level());
            assertThat(a.findings()).extracting(Finding::code).containsExactlyInAnyOrderElementsOf(
                    expected.findingCodes().stream().flatMap(code -> code.equals("IMMEDIATE_DANGER")
                            ? c.codesAnswered("yes").stream().filter(y -> y.startsWith("ID_")).map(y -> code)
                            : Stream.of(code)).toList());
            assertThat(a.exploitationForms()).containsExactlyElementsOf(expected.forms());
            assertThat(a.positiveDimensions()).containsExactlyElementsOf(expected.positiveDimensions());
            assertThat(a.treatedAsChild()).isEqualTo(expected.treatedAsChild());
            seen.add(a.level());
        });
        // Agreement proves little unless every level came up among the generated screenings.
        if (System.getProperty(Property.SEED) == null) {
            assertThat(seen).as("levels generated").containsExactlyInAnyOrder(RiskLevel.values());
        }
    }

    @Test
    @DisplayName("the same screening always gives an equal assessment")
    void deterministic() {
        Property.forAll(100, g -> {
            Case c = screening(g);
            assertThat(ASSESSOR.assess(c.input())).isEqualTo(ASSESSOR.assess(c.input()));
        });
    }
}
