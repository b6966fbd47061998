package bg.nrm.rules;

import bg.nrm.testing.QuietLog;
import org.drools.model.codegen.ExecutableModelProject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;

import static org.assertj.core.api.Assertions.assertThat;

/** A broken rule must fail the build, never a request: the executable-model compiler rejects it. */
@DisplayName("Rule compilation")
class MalformedRuleTest {

    /** The logger through which Drools reports a knowledge base that does not build. */
    private static final String KIE_PROJECT_LOG = "org.drools.compiler.kie.builder.impl.KieProject";

    private static KieBuilder build(String drl) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.write("src/main/resources/bg/nrm/rules/broken/broken.drl", drl);
        // The compile errors are expected here and asserted on below; logged, they would read like a broken build.
        return QuietLog.during(KIE_PROJECT_LOG, () -> ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class));
    }

    @Test
    @DisplayName("a rule with a syntax error does not compile")
    void syntaxError() {
        KieBuilder builder = build("""
                package bg.nrm.rules.broken;
                rule "a rule whose condition is never closed"
                when
                    String( length > 3
                then
                end
                """);

        assertThat(builder.getResults().hasMessages(Message.Level.ERROR)).isTrue();
    }

    @Test
    @DisplayName("a rule about a fact type that does not exist does not compile")
    void unknownType() {
        KieBuilder builder = build("""
                package bg.nrm.rules.broken;
                rule "a rule about nothing that exists"
                when
                    NoSuchFact( weight > 3 )
                then
                end
                """);

        assertThat(builder.getResults().hasMessages(Message.Level.ERROR)).isTrue();
    }

    @Test
    @DisplayName("a well-formed rule compiles with the same builder")
    void wellFormed() {
        KieBuilder builder = build("""
                package bg.nrm.rules.broken;
                rule "a long string is noticed"
                when
                    String( length > 3 )
                then
                end
                """);

        assertThat(builder.getResults().getMessages(Message.Level.ERROR)).isEmpty();
    }
}
