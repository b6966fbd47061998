package bg.nrm.rules.routing;

import bg.nrm.rules.Regions;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Internal: finds the organisation that fills a recipient for a subject.
 *
 * <p>Only organisations of the recipient's types that take the subject (children or adults) and, if residential,
 * have a free place are candidates. Among them: one in the subject's region first; else one covering the region (a
 * national body, or a commission covering several regions); else, where the recipient allows it, the nearest by
 * distance between regional centres. Ties go to the smaller distance, then to the smaller id, so the answer never
 * depends on the order of the directory.
 */
final class RecipientFinder {
    private static final int IN_REGION = 0;
    private static final int COVERS_REGION = 1;
    private static final int ELSEWHERE = 2;

    private final Regions regions;

    RecipientFinder(Regions regions) {
        this.regions = regions;
    }

    Optional<Organisation> find(Recipient recipient, boolean child, String subjectRegion, Set<String> excludedIds,
                                Collection<Organisation> directory) {
        return find(recipient.types(), recipient.nearestStandsIn(), child, subjectRegion, excludedIds, directory);
    }

    Optional<Organisation> find(Set<OrganisationType> types, boolean nearestStandsIn, boolean child,
                                String subjectRegion, Set<String> excludedIds, Collection<Organisation> directory) {
        return find(types, nearestStandsIn, o -> o.canTake(child), subjectRegion, excludedIds, directory);
    }

    /** As above, with the test of whether an organisation takes the subject given (ruleset 2.x placement). */
    Optional<Organisation> find(Set<OrganisationType> types, boolean nearestStandsIn, Predicate<Organisation> takes,
                                String subjectRegion, Set<String> excludedIds, Collection<Organisation> directory) {
        Comparator<Organisation> closestFirst = Comparator
                .<Organisation>comparingInt(o -> tier(o, subjectRegion))
                .thenComparingDouble(o -> regions.distanceKm(subjectRegion, o.region()))
                .thenComparing(Organisation::id);
        return directory.stream()
                .filter(o -> types.contains(o.type()))
                .filter(o -> !excludedIds.contains(o.id()))
                .filter(takes)
                .filter(o -> nearestStandsIn || tier(o, subjectRegion) != ELSEWHERE)
                .min(closestFirst);
    }

    private static int tier(Organisation organisation, String subjectRegion) {
        if (organisation.region().equals(subjectRegion)) {
            return IN_REGION;
        }
        return organisation.coveredRegions().contains(subjectRegion) ? COVERS_REGION : ELSEWHERE;
    }
}
