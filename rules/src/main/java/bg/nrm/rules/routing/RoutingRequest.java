package bg.nrm.rules.routing;

import bg.nrm.rules.Regions;
import bg.nrm.rules.RiskLevel;
import bg.nrm.rules.RulesException;

import java.util.Objects;

/**
 * What routing needs to know about an assessed screening.
 *
 * @param level                       the assessed risk level
 * @param child                       true for a child, and for an adult-questionnaire subject whose age is in doubt
 *                                    and who is therefore treated as a child
 * @param region                      the subject's region ({@code BG-01}…{@code BG-28})
 * @param consentToIdentifiedReferral whether the subject consented to identified referrals
 */
public record RoutingRequest(RiskLevel level, boolean child, String region, boolean consentToIdentifiedReferral) {

    public RoutingRequest {
        Objects.requireNonNull(level, "level");
        if (!Regions.builtIn().isValid(region)) {
            throw new RulesException("a routing request needs a region BG-01..BG-28");
        }
    }
}
