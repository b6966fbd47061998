package bg.nrm.service;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Screenings over real HTTP on a real SQLite file: the contract, validation field by field, and idempotency. */
class ScreeningApiTest {
    @TempDir
    static Path dataDir;
    static TestService service;
    static Api api;
    static String screener;

    @BeforeAll
    static void start() {
        service = TestService.sqlite(dataDir);
        api = service.api;
        screener = api.token("screener.plovdiv");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void bothQuestionnairesAreListedWithBulgarianAndEnglishTitles() {
        Api.Response r = api.get("/api/v1/questionnaires", screener);
        assertThat(r.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().forEach(q -> {
            ids.add(q.get("id").asText());
            assertThat(q.get("title").get("bg").asText()).isNotBlank();
            assertThat(q.get("title").get("en").asText()).isNotBlank();
        });
        assertThat(ids).contains("child-risk", "adult-risk");
    }

    @Test
    void questionnaireDefinitionListsItsItems() {
        JsonNode q = api.get("/api/v1/questionnaires/child-risk", screener).json();
        assertThat(q.get("version").asInt()).isEqualTo(2); // the current version; version 1 stays readable with ?version=1
        assertThat(q.get("items").size()).isGreaterThan(40);
        JsonNode first = q.get("items").get(0);
        assertThat(first.has("code") && first.has("dimension") && first.has("text")).isTrue();
        assertThat(api.get("/api/v1/questionnaires/no-such", screener).status()).isEqualTo(404);
    }

    @Test
    void highRiskChildScreeningIsAssessedAndCanBeReadBack() {
        Api.Response created = api.post("/api/v1/screenings", screener, Screenings.json(Screenings.highRiskChild("BG-16")));
        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.json();
        assertThat(body.get("assessment").get("level").asText()).isEqualTo("HIGH");
        assertThat(body.get("assessment").get("rulesetVersion").asText()).isNotBlank();
        assertThat(body.get("assessment").get("findings").findValuesAsText("code")).contains("TRAFFICKING_INDICATED");
        assertThat(body.get("referrals").size()).isGreaterThan(0);

        String id = body.get("id").asText();
        JsonNode read = api.get("/api/v1/screenings/" + id, screener).json();
        assertThat(read.get("id").asText()).isEqualTo(id);
        assertThat(read.get("assessment").get("level").asText()).isEqualTo("HIGH");
        assertThat(read.toString()).doesNotContain("Мария").doesNotContain("CASE-2026-0042").doesNotContain("Гърция");
    }

    @Test
    void anotherOrganisationsScreenerCannotReadTheScreening() {
        String id = api.post("/api/v1/screenings", screener, Screenings.json(Screenings.noRiskChild())).json().get("id").asText();
        Api.Response other = api.get("/api/v1/screenings/" + id, api.token("screener.etropole"));
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.contentType()).startsWith("application/problem+json");
    }

    @Test
    void recipientsCannotSubmitScreenings() {
        Api.Response r = api.post("/api/v1/screenings", api.token("crisis.plovdiv"), Screenings.json(Screenings.noRiskChild()));
        assertThat(r.status()).isEqualTo(403);
    }

    @Test
    void everyWrongFieldIsNamedAndNothingIsStored() {
        long before = countScreenings();
        Map<String, Object> body = Screenings.highRiskChild("BG-99");
        Screenings.subject(body).put("ageYears", 19);
        Screenings.subject(body).put("gender", "robot");
        Screenings.subject(body).put("citizenship", "XX");
        Screenings.answers(body).put("DR_WAGES", "yes");      // adult-only code, not in the child questionnaire
        Screenings.answers(body).put("EX_BEGGING", "maybe");  // not yes/no/unknown
        Screenings.answers(body).put("NO_SUCH_CODE", "yes");
        Api.Response r = api.post("/api/v1/screenings", screener, Screenings.json(body));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode problem = r.json();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors").findValuesAsText("field")).contains("subject.region", "subject.ageYears",
                "subject.gender", "subject.citizenship", "answers.DR_WAGES", "answers.EX_BEGGING", "answers.NO_SUCH_CODE");
        assertThat(r.body()).doesNotContain("maybe").doesNotContain("robot").doesNotContain("BG-99");
        assertThat(countScreenings()).isEqualTo(before);
    }

    @Test
    void fractionalAgeIsRejectedNotRounded() {
        Map<String, Object> body = Screenings.noRiskChild();
        Screenings.subject(body).put("ageYears", 15.5);
        Api.Response r = api.post("/api/v1/screenings", screener, Screenings.json(body));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").findValuesAsText("field")).containsExactly("subject.ageYears");
    }

    @Test
    void unknownRoutesAndMethodsAnswerWithAProblemNotAnError() {
        Api.Response missing = api.get("/api/v1/no-such-thing", screener);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        Api.Response method = api.send(api.builder("/api/v1/screenings/x", screener).DELETE().build());
        assertThat(method.status()).isIn(404, 405);
        assertThat(method.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/nothing-here", null).status()).isEqualTo(404);
    }

    @Test
    void malformedJsonIsA400Problem() {
        Api.Response r = api.post("/api/v1/screenings", screener, "{\"questionnaire\": ");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("type").asText()).endsWith("malformed-json");
    }

    @Test
    void unknownJsonFieldIsRejectedByName() {
        Map<String, Object> body = Screenings.noRiskChild();
        body.put("favouriteColour", "blue");
        Api.Response r = api.post("/api/v1/screenings", screener, Screenings.json(body));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").findValuesAsText("field")).containsExactly("favouriteColour");
    }

    @Test
    void oversizedBodyIsRefusedWith413() {
        Map<String, Object> body = Screenings.noRiskChild();
        body.put("notes", "x".repeat(70_000));
        Api.Response r = api.post("/api/v1/screenings", screener, Screenings.json(body));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void wrongContentTypeIsRefusedWith415() {
        Api.Response r = api.send(api.builder("/api/v1/screenings", screener).header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Screenings.json(Screenings.noRiskChild()))).build());
        assertThat(r.status()).isEqualTo(415);
    }

    @Test
    void sameIdempotencyKeyAndBodyReturnsTheFirstResponse() {
        String key = UUID.randomUUID().toString();
        String json = Screenings.json(Screenings.highRiskChild("BG-16"));
        Api.Response first = api.post("/api/v1/screenings", screener, json, Map.of("Idempotency-Key", key));
        long count = countScreenings();
        Api.Response again = api.post("/api/v1/screenings", screener, json, Map.of("Idempotency-Key", key));
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(again.json().get("referrals")).isEqualTo(first.json().get("referrals"));
        assertThat(countScreenings()).isEqualTo(count);
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIsAConflict() {
        String key = UUID.randomUUID().toString();
        api.post("/api/v1/screenings", screener, Screenings.json(Screenings.noRiskChild()), Map.of("Idempotency-Key", key));
        Api.Response r = api.post("/api/v1/screenings", screener, Screenings.json(Screenings.highRiskChild("BG-16")),
                Map.of("Idempotency-Key", key));
        assertThat(r.status()).isEqualTo(409);
    }

    private static long countScreenings() {
        return service.count("SELECT COUNT(*) FROM screenings");
    }
}
