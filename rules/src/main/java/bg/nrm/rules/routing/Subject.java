package bg.nrm.rules.routing;

import bg.nrm.rules.RiskLevel;

/**
 * Internal, not part of the API: the subject of a screening as the routing rules see it. Public only because the
 * rule engine's generated code lives in sub-packages; it cannot be created outside this package.
 */
public final class Subject {
    private final RiskLevel level;
    private final boolean child;
    private final boolean consented;

    Subject(RoutingRequest request) {
        this.level = request.level();
        this.child = request.child();
        this.consented = request.consentToIdentifiedReferral();
    }

    public RiskLevel getLevel() {
        return level;
    }

    /** A child, or a person treated as a child because their age is in doubt. */
    public boolean isChild() {
        return child;
    }

    /** Consented to identified referrals. */
    public boolean isConsented() {
        return consented;
    }
}
