package bg.nrm.rules.routing;

import bg.nrm.rules.RiskLevel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** One scenario per row of the routing table in INDICATORS.md, routed over the demo directory. */
class RoutingTableTest {
    private static final Router ROUTER = Router.create();
    private static final boolean CHILD = true;
    private static final boolean ADULT = false;
    private static final boolean CONSENT = true;
    private static final boolean NO_CONSENT = false;

    private static RoutingResult route(RiskLevel level, boolean child, String region, boolean consent) {
        return ROUTER.route(new RoutingRequest(level, child, region, consent), DemoDirectory.organisations());
    }

    @Test
    void immediateRiskChildInPlovdivTellsChildProtectionCrisisCentrePoliceAndAgencyWithinOneHour() {
        RoutingResult result = route(RiskLevel.IMMEDIATE, CHILD, "BG-16", NO_CONSENT);

        assertThat(result.targets())
                .extracting(RouteTarget::organisationId, RouteTarget::type, RouteTarget::anonymised)
                .containsExactly(
                        tuple("ozd-plovdiv", OrganisationType.CHILD_PROTECTION, false),
                        tuple("cc-children-plovdiv", OrganisationType.CRISIS_CENTRE_CHILDREN, false),
                        tuple("police-plovdiv", OrganisationType.POLICE, false),
                        tuple("sacp-national", OrganisationType.CHILD_PROTECTION_AGENCY, false));
        assertThat(result.targets()).allSatisfy(t -> {
            assertThat(t.deadline()).isEqualTo(Duration.ofHours(1));
            assertThat(t.consentOverridden()).isFalse();
            assertThat(t.rule()).startsWith("immediate risk child: ");
        });
        assertThat(result.advice()).isEmpty();
    }

    @Test
    void immediateRiskAdultWithoutConsentTellsThePoliceWhoTheyAreAndTheShelterAnonymously() {
        RoutingResult result = route(RiskLevel.IMMEDIATE, ADULT, "BG-16", NO_CONSENT);

        assertThat(result.targets())
                .extracting(RouteTarget::organisationId, RouteTarget::anonymised, RouteTarget::consentOverridden)
                .containsExactly(
                        tuple("shelter-sofia", true, false),
                        tuple("police-plovdiv", false, true));
        assertThat(result.targets()).extracting(RouteTarget::deadline).containsOnly(Duration.ofHours(1));
        assertThat(result.targets().get(1).rule()).contains("risk to life overrides the refusal");
        assertThat(result.advice()).singleElement().asString().contains("without their consent");
    }

    @Test
    void immediateRiskAdultWhoConsentedTellsPoliceAndShelterWhoTheyAreWithNoOverride() {
        RoutingResult result = route(RiskLevel.IMMEDIATE, ADULT, "BG-16", CONSENT);

        assertThat(result.targets())
                .extracting(RouteTarget::organisationId, RouteTarget::anonymised, RouteTarget::consentOverridden)
                .containsExactly(
                        tuple("shelter-sofia", false, false),
                        tuple("police-plovdiv", false, false));
        assertThat(result.targets()).extracting(RouteTarget::deadline).containsOnly(Duration.ofHours(1));
        assertThat(result.advice()).isEmpty();
    }

    @Test
    void highRiskChildInPlovdivTellsSixRecipientsWithinTwentyFourHoursAndTheCommissionsAnonymously() {
        RoutingResult result = route(RiskLevel.HIGH, CHILD, "BG-16", NO_CONSENT);

        assertThat(result.targets())
                .extracting(RouteTarget::organisationId, RouteTarget::anonymised)
                .containsExactly(
                        tuple("ozd-plovdiv", false),
                        tuple("cc-children-plovdiv", false),
                        tuple("police-plovdiv", false),
                        tuple("sacp-national", false),
                        tuple("lc-plovdiv", true),
                        tuple("nc-national", true));
        assertThat(result.targets()).extracting(RouteTarget::deadline).containsOnly(Duration.ofHours(24));
        assertThat(result.targets()).extracting(RouteTarget::consentOverridden).containsOnly(false);
        assertThat(result.targets().get(0).rule())
                .isEqualTo("high risk child: the regional child protection department is told within 24 hours");
        assertThat(result.advice()).isEmpty();
    }

    @Test
    void highRiskAdultWhoConsentedIsReferredToTheShelterWithIdentityAndToTheCommissionsAnonymously() {
        RoutingResult result = route(RiskLevel.HIGH, ADULT, "BG-16", CONSENT);

        assertThat(result.targets())
                .extracting(RouteTarget::organisationId, RouteTarget::anonymised)
                .containsExactly(
                        tuple("shelter-sofia", false),
                        tuple("lc-plovdiv", true),
                        tuple("nc-national", true));
        assertThat(result.targets()).extracting(RouteTarget::deadline).containsOnly(Duration.ofHours(24));
    }

