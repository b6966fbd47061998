package bg.nrm.service;

import bg.nrm.keys.atrest.WrappedDataKey;
import bg.nrm.rules.Assessment;
import bg.nrm.rules.Finding;
import bg.nrm.rules.Questionnaire;
import bg.nrm.rules.QuestionnaireItem;
import bg.nrm.rules.Questionnaires;
import bg.nrm.rules.RiskAssessor;
import bg.nrm.rules.ScreeningInput;
import bg.nrm.rules.Subject;
import bg.nrm.rules.routing.Router;
import bg.nrm.rules.routing.RoutingRequest;
import bg.nrm.service.cases.CaseContent;
import bg.nrm.service.directory.Organisation;
import bg.nrm.service.directory.OrganisationStore;
import bg.nrm.service.http.Json;
import bg.nrm.service.replay.ReplayBackfill;
import bg.nrm.service.replay.ReplayOutcomes;
import bg.nrm.service.store.Sql;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The precomputed replay (issue 10), on SQLite and on PostgreSQL: the background backfill computes the pairs of
 * version-1 screenings stored before pairs existed, resuming where it stopped; the commission's table and the
 * screener's list read from the pairs equal a brute-force re-assessment of every stored screening; and nothing is
 * sent or changed by any of it.
 */
class ReplayPrecomputeTest {

    abstract static class Scenarios {
        @TempDir
        Path dataDir;
        TestService service;
        Api api;
        StoredVersionOne stored;
        long start;

        abstract Map<String, String> settings();

        @BeforeEach
        void begin() {
            service = TestService.start(dataDir, new MutableClock(), settings());
            api = service.api;
            stored = new StoredVersionOne(service.app);
            start = service.clock.millis() - 200L * 24 * 3600 * 1000;
        }

        @AfterEach
        void stop() {
            service.close();
        }

        private ReplayBackfill backfill(int batch) {
            var app = service.app;
            return new ReplayBackfill(app.database(), new ReplayOutcomes(app.sealer(), RiskAssessor.create(),
                    Router.create(), Questionnaires.builtIn()), new OrganisationStore(app.database()), service.clock,
                    batch);
        }

        private long pairs() {
            return service.count("SELECT COUNT(*) FROM replay_outcomes");
        }

        private long pending() {
            return api.get("/api/v1/replay/transitions", api.token("commission.national")).json().get("pending")
                    .asLong();
        }

        private String submitViolenceOnlyChild() {
            Map<String, Object> body = Screenings.base("child-risk", 9, "BG-16");
            body.put("answers", new LinkedHashMap<>(Map.of("VI_DOMESTIC", "yes", "VI_INJURIES", "yes",
                    "VI_NEGLECT", "yes")));
            Api.Response r = api.post("/api/v1/screenings", api.token("screener.plovdiv"), Screenings.json(body));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            return r.json().get("id").asText();
        }

        @Test
        @DisplayName("the backfill computes the pairs of screenings stored before, a batch at a time, and a restart goes on where it stopped")
        void backfillComputesPairsForEarlierScreenings() {
            stored.store(7, 0, 300, start, false, 100);
            submitViolenceOnlyChild();
            assertThat(pairs()).as("a version-1 screening gets its pair when it is stored").isEqualTo(1);
            assertThat(pending()).isEqualTo(300);
            assertThat(api.get("/api/v1/replay", api.token("screener.plovdiv")).json().get("complete").asBoolean())
                    .isFalse();

            // Two windows of 40 screenings in id order; the one that has its pair already is skipped, if met.
            ReplayBackfill first = backfill(40);
            int done = first.runBatch() + first.runBatch();
            assertThat(done).isBetween(79, 80);
            assertThat(pairs()).isEqualTo(1 + done);
            assertThat(pending()).isEqualTo(300 - done);

            // Another instance (or the same after a restart) reads the cursor and replays only the rest.
            assertThat(backfill(500).runToEnd()).isEqualTo(300 - done);
            assertThat(pairs()).isEqualTo(301);
            assertThat(service.count("SELECT COUNT(DISTINCT screening_id) FROM replay_outcomes")).isEqualTo(301);
            assertThat(service.count("SELECT COUNT(*) FROM replay_outcomes WHERE target_level IS NULL")).isZero();
            assertThat(pending()).isZero();
            JsonNode list = api.get("/api/v1/replay", api.token("screener.plovdiv")).json();
            assertThat(list.get("complete").asBoolean()).isTrue();
            assertThat(list.get("replayed").asLong()).isEqualTo(301);
            assertThat(first.runBatch()).as("a finished backfill does nothing").isZero();
        }

