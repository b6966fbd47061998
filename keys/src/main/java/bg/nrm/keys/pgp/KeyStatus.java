package bg.nrm.keys.pgp;

/** Life-cycle state of one key in a {@link Keyring}. */
public enum KeyStatus {
    /** May be chosen to encrypt (if valid) and is used to verify. */
    ENABLED,
    /** Kept for verifying and reading old messages; never chosen to encrypt. */
    DISABLED,
    /** Withdrawn for good: neither encrypts nor verifies. Kept only so the fingerprint stays on record. */
    DESTROYED
}