    @Test
    void highRiskAdultWithoutConsentGivesTheShelterOnlyAnAnonymisedConsultationRequest() {
        RoutingResult result = route(RiskLevel.HIGH, ADULT, "BG-16", NO_CONSENT);

        assertThat(result.targets())
                .extracting(RouteTarget::organisationId, RouteTarget::anonymised, RouteTarget::consentOverridden)
                .containsExactly(
                        tuple("shelter-sofia", true, false),
                        tuple("lc-plovdiv", true, false),
                        tuple("nc-national", true, false));
        assertThat(result.targets().get(0).rule()).contains("anonymised consultation request");
        assertThat(result.targets()).extracting(RouteTarget::deadline).containsOnly(Duration.ofHours(24));
    }

    @Test
    void mediumRiskChildIsReportedToChildProtectionAndACommunitySupportCentreWithinSeventyTwoHours() {
        RoutingResult result = route(RiskLevel.MEDIUM, CHILD, "BG-16", CONSENT);

        assertThat(result.targets())
                .extracting(RouteTarget::organisationId, RouteTarget::anonymised)
                .containsExactly(
                        tuple("ozd-plovdiv", false),
                        tuple("ksuds-plovdiv", false));
        assertThat(result.targets()).extracting(RouteTarget::deadline).containsOnly(Duration.ofHours(72));
    }

    @Test
    void mediumRiskChildWithoutConsentIsStillReportedToChildProtectionButTheSupportCentreGetsNoIdentity() {
        RoutingResult result = route(RiskLevel.MEDIUM, CHILD, "BG-16", NO_CONSENT);

        assertThat(result.targets())
                .extracting(RouteTarget::organisationId, RouteTarget::anonymised)
                .containsExactly(
                        tuple("ozd-plovdiv", false),
                        tuple("ksuds-plovdiv", true));
    }

    @Test
    void mediumRiskAdultWhoConsentedIsReferredToTheCommunitySupportCentreOfTheRegion() {
        RoutingResult result = route(RiskLevel.MEDIUM, ADULT, "BG-01", CONSENT);

        assertThat(result.targets())
                .extracting(RouteTarget::organisationId, RouteTarget::anonymised, RouteTarget::deadline)
                .containsExactly(tuple("cop-razlog", false, Duration.ofHours(72)));
        assertThat(result.advice()).isEmpty();
    }

    @Test
    void mediumRiskAdultWhoConsentedInARegionWithoutASupportCentreGoesToTheNearestOne() {
        // Pazardzhik (BG-13) has none; Plovdiv's centre is about 35 km away, Blagoevgrad's about 100 km.
        RoutingResult result = route(RiskLevel.MEDIUM, ADULT, "BG-13", CONSENT);

        assertThat(result.targets()).extracting(RouteTarget::organisationId).containsExactly("ksuds-plovdiv");
    }

    @Test
    void mediumRiskAdultWithoutConsentIsReferredToNobodyAndTheScreenerIsToldToRescreenWithinFourteenDays() {
        RoutingResult result = route(RiskLevel.MEDIUM, ADULT, "BG-16", NO_CONSENT);

        assertThat(result.targets()).isEmpty();
        assertThat(result.nobody()).isTrue();
        assertThat(result.advice()).singleElement().asString()
                .contains("did not consent")
                .contains("Re-screen within 14 days");
    }

    @Test
    void lowRiskIsReferredToNobodyWhateverTheSubject() {
        for (boolean child : List.of(CHILD, ADULT)) {
            for (boolean consent : List.of(CONSENT, NO_CONSENT)) {
                RoutingResult result = route(RiskLevel.LOW, child, "BG-16", consent);

                assertThat(result.targets()).isEmpty();
                assertThat(result.advice()).singleElement().asString().contains("statistics only");
            }
        }
    }

    @Test
    void noRiskIsReferredToNobodyWhateverTheSubject() {
        for (boolean child : List.of(CHILD, ADULT)) {
            for (boolean consent : List.of(CONSENT, NO_CONSENT)) {
                RoutingResult result = route(RiskLevel.NONE, child, "BG-16", consent);

                assertThat(result.targets()).isEmpty();
                assertThat(result.advice()).singleElement().asString().contains("statistics only");
            }
        }
    }

    @Test
    void adultWhoseAgeIsInDoubtIsRoutedAsAChildSoChildProtectionLearnsWhoTheyAreWithoutConsent() {
        // The service passes child = true for an adult-questionnaire subject treated as a child.
        RoutingResult asChild = route(RiskLevel.HIGH, CHILD, "BG-16", NO_CONSENT);

        assertThat(asChild.targets()).extracting(RouteTarget::organisationId, RouteTarget::anonymised)
                .contains(tuple("ozd-plovdiv", false), tuple("cc-children-plovdiv", false));
        assertThat(asChild.targets()).extracting(RouteTarget::organisationId).doesNotContain("shelter-sofia");
    }
}
