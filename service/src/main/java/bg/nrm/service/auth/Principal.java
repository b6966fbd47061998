package bg.nrm.service.auth;

import java.time.Instant;

/** The signed-in caller, taken from a verified token: who, in which role, for which organisation, until when. */
public record Principal(String username, Role role, String organisationId, Instant expiresAt) {

    /** Whether the caller acts for {@code organisationId}. */
    public boolean actsFor(String organisationId) {
        return this.organisationId != null && this.organisationId.equals(organisationId);
    }
}
