package bg.nrm.service.stats;

import bg.nrm.rules.RiskLevel;
import bg.nrm.service.Api;
import bg.nrm.service.MutableClock;
import bg.nrm.service.Screenings;
import bg.nrm.service.TestService;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same statistics on the real PostgreSQL (a fresh schema), with the threshold configured below its floor: the
 * service never publishes cells under 3.
 */
class StatsPostgresTest {
    @TempDir
    static Path dataDir;
    static TestService service;
    static Api api;

    @BeforeAll
    static void start() {
        service = TestService.start(dataDir, new MutableClock(), Map.of("nrm.db.url", TestService.freshPostgresSchema(),
                "nrm.stats.threshold", "2"));
        api = service.api;
        YearMonth may = YearMonth.of(2026, 5);
        StatsRows.add(service.app.database(), may, "BG-16", RiskLevel.HIGH, 12);
        StatsRows.add(service.app.database(), may, "BG-16", RiskLevel.MEDIUM, 7);
        StatsRows.add(service.app.database(), may, "BG-16", RiskLevel.LOW, 2);
        StatsRows.add(service.app.database(), may, "BG-04", RiskLevel.HIGH, 6);
        StatsRows.add(service.app.database(), may, "BG-04", RiskLevel.LOW, 1);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void aThresholdConfiguredBelowThreeIsRaisedToThree() {
        JsonNode t = api.get("/api/v1/stats?from=2026-05&to=2026-05&by=level", api.token("commission.plovdiv")).json();

        assertThat(t.get("threshold").asInt()).isEqualTo(3);
        assertThat(t.get("cells").toString()).isEqualTo("[{\"level\":\"LOW\",\"count\":null,\"suppressed\":true},"
                + "{\"level\":\"MEDIUM\",\"count\":null,\"suppressed\":true},{\"level\":\"HIGH\",\"count\":12}]");
        assertThat(t.get("total").asLong()).isEqualTo(21);
    }

    @Test
    void onPostgresPlovdivIsRefusedVelikoTarnovoAndTheNationalCommissionSeesBoth() {
        String plovdiv = api.token("commission.plovdiv");
        assertThat(api.get("/api/v1/stats?from=2026-05&to=2026-05&region=BG-04", plovdiv).status()).isEqualTo(403);

        JsonNode t = api.get("/api/v1/stats?from=2026-05&to=2026-05&by=region,level", api.token("commission.national"))
                .json();
        assertThat(t.get("region").asText()).isEqualTo("ALL");
        assertThat(t.get("total").asLong()).isEqualTo(28);
        assertThat(t.get("margins").get("region").toString()).isEqualTo("[{\"region\":\"BG-04\",\"count\":7},"
                + "{\"region\":\"BG-16\",\"count\":21}]");
        assertThat(t.get("cells").findValues("suppressed")).isNotEmpty();
    }

    @Test
    void mechanismFiguresOfRealScreeningsAndCsvWorkOnPostgres() {
        String screener = api.token("screener.plovdiv");
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/api/v1/screenings", screener, Screenings.json(Screenings.highRiskChild("BG-16")))
                    .status()).isEqualTo(201);
        }
        YearMonth now = YearMonth.from(service.clock.instant().atZone(ZoneOffset.UTC));
        String national = api.token("commission.national");

        Api.Response r = api.get("/api/v1/stats/mechanism?from=" + now + "&to=" + now, national);
        assertThat(r.status()).isEqualTo(200);
        JsonNode t = r.json();
        assertThat(t.get("region").asText()).isEqualTo("ALL");
        assertThat(t.get("cells")).isNotEmpty().allSatisfy(c -> {
            assertThat(c.get("region").asText()).isEqualTo("BG-16");
            assertThat(c.get("month").asText()).isEqualTo(now.toString());
            assertThat(c.get("referrals").asLong()).isEqualTo(3);
            assertThat(c.get("medianMinutesToAcknowledge").isNull()).isTrue();
        });

        Api.Response csv = api.get("/api/v1/stats?from=2026-05&to=2026-05&by=ageBand", national,
                Map.of("Accept", "text/csv"));
        assertThat(csv.body()).startsWith("\uFEFFВъзрастова група (ageBand);Брой (count)");
    }
}
