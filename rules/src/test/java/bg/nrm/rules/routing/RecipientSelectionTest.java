package bg.nrm.rules.routing;

import bg.nrm.rules.Regions;
import bg.nrm.rules.RiskLevel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** How a recipient the rules ask for is found in the directory: region, coverage, nearest, places, warnings. */
class RecipientSelectionTest {
    private static final Router ROUTER = Router.create();
    private static final Regions REGIONS = Regions.builtIn();

    private static RoutingResult highRiskChild(String region, List<Organisation> directory) {
        return ROUTER.route(new RoutingRequest(RiskLevel.HIGH, true, region, false), directory);
    }

    private static String idOf(RoutingResult result, OrganisationType type) {
        return result.targets().stream().filter(t -> t.type() == type).map(RouteTarget::organisationId)
                .findFirst().orElse(null);
    }

    @Test
    void childInBlagoevgradGoesToTheNearestChildrensCrisisCentreWithAFreePlace() {
        assertThat(REGIONS.distanceKm("BG-01", "BG-16")).isLessThan(REGIONS.distanceKm("BG-01", "BG-04"));

        RoutingResult result = highRiskChild("BG-01", DemoDirectory.organisations());

        assertThat(idOf(result, OrganisationType.CRISIS_CENTRE_CHILDREN)).isEqualTo("cc-children-plovdiv");
        assertThat(idOf(result, OrganisationType.CHILD_PROTECTION)).isEqualTo("ozd-razlog");
        assertThat(idOf(result, OrganisationType.LOCAL_COMMISSION)).isEqualTo("lc-blagoevgrad");
    }

    @Test
    void childInBlagoevgradSkipsTheNearestCrisisCentreWhenItIsFull() {
        RoutingResult result = highRiskChild("BG-01", DemoDirectory.withFreePlaces("cc-children-plovdiv", 0));

        assertThat(idOf(result, OrganisationType.CRISIS_CENTRE_CHILDREN)).isEqualTo("cc-children-veliko-tarnovo");
        assertThat(result.advice()).isEmpty();
    }

    @Test
    void childInPlovdivSkipsTheCrisisCentreOfTheRegionWhenItIsFull() {
        RoutingResult result = highRiskChild("BG-16", DemoDirectory.withFreePlaces("cc-children-plovdiv", 0));

        assertThat(idOf(result, OrganisationType.CRISIS_CENTRE_CHILDREN)).isEqualTo("cc-children-veliko-tarnovo");
    }

    @Test
    void childInARegionWithoutAPoliceContactIsReportedToTheNationalPoliceUnit() {
        RoutingResult result = highRiskChild("BG-01", DemoDirectory.organisations());

        assertThat(result.targets()).extracting(RouteTarget::organisationId, RouteTarget::anonymised)
                .contains(tuple("police-national", false));
        assertThat(result.targets()).extracting(RouteTarget::organisationId).doesNotContain("police-plovdiv");
    }

    @Test
    void regionWithoutALocalCommissionTellsNoLocalCommissionNotEvenTheNearest() {
        RoutingResult result = highRiskChild("BG-28", DemoDirectory.organisations());

        assertThat(result.targets()).extracting(RouteTarget::type)
                .doesNotContain(OrganisationType.LOCAL_COMMISSION)
                .contains(OrganisationType.NATIONAL_COMMISSION);
        assertThat(result.advice()).containsExactly("No local commission covers region BG-28, so none is told.");
    }

    @Test
    void localCommissionCoveringSeveralRegionsIsToldAboutACaseInAnyOfThem() {
        Organisation coversYambol = new Organisation("lc-sliven-yambol", "МКБТХ – Сливен и Ямбол",
                OrganisationType.LOCAL_COMMISSION, "BG-20", Set.of("BG-20", "BG-28"), true, true, null);
        List<Organisation> directory = DemoDirectory.without(o -> o.id().equals("lc-sliven"));
        directory = new ArrayList<>(directory);
        directory.add(coversYambol);

        RoutingResult result = highRiskChild("BG-28", directory);

        assertThat(result.targets()).extracting(RouteTarget::organisationId, RouteTarget::anonymised)
                .contains(tuple("lc-sliven-yambol", true));
    }

    @Test
    void childInARegionWithoutChildProtectionIsReportedToTheNearestDepartment() {
        assertThat(REGIONS.distanceKm("BG-28", "BG-04")).isLessThan(REGIONS.distanceKm("BG-28", "BG-16"));

        RoutingResult result = highRiskChild("BG-28", DemoDirectory.organisations());

        assertThat(idOf(result, OrganisationType.CHILD_PROTECTION)).isEqualTo("ozd-veliko-tarnovo");
        assertThat(idOf(result, OrganisationType.POLICE)).isEqualTo("police-national");
    }

    @Test
    void crisisCentreThatTakesOnlyChildrenIsNeverChosenForAnAdult() {
        RoutingResult result = ROUTER.route(new RoutingRequest(RiskLevel.HIGH, false, "BG-16", true),
                DemoDirectory.organisations());

        assertThat(result.targets()).extracting(RouteTarget::organisationId)
                .doesNotContain("cc-children-plovdiv")
                .contains("shelter-sofia");
    }

    @Test
    void adultCrisisCentreInTheRegionIsPreferredToTheShelterInSofia() {
        List<Organisation> directory = DemoDirectory.plus(DemoDirectory.local("cc-adults-plovdiv",
                OrganisationType.CRISIS_CENTRE_ADULTS, "BG-16", false, true, 1));

        RoutingResult result = ROUTER.route(new RoutingRequest(RiskLevel.HIGH, false, "BG-16", true), directory);

        assertThat(result.targets()).extracting(RouteTarget::organisationId, RouteTarget::type)
                .contains(tuple("cc-adults-plovdiv", OrganisationType.CRISIS_CENTRE_ADULTS))
                .doesNotContain(tuple("shelter-sofia", OrganisationType.SHELTER));
    }

