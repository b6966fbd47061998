package bg.nrm.keys.pgp;

/**
 * A freshly generated organisation key pair.
 *
 * @param armoredCertificate the public half, to publish or upload
 * @param armoredSecretKey   the secret half (protected by the passphrase if one was given); keep it private
 * @param fingerprint        the primary key fingerprint, 40 upper-case hex digits
 */
public record GeneratedKey(String armoredCertificate, String armoredSecretKey, String fingerprint) {
    @Override
    public String toString() {
        return "GeneratedKey[" + fingerprint + "]";
    }
}
