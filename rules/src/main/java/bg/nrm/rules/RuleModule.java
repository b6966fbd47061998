package bg.nrm.rules;

import org.kie.api.KieServices;
import org.kie.api.runtime.KieContainer;

/**
 * The one Drools container of this module's build-time rule model, shared by the assessor and the router (not for use
 * outside this module). Each container scans the classpath, reads {@code kmodule.xml} and keeps the class bytes of the
 * whole model in the heap: one instead of three (the shared classpath container and one per routing ruleset) is one
 * scan at start and about 10 MB of heap less.
 */
public final class RuleModule {
    private RuleModule() {
    }

    private static volatile KieContainer container;

    /**
     * The container, made on first use (a failed attempt is tried again on the next call). Bound to this module's
     * class loader, not to whichever loader asks first (the shared classpath container would be).
     */
    public static KieContainer container() {
        KieContainer made = container;
        if (made == null) {
            synchronized (RuleModule.class) {
                made = container;
                if (made == null) {
                    made = KieServices.Factory.get().newKieClasspathContainer(RuleModule.class.getClassLoader());
                    container = made;
                }
            }
        }
        return made;
    }
}
