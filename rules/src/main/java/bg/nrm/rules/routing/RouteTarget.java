package bg.nrm.rules.routing;

import bg.nrm.rules.Advice;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One recipient of a referral.
 *
 * @param organisationId    the directory id of the recipient
 * @param type              the recipient's organisation type
 * @param anonymised        true when the envelope must carry no identity (no name, case reference, notes or exact
 *                          age)
 * @param deadline          by when, from the screening, the recipient must acknowledge
 * @param rule              the name of the routing rule that chose this recipient (a sentence)
 * @param consentOverridden true only for the adult police referral on IMMEDIATE danger that is sent identified
 *                          although the adult did not consent; the service records the override in its audit log
 * @param minimumData       ruleset 2.x: the envelope carries the minimum only (identity, location and contact, the
 *                          immediate-danger findings with their indicators, the referrer's contacts and the notices):
 *                          no notes and no other answers. True for the police on a consent override.
 * @param notices           ruleset 2.x: what the recipient reads first, in Bulgarian and English: its role, then
 *                          notices such as "do not inform the family" or non-punishment; empty under ruleset 1.x
 */
public record RouteTarget(String organisationId, OrganisationType type, boolean anonymised, Duration deadline,
                          String rule, boolean consentOverridden, boolean minimumData, List<Advice> notices) {

    /** A target as ruleset 1.x makes them: no minimum-data limit and no notices. */
    public RouteTarget(String organisationId, OrganisationType type, boolean anonymised, Duration deadline,
                       String rule, boolean consentOverridden) {
        this(organisationId, type, anonymised, deadline, rule, consentOverridden, false, List.of());
    }

    public RouteTarget {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(rule, "rule");
        notices = notices == null ? List.of() : List.copyOf(notices);
    }
}
