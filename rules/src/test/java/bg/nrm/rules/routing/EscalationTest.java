package bg.nrm.rules.routing;

import bg.nrm.rules.Regions;
import bg.nrm.rules.RulesException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Escalation: the next recipient of the same kind when one does not acknowledge in time or declines. */
class EscalationTest {
    private static final Router ROUTER = Router.create();
    private static final List<Organisation> DEMO = DemoDirectory.organisations();

    private static Optional<String> next(OrganisationType type, boolean child, String region, Set<String> excluded,
                                         List<Organisation> directory) {
        return ROUTER.nextOfSameType(type, child, region, excluded, directory).map(Organisation::id);
    }

    @Test
    void declinedChildrensCrisisCentreIsFollowedByTheNearestOtherOne() {
        assertThat(next(OrganisationType.CRISIS_CENTRE_CHILDREN, true, "BG-16", Set.of("cc-children-plovdiv"), DEMO))
                .contains("cc-children-veliko-tarnovo");
    }

    @Test
    void childProtectionDepartmentsAreTriedNearestFirstSkippingTheOnesAlreadyTried() {
        Regions regions = Regions.builtIn();
        assertThat(regions.distanceKm("BG-16", "BG-04")).isLessThan(regions.distanceKm("BG-16", "BG-23"));
        assertThat(regions.distanceKm("BG-16", "BG-23")).isLessThan(regions.distanceKm("BG-16", "BG-01"));

        assertThat(next(OrganisationType.CHILD_PROTECTION, true, "BG-16", Set.of(), DEMO)).contains("ozd-plovdiv");
        assertThat(next(OrganisationType.CHILD_PROTECTION, true, "BG-16", Set.of("ozd-plovdiv"), DEMO))
                .contains("ozd-veliko-tarnovo");
        assertThat(next(OrganisationType.CHILD_PROTECTION, true, "BG-16",
                Set.of("ozd-plovdiv", "ozd-veliko-tarnovo"), DEMO)).contains("ozd-etropole");
        assertThat(next(OrganisationType.CHILD_PROTECTION, true, "BG-16",
                Set.of("ozd-plovdiv", "ozd-veliko-tarnovo", "ozd-etropole"), DEMO)).contains("ozd-razlog");
    }

    @Test
    void whenEveryOrganisationOfTheTypeWasTriedThereIsNoNext() {
        assertThat(next(OrganisationType.CHILD_PROTECTION, true, "BG-16",
                Set.of("ozd-plovdiv", "ozd-veliko-tarnovo", "ozd-etropole", "ozd-razlog"), DEMO)).isEmpty();
    }

    @Test
    void regionalPoliceContactIsFollowedByTheNationalUnit() {
        assertThat(next(OrganisationType.POLICE, false, "BG-16", Set.of("police-plovdiv"), DEMO))
                .contains("police-national");
    }

    @Test
    void fullCrisisCentreIsNeverTheNextEvenIfNotYetTried() {
        List<Organisation> directory = DemoDirectory.withFreePlaces("cc-children-veliko-tarnovo", 0);

        assertThat(next(OrganisationType.CRISIS_CENTRE_CHILDREN, true, "BG-16", Set.of("cc-children-plovdiv"),
                directory)).isEmpty();
    }

    @Test
    void childrensCrisisCentreIsNeverTheNextForAnAdult() {
        assertThat(next(OrganisationType.CRISIS_CENTRE_CHILDREN, false, "BG-16", Set.of(), DEMO)).isEmpty();
    }

    @Test
    void declinedShelterIsFollowedByACrisisCentreForAdultsAsTheSameKindOfRecipient() {
        List<Organisation> directory = DemoDirectory.plus(DemoDirectory.local("cc-adults-varna",
                OrganisationType.CRISIS_CENTRE_ADULTS, "BG-03", false, true, 2));

        assertThat(next(OrganisationType.SHELTER, false, "BG-16", Set.of("shelter-sofia"), directory))
                .contains("cc-adults-varna");
        assertThat(next(OrganisationType.SHELTER, false, "BG-16", Set.of("shelter-sofia"), DEMO)).isEmpty();
    }

    @Test
    void localCommissionIsNeverFollowedByTheCommissionOfAnotherArea() {
        assertThat(next(OrganisationType.LOCAL_COMMISSION, true, "BG-16", Set.of("lc-plovdiv"), DEMO)).isEmpty();
    }

    @Test
    void escalationForAnUnknownRegionIsRefused() {
        assertThatThrownBy(() -> ROUTER.nextOfSameType(OrganisationType.POLICE, true, "BG-29", Set.of(), DEMO))
                .isInstanceOf(RulesException.class);
    }
}