    @Test
    void equallyDistantCandidatesAreChosenBySmallerIdWhateverTheDirectoryOrder() {
        // Sofia City (BG-22) and Sofia Province (BG-23) share a regional centre: a tie broken by id.
        Organisation b = DemoDirectory.local("cc-children-sofia-b", OrganisationType.CRISIS_CENTRE_CHILDREN,
                "BG-22", true, false, 1);
        Organisation a = DemoDirectory.local("cc-children-sofia-a", OrganisationType.CRISIS_CENTRE_CHILDREN,
                "BG-23", true, false, 1);
        List<Organisation> directory = new ArrayList<>(DemoDirectory.plus(b));
        directory.add(a);

        Random random = new Random(7);
        for (int i = 0; i < 10; i++) {
            Collections.shuffle(directory, random);
            RoutingResult result = highRiskChild("BG-14", directory);

            assertThat(idOf(result, OrganisationType.CRISIS_CENTRE_CHILDREN)).isEqualTo("cc-children-sofia-a");
        }
    }

    @Test
    void theSameRequestOverAShuffledDirectoryGivesTheSameResult() {
        List<Organisation> directory = new ArrayList<>(DemoDirectory.organisations());
        RoutingResult expected = highRiskChild("BG-05", directory);
        Random random = new Random(11);
        for (int i = 0; i < 10; i++) {
            Collections.shuffle(directory, random);

            assertThat(highRiskChild("BG-05", directory)).isEqualTo(expected);
        }
    }

    @Test
    void missingRecipientTypeInTheDirectoryIsWarnedAboutAndTheOthersAreStillTold() {
        List<Organisation> directory =
                DemoDirectory.without(o -> o.type() == OrganisationType.CHILD_PROTECTION_AGENCY);

        RoutingResult result = highRiskChild("BG-16", directory);

        assertThat(result.targets()).extracting(RouteTarget::organisationId)
                .containsExactly("ozd-plovdiv", "cc-children-plovdiv", "police-plovdiv", "lc-plovdiv", "nc-national");
        assertThat(result.advice()).singleElement().asString()
                .startsWith("Warning: the directory has no State Agency for Child Protection");
    }

    @Test
    void noChildrensCrisisCentreWithAFreePlaceAnywhereIsWarnedAbout() {
        List<Organisation> directory = DemoDirectory.withFreePlaces("cc-children-plovdiv", 0).stream()
                .map(o -> o.id().equals("cc-children-veliko-tarnovo")
                        ? new Organisation(o.id(), o.name(), o.type(), o.region(), o.coveredRegions(),
                                o.takesChildren(), o.takesAdults(), 0)
                        : o)
                .toList();

        RoutingResult result = highRiskChild("BG-16", directory);

        assertThat(result.targets()).extracting(RouteTarget::type)
                .doesNotContain(OrganisationType.CRISIS_CENTRE_CHILDREN);
        assertThat(result.advice()).singleElement().asString()
                .startsWith("Warning: no crisis centre for children in the directory takes children and has a free place");
    }

    @Test
    void emptyDirectoryWarnsOncePerNeededRecipient() {
        RoutingResult result = highRiskChild("BG-16", List.of());

        assertThat(result.targets()).isEmpty();
        assertThat(result.advice()).hasSize(6).allSatisfy(a -> assertThat(a).startsWith("Warning: the directory has no"));
    }

    @Test
    void noOrganisationIsEverToldTwiceAndTheConsentPrinciplesHoldEverywhere() {
        for (String region : DemoDirectory.ALL_REGIONS) {
            for (RiskLevel level : RiskLevel.values()) {
                for (boolean child : List.of(true, false)) {
                    for (boolean consent : List.of(true, false)) {
                        RoutingResult result = ROUTER.route(new RoutingRequest(level, child, region, consent),
                                DemoDirectory.organisations());
                        List<RouteTarget> targets = result.targets();

                        assertThat(targets).extracting(RouteTarget::organisationId).doesNotHaveDuplicates();
                        assertThat(targets)
                                .filteredOn(t -> t.type() == OrganisationType.LOCAL_COMMISSION
                                        || t.type() == OrganisationType.NATIONAL_COMMISSION)
                                .allSatisfy(t -> assertThat(t.anonymised()).isTrue());
                        assertThat(targets).filteredOn(t -> t.type() == OrganisationType.CHILD_PROTECTION)
                                .allSatisfy(t -> assertThat(t.anonymised()).isFalse());
                        if (!child) {
                            assertThat(targets).extracting(RouteTarget::type)
                                    .doesNotContain(OrganisationType.CHILD_PROTECTION,
                                            OrganisationType.CHILD_PROTECTION_AGENCY,
                                            OrganisationType.CRISIS_CENTRE_CHILDREN);
                            assertThat(targets).filteredOn(t -> t.type() != OrganisationType.POLICE)
                                    .allSatisfy(t -> assertThat(t.anonymised()).isEqualTo(!consent
                                            || t.type() == OrganisationType.LOCAL_COMMISSION
                                            || t.type() == OrganisationType.NATIONAL_COMMISSION));
                        }
                        boolean overrideExpected = level == RiskLevel.IMMEDIATE && !child && !consent;
                        assertThat(targets).filteredOn(RouteTarget::consentOverridden)
                                .extracting(RouteTarget::type)
                                .containsExactlyElementsOf(overrideExpected
                                        ? List.of(OrganisationType.POLICE) : List.of());
                    }
                }
            }
        }
    }
}
