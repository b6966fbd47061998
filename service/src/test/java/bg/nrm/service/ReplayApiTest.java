package bg.nrm.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay of RULESET-2.md §5 over real HTTP, on SQLite and on PostgreSQL: a screening organisation lists its
 * version-1 screenings whose outcome changes under 2.0.0, with the difference, and submits a pre-filled version-2
 * screening from one; a commission sees only the anonymised, suppressed table of level transitions. A replay sends
 * nothing and changes no screening or referral.
 */
class ReplayApiTest {

    abstract static class Scenarios {
        @TempDir
        Path dataDir;
        TestService service;
        Api api;

        abstract Map<String, String> settings();

        @BeforeEach
        void start() {
            service = TestService.start(dataDir, new MutableClock(), settings());
            api = service.api;
        }

        @AfterEach
        void stop() {
            service.close();
        }

        private String submit(String screener, Map<String, Object> body) {
            Api.Response r = api.post("/api/v1/screenings", api.token(screener), Screenings.json(body));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            return r.json().get("id").asText();
        }

        /** A version-1 child with family violence, injuries and neglect: LOW and nobody told under 1.0.0. */
        static Map<String, Object> violenceOnlyChild(String region) {
            Map<String, Object> body = Screenings.base("child-risk", 9, region);
            body.put("answers", new LinkedHashMap<>(Map.of("VI_DOMESTIC", "yes", "VI_INJURIES", "yes",
                    "VI_NEGLECT", "yes", "CH_MOVED", "no")));
            return body;
        }

        private JsonNode changeOf(JsonNode list, String id) {
            for (JsonNode c : list.get("changed")) {
                if (c.get("screeningId").asText().equals(id)) {
                    return c;
                }
            }
            return null;
        }

        @Test
        @DisplayName("the screener lists the version-1 screenings that change under 2.0.0, with the difference, and nothing is sent")
        void listsChangedScreenings() {
            String violence = submit("screener.plovdiv", violenceOnlyChild("BG-16"));
            String none = submit("screener.plovdiv", Screenings.noRiskChild());
            String high = submit("screener.plovdiv", Screenings.highRiskChild("BG-16"));
            long referrals = service.count("SELECT COUNT(*) FROM referrals");
            long screenings = service.count("SELECT COUNT(*) FROM screenings");

            JsonNode list = api.get("/api/v1/replay", api.token("screener.plovdiv")).json();

            assertThat(list.get("ruleset").asText()).isEqualTo("2.0.0");
            assertThat(list.get("replayed").asInt()).as("every version-1 screening is replayed when stored").isEqualTo(3);
            assertThat(list.get("complete").asBoolean()).isTrue();
            JsonNode change = changeOf(list, violence);
            assertThat(change).isNotNull();
            assertThat(change.get("before").get("level").asText()).isEqualTo("LOW");
            assertThat(change.get("after").get("level").asText()).isEqualTo("MEDIUM");
            assertThat(change.get("difference").get("levelChanged").asBoolean()).isTrue();
            assertThat(change.get("difference").get("recipientTypesAdded").toString())
                    .contains("CHILD_PROTECTION", "COMMUNITY_SUPPORT");
            assertThat(change.get("difference").get("findingsAdded").toString())
                    .contains("VI_POSITIVE", "CHILD_IN_NEED_OF_PROTECTION");
            assertThat(change.get("draft").asText()).isEqualTo("/api/v1/replay/" + violence + "/draft");
            JsonNode highChange = changeOf(list, high);
            assertThat(highChange.get("before").get("level").asText()).isEqualTo("HIGH");
            assertThat(highChange.get("difference").get("levelChanged").asBoolean()).isFalse();
            assertThat(highChange.get("difference").get("findingsAdded").toString()).contains("CHILD_SEXUAL_ABUSE");
            assertThat(changeOf(list, none)).as("a screening that does not change is not listed").isNull();
            assertThat(list.toString()).doesNotContain("Мария", "Гърция", "CASE-2026");
            assertThat(service.count("SELECT COUNT(*) FROM referrals")).isEqualTo(referrals);
            assertThat(service.count("SELECT COUNT(*) FROM screenings")).isEqualTo(screenings);
            assertThat(service.count("SELECT COUNT(*) FROM audit_log WHERE action = 'REPLAY_LISTED'")).isEqualTo(1);
        }

        @Test
        @DisplayName("the list comes a page of changed screenings at a time, the next page after the cursor")
        void pages() {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(submit("screener.plovdiv", violenceOnlyChild("BG-16")));
                submit("screener.plovdiv", Screenings.noRiskChild());
            }
            String token = api.token("screener.plovdiv");
            JsonNode first = api.get("/api/v1/replay?limit=2", token).json();
            JsonNode second = api.get("/api/v1/replay?limit=2&after=" + first.get("next").asText(), token).json();