        @Test
        @DisplayName("the transition table and the screener's list equal a brute-force re-assessment of every stored screening")
        void tableAndListEqualBruteForce() {
            stored.store(11, 0, 400, start, false, 100);
            service.app.replayBackfill().runToEnd();
            Map<String, Replayed> brute = bruteForce();
            assertThat(brute).hasSize(400);

            assertTableMatches(api.get("/api/v1/replay/transitions", api.token("commission.national")).json(), brute,
                    null);
            assertTableMatches(api.get("/api/v1/replay/transitions", api.token("commission.plovdiv")).json(), brute,
                    "BG-16");

            Map<String, JsonNode> listed = new LinkedHashMap<>();
            String token = api.token("screener.plovdiv");
            String after = null;
            long previous = Long.MIN_VALUE;
            do {
                JsonNode page = api.get("/api/v1/replay?limit=37" + (after == null ? "" : "&after=" + after), token)
                        .json();
                assertThat(page.get("changed").size()).isLessThanOrEqualTo(37);
                for (JsonNode c : page.get("changed")) {
                    long at = java.time.Instant.parse(c.get("createdAt").asText()).toEpochMilli();
                    assertThat(at).as("in order of creation").isGreaterThanOrEqualTo(previous);
                    previous = at;
                    assertThat(listed.put(c.get("screeningId").asText(), c)).as("listed once").isNull();
                }
                after = page.has("next") ? page.get("next").asText() : null;
            } while (after != null);
            Set<String> changed = new HashSet<>();
            brute.forEach((id, r) -> {
                if (r.changed()) {
                    changed.add(id);
                }
            });
            assertThat(changed).as("a few hundred random screenings change in some way").isNotEmpty();
            assertThat(listed.keySet()).containsExactlyInAnyOrderElementsOf(changed);
            listed.forEach((id, c) -> {
                Replayed r = brute.get(id);
                assertThat(c.get("before").get("level").asText()).isEqualTo(r.v1Level());
                assertThat(c.get("after").get("level").asText()).isEqualTo(r.v2Level());
                assertThat(strings(c.get("after").get("findings"))).isEqualTo(r.v2Findings());
                assertThat(strings(c.get("after").get("recipientTypes"))).isEqualTo(r.v2Types());
            });
        }

        @Test
        @DisplayName("nothing is sent by the replay: no referral, no outbox entry, no statistics, no screening changes")
        void nothingIsSent() {
            stored.store(13, 0, 120, start, false, 60);
            String one = submitViolenceOnlyChild();
            String[] counts = {"SELECT COUNT(*) FROM referrals",
                    "SELECT COUNT(*) FROM referrals WHERE state = 'PENDING' OR next_attempt_at IS NOT NULL",
                    "SELECT COUNT(*) FROM referral_events", "SELECT COUNT(*) FROM screenings",
                    "SELECT COUNT(*) FROM stats_screenings",
                    "SELECT COUNT(*) FROM screenings WHERE ruleset_version LIKE '2.%'"};
            List<Long> before = new ArrayList<>();
            for (String sql : counts) {
                before.add(service.count(sql));
            }

            service.app.replayBackfill().runToEnd();
            String token = api.token("screener.plovdiv");
            assertThat(api.get("/api/v1/replay?limit=2000", token).status()).isEqualTo(200);
            assertThat(api.get("/api/v1/replay/" + one + "/draft", token).status()).isEqualTo(200);
            assertThat(api.get("/api/v1/replay/transitions", api.token("commission.national")).status())
                    .isEqualTo(200);

            List<Long> after = new ArrayList<>();
            for (String sql : counts) {
                after.add(service.count(sql));
            }
            assertThat(after).isEqualTo(before);
            assertThat(pairs()).isEqualTo(121);
        }

        @Test
        @DisplayName("a pair lives as long as the content it was computed from: the retention forgets it with the content")
        void retentionForgetsPairs() {
            stored.store(17, 0, 50, start, false, 50);
            String recent = submitViolenceOnlyChild();
            service.app.replayBackfill().runToEnd();
            assertThat(pairs()).isEqualTo(51);

            // Only the generated screenings (200 days old) pass a retention period of 100 days.
            service.clock.advance(java.time.Duration.ofDays(1825 - 100));
            assertThat(service.app.shredExpired()).isEqualTo(50);

            assertThat(pairs()).isOne();
            assertThat(service.count("SELECT COUNT(*) FROM replay_outcomes WHERE screening_id = '" + recent + "'"))
                    .isOne();
            JsonNode list = api.get("/api/v1/replay", api.token("screener.plovdiv")).json();
            assertThat(list.get("replayed").asLong()).isOne();
            assertThat(list.get("changed").size()).isOne();
            assertThat(backfill(500).runToEnd()).as("shredded content is not replayed again").isZero();
            assertThat(pairs()).isOne();
        }

        private static List<String> strings(JsonNode array) {
            List<String> out = new ArrayList<>();
            array.forEach(n -> out.add(n.asText()));
            return out;
        }

        /** One stored screening re-assessed by hand: its region, both levels, and the version-2 outcome. */
        record Replayed(String region, String v1Level, String v2Level, List<String> v2Findings, List<String> v2Types,
                        boolean changed) {
        }

