package bg.nrm.rules;

import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The assessor refuses a knowledge base without rules, which would assess every screening as NONE. */
class EmptyRuleBaseTest {

    @Test
    @DisplayName("a knowledge base without rules is refused when the assessor loads it")
    void emptyKnowledgeBaseIsRefused() {
        assertThatThrownBy(() -> RiskAssessor.requireRules(KnowledgeBaseFactory.newKnowledgeBase(), "screeningKB2"))
                .isInstanceOf(RulesException.class)
                .hasMessageContaining("screeningKB2 has no rules");
    }

    @Test
    @DisplayName("the module's screening knowledge bases have their rules")
    void builtInKnowledgeBasesAreAccepted() {
        for (String name : new String[] {"screeningKB", "screeningKB2"}) {
            assertThat(RiskAssessor.requireRules(RuleModule.kieBase(name), name)).isNotNull();
        }
    }
}