            assertThat(first.get("changed").size()).isEqualTo(2);
            assertThat(second.get("changed").size()).isEqualTo(1);
            assertThat(second.get("replayed").asInt()).isEqualTo(6);
            assertThat(second.has("next")).isFalse();
            List<String> seen = new ArrayList<>();
            first.get("changed").forEach(c -> seen.add(c.get("screeningId").asText()));
            second.get("changed").forEach(c -> seen.add(c.get("screeningId").asText()));
            assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(api.get("/api/v1/replay?limit=0", token).status()).isEqualTo(400);
            assertThat(api.get("/api/v1/replay?after=nonsense", token).status()).isEqualTo(400);
        }

        @Test
        @DisplayName("a pre-filled version-2 screening is drafted from a listed one and can be submitted")
        void draftCanBeSubmitted() {
            String violence = submit("screener.plovdiv", violenceOnlyChild("BG-16"));
            String token = api.token("screener.plovdiv");

            JsonNode draft = api.get("/api/v1/replay/" + violence + "/draft", token).json();
            JsonNode body = draft.get("screening");
            assertThat(body.get("questionnaireVersion").asInt()).isEqualTo(2);
            assertThat(body.get("answers").get("VI_DOMESTIC").asText()).isEqualTo("yes");
            assertThat(body.get("answers").has("VI_WITNESS_DV")).as("new codes start as unknown").isFalse();
            assertThat(draft.get("reviewCodes").toString()).contains("VI_DOMESTIC");
            assertThat(body.get("subject").has("identity")).isFalse();
            assertThat(draft.get("notice").get("bg").asText()).contains("съгласие");

            @SuppressWarnings("unchecked")
            Map<String, Object> resubmit = bg.nrm.service.http.Json.mapper().convertValue(body, Map.class);
            resubmit.put("consent", Map.of("identifiedReferral", true));
            Api.Response r = api.post("/api/v1/screenings", token, Screenings.json(resubmit));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            assertThat(r.json().get("assessment").get("rulesetVersion").asText()).isEqualTo("2.0.0");
            assertThat(r.json().get("assessment").get("level").asText()).isEqualTo("MEDIUM");
        }

        @Test
        @DisplayName("another organisation's screenings are neither listed nor drafted; a commission cannot list them")
        void ownScreeningsOnly() {
            String violence = submit("screener.plovdiv", violenceOnlyChild("BG-16"));

            assertThat(api.get("/api/v1/replay", api.token("screener.etropole")).json().get("replayed").asInt()).isZero();
            assertThat(api.get("/api/v1/replay/" + violence + "/draft", api.token("screener.etropole")).status())
                    .isEqualTo(404);
            assertThat(api.get("/api/v1/replay", api.token("commission.plovdiv")).status()).isEqualTo(403);
            assertThat(api.get("/api/v1/replay/transitions", api.token("screener.plovdiv")).status()).isEqualTo(403);
        }

        @Test
        @DisplayName("a version-2 screening has nothing to replay: no draft from it")
        void noDraftFromVersionTwo() {
            Map<String, Object> body = violenceOnlyChild("BG-16");
            body.put("questionnaireVersion", 2);
            String two = submit("screener.plovdiv", body);

            assertThat(api.get("/api/v1/replay/" + two + "/draft", api.token("screener.plovdiv")).status()).isEqualTo(409);
            assertThat(api.get("/api/v1/replay", api.token("screener.plovdiv")).json().get("replayed").asInt()).isZero();
        }

        @Test
        @DisplayName("a commission sees the anonymised level transitions of its region only, small cells suppressed")
        void commissionTransitionTable() {
            for (int i = 0; i < 6; i++) {
                submit("screener.plovdiv", violenceOnlyChild("BG-16"));
            }
            submit("screener.plovdiv", violenceOnlyChild("BG-13"));
            submit("screener.plovdiv", Screenings.noRiskChild());

            JsonNode local = api.get("/api/v1/replay/transitions", api.token("commission.plovdiv")).json();
            assertThat(local.get("region").asText()).isEqualTo("BG-16");
            assertThat(local.get("threshold").asInt()).isEqualTo(5);
            for (JsonNode cell : local.get("cells")) {
                if (!cell.get("suppressed").asBoolean()) {
                    assertThat(cell.get("count").asLong()).isGreaterThanOrEqualTo(5);
                } else {
                    assertThat(cell.has("count")).isFalse();
                }
            }
            assertThat(local.toString()).contains("\"v1Level\":\"LOW\",\"v2Level\":\"MEDIUM\"")
                    .doesNotContain("Мария", "CASE-2026", "screeningId");
            JsonNode national = api.get("/api/v1/replay/transitions?region=BG-13",
                    api.token("commission.national")).json();
            assertThat(national.get("region").asText()).isEqualTo("BG-13");
            assertThat(national.get("cells").get(0).get("suppressed").asBoolean()).isTrue();
            assertThat(api.get("/api/v1/replay/transitions?region=BG-13", api.token("commission.plovdiv")).status())
                    .isEqualTo(403);
            assertThat(api.get("/api/v1/replay/transitions?from=2026-13", api.token("commission.plovdiv")).status())
                    .isEqualTo(400);
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
