package bg.nrm.service.bench;

import bg.nrm.keys.atrest.WrappedDataKey;
import bg.nrm.rules.Assessment;
import bg.nrm.rules.Questionnaire;
import bg.nrm.rules.QuestionnaireItem;
import bg.nrm.rules.Questionnaires;
import bg.nrm.rules.RiskAssessor;
import bg.nrm.rules.ScreeningInput;
import bg.nrm.rules.Subject;
import bg.nrm.rules.routing.RouteTarget;
import bg.nrm.rules.routing.Router;
import bg.nrm.rules.routing.RoutingRequest;
import bg.nrm.service.Api;
import bg.nrm.service.MutableClock;
import bg.nrm.service.TestService;
import bg.nrm.service.cases.CaseContent;
import bg.nrm.service.cases.ScreeningStore;
import bg.nrm.service.directory.Organisation;
import bg.nrm.service.directory.OrganisationStore;
import bg.nrm.service.http.Json;
import bg.nrm.service.referral.Referral;
import bg.nrm.service.referral.ReferralState;
import bg.nrm.service.referral.ReferralStore;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Replay time over stored version-1 screenings (not part of the test suite; run with
 * {@code bench/replay-bench.sh [sqlite|postgres] [screenings]}). Stores N generated version-1 screenings of one
 * screening organisation (assessed and routed by ruleset 1.0.0, content sealed as the service seals it, referral rows
 * with empty envelopes), then times over real HTTP: the screener's list paged through all of them (2,000 per page)
 * and the National Commission's transition table over all of them. Prints figures; asserts nothing.
 */
public final class ReplayBenchmark {
    private static final String[] GENDERS = {"female", "male", "other", "unknown"};

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
            store(service, n);
            System.out.printf("%s: stored %,d version-1 screenings in %.1f s%n", db, n, (System.nanoTime() - t0) / 1e9);
            Api api = service.api;
            String screener = api.token("screener.plovdiv");
            long t1 = System.nanoTime();
            int scanned = 0;
            int changed = 0;
            int pages = 0;
            String after = null;
            do {
                JsonNode page = api.get("/api/v1/replay?limit=2000" + (after == null ? "" : "&after=" + after),
                        screener).json();
                scanned += page.get("scanned").asInt();
                changed += page.get("changed").size();
                pages++;
                after = page.has("next") ? page.get("next").asText() : null;
            } while (after != null);
            double list = (System.nanoTime() - t1) / 1e9;
            System.out.printf("%s: screener list: %,d scanned, %,d changed, %d pages, %.1f s (%.0f µs per screening)%n",
                    db, scanned, changed, pages, list, list * 1e6 / scanned);
            long t2 = System.nanoTime();
            Api.Response table = api.get("/api/v1/replay/transitions", api.token("commission.national"));
            double transitions = (System.nanoTime() - t2) / 1e9;
            System.out.printf("%s: national transition table over %,d screenings: %.1f s (status %d)%n%s%n", db, n,
                    transitions, table.status(), table.body());
        }
    }

    private static void store(TestService service, int n) {
        RiskAssessor assessor = RiskAssessor.create();
        Router router = Router.create();
        Random random = new Random(42);
        var database = service.app.database();
        var sealer = service.app.sealer();
        List<Organisation> orgs = new OrganisationStore(database).all();
        Map<String, Organisation> byId = new HashMap<>();
        orgs.forEach(o -> byId.put(o.id(), o));
        List<bg.nrm.rules.routing.Organisation> directory = orgs.stream().map(Organisation::toRoutingFact).toList();
        Questionnaire[] qs = {Questionnaires.builtIn().find("child-risk", 1).orElseThrow(),
                Questionnaires.builtIn().find("adult-risk", 1).orElseThrow()};
        long start = service.clock.millis() - 365L * 24 * 3600 * 1000;
        int batch = 1000;
        for (int done = 0; done < n; done += batch) {
            int from = done;
            database.inTransaction(c -> {
                for (int i = from; i < Math.min(n, from + batch); i++) {
                    Questionnaire q = qs[random.nextInt(2)];
                    boolean adult = q.subject().equals("adult");
                    Map<String, String> answers = new HashMap<>();
                    int weight = new int[] {2, 5, 10, 20}[random.nextInt(4)];
                    for (QuestionnaireItem item : q.items()) {
                        int roll = random.nextInt(100 + (item.dimension().equals("ID") ? weight / 4 : weight));
                        answers.put(item.code(), roll < 60 ? "no" : roll < 100 ? "unknown" : "yes");
                    }
                    int age = adult ? 18 + random.nextInt(50) : random.nextInt(18);
                    String region = String.format("BG-%02d", 1 + random.nextInt(28));
                    String gender = GENDERS[random.nextInt(4)];
                    boolean consent = random.nextBoolean();
                    Subject subject = new Subject(age, gender, "BG", region, false, consent);
                    Assessment a = assessor.assess(new ScreeningInput(q.id(), 1, subject, answers));
                    List<RouteTarget> targets = router.route(RoutingRequest.of(q, a, subject, answers), directory)
                            .targets();
                    String id = UUID.randomUUID().toString();
                    long at = start + i * 60_000L;
                    CaseContent content = new CaseContent(new CaseContent.Subject("REF-" + i, age, gender, "BG",
                            region, false, null), answers, consent, null);
                    WrappedDataKey key = sealer.newDataKey();
                    byte[] sealed = sealer.seal(key, Json.write(content), id.getBytes(StandardCharsets.UTF_8));
                    ScreeningStore.insert(c, new ScreeningStore.Row(id, "ksu-konstantin-elena-plovdiv",
                            "screener.plovdiv", at, q.id(), 1, a.rulesetVersion(), a.level().name(),
                            Json.writeString(a), sealed, key.toBytes(), null, "bench", "{}"));
                    for (RouteTarget t : targets) {
                        ReferralStore.insert(c, new Referral(UUID.randomUUID().toString(), id,
                                "ksu-konstantin-elena-plovdiv", t.organisationId(), t.type(), t.anonymised(),
                                t.consentOverridden(), t.rule(), a.level().name(), !adult, region,
                                ReferralState.ACKNOWLEDGED, at, at + t.deadline().toMillis(), null, 0, null, null,
                                null), "", null);
                    }
                }
                return null;
            });
        }
    }
}
