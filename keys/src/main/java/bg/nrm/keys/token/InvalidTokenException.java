package bg.nrm.keys.token;

import bg.nrm.keys.KeysException;

/**
 * A bearer token was rejected: bad signature, expired, wrong issuer, malformed or unsigned. The message
 * names the reason class only and never echoes the token.
 */
public class InvalidTokenException extends KeysException {
    /** @param message the reason class only, never the token */
    public InvalidTokenException(String message) {
        super(message);
    }
}
