package bg.nrm.rules.routing;

/** The kinds of organisation in the NRM directory (docs/architecture.md). */
public enum OrganisationType {
    /** A screening social service (ЦНСТ, ЦСРИ, КСУ). */
    SOCIAL_SERVICE,
    /** A community support centre (ЦОП, КСУДС). */
    COMMUNITY_SUPPORT,
    /** A crisis centre for children (residential). */
    CRISIS_CENTRE_CHILDREN,
    /** A crisis centre for adults (residential). */
    CRISIS_CENTRE_ADULTS,
    /** A shelter for victims of trafficking (residential). */
    SHELTER,
    /** The Child Protection Department (ОЗД) of a Social Assistance Directorate. */
    CHILD_PROTECTION,
    /** The State Agency for Child Protection (ДАЗД), national. */
    CHILD_PROTECTION_AGENCY,
    /** A police contact point (regional directorate or the national unit). */
    POLICE,
    /** A local commission for combating trafficking in human beings (МКБТХ). */
    LOCAL_COMMISSION,
    /** The National Commission for combating trafficking in human beings (НКБТХ). */
    NATIONAL_COMMISSION
}
