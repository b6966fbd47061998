package bg.nrm.service.stats;

import bg.nrm.service.Api;
import bg.nrm.service.Screenings;
import bg.nrm.service.TestService;
import bg.nrm.service.referral.Escalation;
import bg.nrm.testing.QuietLog;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real screenings through the real API, then the commission's view of them a day later: the screening table, and the
 * mechanism figures (referrals made, acknowledged in time, median minutes to acknowledgement, escalations), with no
 * identifier anywhere in what is published. Its own service, because the test moves the clock by a day.
 */
class StatsMechanismTest {
    @TempDir
    static Path dataDir;
    static TestService service;
    static Api api;

    @BeforeAll
    static void start() {
        service = TestService.sqlite(dataDir);
        api = service.api;
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void realScreeningsAppearInTheStatisticsAndTheMechanismFiguresWithoutAnyIdentifier() {
        String screener = api.token("screener.plovdiv");
        String crisis = api.token("crisis.plovdiv");
        YearMonth now = YearMonth.from(service.clock.instant().atZone(ZoneOffset.UTC));
        List<String> ids = new ArrayList<>();
        List<String> crisisReferrals = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Api.Response r = api.post("/api/v1/screenings", screener, Screenings.json(Screenings.highRiskChild("BG-16")));
            assertThat(r.status()).isEqualTo(201);
            JsonNode s = r.json();
            ids.add(s.get("id").asText());
            StreamSupport.stream(s.get("referrals").spliterator(), false).forEach(ref -> {
                ids.add(ref.get("id").asText());
                if ("cc-children-plovdiv".equals(ref.get("recipient").get("id").asText())) {
                    crisisReferrals.add(ref.get("id").asText());
                }
            });
        }
        service.clock.advance(Duration.ofMinutes(10));
        for (String id : crisisReferrals) {
            assertThat(api.post("/api/v1/referrals/" + id + "/ack", crisis, "{}").status()).isEqualTo(200);
        }
        service.clock.advance(Duration.ofHours(25));
        // The escalations run out of recipients on purpose; kept, their warnings would read like a failure.
        QuietLog.during(Escalation.class, service.app.escalation()::escalateOverdue);
        String range = "from=" + now + "&to=" + now.plusMonths(1);

        String plovdiv = api.token("commission.plovdiv");
        String national = api.token("commission.national");
        JsonNode stats = api.get("/api/v1/stats?" + range + "&by=level", plovdiv).json();
        assertThat(stats.get("cells").toString()).isEqualTo("[{\"level\":\"HIGH\",\"count\":6}]");

        Api.Response mechanism = api.get("/api/v1/stats/mechanism?" + range, plovdiv);
        assertThat(mechanism.status()).isEqualTo(200);
        JsonNode cells = mechanism.json().get("cells");
        assertThat(cells).anySatisfy(c -> {
            assertThat(c.get("referrals").asLong()).isEqualTo(6);
            assertThat(c.get("acknowledgedInTimeShare").asDouble()).isEqualTo(1.0);
            assertThat(c.get("medianMinutesToAcknowledge").asLong()).isEqualTo(10);
            assertThat(c.get("escalations").asLong()).isZero();
        });
        assertThat(cells).anySatisfy(c -> assertThat(c.get("escalations").asLong()).isGreaterThanOrEqualTo(5));
        assertThat(cells).allSatisfy(c -> assertThat(c.get("region").asText()).isEqualTo("BG-16"));

        String csv = api.get("/api/v1/stats/mechanism?" + range, plovdiv, Map.of("Accept", "text/csv")).body();
        assertThat(csv).startsWith("\uFEFFОбласт (region),Месец (month)");
        for (String published : List.of(stats.toString(), mechanism.body(), csv,
                api.get("/api/v1/stats?" + range + "&by=month,questionnaire", national).body(),
                api.get("/api/v1/stats?" + range + "&by=region,form", national, Map.of("Accept", "text/csv")).body())) {
            assertThat(published).doesNotContain("CASE-2026").doesNotContain("Мария").doesNotContain("Тестова")
                    .doesNotContain("+359").doesNotContain("ksu-").doesNotContain("cc-children").doesNotContain("ozd-")
                    .doesNotContain("screener").doesNotContain("Бележка");
            for (String id : ids) {
                assertThat(published).doesNotContain(id);
            }
        }
    }
}
