package bg.nrm.rules;

import bg.nrm.rules.screening.ScreeningFacts;
import bg.nrm.testing.Gen;
import bg.nrm.testing.Gen.Weighted;
import bg.nrm.testing.Property;
import org.drools.core.impl.InternalRuleBase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.conf.KieBaseMutabilityOption;
import org.kie.api.conf.SequentialOption;
import org.kie.api.runtime.StatelessKieSession;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The screening knowledge bases run in sequential mode (kmodule.xml): each rule is evaluated once, in salience order,
 * and a match that appears after its rule has fired is ignored. That gives the same result as the normal agenda only
 * because a rule reads nothing but the person, the answers and what rules of higher salience inserted. This checks it
 * on generated screenings of every questionnaire version against the same rules under the normal agenda, so that a
 * rule added later that reads a fact inserted at its own or a lower salience fails here, not in production.
 */
class SequentialModeTest {
    private static final RiskAssessor ASSESSOR = RiskAssessor.runningTheRulesEachTime();
    private static final KieBase NORMAL_1 = normalAgenda("screeningKB");
    private static final KieBase NORMAL_2 = normalAgenda("screeningKB2");

    // The reference: the same rules through a Drools container reading kmodule.xml, under the normal agenda.
    private static KieBase normalAgenda(String name) {
        KieServices kie = KieServices.Factory.get();
        KieBaseConfiguration conf = kie.newKieBaseConfiguration();
        conf.setOption(SequentialOption.NO);
        return kie.newKieClasspathContainer(RuleModule.class.getClassLoader()).newKieBase(name, conf);
    }

    @Test
    @DisplayName("the assessor's knowledge bases are sequential and immutable, the reference ones are not sequential")
    void assessorIsSequential() {
        for (String name : List.of("screeningKB", "screeningKB2")) {
            KieBase assessing = RuleModule.kieBase(name);

            assertThat(((InternalRuleBase) assessing).getRuleBaseConfiguration().isSequential()).as(name).isTrue();
            assertThat(((InternalRuleBase) assessing).getRuleBaseConfiguration()
                    .getOption(KieBaseMutabilityOption.KEY)).as(name).isEqualTo(KieBaseMutabilityOption.DISABLED);
        }
        assertThat(((InternalRuleBase) NORMAL_2).getRuleBaseConfiguration().isSequential()).isFalse();
    }

    @Test
    @DisplayName("sequential mode assesses every screening exactly as the normal agenda does, in both rulesets")
    void sameAsNormalAgenda() {
        Property.forAll(1000, g -> {
            Questionnaire q = g.oneOf(Questionnaires.builtIn().all());
            ScreeningInput input = screening(g, q);

            Assessment sequential = ASSESSOR.assess(input);
            Assessment normal = withNormalAgenda(q, input);

            assertThat(sequential).as("%s v%d %s", q.id(), q.version(), input).isEqualTo(normal);
        });
    }

    private static Assessment withNormalAgenda(Questionnaire q, ScreeningInput input) {
        boolean two = q.version() >= 2;
        ScreeningFacts facts = two ? ScreeningFacts.ofRulesetTwo(q, input.subject(), input.answers())
                : ScreeningFacts.of(q, input.subject(), input.answers());
        StatelessKieSession session = (two ? NORMAL_2 : NORMAL_1).newStatelessKieSession();
        session.setGlobal("result", facts.result());
        session.execute(facts.facts());
        return facts.result().toAssessment(RiskAssessor.rulesetFor(q.version()));
    }

    // A valid screening: every level, the age in doubt and each subject fact of version 2 turn up among the tries.
    private static ScreeningInput screening(Gen g, Questionnaire q) {
        int yesWeight = g.oneOf(List.of(2, 5, 10, 20));
        Map<String, String> answers = new HashMap<>();
        for (QuestionnaireItem item : q.items()) {
            int weight = item.dimension().equals("ID") ? yesWeight / 4 : yesWeight;
            String answer = g.frequency(Weighted.of(60, () -> "no"), Weighted.of(20, () -> "unknown"),
                    Weighted.of(weight, () -> "yes"), Weighted.of(20, () -> "absent"));
            if (!answer.equals("absent")) {
                answers.put(item.code(), answer);
            }
        }
        boolean adult = Questionnaire.ADULT.equals(q.subject());
        boolean ageUncertain = g.bool();
        int lowest = adult && (q.version() >= 2 || !ageUncertain) ? q.minAge() : 14;
        int age = adult ? g.between(lowest, g.bool() ? 22 : 90) : g.between(0, 17);
        String citizenship = g.oneOf(List.of("BG", "BG", "RO", "SY"));
        Subject subject = q.version() >= 2
                ? new Subject(age, "unknown", citizenship, "BG-22", ageUncertain, g.bool(),
                        adult ? null : g.bool(), g.bool(), g.bool(), g.oneOf(List.of("bg", "ar", "en")))
                : new Subject(age, "unknown", citizenship, "BG-22", ageUncertain, g.bool());
        return new ScreeningInput(q.id(), q.version(), subject, answers);
    }
}
