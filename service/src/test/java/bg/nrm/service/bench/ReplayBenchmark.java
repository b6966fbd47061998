package bg.nrm.service.bench;

import bg.nrm.keys.atrest.WrappedDataKey;
import bg.nrm.rules.Assessment;
import bg.nrm.rules.Questionnaire;
import bg.nrm.rules.QuestionnaireItem;
import bg.nrm.rules.Questionnaires;
import bg.nrm.rules.RiskAssessor;
import bg.nrm.rules.ScreeningInput;
import bg.nrm.rules.Subject;
import bg.nrm.rules.routing.Router;
import bg.nrm.rules.routing.RoutingRequest;
import bg.nrm.service.Api;
import bg.nrm.service.MutableClock;
import bg.nrm.service.StoredVersionOne;
import bg.nrm.service.TestService;
import bg.nrm.service.cases.CaseContent;
import bg.nrm.service.directory.Organisation;
import bg.nrm.service.directory.OrganisationStore;
import bg.nrm.service.http.Json;
import bg.nrm.service.store.Sql;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replay times over stored version-1 screenings (not part of the test suite; run with
 * {@code bench/replay-bench.sh [sqlite|postgres] [screenings]}). Stores N generated version-1 screenings of one
 * screening organisation as they were stored before replay pairs existed ({@link StoredVersionOne}: generated on
 * every core, written straight through the stores in transactions of 1,000, not over HTTP), then times the
 * background backfill that computes their pairs, and over real HTTP the screener's list paged through every changed
 * screening (2,000 per page) and the National Commission's transition table. Prints figures; asserts nothing.
 */
