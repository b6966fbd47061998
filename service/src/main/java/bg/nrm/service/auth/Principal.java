package bg.nrm.service.auth;

import java.time.Instant;

/**
 * The signed-in caller: who, in which role, for which organisation, until when; verified from a bearer token or a
 * browser session on every request.
 *
 * @param username               the local account
 * @param role                   its role (from the account, not from what the client sent)
 * @param organisationId         the organisation it acts for; null for administrators and auditors
 * @param expiresAt              when the token or the session ends at the latest
 * @param credential             which token or session this is ({@code token:<id>} or {@code session:<id>}); lets
 *                               long-lived work such as an alert stream check that it has not been ended since
 * @param passwordChangeRequired signed in with a one-time password: only changing the password is allowed
 */
public record Principal(String username, Role role, String organisationId, Instant expiresAt, String credential,
                        boolean passwordChangeRequired) {

    /** A caller not tied to a stored token or session (tests, internal work). */
    public Principal(String username, Role role, String organisationId, Instant expiresAt) {
        this(username, role, organisationId, expiresAt, null, false);
    }

    /** Whether the caller acts for {@code organisationId}. */
    public boolean actsFor(String organisationId) {
        return this.organisationId != null && this.organisationId.equals(organisationId);
    }
}
