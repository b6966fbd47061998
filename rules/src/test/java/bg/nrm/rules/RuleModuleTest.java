package bg.nrm.rules;

import org.drools.compiler.kproject.models.KieModuleModelImpl;
import org.drools.core.RuleBaseConfiguration;
import org.drools.core.impl.InternalRuleBase;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.conf.DeclarativeAgendaOption;
import org.kie.api.conf.EqualityBehaviorOption;
import org.kie.api.conf.EventProcessingOption;
import org.kie.api.conf.KieBaseMutabilityOption;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;

import java.net.URL;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The knowledge bases are built from the executable model without a Drools container (no kmodule.xml at run time):
 * the settings in code must say what kmodule.xml says, and each knowledge base must be what a container reading
 * kmodule.xml gives: the same rules, the same packages, the same options.
 */
class RuleModuleTest {
    private static final KieContainer CONTAINER = KieServices.Factory.get()
            .newKieClasspathContainer(RuleModule.class.getClassLoader());

    @Test
    @DisplayName("the knowledge bases in code are exactly those of kmodule.xml, settings and sessions included")
    void settingsInCodeAreKmoduleXml() {
        URL kmodule = RuleModule.class.getClassLoader().getResource("META-INF/kmodule.xml");
        assertThat(kmodule).isNotNull();
        KieModuleModel fromXml = KieModuleModelImpl.fromXML(kmodule);

        assertThat(((KieModuleModelImpl) RuleModule.model()).toXML())
                .isEqualTo(((KieModuleModelImpl) fromXml).toXML());
        assertThat(RuleModule.model().getKieBaseModels().keySet())
                .containsExactlyInAnyOrder("screeningKB", "routingKB", "screeningKB2", "routingKB2");
    }

    @Test
    @DisplayName("each knowledge base has the rules and options a container reading kmodule.xml gives it")
    void sameAsTheContainer() {
        for (String name : RuleModule.model().getKieBaseModels().keySet()) {
            KieBase built = RuleModule.kieBase(name);
            KieBase reference = CONTAINER.getKieBase(name);

            assertThat(rules(built)).as(name).isNotEmpty().isEqualTo(rules(reference));
            RuleBaseConfiguration ours = ((InternalRuleBase) built).getRuleBaseConfiguration();
            RuleBaseConfiguration theirs = ((InternalRuleBase) reference).getRuleBaseConfiguration();
            assertThat(ours.isSequential()).as(name).isEqualTo(theirs.isSequential());
            assertThat(ours.getOption(KieBaseMutabilityOption.KEY)).as(name)
                    .isEqualTo(theirs.getOption(KieBaseMutabilityOption.KEY));
            assertThat(ours.getOption(EqualityBehaviorOption.KEY)).as(name)
                    .isEqualTo(theirs.getOption(EqualityBehaviorOption.KEY));
            assertThat(ours.getOption(EventProcessingOption.KEY)).as(name)
                    .isEqualTo(theirs.getOption(EventProcessingOption.KEY));
            assertThat(ours.getOption(DeclarativeAgendaOption.KEY)).as(name)
                    .isEqualTo(theirs.getOption(DeclarativeAgendaOption.KEY));
        }
    }

    @Test
    @DisplayName("a knowledge base is built once and shared")
    void builtOnce() {
        assertThat(RuleModule.kieBase("routingKB2")).isSameAs(RuleModule.kieBase("routingKB2"));
    }

    @Test
    @DisplayName("a knowledge base kmodule.xml does not name is refused")
    void unknownKnowledgeBaseIsRefused() {
        assertThatThrownBy(() -> RuleModule.kieBase("screeningKB3"))
                .isInstanceOf(RulesException.class)
                .hasMessageContaining("screeningKB3");
    }

    // Package and name of every rule, so that a rule in the wrong base or missing from one shows.
    private static Set<String> rules(KieBase base) {
        Set<String> names = new TreeSet<>();
        for (KiePackage pkg : base.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                names.add(pkg.getName() + ": " + rule.getName());
            }
        }
        return names;
    }
}