public final class ReplayBenchmark {
    private ReplayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "sqlite";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path dir = Files.createTempDirectory("nrm-replay-bench");
        Map<String, String> settings = db.equals("postgres")
                ? Map.of("nrm.db.url", TestService.freshPostgresSchema()) : Map.of();
        try (TestService service = TestService.start(dir, new MutableClock(), settings)) {
            long t0 = System.nanoTime();
            new StoredVersionOne(service.app).store(42, 0, n, service.clock.millis() - 365L * 24 * 3600 * 1000,
                    true, 1000);
            System.out.printf("%s: stored %,d version-1 screenings in %.1f s%n", db, n, (System.nanoTime() - t0) / 1e9);
            stages(service, db, Math.min(n, 5_000));
            Api api = service.api;
            String commission = api.token("commission.national");
            long tp = System.nanoTime();
            JsonNode before = api.get("/api/v1/replay/transitions", commission).json();
            System.out.printf("%s: transition table before the backfill: %.3f s, pending %d%n", db,
                    (System.nanoTime() - tp) / 1e9, before.get("pending").asLong());

            long t1 = System.nanoTime();
            long replayed = service.app.replayBackfill().runToEnd();
            double backfill = (System.nanoTime() - t1) / 1e9;
            System.out.printf("%s: backfill replayed %,d screenings in %.1f s (%.0f µs per screening)%n", db,
                    replayed, backfill, backfill * 1e6 / Math.max(1, replayed));

            String screener = api.token(StoredVersionOne.SCREENER);
            long t2 = System.nanoTime();
            int changed = 0;
            int pages = 0;
            long slowest = 0;
            long total = 0;
            String after = null;
            do {
                long p0 = System.nanoTime();
                JsonNode page = api.get("/api/v1/replay?limit=2000" + (after == null ? "" : "&after=" + after),
                        screener).json();
                slowest = Math.max(slowest, System.nanoTime() - p0);
                total = page.get("replayed").asLong();
                changed += page.get("changed").size();
                pages++;
                after = page.has("next") ? page.get("next").asText() : null;
            } while (after != null);
            double list = (System.nanoTime() - t2) / 1e9;
            System.out.printf("%s: screener list: %,d replayed, %,d changed, %d pages of 2,000, %.1f s (%.0f ms per "
                    + "page on average, slowest %.0f ms)%n", db, total, changed, pages, list, list * 1e3 / pages,
                    slowest / 1e6);
            for (int round = 0; round < 3; round++) {
                long t3 = System.nanoTime();
                Api.Response table = api.get("/api/v1/replay/transitions", commission);
                double transitions = (System.nanoTime() - t3) / 1e9;
                System.out.printf("%s: national transition table over %,d screenings: %.3f s (status %d)%n", db, n,
                        transitions, table.status());
                if (round == 2) {
                    System.out.println(table.body());
                }
            }
            long t4 = System.nanoTime();
            Api.Response regional = api.get("/api/v1/replay/transitions", api.token("commission.plovdiv"));
            System.out.printf("%s: Plovdiv's transition table: %.3f s (status %d)%n", db, (System.nanoTime() - t4) / 1e9,
                    regional.status());
        }
    }

    private record Stored(String id, String questionnaire, String assessment, byte[] content, byte[] key) {
    }

    /**
     * Where the time of replaying one stored screening goes: each stage timed alone over the first {@code n} stored
     * screenings (a warm-up round, then a measured one): opening the sealed content (unwrapping the data key, AES-GCM),
     * reading the content and the stored assessment (JSON), re-assessing under 2.0.0, re-routing.
     */
    private static void stages(TestService service, String db, int n) {
        var app = service.app;
        List<Stored> rows = app.database().read(c -> Sql.list(c, "SELECT id, questionnaire_id, assessment_json, "
                + "content, data_key FROM screenings WHERE ruleset_version = '1.0.0' ORDER BY id LIMIT " + n,
                rs -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getBytes(5))));
        RiskAssessor assessor = RiskAssessor.create();
        Router router = Router.create();
        Questionnaires questionnaires = Questionnaires.builtIn();
        List<bg.nrm.rules.routing.Organisation> directory = new OrganisationStore(app.database()).all().stream()
                .map(Organisation::toRoutingFact).toList();
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            List<byte[]> plain = new ArrayList<>();
            for (Stored r : rows) {
                plain.add(app.sealer().open(WrappedDataKey.fromBytes(r.key()), r.content(),
                        r.id().getBytes(StandardCharsets.UTF_8)));
            }
            long t1 = System.nanoTime();
            List<CaseContent> contents = new ArrayList<>();
            for (byte[] p : plain) {
                contents.add(Json.read(new String(p, StandardCharsets.UTF_8), CaseContent.class));
            }
            long t2 = System.nanoTime();
            for (Stored r : rows) {
                Json.read(r.assessment(), Assessment.class);
            }
            long t3 = System.nanoTime();
            List<ScreeningInput> inputs = new ArrayList<>();
            List<Assessment> assessed = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                CaseContent content = contents.get(i);
                CaseContent.Subject s = content.subject();
                String id = "adult-risk".equals(rows.get(i).questionnaire()) && s.ageYears() < 18 ? "child-risk"
                        : rows.get(i).questionnaire();
                Questionnaire q = questionnaires.latest(id).orElseThrow();
                Map<String, String> answers = new HashMap<>();
                for (QuestionnaireItem item : q.items()) {
                    String a = content.answers().get(item.code());
                    if (a != null) {
                        answers.put(item.code(), a);
                    }
                }
                ScreeningInput input = new ScreeningInput(q.id(), q.version(), new Subject(s.ageYears(), s.gender(),
                        s.citizenship(), s.region(), false, content.consentToIdentifiedReferral()), answers);
                inputs.add(input);
                assessed.add(assessor.assess(input));
            }
            long t4 = System.nanoTime();
            for (int i = 0; i < rows.size(); i++) {
                ScreeningInput input = inputs.get(i);
                Questionnaire q = questionnaires.find(input.questionnaireId(), input.questionnaireVersion()).orElseThrow();
                router.route(RoutingRequest.of(q, assessed.get(i), input.subject(), input.answers()), directory);
            }
            long t5 = System.nanoTime();
            if (round == 1) {
                double per = 1e3 * rows.size();
                System.out.printf("%s: per screening, over %,d: open sealed content %.0f µs, content JSON %.0f µs, "
                        + "stored assessment JSON %.0f µs, re-assess under 2.0.0 %.0f µs, re-route %.0f µs%n", db,
                        rows.size(), (t1 - t0) / per, (t2 - t1) / per, (t3 - t2) / per, (t4 - t3) / per,
                        (t5 - t4) / per);
            }
        }
    }
}
