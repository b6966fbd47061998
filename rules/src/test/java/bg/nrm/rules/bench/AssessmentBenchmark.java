package bg.nrm.rules.bench;

import bg.nrm.rules.Assessment;
import bg.nrm.rules.Questionnaire;
import bg.nrm.rules.Questionnaires;
import bg.nrm.rules.RiskAssessor;
import bg.nrm.rules.ScreeningInput;
import bg.nrm.rules.Subject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Assessments per second, single thread, for a realistic child and a realistic adult screening (HIGH, both
 * questionnaire versions) and for the commonest screening in service, all answers no (NONE, version 2): the Drools
 * rules (validation included, as the service calls them) against the same logic as plain Java. Not part of the test
 * suite.
 *
 * <p>Run from the repository root (see {@code rules/BENCHMARK.md}):
 * <pre>
 * ./mvnw -B -q -pl rules test-compile dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/test-classpath.txt
 * "$(bash -c 'source etc/find-jdk.sh; nrm_find_jdk')/bin/java" --sun-misc-unsafe-memory-access=allow \
 *     -cp rules/target/test-classes:rules/target/classes:$(cat rules/target/test-classpath.txt) \
 *     org.openjdk.jmh.Main AssessmentBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class AssessmentBenchmark {
    private RiskAssessor assessor;
    private RiskAssessor remembering;
    private Questionnaire childQuestionnaire;
    private Questionnaire adultQuestionnaire;
    private ScreeningInput child;
    private ScreeningInput adult;
    private ScreeningInput child2;
    private ScreeningInput adult2;
    private ScreeningInput noneChild2;
    private ScreeningInput noneAdult2;

    @Setup
    public void setUp() {
        // The rules run for every call: a remembering assessor would give these fixed inputs from its memory.
        assessor = RiskAssessor.runningTheRulesEachTime();
        remembering = RiskAssessor.create();
        childQuestionnaire = Questionnaires.builtIn().find("child-risk", 1).orElseThrow();
        adultQuestionnaire = Questionnaires.builtIn().find("adult-risk", 1).orElseThrow();
        // A 15-year-old who goes missing, has an older partner and unexplained gifts, moved by others; much unknown.
        child = input(childQuestionnaire, 15,
                List.of("CH_MOVED", "CH_MISSING_EPISODES", "CH_OLDER_PARTNER", "CH_GIFTS_MONEY", "VR_CARE_LEAVER",
                        "CH_SCHOOL_DROPOUT"),
                List.of("EX_SEXUAL", "EX_BEGGING", "CD_DOCS_TAKEN", "CD_VIOLENCE", "VI_SEXUAL_ABUSE"));
        // A 34-year-old labourer, deceived about the job and wages, documents held, working off a growing debt.
        adult = input(adultQuestionnaire, 34,
                List.of("DR_JOB_NATURE", "DR_WAGES", "DR_CONDITIONS", "EX_EXCESSIVE_HOURS", "EX_NO_PAY", "EX_LIVING",
                        "CD_DOCS_TAKEN", "CD_DEBT_BONDAGE", "VD_UNKNOWN_PLACE", "CD_PHONE_TAKEN"),
                List.of("CR_VIOLENCE", "CD_CONFINED", "ID_DEPARTURE_IMMINENT"));
        // The same two people answered with the version-2 questionnaires (ruleset 2.0.0); the new codes are "no".
        child2 = input(Questionnaires.builtIn().find("child-risk", 2).orElseThrow(), 15, yesOf(child), unknownOf(child));
        adult2 = input(Questionnaires.builtIn().find("adult-risk", 2).orElseThrow(), 34, yesOf(adult), unknownOf(adult));
        // The commonest screening in service: every answer no (NONE), version 2.
        noneChild2 = input(Questionnaires.builtIn().find("child-risk", 2).orElseThrow(), 15, List.of(), List.of());
        noneAdult2 = input(Questionnaires.builtIn().find("adult-risk", 2).orElseThrow(), 34, List.of(), List.of());
    }

    private static List<String> yesOf(ScreeningInput in) {
        return in.answers().entrySet().stream().filter(e -> e.getValue().equals("yes")).map(Map.Entry::getKey).toList();
    }

    private static List<String> unknownOf(ScreeningInput in) {
        return in.answers().entrySet().stream().filter(e -> e.getValue().equals("unknown")).map(Map.Entry::getKey)
                .toList();
    }

    private static ScreeningInput input(Questionnaire q, int age, List<String> yes, List<String> unknown) {
        Map<String, String> answers = new HashMap<>();
        q.items().forEach(i -> answers.put(i.code(), "no"));
        yes.forEach(c -> answers.put(c, "yes"));
        unknown.forEach(c -> answers.put(c, "unknown"));
        return new ScreeningInput(q.id(), q.version(), new Subject(age, "female", "BG", "BG-16", false, true), answers);
    }

    /** The screenings: version 1 child and adult, version 2 child and adult, version 2 NONE child and adult. */
    List<ScreeningInput> inputs() {
        return List.of(child, adult, child2, adult2, noneChild2, noneAdult2);
    }

    @Benchmark
    public Assessment droolsChild() {
        return assessor.assess(child);
    }

    @Benchmark
    public Assessment droolsAdult() {
        return assessor.assess(adult);
    }

    @Benchmark
    public Assessment droolsChildV2() {
        return assessor.assess(child2);
    }

    @Benchmark
    public Assessment droolsAdultV2() {
        return assessor.assess(adult2);
    }

    @Benchmark
    public Assessment droolsNoneChildV2() {
        return assessor.assess(noneChild2);
    }

    @Benchmark
    public Assessment droolsNoneAdultV2() {
        return assessor.assess(noneAdult2);
    }

    /** A HIGH screening like one assessed before: the service's assessor gives it from memory, no rule session. */
    @Benchmark
    public Assessment rememberedChildV2() {
        return remembering.assess(child2);
    }

    /** The commonest screening, every answer no, like one assessed before. */
    @Benchmark
    public Assessment rememberedNoneChildV2() {
        return remembering.assess(noneChild2);
    }

    @Benchmark
    public PlainJavaAssessor.Outcome plainJavaChild() {
        return PlainJavaAssessor.assess(childQuestionnaire, child);
    }

    @Benchmark
    public PlainJavaAssessor.Outcome plainJavaAdult() {
        return PlainJavaAssessor.assess(adultQuestionnaire, adult);
    }
}
