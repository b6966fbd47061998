package bg.nrm.service.directory;

import bg.nrm.rules.routing.OrganisationType;

import java.util.List;
import java.util.Set;

/**
 * An organisation of the directory as stored and served (docs/data-model.md). {@code freePlaces} is null for services
 * that are not residential. {@code contacts} say how people reach it (never null once read; absent fields are null).
 * {@code placement} (ruleset 2.0.0) says whom a residential service takes and what kind of case it serves; null when
 * it takes everyone its children/adults flags allow.
 */
public record Organisation(String id, String name, OrganisationType type, String region, List<String> coveredRegions,
                           boolean takesChildren, boolean takesAdults, Integer places, Integer freePlaces,
                           String webhookUrl, Contacts contacts, Placement placement) {

    /** A record without contacts reads as one with every contact absent. */
    public Organisation {
        contacts = contacts == null ? Contacts.NONE : contacts;
    }

    /** An organisation without contacts or placement facts. */
    public Organisation(String id, String name, OrganisationType type, String region, List<String> coveredRegions,
                        boolean takesChildren, boolean takesAdults, Integer places, Integer freePlaces,
                        String webhookUrl) {
        this(id, name, type, region, coveredRegions, takesChildren, takesAdults, places, freePlaces, webhookUrl,
                Contacts.NONE, null);
    }

    /** An organisation with contacts and without placement facts. */
    public Organisation(String id, String name, OrganisationType type, String region, List<String> coveredRegions,
                        boolean takesChildren, boolean takesAdults, Integer places, Integer freePlaces,
                        String webhookUrl, Contacts contacts) {
        this(id, name, type, region, coveredRegions, takesChildren, takesAdults, places, freePlaces, webhookUrl,
                contacts, null);
    }

    /** An organisation with placement facts and without contacts. */
    public Organisation(String id, String name, OrganisationType type, String region, List<String> coveredRegions,
                        boolean takesChildren, boolean takesAdults, Integer places, Integer freePlaces,
                        String webhookUrl, Placement placement) {
        this(id, name, type, region, coveredRegions, takesChildren, takesAdults, places, freePlaces, webhookUrl,
                Contacts.NONE, placement);
    }

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
        Placement p = placement;
        return new bg.nrm.rules.routing.Organisation(id, name, type, region, Set.copyOf(coveredRegions),
                takesChildren, takesAdults, freePlaces, p == null ? null : p.takesGender(),
                p == null ? null : p.minAge(), p == null ? null : p.maxAge(),
                p == null || p.serves() == null ? Set.of() : Set.copyOf(p.serves()));
    }

    public Organisation withWebhookUrl(String url) {
        return new Organisation(id, name, type, region, coveredRegions, takesChildren, takesAdults, places,
                freePlaces, url, contacts, placement);
    }
}
