package bg.nrm.rules.routing;

import java.time.Duration;

/** Internal: a recipient the rules decided the case needs, before it is resolved to an organisation. */
record Need(Recipient recipient, boolean anonymised, Duration deadline, String rule, boolean consentOverridden,
            boolean minimumData) {
    Need(Recipient recipient, boolean anonymised, Duration deadline, String rule, boolean consentOverridden) {
        this(recipient, anonymised, deadline, rule, consentOverridden, false);
    }

    /**
     * Ruleset 2.x: two rules asking for the same recipient make one need: identified if either is, the shorter
     * deadline (and its rule), the override if either overrides, and minimum data if either asks for it.
     */
    Need merge(Need other) {
        boolean otherFirst = other.deadline.compareTo(deadline) < 0;
        return new Need(recipient, anonymised && other.anonymised, otherFirst ? other.deadline : deadline,
                otherFirst ? other.rule : rule, consentOverridden || other.consentOverridden,
                minimumData || other.minimumData);
    }
}
