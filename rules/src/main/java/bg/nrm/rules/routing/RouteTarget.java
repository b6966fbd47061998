package bg.nrm.rules.routing;

import java.time.Duration;
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
 */
public record RouteTarget(String organisationId, OrganisationType type, boolean anonymised, Duration deadline,
                          String rule, boolean consentOverridden) {

    public RouteTarget {
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(rule, "rule");
    }
}
