package bg.nrm.rules;

import bg.nrm.rules.bench.PlainJavaAssessor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Properties over generated screenings of both questionnaires. */
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

    @Provide
    Arbitrary<Case> screenings() {
        // How often yes comes up varies from screening to screening, so that every level turns up among the tries.
        // Version 1 only: these are ruleset 1.0.0's properties, checked against its plain-Java reference.
        return Combinators.combine(Arbitraries.of(Questionnaires.builtIn().all().stream()
                        .filter(q -> q.version() == 1).toList()), Arbitraries.of(2, 5, 10, 20))
                .flatAs((q, yesWeight) -> {
            // Signs of immediate danger are rarer still, or most screenings would be IMMEDIATE and prove little.
            Arbitrary<List<String>> answers = Combinators.combine(q.items().stream()
                    .map(item -> answer(item.dimension().equals("ID") ? yesWeight / 4 : yesWeight)).toList())
                    .as(list -> list);
            boolean adult = Questionnaire.ADULT.equals(q.subject());
            Arbitrary<Integer> age = adult ? Arbitraries.integers().between(14, 90) : Arbitraries.integers().between(0, 17);
            Arbitrary<Boolean> uncertain = Arbitraries.of(true, false);
            return Combinators.combine(answers, age, uncertain, Arbitraries.of(true, false)).as((list, a, u, consent) -> {
                boolean ageUncertain = u || adult && a < 18;
                Map<String, String> map = new HashMap<>();
                for (int i = 0; i < list.size(); i++) {
                    if (!list.get(i).equals("absent")) {
                        map.put(q.items().get(i).code(), list.get(i));
                    }
                }
                Subject subject = new Subject(a, "unknown", "BG", "BG-22", ageUncertain, consent);
                return new Case(q, new ScreeningInput(q.id(), q.version(), subject, map));
            });
        });
    }

    private static Arbitrary<String> answer(int yesWeight) {
        return Arbitraries.frequencyOf(
                Tuple.of(60, Arbitraries.just("no")), Tuple.of(20, Arbitraries.just("unknown")),
                Tuple.of(yesWeight, Arbitraries.just("yes")), Tuple.of(20, Arbitraries.just("absent")));
    }

    @Property(tries = 300)
    @Label("turning one no into yes never lowers the level")
    void noToYesNeverLowers(@ForAll("screenings") Case c, @ForAll("index") int pick) {
        List<String> no = c.codesAnswered("no");
        if (no.isEmpty()) {
            return;
        }
        String code = no.get(pick % no.size());
        RiskLevel before = ASSESSOR.assess(c.input()).level();
        RiskLevel after = ASSESSOR.assess(c.with(code, "yes").input()).level();

        assertThat(after.atLeast(before)).as("%s: %s -> %s", code, before, after).isTrue();
    }

    @Property(tries = 300)
    @Label("turning one yes into unknown never raises the level")
    void yesToUnknownNeverRaises(@ForAll("screenings") Case c, @ForAll("index") int pick) {
        List<String> yes = c.codesAnswered("yes");
        if (yes.isEmpty()) {
            return;
        }
        String code = yes.get(pick % yes.size());
        RiskLevel before = ASSESSOR.assess(c.input()).level();
        RiskLevel after = ASSESSOR.assess(c.with(code, "unknown").input()).level();

        assertThat(before.atLeast(after)).as("%s: %s -> %s", code, before, after).isTrue();
    }

    @Property(tries = 300)
    @Label("every finding but insufficient information names at least one indicator answered yes, and only those")
    void findingsNameYesAnswers(@ForAll("screenings") Case c) {
        Assessment a = ASSESSOR.assess(c.input());
        Set<String> yes = new HashSet<>(c.codesAnswered("yes"));

        for (Finding f : a.findings()) {
            if (f.code().equals("INSUFFICIENT_INFORMATION")) {
                assertThat(f.indicators()).hasSizeGreaterThanOrEqualTo(3).noneMatch(yes::contains);
            } else {
                assertThat(f.indicators()).as(f.code()).isNotEmpty().allMatch(yes::contains);
            }
        }
    }

    @Property(tries = 300)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    @Label("the rules agree with the plain-Java reference on level, findings, forms and dimensions")
    void agreesWithReference(@ForAll("screenings") Case c) {
        Assessment a = ASSESSOR.assess(c.input());
        PlainJavaAssessor.Outcome expected = PlainJavaAssessor.assess(c.questionnaire(), c.input());

        assertThat(a.level()).isEqualTo(expected.level());
        assertThat(a.findings()).extracting(Finding::code).containsExactlyInAnyOrderElementsOf(
                expected.findingCodes().stream().flatMap(code -> code.equals("IMMEDIATE_DANGER")
                        ? c.codesAnswered("yes").stream().filter(y -> y.startsWith("ID_")).map(y -> code)
                        : java.util.stream.Stream.of(code)).toList());
        assertThat(a.exploitationForms()).containsExactlyElementsOf(expected.forms());
        assertThat(a.positiveDimensions()).containsExactlyElementsOf(expected.positiveDimensions());
        assertThat(a.treatedAsChild()).isEqualTo(expected.treatedAsChild());
        Statistics.label("level").collect(a.level());
        Statistics.label("level").coverage(coverage -> {
            for (RiskLevel level : RiskLevel.values()) {
                coverage.check(level).count(n -> n > 0);
            }
        });
    }

    @Property(tries = 100)
    @Label("the same screening always gives an equal assessment")
    void deterministic(@ForAll("screenings") Case c) {
        assertThat(ASSESSOR.assess(c.input())).isEqualTo(ASSESSOR.assess(c.input()));
    }

    @Provide
    Arbitrary<Integer> index() {
        return Arbitraries.integers().between(0, 1000);
    }
}
