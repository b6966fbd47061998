package bg.nrm.rules;

import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.drools.modelcompiler.KiePackagesBuilder;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.builder.model.KieBaseModel;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.builder.model.KieSessionModel;
import org.kie.api.conf.KieBaseMutabilityOption;
import org.kie.api.conf.SequentialOption;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The knowledge bases of this module's build-time rule model (not for use outside this module), each built once and
 * shared by the assessor and the router.
 *
 * <p>They are built straight from the executable model that {@code kie-maven-plugin} generates (one {@link Model}
 * class per rule package, listed in {@value #MODEL_FILE}), with the settings of {@code META-INF/kmodule.xml} as
 * {@link #model()} states them in code, instead of through a {@code KieContainer}: a container scans the classpath
 * and reads {@code kmodule.xml} through XStream, whose start (about 260 classes, and every time zone's names, parsed
 * for a date in its static initialiser) was a third of the rule bases' start. {@code RuleModuleTest} checks that
 * {@link #model()} says exactly what {@code kmodule.xml} says and that each knowledge base has the rules and settings
 * the container would give it.
 */
public final class RuleModule {
    /** Where the build lists the generated model classes (kie-maven-plugin, executable model). */
    static final String MODEL_FILE = "META-INF/kie/bg.nrm/nrm-rules/drools-model";
    private static final String MODEL_VERSION_LINE = "Drools-Model-Version:";

    private static final Map<String, KieBase> BUILT = new HashMap<>();
    // The generated model classes, instantiated once for all the knowledge bases (each takes the packages it names).
    private static List<Model> models;

    private RuleModule() {
    }

    /**
     * The knowledge base of that name in {@code kmodule.xml}, built on first use (a failed attempt is tried again on
     * the next call) and shared afterwards.
     *
     * @throws RulesException if there is no such knowledge base, or its model classes are missing
     */
    public static KieBase kieBase(String name) {
        synchronized (BUILT) {
            KieBase known = BUILT.get(name);
            if (known == null) {
                KieBaseModel settings = model().getKieBaseModels().get(name);
                if (settings == null) {
                    throw new RulesException("no knowledge base named " + name);
                }
                if (models == null) {
                    models = models();
                }
                known = build(settings, models);
                BUILT.put(name, known);
            }
            return known;
        }
    }

    /**
     * {@code META-INF/kmodule.xml} in code: the knowledge bases, their packages and settings, their sessions (as
     * kmodule.xml reads: not thread-safe; the assessor and the router take sessions from pools of the knowledge bases
     * instead). The screening bases are sequential and immutable (kmodule.xml says why); the routing ones have
     * Drools' defaults.
     */
    static KieModuleModel model() {
        KieModuleModel module = KieServices.get().newKieModuleModel();
        screening(module, "screeningKB", "bg.nrm.rules.screening", "screeningSession");
        routing(module, "routingKB", "bg.nrm.rules.routing", "routingSession");
        screening(module, "screeningKB2", "bg.nrm.rules.ruleset2.screening", "screeningSession2");
        routing(module, "routingKB2", "bg.nrm.rules.ruleset2.routing", "routingSession2");
        return module;
    }

    private static void screening(KieModuleModel module, String name, String rulePackage, String session) {
        module.newKieBaseModel(name).addPackage(rulePackage)
                .setMutability(KieBaseMutabilityOption.DISABLED)
                .setSequential(SequentialOption.YES)
                .newKieSessionModel(session).setType(KieSessionModel.KieSessionType.STATELESS).setThreadSafe(false);
    }

    private static void routing(KieModuleModel module, String name, String rulePackage, String session) {
        module.newKieBaseModel(name).addPackage(rulePackage)
                .newKieSessionModel(session).setType(KieSessionModel.KieSessionType.STATELESS).setThreadSafe(false);
    }

    // As Drools' CanonicalKieModule builds a knowledge base of the executable model from a kmodule's settings: the
    // same options, the generated model classes of the base's packages, the base named as in kmodule.xml.
    private static KieBase build(KieBaseModel settings, List<Model> models) {
        KieBaseConfiguration conf = KieServices.get().newKieBaseConfiguration(null, RuleModule.class.getClassLoader());
        conf.setOption(settings.getEqualsBehavior());
        conf.setOption(settings.getEventProcessingMode());
        conf.setOption(settings.getDeclarativeAgenda());
        conf.setOption(settings.getSequential());
        conf.setOption(settings.getMutability());
        KiePackagesBuilder packages = new KiePackagesBuilder(conf);
        for (Model model : models) {
            if (settings.getPackages().contains(model.getPackageName())) {
                packages.addModel(model);
            }
        }
        return new KieBaseBuilder(settings, conf).createKieBase(packages.build());
    }

    /** A new instance of every model class the build generated (kept by {@link #kieBase} for all the bases). */
    static List<Model> models() {
        List<Model> models = new ArrayList<>();
        for (String className : modelClassNames()) {
            try {
                Class<?> type = Class.forName(className, true, RuleModule.class.getClassLoader());
                models.add((Model) type.getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
                Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
                throw new RulesException("the rule model class " + className + " cannot be loaded", cause);
            }
        }
        return models;
    }

    private static List<String> modelClassNames() {
        InputStream in = RuleModule.class.getClassLoader().getResourceAsStream(MODEL_FILE);
        if (in == null) {
            throw new RulesException("the build-time rule model is missing (" + MODEL_FILE + ")");
        }
        List<String> names = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith(MODEL_VERSION_LINE)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new RulesException("the build-time rule model cannot be read (" + MODEL_FILE + ")", e);
        }
        return names;
    }
}
