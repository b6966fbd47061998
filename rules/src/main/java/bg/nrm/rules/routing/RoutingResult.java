package bg.nrm.rules.routing;

import bg.nrm.rules.Advice;

import java.util.List;

/**
 * The outcome of routing a screening.
 *
 * @param targets the recipients, each at most once, in a fixed order (child protection department, crisis centre or
 *                shelter, community support, police, child protection agency, local commission, national commission)
 * @param advice  English sentences for the screener: what to do when nobody is referred, and warnings when a needed
 *                recipient could not be found in the directory; under ruleset 2.x the Bulgarian texts of
 *                {@code guidance}
 * @param guidance ruleset 2.x: the same advice with codes, in Bulgarian and English; empty under ruleset 1.x
 */
public record RoutingResult(List<RouteTarget> targets, List<String> advice, List<Advice> guidance) {

    public RoutingResult {
        targets = List.copyOf(targets);
        advice = List.copyOf(advice);
        guidance = guidance == null ? List.of() : List.copyOf(guidance);
    }

    /** A result as ruleset 1.x makes them, English advice only. */
    public RoutingResult(List<RouteTarget> targets, List<String> advice) {
        this(targets, advice, List.of());
    }

    /** Whether nobody receives a referral. */
    public boolean nobody() {
        return targets.isEmpty();
    }
}
