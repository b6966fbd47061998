package bg.nrm.rules;

import bg.nrm.rules.screening.ScreeningFacts;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Assesses screenings with the Drools rules of package {@code bg.nrm.rules.screening} (kbase {@code screeningKB}),
 * compiled to the executable model at build time. Thread-safe: the knowledge base is built once per class loader,
 * and each assessment runs in a stateless session of its own, whose working memory comes from a shared pool (a
 * fresh one costs more than the rules themselves).
 *
 * <p>An assessor from {@link #create()} remembers the assessments the rules made, by everything their facts are made
 * of ({@link ScreeningFacts#key()}: the questionnaire, what the person answers to the rules' questions, the codes
 * answered yes and the strong codes unknown), and gives a screening like one assessed before the same assessment
 * without a rule session. In service a session costs several times what it costs in a benchmark's loop (the network's
 * memory and code are cold by the next screening), and most screenings repeat a few answer sets (every answer no).
 */
public final class RiskAssessor {
    /**
     * The version of the rules for questionnaire version 1; stored with each screening so a decision can be explained
     * and re-run.
     */
    public static final String RULESET_VERSION = "1.0.0";
    /** The version of the rules for questionnaire version 2 and later (RULESET-2.md). */
    public static final String RULESET_VERSION_2 = "2.0.0";

    private static final String KBASE = "screeningKB";
    private static final String KBASE_2 = "screeningKB2";

    // Far more than the answer sets that recur in practice; past it an assessment is not remembered, so screenings
    // that never repeat cost memory no more than this (measured: about 0.6 KB each, key included, 2.6 MB when full).
    private static final int MAX_REMEMBERED = 4096;

    private final KieSessionsPool sessions;
    private final Questionnaires questionnaires;
    private final ScreeningValidator validator;
    private final ConcurrentHashMap<List<Object>, Assessment> remembered;

    private RiskAssessor(KieSessionsPool sessions, Questionnaires questionnaires, boolean remember) {
        this.sessions = sessions;
        this.questionnaires = questionnaires;
        this.validator = ScreeningValidator.create(questionnaires);
        this.remembered = remember ? new ConcurrentHashMap<>() : null;
    }

    /**
     * An assessor over the built-in questionnaires that remembers its assessments. The first call loads the rules
     * (under a second).
     */
    public static RiskAssessor create() {
        return new RiskAssessor(SessionsHolder.SESSIONS, Questionnaires.builtIn(), true);
    }

    /** An assessor that runs the rules for every screening, remembering nothing (the reference for tests, benchmarks). */
    public static RiskAssessor runningTheRulesEachTime() {
        return new RiskAssessor(SessionsHolder.SESSIONS, Questionnaires.builtIn(), false);
    }

    /**
     * Validates the screening, then assesses it.
     *
     * @throws InvalidScreeningException with every field error, if the screening is invalid
     */
    public Assessment assess(ScreeningInput input) {
        List<FieldError> errors = validator.validate(input);
        if (!errors.isEmpty()) {
            throw new InvalidScreeningException(errors);
        }
        Questionnaire questionnaire = questionnaires.find(input.questionnaireId(), input.questionnaireVersion())
                .orElseThrow();
        boolean two = questionnaire.version() >= 2;
        ScreeningFacts facts = two ? ScreeningFacts.ofRulesetTwo(questionnaire, input.subject(), input.answers())
                : ScreeningFacts.of(questionnaire, input.subject(), input.answers());
        if (remembered == null) {
            return run(facts, two);
        }
        List<Object> key = facts.key();
        Assessment known = remembered.get(key);
        if (known != null) {
            return known;
        }
        Assessment assessment = run(facts, two);
        if (remembered.size() < MAX_REMEMBERED) {
            Assessment earlier = remembered.putIfAbsent(key, assessment);
            return earlier != null ? earlier : assessment;
        }
        return assessment;
    }

    private Assessment run(ScreeningFacts facts, boolean two) {
        StatelessKieSession session = (two ? SessionsHolder2.SESSIONS : sessions).newStatelessKieSession();
        session.setGlobal("result", facts.result());
        session.execute(facts.facts());
        return facts.result().toAssessment(two ? RULESET_VERSION_2 : RULESET_VERSION);
    }

    /** How many assessments this assessor remembers (for tests). */
    int remembered() {
        return remembered == null ? 0 : remembered.size();
    }

    /** The ruleset that assesses screenings of this questionnaire version. */
    public static String rulesetFor(int questionnaireVersion) {
        return questionnaireVersion >= 2 ? RULESET_VERSION_2 : RULESET_VERSION;
    }

    // Ruleset 2.x: a knowledge base of its own, loaded on first use of a version-2 questionnaire.
    private static final class SessionsHolder2 {
        private static final KieSessionsPool SESSIONS = SessionsHolder.load(KBASE_2);
    }

    // Lazy holder: the knowledge base is built on first use, once, and shared by every assessor. The pool grows
    // when more threads assess at once than it holds.
    private static final class SessionsHolder {
        private static final int INITIAL_POOL_SIZE = 4;
        private static final KieSessionsPool SESSIONS = load(KBASE);

        private static KieSessionsPool load(String kbase) {
            KieBase base;
            try {
                base = RuleModule.kieBase(kbase);
            } catch (RuntimeException e) {
                throw new RulesException("the screening rules cannot be loaded", e);
            }
            return requireRules(base, kbase).newKieSessionsPool(INITIAL_POOL_SIZE);
        }
    }

    // A knowledge base without rules would assess every screening as NONE without a word. Drools gives one when the
    // compiled rules are not found where kmodule.xml says (e.g. classes copied out of their Maven layout).
    static KieBase requireRules(KieBase base, String name) {
        if (base.getKiePackages().stream().allMatch(p -> p.getRules().isEmpty())) {
            throw new RulesException("the screening rules cannot be loaded: knowledge base " + name + " has no rules");
        }
        return base;
    }
}
