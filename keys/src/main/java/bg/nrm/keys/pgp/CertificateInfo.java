package bg.nrm.keys.pgp;

import java.time.Instant;
import java.util.List;

/**
 * What a certificate says about itself, evaluated at a moment in time.
 *
 * @param fingerprint       primary key fingerprint, 40 upper-case hex digits
 * @param userIds           the user ids bound to the key
 * @param created           creation time of the primary key
 * @param expires           expiry of the primary key, or null if it never expires
 * @param revoked           whether the key is revoked at the evaluation time
 * @param encryptionCapable whether it has a valid, unexpired, unrevoked encryption subkey at that time
 */
public record CertificateInfo(String fingerprint, List<String> userIds, Instant created, Instant expires,
        boolean revoked, boolean encryptionCapable) {

    /** Copies the user ids. */
    public CertificateInfo {
        userIds = List.copyOf(userIds);
    }

    /** Whether the key has expired at {@code now}. */
    public boolean expiredAt(Instant now) {
        return expires != null && !now.isBefore(expires);
    }
}
