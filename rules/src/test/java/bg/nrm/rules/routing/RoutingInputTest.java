package bg.nrm.rules.routing;

import bg.nrm.rules.RiskLevel;
import bg.nrm.rules.RulesException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What routing refuses, and that one router serves many threads. */
class RoutingInputTest {
    private static final Router ROUTER = Router.create();

    @Test
    void requestForARegionOutsideBulgariaIsRefused() {
        assertThatThrownBy(() -> new RoutingRequest(RiskLevel.HIGH, true, "BG-29", false))
                .isInstanceOf(RulesException.class);
        assertThatThrownBy(() -> new RoutingRequest(RiskLevel.HIGH, true, null, false))
                .isInstanceOf(RulesException.class);
    }

    @Test
    void organisationInAnUnknownRegionIsRefusedNamingItsId() {
        assertThatThrownBy(() -> new Organisation("police-nowhere", "x", OrganisationType.POLICE, "XX-01",
                Set.of(), true, true, null))
                .isInstanceOf(RulesException.class)
                .hasMessageContaining("police-nowhere");
        assertThatThrownBy(() -> new Organisation("police-x", "x", OrganisationType.POLICE, "BG-16",
                Set.of("BG-16", "BG-99"), true, true, null))
                .isInstanceOf(RulesException.class);
    }

    @Test
    void organisationWithNegativeFreePlacesIsRefused() {
        assertThatThrownBy(() -> new Organisation("shelter-x", "x", OrganisationType.SHELTER, "BG-22",
                Set.of("BG-22"), false, true, -1))
                .isInstanceOf(RulesException.class);
    }

    @Test
    void organisationWithoutCoveredRegionsCoversNone() {
        Organisation organisation = new Organisation("cop-x", "x", OrganisationType.COMMUNITY_SUPPORT, "BG-16",
                null, true, true, null);

        assertThat(organisation.coveredRegions()).isEmpty();
        assertThat(organisation.residential()).isFalse();
    }

    @Test
    void oneRouterRoutesFromManyThreadsAtOnceWithTheSameAnswers() throws Exception {
        RoutingRequest request = new RoutingRequest(RiskLevel.HIGH, true, "BG-01", false);
        RoutingResult expected = ROUTER.route(request, DemoDirectory.organisations());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<RoutingResult>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> Router.create().route(request, DemoDirectory.organisations())));
            }
            for (Future<RoutingResult> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
