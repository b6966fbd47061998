package bg.nrm.rules.routing;

import bg.nrm.rules.Assessment;
import bg.nrm.rules.Questionnaire;
import bg.nrm.rules.QuestionnaireItem;
import bg.nrm.rules.Questionnaires;
import bg.nrm.rules.RiskAssessor;
import bg.nrm.rules.ScreeningInput;
import bg.nrm.rules.Subject;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Version 1 answers exactly as it did before ruleset 2.0.0 was added: 6,000 generated version-1 screenings (a fixed
 * seed, every level, both questionnaires, ages in doubt, with and without consent, all 28 regions) are assessed and
 * routed, and each result is compared with the one the version-1 code recorded in {@code golden/v1-results.txt.gz}
 * before any version-2 change was made (commit "rules: golden results of version 1"). A difference is a change of
 * behaviour for screenings already made, so this test must never be "fixed" by rewriting the file.
 *
 * <p>To record the file again (only ever from a version-1 code base): run this test with
 * {@code -Dnrm.golden.write=/absolute/path/v1-results.txt.gz}.
 */
class VersionOneUnchangedTest {
    private static final long SEED = 20261203L;
    private static final int PER_QUESTIONNAIRE = 3000;
    private static final String GOLDEN = "/bg/nrm/rules/golden/v1-results.txt.gz";
    private static final String[] GENDERS = {"female", "male", "other", "unknown"};
    private static final String[] CITIZENSHIPS = {"BG", "RO", "SY", "UA", null};

    @Test
    void generatedVersionOneScreeningsGiveTheRecordedResults() throws IOException {
        List<String> now = results();
        String write = System.getProperty("nrm.golden.write");
        if (write != null) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(Path.of(write)))) {
                out.write((String.join("\n", now) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        List<String> recorded = recorded();
        assertThat(now).hasSize(recorded.size());
        for (int i = 0; i < now.size(); i++) {
            assertThat(now.get(i)).as("generated version-1 screening %d", i).isEqualTo(recorded.get(i));
        }
    }

    private static List<String> recorded() throws IOException {
        try (InputStream in = VersionOneUnchangedTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as("the recorded version-1 results").isNotNull();
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
            return reader.lines().toList();
        }
    }

    static List<String> results() {
        RiskAssessor assessor = RiskAssessor.create();
        Router router = Router.create();
        List<Organisation> directory = DemoDirectory.organisations();
        Random random = new Random(SEED);
        List<String> lines = new ArrayList<>();
        for (String id : List.of("child-risk", "adult-risk")) {
            Questionnaire q = Questionnaires.builtIn().find(id, 1).orElseThrow();
            boolean adult = Questionnaire.ADULT.equals(q.subject());
            for (int n = 0; n < PER_QUESTIONNAIRE; n++) {
                ScreeningInput input = generate(random, q, adult);
                Assessment a = assessor.assess(input);
                boolean child = !adult || a.treatedAsChild();
                RoutingResult r = router.route(new RoutingRequest(a.level(), child, input.subject().region(),
                        input.subject().consentToIdentifiedReferral()), directory);
                lines.add(line(lines.size(), a, r));
            }
        }
        return lines;
    }

    private static ScreeningInput generate(Random random, Questionnaire q, boolean adult) {
        int[] yesWeights = {2, 5, 10, 20, 40};
        int yesWeight = yesWeights[random.nextInt(yesWeights.length)];
        Map<String, String> answers = new HashMap<>();
        for (QuestionnaireItem item : q.items()) {
            int w = item.dimension().equals("ID") ? yesWeight / 4 : yesWeight;
            int roll = random.nextInt(100 + w);
            String answer = roll < 60 ? "no" : roll < 80 ? "unknown" : roll < 100 ? null : "yes";
            if (answer != null) {
                answers.put(item.code(), answer);
            }
        }
        int age = adult ? 18 + random.nextInt(60) : random.nextInt(18);
        boolean uncertain = random.nextInt(4) == 0;
        if (adult && uncertain && random.nextBoolean()) {
            age = 15 + random.nextInt(6);
        }
        String region = String.format("BG-%02d", 1 + random.nextInt(28));
        Subject subject = new Subject(age, GENDERS[random.nextInt(GENDERS.length)],
                CITIZENSHIPS[random.nextInt(CITIZENSHIPS.length)], region, uncertain, random.nextBoolean());
        return new ScreeningInput(q.id(), 1, subject, answers);
    }

    private static String line(int n, Assessment a, RoutingResult r) {
        String findings = a.findings().stream()
                .map(f -> f.code() + ":" + f.rule() + ":" + String.join(",", f.indicators()))
                .collect(Collectors.joining(";"));
        String targets = r.targets().stream()
                .map(t -> t.organisationId() + ":" + t.type() + ":" + t.anonymised() + ":" + t.deadline() + ":"
                        + t.rule() + ":" + t.consentOverridden())
                .collect(Collectors.joining(";"));
        return n + "|" + a.level() + "|" + findings + "|" + a.exploitationForms() + "|" + a.positiveDimensions()
                + "|" + String.join(";", a.recommendations()) + "|" + a.treatedAsChild() + "|" + a.rulesetVersion()
                + "|" + targets + "|" + String.join(";", r.advice());
    }
}
