package bg.nrm.rules.routing;

import java.util.List;

/**
 * The outcome of routing a screening.
 *
 * @param targets the recipients, each at most once, in a fixed order (child protection department, crisis centre or
 *                shelter, community support, police, child protection agency, local commission, national commission)
 * @param advice  English sentences for the screener: what to do when nobody is referred, and warnings when a needed
 *                recipient could not be found in the directory
 */
public record RoutingResult(List<RouteTarget> targets, List<String> advice) {

    public RoutingResult {
        targets = List.copyOf(targets);
        advice = List.copyOf(advice);
    }

    /** Whether nobody receives a referral. */
    public boolean nobody() {
        return targets.isEmpty();
    }
}
