package bg.nrm.service.directory;

import bg.nrm.rules.routing.OrganisationType;

import java.util.List;
import java.util.Set;

/**
 * An organisation of the directory as stored and served (docs/data-model.md). {@code freePlaces} is null for services
 * that are not residential. {@code placement} (ruleset 2.0.0) says whom a residential service takes and
 * what kind of case it serves; null when it takes everyone its children/adults flags allow.
 */
public record Organisation(String id, String name, OrganisationType type, String region, List<String> coveredRegions,
                           boolean takesChildren, boolean takesAdults, Integer places, Integer freePlaces,
                           String webhookUrl, Placement placement) {

    /**
     * Placement facts of a residential service (RULESET-2.md §4).
     *
     * @param takesGender {@code female}, {@code male} or {@code any}; null is any
     * @param minAge      youngest age taken; null for no limit
     * @param maxAge      oldest age taken; null for no limit
     * @param serves      {@code TRAFFICKING}, {@code DOMESTIC_VIOLENCE}, {@code GENERAL}; empty or null serves every
     *                    kind
     */
    public record Placement(String takesGender, Integer minAge, Integer maxAge, List<String> serves) {
    }

    /** An organisation without placement facts. */
    public Organisation(String id, String name, OrganisationType type, String region, List<String> coveredRegions,
                        boolean takesChildren, boolean takesAdults, Integer places, Integer freePlaces,
                        String webhookUrl) {
        this(id, name, type, region, coveredRegions, takesChildren, takesAdults, places, freePlaces, webhookUrl, null);
    }

    /** The fact the routing rules reason about. */
    public bg.nrm.rules.routing.Organisation toRoutingFact() {
        Placement p = placement;
        return new bg.nrm.rules.routing.Organisation(id, name, type, region, Set.copyOf(coveredRegions),
                takesChildren, takesAdults, freePlaces, p == null ? null : p.takesGender(),
                p == null ? null : p.minAge(), p == null ? null : p.maxAge(),
                p == null || p.serves() == null ? Set.of() : Set.copyOf(p.serves()));
    }

    public Organisation withWebhookUrl(String url) {
        return new Organisation(id, name, type, region, coveredRegions, takesChildren, takesAdults, places,
                freePlaces, url, placement);
    }
}
