package bg.nrm.rules.bench;

import bg.nrm.rules.Assessment;
import bg.nrm.rules.Questionnaire;
import bg.nrm.rules.Questionnaires;
import bg.nrm.rules.RuleModule;
import bg.nrm.rules.ScreeningInput;
import bg.nrm.rules.screening.ScreeningFacts;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.StatelessKieSession;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The CPU time and the allocation of one assessment, for each of {@link AssessmentBenchmark}'s inputs, measured
 * on this thread: a figure that other processes on a busy machine disturb far less than JMH's wall-clock time. Not
 * part of the test suite. Arguments: assessments per round (default 40,000) and rounds (default 3); prints the best
 * and the median round. Run it like the benchmark (see {@code rules/README.md}), with this class as the main class.
 */
public final class AssessmentCpuTime {
    private static volatile Assessment sink;

    private AssessmentCpuTime() {
    }

    public static void main(String[] args) {
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        AssessmentBenchmark inputs = new AssessmentBenchmark();
        inputs.setUp();
        List<String> names = List.of("droolsChild", "droolsAdult", "droolsChildV2", "droolsAdultV2",
                "droolsNoneChildV2", "droolsNoneAdultV2", "rememberedChildV2", "rememberedNoneChildV2");
        List<Supplier<Assessment>> cases = List.of(inputs::droolsChild, inputs::droolsAdult, inputs::droolsChildV2,
                inputs::droolsAdultV2, inputs::droolsNoneChildV2, inputs::droolsNoneAdultV2, inputs::rememberedChildV2,
                inputs::rememberedNoneChildV2);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        for (int warm = 0; warm < 2; warm++) {
            cases.forEach(c -> run(c, perRound));
        }
        double[][] micros = new double[cases.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            // Rounds interleave the inputs, so that a burst of load elsewhere hits all of them alike.
            for (int k = 0; k < cases.size(); k++) {
                long cpu = threads.getCurrentThreadCpuTime();
                run(cases.get(k), perRound);
                micros[k][r] = (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / perRound;
            }
        }
        for (int k = 0; k < cases.size(); k++) {
            long bytes = threads.getThreadAllocatedBytes(thread);
            run(cases.get(k), 1_000);
            long perAssessment = (threads.getThreadAllocatedBytes(thread) - bytes) / 1_000;
            double[] sorted = micros[k].clone();
            Arrays.sort(sorted);
            System.out.printf("%-17s CPU µs per assessment: best %.2f, median %.2f; allocated %,d B%n", names.get(k),
                    sorted[0], sorted[rounds / 2], perAssessment);
        }
        List<ScreeningInput> screenings = inputs.inputs();
        for (int k = 0; k < screenings.size() && k < names.size(); k++) {
            System.out.printf("%-17s %s%n", names.get(k), engineWork(screenings.get(k)));
        }
        System.out.printf("load average %.1f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    // The same facts through the assessor's knowledge base in a session of its own, counting inserts and firings.
    private static String engineWork(ScreeningInput input) {
        Questionnaire q = Questionnaires.builtIn().find(input.questionnaireId(), input.questionnaireVersion())
                .orElseThrow();
        boolean two = q.version() >= 2;
        ScreeningFacts facts = two ? ScreeningFacts.ofRulesetTwo(q, input.subject(), input.answers())
                : ScreeningFacts.of(q, input.subject(), input.answers());
        StatelessKieSession session = RuleModule.kieBase(two ? "screeningKB2" : "screeningKB")
                .newStatelessKieSession();
        int[] inserted = new int[1];
        int[] fired = new int[1];
        session.addEventListener(new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                inserted[0]++;
            }
        });
        session.addEventListener(new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                fired[0]++;
            }
        });
        session.setGlobal("result", facts.result());
        session.execute(facts.facts());
        return String.format("facts given %d, inserted in all %d, rules fired %d", facts.facts().size(), inserted[0],
                fired[0]);
    }

    private static void run(Supplier<Assessment> assessment, int times) {
        for (int i = 0; i < times; i++) {
            sink = assessment.get();
        }
    }
}
