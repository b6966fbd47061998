package bg.nrm.service.metrics;

import bg.nrm.service.Api;
import bg.nrm.service.Screenings;
import bg.nrm.service.TestService;
import bg.nrm.service.referral.Escalation;
import bg.nrm.testing.QuietLog;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's counters move with what happens, as an administrator reads them at {@code /observe/metrics}.
 * The registry is shared by every service started in this JVM, so each test compares before and after.
 */
class MetricsTest {
    @TempDir
    Path dataDir;
    TestService service;
    Api api;
    QuietLog escalationLog;

    @BeforeEach
    void start() {
        escalationLog = QuietLog.of(Escalation.class); // a decline with nobody left to pass the case to is expected
        service = TestService.sqlite(dataDir);
        api = service.api;
    }

    @AfterEach
    void stop() {
        service.close();
        escalationLog.close();
    }

    /** The sum of a Prometheus series over the lines that carry every given label. */
    private double value(String series, String... labels) {
        Api.Response r = api.get("/observe/metrics", api.token("admin"), Map.of("Accept", "text/plain"));
        assertThat(r.status()).isEqualTo(200);
        return r.body().lines()
                .filter(l -> l.startsWith(series + "{") || l.startsWith(series + " "))
                .filter(l -> Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void aHighRiskScreeningIsCountedByLevelAndTimed() {
        double high = value("nrm_screenings_total", "level=\"HIGH\"");
        double timed = value("nrm_screening_seconds_count");
        double pending = value("nrm_referrals_total", "state=\"PENDING\"");

        JsonNode screening = api.post("/api/v1/screenings", api.token("screener.plovdiv"),
                Screenings.json(Screenings.highRiskChild("BG-16"))).json();

        assertThat(value("nrm_screenings_total", "level=\"HIGH\"")).isEqualTo(high + 1);
        assertThat(value("nrm_screening_seconds_count")).isEqualTo(timed + 1);
        assertThat(value("nrm_referrals_total", "state=\"PENDING\"")).isEqualTo(pending + screening.get("referrals").size());
    }

    @Test
    void aFetchedEnvelopeIsAPulledDeliveryAndADeclineAnEscalation() {
        JsonNode screening = api.post("/api/v1/screenings", api.token("screener.plovdiv"),
                Screenings.json(Screenings.highRiskChild("BG-16"))).json();
        String referralId = null;
        for (JsonNode r : screening.get("referrals")) {
            if (r.at("/recipient/id").asText().equals("cc-children-plovdiv")) {
                referralId = r.get("id").asText();
            }
        }
        assertThat(referralId).isNotNull();
        double pulled = value("nrm_deliveries_total", "channel=\"pull\"", "outcome=\"delivered\"");
        double escalations = value("nrm_escalations_total");
        double declined = value("nrm_referrals_total", "state=\"DECLINED\"");
        String crisis = api.token("crisis.plovdiv");

        assertThat(api.get("/api/v1/referrals/" + referralId + "/envelope", crisis).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/referrals/" + referralId + "/decision", crisis,
                "{\"decision\":\"DECLINED\",\"reason\":\"no places\"}").status()).isEqualTo(200);

        assertThat(value("nrm_deliveries_total", "channel=\"pull\"", "outcome=\"delivered\"")).isEqualTo(pulled + 1);
        assertThat(value("nrm_referrals_total", "state=\"DECLINED\"")).isEqualTo(declined + 1);
        assertThat(value("nrm_escalations_total")).isEqualTo(escalations + 1);
    }

    @Test
    void aWrongPasswordIsCountedAsASignInFailure() {
        double failures = value("nrm_sign_in_failures_total", "reason=\"bad_credentials\"");

        assertThat(api.post("/api/v1/auth/token", null, "{\"username\":\"admin\",\"password\":\"not-it\"}").status())
                .isEqualTo(401);

        assertThat(value("nrm_sign_in_failures_total", "reason=\"bad_credentials\"")).isEqualTo(failures + 1);
    }
}
