package bg.nrm.rules.routing;

import bg.nrm.testing.QuietLog;
import org.drools.model.codegen.ExecutableModelProject;
import org.junit.jupiter.api.Test;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;

import static org.assertj.core.api.Assertions.assertThat;

/** A broken routing rule is a build error (the same executable-model compiler the build runs), never a request. */
class MalformedRuleTest {

    @Test
    void routingRuleWithAnIncompleteConstraintFailsToCompile() {
        KieServices services = KieServices.Factory.get();
        KieFileSystem files = services.newKieFileSystem();
        files.write("src/main/resources/bg/nrm/rules/routing/broken.drl", """
                package bg.nrm.rules.routing;
                import bg.nrm.rules.RiskLevel;

                rule "high risk child: a rule with a broken condition"
                when
                    Subject( level == , child )
                    $decision : Decision()
                then
                    $decision.advise("never", drools.getRule().getName());
                end
                """);

        KieBuilder builder = build(services, files);

        assertThat(builder.getResults().getMessages(Message.Level.ERROR)).isNotEmpty();
    }

    @Test
    void routingRuleThatAsksForAnUnknownRecipientFailsToCompile() {
        KieServices services = KieServices.Factory.get();
        KieFileSystem files = services.newKieFileSystem();
        files.write("src/main/resources/bg/nrm/rules/routing/unknown.drl", """
                package bg.nrm.rules.routing;
                import java.time.Duration;
                import bg.nrm.rules.RiskLevel;

                rule "high risk child: the mayor is told within 24 hours"
                when
                    Subject( level == RiskLevel.HIGH, child )
                    $decision : Decision()
                then
                    $decision.identified(Recipient.MAYOR, Duration.ofHours(24), drools.getRule().getName());
                end
                """);

        KieBuilder builder = build(services, files);

        assertThat(builder.getResults().getMessages(Message.Level.ERROR)).isNotEmpty();
    }

    // The compile errors are expected and asserted on; logged, they would read like a broken build.
    private static KieBuilder build(KieServices services, KieFileSystem files) {
        return QuietLog.during("org.drools.compiler.kie.builder.impl.KieProject",
                () -> services.newKieBuilder(files).buildAll(ExecutableModelProject.class));
    }
}
