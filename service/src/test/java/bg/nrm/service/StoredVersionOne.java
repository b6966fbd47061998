package bg.nrm.service;

import bg.nrm.keys.atrest.Sealer;
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
import bg.nrm.service.cases.CaseContent;
import bg.nrm.service.cases.ScreeningStore;
import bg.nrm.service.directory.Organisation;
import bg.nrm.service.directory.OrganisationStore;
import bg.nrm.service.http.Json;
import bg.nrm.service.referral.Referral;
import bg.nrm.service.referral.ReferralState;
import bg.nrm.service.referral.ReferralStore;
import bg.nrm.service.store.Database;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Version-1 screenings stored as the service stored them before replay pairs were computed at storing: assessed and
 * routed by ruleset 1.0.0, content sealed as the service seals it, one referral row per recipient (acknowledged, with
 * an empty envelope: nothing is ever delivered). Generated from a seed, each screening from its own index, so a
 * batch can be generated on every core and comes out the same. For the replay tests and the replay benchmark.
 */
public final class StoredVersionOne {
    /** The screening organisation the screenings belong to, and its screener. */
    public static final String ORGANISATION = "ksu-konstantin-elena-plovdiv";
    public static final String SCREENER = "screener.plovdiv";
    private static final String[] GENDERS = {"female", "male", "other", "unknown"};
    private static final String[] REGIONS = {"BG-16", "BG-16", "BG-16", "BG-13", "BG-22", "BG-04", "BG-23", "BG-01"};

    private final Database database;
    private final Sealer sealer;
    private final RiskAssessor assessor = RiskAssessor.create();
    private final Router router = Router.create();
    private final List<bg.nrm.rules.routing.Organisation> directory;
    private final Questionnaire[] questionnaires = {Questionnaires.builtIn().find("child-risk", 1).orElseThrow(),
            Questionnaires.builtIn().find("adult-risk", 1).orElseThrow()};

    public StoredVersionOne(Application app) {
        this.database = app.database();
        this.sealer = app.sealer();
        this.directory = new OrganisationStore(database).all().stream().map(Organisation::toRoutingFact).toList();
    }

    private record Generated(ScreeningStore.Row row, List<Referral> referrals) {
    }

    /**
     * Stores screenings {@code first} to {@code first + count - 1} of the seed's sequence, one minute apart from
     * {@code startMillis}, in transactions of {@code batch}; returns their ids.
     *
     * @param allRegions every one of the 28 regions (the benchmark) rather than a few, most of them Plovdiv's
     */
    public List<String> store(long seed, int first, int count, long startMillis, boolean allRegions, int batch) {
        List<String> ids = new ArrayList<>();
        for (int done = 0; done < count; done += batch) {
            int from = first + done;
            int to = first + Math.min(count, done + batch);
            List<Generated> generated = IntStream.range(from, to).parallel()
                    .mapToObj(i -> generate(seed, i, startMillis, allRegions)).toList();
            database.inTransaction(c -> {
                for (Generated g : generated) {
                    ScreeningStore.insert(c, g.row());
                    for (Referral r : g.referrals()) {
                        ReferralStore.insert(c, r, new byte[0], null);
                    }
                }
                return null;
            });
            generated.forEach(g -> ids.add(g.row().id()));
        }
        return ids;
    }

    private Generated generate(long seed, int i, long startMillis, boolean allRegions) {
        Random random = new Random(seed * 1_000_003L + i);
        Questionnaire q = questionnaires[random.nextInt(2)];
        boolean adult = q.subject().equals("adult");
        Map<String, String> answers = new HashMap<>();
        int weight = new int[] {2, 5, 10, 20}[random.nextInt(4)];
        for (QuestionnaireItem item : q.items()) {
            int roll = random.nextInt(100 + (item.dimension().equals("ID") ? weight / 4 : weight));
            answers.put(item.code(), roll < 60 ? "no" : roll < 100 ? "unknown" : "yes");
        }
        int age = adult ? 18 + random.nextInt(50) : random.nextInt(18);
        String region = allRegions ? String.format("BG-%02d", 1 + random.nextInt(28))
                : REGIONS[random.nextInt(REGIONS.length)];
        String gender = GENDERS[random.nextInt(4)];
        boolean consent = random.nextBoolean();
        Subject subject = new Subject(age, gender, "BG", region, false, consent);
        Assessment a = assessor.assess(new ScreeningInput(q.id(), 1, subject, answers));
        List<RouteTarget> targets = router.route(RoutingRequest.of(q, a, subject, answers), directory).targets();
        String id = new UUID(random.nextLong(), random.nextLong()).toString();
        long at = startMillis + i * 60_000L;
        CaseContent content = new CaseContent(new CaseContent.Subject("REF-" + i, age, gender, "BG", region, false,
                null), answers, consent, null);
        WrappedDataKey key = sealer.newDataKey();
        byte[] sealed = sealer.seal(key, Json.write(content), id.getBytes(StandardCharsets.UTF_8));
        ScreeningStore.Row row = new ScreeningStore.Row(id, ORGANISATION, SCREENER, at, q.id(), 1, a.rulesetVersion(),
                a.level().name(), Json.writeString(a), sealed, key.toBytes(), null, "generated", "{}");
        List<Referral> referrals = new ArrayList<>();
        for (RouteTarget t : targets) {
            referrals.add(new Referral(new UUID(random.nextLong(), random.nextLong()).toString(), id, ORGANISATION,
                    t.organisationId(), t.type(), t.anonymised(), t.consentOverridden(), t.rule(), a.level().name(),
                    !adult, region, ReferralState.ACKNOWLEDGED, at, at + t.deadline().toMillis(), null, 0, null, null,
                    null));
        }
        return new Generated(row, referrals);
    }
}
