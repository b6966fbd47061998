package bg.nrm.keys.pgp;

import bg.nrm.keys.KeysException;

/**
 * A key or certificate is not acceptable for the requested use: unreadable, not a single public
 * certificate, secret material where a certificate was expected, expired, revoked, not able to encrypt,
 * or too large. The message names the reason and, where known, the fingerprint; never key material.
 */
public class InvalidKeyException extends KeysException {
    /** @param message the reason, with a fingerprint where known */
    public InvalidKeyException(String message) {
        super(message);
    }

    /**
     * @param message the reason, with a fingerprint where known
     * @param cause   the underlying failure
     */
    public InvalidKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
