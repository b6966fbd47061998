package bg.nrm.rules.routing;

import java.util.EnumSet;
import java.util.Set;

/**
 * Internal, not part of the API: a recipient the routing rules can ask for, and how it is found in the directory.
 * Public only because the rule engine's generated code lives in sub-packages. The declaration order is
 * the order of the targets in a {@link RoutingResult}.
 */
public enum Recipient {
    CHILD_PROTECTION_DEPARTMENT("a Child Protection Department (ОЗД)", true,
            EnumSet.of(OrganisationType.CHILD_PROTECTION)),
    CHILDREN_CRISIS_CENTRE("a crisis centre for children", true,
            EnumSet.of(OrganisationType.CRISIS_CENTRE_CHILDREN)),
    ADULT_CRISIS_CENTRE_OR_SHELTER("a crisis centre or shelter for adults", true,
            EnumSet.of(OrganisationType.CRISIS_CENTRE_ADULTS, OrganisationType.SHELTER)),
    /** Ruleset 2.x: a protection centre or shelter for victims of trafficking. */
    PROTECTION_CENTRE_OR_SHELTER("a protection centre or shelter for victims of trafficking", true,
            EnumSet.of(OrganisationType.PROTECTION_CENTRE, OrganisationType.SHELTER)),
    /** Ruleset 2.x: a crisis centre for adults that serves victims of domestic violence. */
    DOMESTIC_VIOLENCE_CRISIS_CENTRE("a crisis centre for victims of domestic violence", true,
            EnumSet.of(OrganisationType.CRISIS_CENTRE_ADULTS), "DOMESTIC_VIOLENCE"),
    /** Ruleset 2.x: a crisis centre for adults (self-harm, with consent). */
    ADULT_CRISIS_CENTRE("a crisis centre for adults", true,
            EnumSet.of(OrganisationType.CRISIS_CENTRE_ADULTS)),
    COMMUNITY_SUPPORT("a community support centre (ЦОП/КСУДС)", true,
            EnumSet.of(OrganisationType.COMMUNITY_SUPPORT)),
    /** Ruleset 2.x: a community support centre or a protection centre, for an adult at medium risk. */
    COMMUNITY_SUPPORT_OR_PROTECTION_CENTRE("a community support or protection centre", true,
            EnumSet.of(OrganisationType.COMMUNITY_SUPPORT, OrganisationType.PROTECTION_CENTRE)),
    POLICE("a police contact point", true,
            EnumSet.of(OrganisationType.POLICE)),
    CHILD_PROTECTION_AGENCY("the State Agency for Child Protection (ДАЗД)", true,
            EnumSet.of(OrganisationType.CHILD_PROTECTION_AGENCY)),
    /** Ruleset 2.x: the State Agency for Refugees (ДАБ), for an asylum seeker. */
    REFUGEE_AGENCY("the State Agency for Refugees (ДАБ)", true,
            EnumSet.of(OrganisationType.STATE_AGENCY_REFUGEES)),
    // A local commission is told only about cases in its own area: no nearest one stands in for it.
    LOCAL_COMMISSION("a local commission (МКБТХ)", false,
            EnumSet.of(OrganisationType.LOCAL_COMMISSION)),
    NATIONAL_COMMISSION("the National Commission (НКБТХ)", true,
            EnumSet.of(OrganisationType.NATIONAL_COMMISSION));

    private final String description;
    private final boolean nearestStandsIn;
    private final Set<OrganisationType> types;
    private final String serves;

    Recipient(String description, boolean nearestStandsIn, Set<OrganisationType> types) {
        this(description, nearestStandsIn, types, null);
    }

    Recipient(String description, boolean nearestStandsIn, Set<OrganisationType> types, String serves) {
        this.description = description;
        this.nearestStandsIn = nearestStandsIn;
        this.types = types;
        this.serves = serves;
    }

    /** Ruleset 2.x: the kind of case the organisation must serve, or {@code null} for any. */
    String serves() {
        return serves;
    }

    /** English words for advice sentences. */
    String description() {
        return description;
    }

    /** Whether an organisation outside the region, not covering it, may stand in (the nearest one). */
    boolean nearestStandsIn() {
        return nearestStandsIn;
    }

    /** The organisation types that can fill this recipient. */
    Set<OrganisationType> types() {
        return types;
    }

    /** The recipient an organisation type fills, for escalation to the next one of the same kind. */
    static Recipient filledBy(OrganisationType type) {
        for (Recipient recipient : values()) {
            if (recipient.types.contains(type)) {
                return recipient;
            }
        }
        return null; // SOCIAL_SERVICE: screening services are never recipients
    }
}
