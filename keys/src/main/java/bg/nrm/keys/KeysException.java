package bg.nrm.keys;

/**
 * Base of every exception the keys module throws. Messages say what failed ("decryption failed",
 * "verification failed", a key fingerprint), never a secret, a passphrase or plaintext.
 */
public class KeysException extends RuntimeException {
    /** @param message what failed, without secrets or personal data */
    public KeysException(String message) {
        super(message);
    }

    /**
     * @param message what failed, without secrets or personal data
     * @param cause   the underlying failure
     */
    public KeysException(String message, Throwable cause) {
        super(message, cause);
    }
}