        // The brute force: every stored version-1 screening opened, re-assessed under 2.0.0 and re-routed, one by one,
        // as RULESET-2.md §5 says (child-risk for an adult-risk screening of someone under 18; the answers to the
        // codes version 2 asks), compared with its stored assessment and the recipients it was referred to.
        private Map<String, Replayed> bruteForce() {
            var app = service.app;
            RiskAssessor assessor = RiskAssessor.create();
            Router router = Router.create();
            Questionnaires questionnaires = Questionnaires.builtIn();
            List<bg.nrm.rules.routing.Organisation> directory = new OrganisationStore(app.database()).all().stream()
                    .map(Organisation::toRoutingFact).toList();
            Map<String, Set<String>> typesBefore = new HashMap<>();
            app.database().read(c -> Sql.list(c, "SELECT screening_id, recipient_type FROM referrals "
                    + "WHERE escalated_from IS NULL", rs -> typesBefore.computeIfAbsent(rs.getString(1),
                    k -> new TreeSet<>()).add(rs.getString(2))));
            record Row(String id, String questionnaire, String level, String assessment, byte[] content, byte[] key) {
            }
            List<Row> rows = app.database().read(c -> Sql.list(c, "SELECT id, questionnaire_id, level, assessment_json, "
                    + "content, data_key FROM screenings WHERE ruleset_version = '1.0.0'", rs -> new Row(
                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBytes(5),
                    rs.getBytes(6))));
            Map<String, Replayed> out = new HashMap<>();
            for (Row row : rows) {
                CaseContent content = Json.read(new String(app.sealer().open(WrappedDataKey.fromBytes(row.key()),
                        row.content(), row.id().getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8),
                        CaseContent.class);
                CaseContent.Subject s = content.subject();
                String id = "adult-risk".equals(row.questionnaire()) && s.ageYears() < 18 ? "child-risk"
                        : row.questionnaire();
                Questionnaire q = questionnaires.latest(id).orElseThrow();
                Map<String, String> answers = new HashMap<>();
                for (QuestionnaireItem item : q.items()) {
                    if (content.answers().containsKey(item.code())) {
                        answers.put(item.code(), content.answers().get(item.code()));
                    }
                }
                Subject subject = new Subject(s.ageYears(), s.gender(), s.citizenship(), s.region(),
                        Boolean.TRUE.equals(s.ageUncertain()), content.consentToIdentifiedReferral());
                Assessment v2 = assessor.assess(new ScreeningInput(q.id(), q.version(), subject, answers));
                List<String> v2Types = router.route(RoutingRequest.of(q, v2, subject, answers), directory).targets()
                        .stream().map(t -> t.type().name()).distinct().sorted().toList();
                List<String> v2Findings = v2.findings().stream().map(Finding::code).distinct().sorted().toList();
                List<String> v1Findings = Json.read(row.assessment(), Assessment.class).findings().stream()
                        .map(Finding::code).distinct().sorted().toList();
                List<String> v1Types = List.copyOf(typesBefore.getOrDefault(row.id(), Set.of()));
                boolean changed = !row.level().equals(v2.level().name()) || !v1Findings.equals(v2Findings)
                        || !v1Types.equals(v2Types);
                out.put(row.id(), new Replayed(s.region(), row.level(), v2.level().name(), v2Findings, v2Types,
                        changed));
            }
            return out;
        }

        private static void assertTableMatches(JsonNode table, Map<String, Replayed> brute, String region) {
            Map<String, Long> expected = new HashMap<>();
            brute.values().stream().filter(r -> region == null || region.equals(r.region()))
                    .forEach(r -> expected.merge(r.v1Level() + ">" + r.v2Level(), 1L, Long::sum));
            Map<String, JsonNode> cells = new HashMap<>();
            table.get("cells").forEach(c -> cells.put(c.get("v1Level").asText() + ">" + c.get("v2Level").asText(), c));
            assertThat(cells.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            int shown = 0;
            for (var e : expected.entrySet()) {
                JsonNode cell = cells.get(e.getKey());
                if (cell.get("suppressed").asBoolean()) {
                    assertThat(cell.has("count")).isFalse();
                } else {
                    assertThat(cell.get("count").asLong()).as(e.getKey()).isEqualTo(e.getValue());
                    assertThat(e.getValue()).isGreaterThanOrEqualTo(table.get("threshold").asLong());
                    shown++;
                }
            }
            assertThat(shown).as("some cells are large enough to be shown").isPositive();
            long total = expected.values().stream().mapToLong(Long::longValue).sum();
            if (!table.get("totalSuppressed").asBoolean()) {
                assertThat(table.get("total").asLong()).isEqualTo(total);
            }
            assertThat(table.get("pending").asLong()).isZero();
        }
    }

    @Nested
    @DisplayName("on SQLite")
    class OnSqlite extends Scenarios {
        @Override
        Map<String, String> settings() {
            return Map.of();
        }
    }

    @Nested
    @DisplayName("on PostgreSQL")
    class OnPostgres extends Scenarios {
        @Override
        Map<String, String> settings() {
            return Map.of("nrm.db.url", TestService.freshPostgresSchema());
        }
    }
}
