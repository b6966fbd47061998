package bg.nrm.rules.routing;

import bg.nrm.rules.Regions;
import bg.nrm.rules.RulesException;

import java.util.Objects;
import java.util.Set;

/**
 * An organisation of the NRM directory, as far as routing needs it.
 *
 * @param id             stable slug, for example {@code ozd-plovdiv}
 * @param name           display name
 * @param type           what kind of organisation it is
 * @param region         the ISO 3166-2:BG region it sits in ({@code BG-01}…{@code BG-28})
 * @param coveredRegions the regions it covers; a national body lists all 28; {@code null} is read as none
 * @param takesChildren  whether it takes (or deals with) children; honoured for every type, so a police contact or a
 *                       commission that deals with everyone says {@code true} for both
 * @param takesAdults    whether it takes (or deals with) adults
 * @param freePlaces     free places of a residential service; {@code null} means not residential (no place limit)
 */
public record Organisation(String id, String name, OrganisationType type, String region, Set<String> coveredRegions,
                           boolean takesChildren, boolean takesAdults, Integer freePlaces) {

    public Organisation {
        if (id == null || id.isBlank()) {
            throw new RulesException("an organisation needs an id");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Regions regions = Regions.builtIn();
        if (!regions.isValid(region)) {
            throw new RulesException("organisation " + id + " sits in an unknown region");
        }
        coveredRegions = coveredRegions == null ? Set.of() : Set.copyOf(coveredRegions);
        for (String covered : coveredRegions) {
            if (!regions.isValid(covered)) {
                throw new RulesException("organisation " + id + " covers an unknown region");
            }
        }
        if (freePlaces != null && freePlaces < 0) {
            throw new RulesException("organisation " + id + " has a negative number of free places");
        }
    }

    /** Whether it is a residential service, that is, one with a place limit. */
    public boolean residential() {
        return freePlaces != null;
    }

    /** Whether it takes this subject: children or adults as asked, and a free place if it is residential. */
    boolean canTake(boolean child) {
        return (child ? takesChildren : takesAdults) && (freePlaces == null || freePlaces > 0);
    }
}
