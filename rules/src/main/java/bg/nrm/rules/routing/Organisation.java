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
 * @param takesGender    ruleset 2.x placement: {@code female}, {@code male} or {@code any} ({@code null} is read as
 *                       any)
 * @param minAge         ruleset 2.x placement: the youngest age it takes; {@code null} for no limit
 * @param maxAge         ruleset 2.x placement: the oldest age it takes; {@code null} for no limit
 * @param serves         ruleset 2.x placement: {@code TRAFFICKING}, {@code DOMESTIC_VIOLENCE}, {@code GENERAL};
 *                       empty is read as general
 */
public record Organisation(String id, String name, OrganisationType type, String region, Set<String> coveredRegions,
                           boolean takesChildren, boolean takesAdults, Integer freePlaces, String takesGender,
                           Integer minAge, Integer maxAge, Set<String> serves) {
    /** What a residential service may serve. */
    public static final Set<String> SERVES = Set.of("TRAFFICKING", "DOMESTIC_VIOLENCE", "GENERAL");
    /** Whom a residential service may take. */
    public static final Set<String> GENDERS = Set.of("female", "male", "any");

    /** An organisation as version 1 of the directory knew it: no placement limits beyond children and adults. */
    public Organisation(String id, String name, OrganisationType type, String region, Set<String> coveredRegions,
                        boolean takesChildren, boolean takesAdults, Integer freePlaces) {
        this(id, name, type, region, coveredRegions, takesChildren, takesAdults, freePlaces, null, null, null, null);
    }

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
        if (takesGender != null && !GENDERS.contains(takesGender)) {
            throw new RulesException("organisation " + id + " takes an unknown gender");
        }
        if (minAge != null && minAge < 0 || maxAge != null && (maxAge < 0 || minAge != null && maxAge < minAge)) {
            throw new RulesException("organisation " + id + " has an impossible age range");
        }
        serves = serves == null ? Set.of() : Set.copyOf(serves);
        if (!SERVES.containsAll(serves)) {
            throw new RulesException("organisation " + id + " serves an unknown kind of case");
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

    /**
     * Ruleset 2.x: whether it takes this person: children or adults, a free place, the person's age within its
     * limits and its gender. A person whose gender is {@code other} or {@code unknown} is matched only by services
     * that take any gender, so that nobody is sent where they may be turned away.
     */
    boolean canTake(boolean child, int ageYears, String gender) {
        if (!canTake(child) || minAge != null && ageYears < minAge || maxAge != null && ageYears > maxAge) {
            return false;
        }
        return takesGender == null || takesGender.equals("any") || takesGender.equals(gender);
    }

    /**
     * Ruleset 2.x: whether it serves this kind of case. An organisation that names none serves every kind; one that
     * serves {@code GENERAL} also takes a case of trafficking, but a domestic-violence case goes only where
     * {@code DOMESTIC_VIOLENCE} is served (RULESET-2.md §3).
     */
    boolean serves(String kind) {
        if (kind == null || serves.isEmpty() || serves.contains(kind)) {
            return true;
        }
        return kind.equals("TRAFFICKING") && serves.contains("GENERAL");
    }
}
