package bg.nrm.service.referral;

import bg.nrm.rules.routing.OrganisationType;
import bg.nrm.service.Api;
import bg.nrm.service.Screenings;
import bg.nrm.service.TestService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Live alerts under load: every referral made is announced once, however many are made within the look-back. */
class AlertHubTest {
    @TempDir
    Path dataDir;
    TestService service;
    Api api;

    @BeforeEach
    void start() {
        service = TestService.sqlite(dataDir);
        api = service.api;
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void withNobodyListeningNothingIsAnnounced() {
        api.post("/api/v1/screenings", api.token("screener.plovdiv"), Screenings.json(Screenings.highRiskChild("BG-16")));
        assertThat(service.app.alerts().poll()).isZero();
    }

    @Test
    void moreReferralsWithinTheLookBackThanOnePageAreEachAnnouncedOnce() {
        assertThat(service.app.alerts().subscribe("ozd-plovdiv", "ozd.plovdiv")).isNotNull();
        Api.Response r = api.post("/api/v1/screenings", api.token("screener.plovdiv"),
                Screenings.json(Screenings.highRiskChild("BG-16")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String screeningId = r.json().get("id").asText();
        // One of the screening's referrals is for the listening organisation; the others are not its news.
        int made = 1;
        long now = service.clock.millis();
        // 2,500 more in the same second: the alerts read pages of 1,000; the old poll read one and stopped there.
        service.app.database().inTransaction(c -> {
            for (int i = 0; i < 2_500; i++) {
                ReferralStore.insert(c, new Referral(UUID.randomUUID().toString(), screeningId, "ksu-konstantin-elena-plovdiv",
                        "ozd-plovdiv", OrganisationType.CHILD_PROTECTION, false, false, "test", "HIGH", true, "BG-16",
                        ReferralState.ACKNOWLEDGED, now + i % 3, now + 3_600_000, null, 0, null, null, null), new byte[0], null);
            }
            return null;
        });

        assertThat(service.app.alerts().poll()).isEqualTo(made + 2_500);
        assertThat(service.app.alerts().poll()).isZero();
    }
}
