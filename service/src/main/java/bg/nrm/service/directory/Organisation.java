package bg.nrm.service.directory;

import bg.nrm.rules.routing.OrganisationType;

import java.util.List;
import java.util.Set;

/**
 * An organisation of the directory as stored and served (docs/data-model.md). {@code freePlaces} is null for services
 * that are not residential. {@code contacts} say how people reach it (never null once read; absent fields are null).
 */
public record Organisation(String id, String name, OrganisationType type, String region, List<String> coveredRegions,
                           boolean takesChildren, boolean takesAdults, Integer places, Integer freePlaces,
                           String webhookUrl, Contacts contacts) {

    /** A record without contacts reads as one with every contact absent. */
    public Organisation {
        contacts = contacts == null ? Contacts.NONE : contacts;
    }

    /**
     * How to reach an organisation: postal address, duty phone, out-of-hours phone (where it differs) and e-mail.
     * The e-mail channel delivers referrals to {@code email}.
     */
    public record Contacts(String address, String dutyPhone, String outOfHoursPhone, String email) {
        /** No contact known. */
        public static final Contacts NONE = new Contacts(null, null, null, null);
    }

    /** The fact the routing rules reason about. */
    public bg.nrm.rules.routing.Organisation toRoutingFact() {
        return new bg.nrm.rules.routing.Organisation(id, name, type, region, Set.copyOf(coveredRegions),
                takesChildren, takesAdults, freePlaces);
    }

    public Organisation withWebhookUrl(String url) {
        return new Organisation(id, name, type, region, coveredRegions, takesChildren, takesAdults, places,
                freePlaces, url, contacts);
    }
}
