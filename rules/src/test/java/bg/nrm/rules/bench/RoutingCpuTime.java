package bg.nrm.rules.bench;

import bg.nrm.rules.Assessment;
import bg.nrm.rules.DirectoryTwo;
import bg.nrm.rules.Questionnaire;
import bg.nrm.rules.Questionnaires;
import bg.nrm.rules.RiskAssessor;
import bg.nrm.rules.ScreeningInput;
import bg.nrm.rules.Subject;
import bg.nrm.rules.routing.Organisation;
import bg.nrm.rules.routing.Router;
import bg.nrm.rules.routing.RoutingRequest;
import bg.nrm.rules.routing.RoutingResult;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPU time of routing one assessed screening (the request built from the assessment, then {@link Router#route}
 * over a directory of 16 organisations), as the service does it for each new screening: a NONE, a LOW and a MEDIUM
 * version-2 screening, and {@link AssessmentBenchmark}'s four HIGH ones. Thread CPU time, best and median of the
 * rounds; not part of the test suite. Arguments: routings per round (default 40,000) and rounds (default 3). Run it
 * like {@link AssessmentCpuTime}.
 */
public final class RoutingCpuTime {
    private static volatile RoutingResult sink;

    private RoutingCpuTime() {
    }

    public static void main(String[] args) {
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        AssessmentBenchmark benchmark = new AssessmentBenchmark();
        benchmark.setUp();
        Questionnaire child2 = Questionnaires.builtIn().find("child-risk", 2).orElseThrow();
        Questionnaire adult2 = Questionnaires.builtIn().find("adult-risk", 2).orElseThrow();
        List<String> names = new ArrayList<>(List.of("noneChildV2", "noneAdultV2", "lowChildV2", "mediumAdultV2"));
        List<ScreeningInput> inputs = new ArrayList<>(List.of(
                answered(child2, 15, List.of()), answered(adult2, 34, List.of()),
                answered(child2, 15, List.of("CH_SCHOOL_DROPOUT")),
                answered(adult2, 34, List.of("DR_JOB_NATURE", "DR_WAGES"))));
        names.addAll(List.of("highChild", "highAdult", "highChildV2", "highAdultV2"));
        inputs.addAll(benchmark.inputs().subList(0, 4));
        RiskAssessor assessor = RiskAssessor.create();
        Router router = Router.create();
        List<Organisation> directory = DirectoryTwo.organisations();
        List<Routing> cases = new ArrayList<>();
        for (ScreeningInput input : inputs) {
            Questionnaire q = Questionnaires.builtIn().find(input.questionnaireId(), input.questionnaireVersion())
                    .orElseThrow();
            cases.add(new Routing(router, q, assessor.assess(input), input, directory));
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int warm = 0; warm < 2; warm++) {
            cases.forEach(c -> c.run(perRound));
        }
        double[][] micros = new double[cases.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < cases.size(); k++) {
                long cpu = threads.getCurrentThreadCpuTime();
                cases.get(k).run(perRound);
                micros[k][r] = (threads.getCurrentThreadCpuTime() - cpu) / 1000.0 / perRound;
            }
        }
        for (int k = 0; k < cases.size(); k++) {
            double[] sorted = micros[k].clone();
            Arrays.sort(sorted);
            Routing c = cases.get(k);
            System.out.printf("%-14s %-9s CPU µs per routing: best %.2f, median %.2f; %d targets%n", names.get(k),
                    c.assessment.level(), sorted[0], sorted[rounds / 2], c.route().targets().size());
        }
        System.out.printf("load average %.1f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static ScreeningInput answered(Questionnaire q, int age, List<String> yes) {
        Map<String, String> answers = new HashMap<>();
        q.items().forEach(i -> answers.put(i.code(), "no"));
        yes.forEach(c -> answers.put(c, "yes"));
        Subject subject = new Subject(age, "female", "BG", "BG-16", false, true, age < 18 ? false : null, false, false, "bg");
        return new ScreeningInput(q.id(), q.version(), subject, answers);
    }

    private record Routing(Router router, Questionnaire questionnaire, Assessment assessment, ScreeningInput input,
                           List<Organisation> directory) {
        RoutingResult route() {
            return router.route(RoutingRequest.of(questionnaire, assessment, input.subject(), input.answers()),
                    directory);
        }

        void run(int times) {
            for (int i = 0; i < times; i++) {
                sink = route();
            }
        }
    }
}
