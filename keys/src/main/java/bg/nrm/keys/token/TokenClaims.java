package bg.nrm.keys.token;

import java.time.Instant;

/**
 * What a bearer token says about its holder.
 *
 * @param subject        the user name; required
 * @param organisationId the organisation the user acts for; may be null (for example an administrator)
 * @param role           the user's role; may be null
 * @param issuedAt       filled by {@link TokenService#issue}; ignored (may be null) on input
 * @param expiresAt      filled by {@link TokenService#issue}; ignored (may be null) on input
 * @param tokenId        a random id filled by {@link TokenService#issue}; ignored (may be null) on input
 */
public record TokenClaims(String subject, String organisationId, String role, Instant issuedAt, Instant expiresAt,
        String tokenId) {

    /** Claims to pass to {@link TokenService#issue}: the time fields and the id are filled in there. */
    public static TokenClaims of(String subject, String organisationId, String role) {
        return new TokenClaims(subject, organisationId, role, null, null, null);
    }
}
