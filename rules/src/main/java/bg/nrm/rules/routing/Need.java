package bg.nrm.rules.routing;

import java.time.Duration;

/** Internal: a recipient the rules decided the case needs, before it is resolved to an organisation. */
record Need(Recipient recipient, boolean anonymised, Duration deadline, String rule, boolean consentOverridden) {
}
