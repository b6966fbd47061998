package bg.nrm.service.directory;

import bg.nrm.rules.routing.OrganisationType;

import java.util.List;
import java.util.Set;

/**
 * An organisation of the directory as stored and served (docs/data-model.md). {@code freePlaces} is null for services
 * that are not residential.
 */
public record Organisation(String id, String name, OrganisationType type, String region, List<String> coveredRegions,
                           boolean takesChildren, boolean takesAdults, Integer places, Integer freePlaces,
                           String webhookUrl) {

    /** The fact the routing rules reason about. */
    public bg.nrm.rules.routing.Organisation toRoutingFact() {
        return new bg.nrm.rules.routing.Organisation(id, name, type, region, Set.copyOf(coveredRegions),
                takesChildren, takesAdults, freePlaces);
    }

    public Organisation withWebhookUrl(String url) {
        return new Organisation(id, name, type, region, coveredRegions, takesChildren, takesAdults, places,
                freePlaces, url);
    }
}
