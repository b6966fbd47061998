package bg.nrm.keys.pgp;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A decrypted referral envelope. Decryption succeeded, but whether the content may be trusted is a
 * separate question: <strong>check {@link #signatureVerified()}</strong> before acting on the plaintext.
 *
 * @param plaintext            the message content (a copy is returned by the accessor)
 * @param signatureVerified    true only if at least one signature verified against a trusted signer certificate
 * @param signerFingerprints   primary fingerprints of the trusted signers whose signatures verified
 * @param decryptionKeyFingerprint primary fingerprint of the key that decrypted the message
 */
public record OpenedEnvelope(byte[] plaintext, boolean signatureVerified, Set<String> signerFingerprints,
        String decryptionKeyFingerprint) {

    /** Copies the plaintext and the signer set. */
    public OpenedEnvelope {
        plaintext = plaintext.clone();
        signerFingerprints = Set.copyOf(signerFingerprints);
    }

    /** @return a copy of the plaintext */
    @Override
    public byte[] plaintext() {
        return plaintext.clone();
    }

    /** Whether a signature from the key with this primary fingerprint verified. */
    public boolean signedBy(String fingerprint) {
        return fingerprint != null && signerFingerprints.contains(fingerprint.toUpperCase(Locale.ROOT));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpenedEnvelope that && Arrays.equals(plaintext, that.plaintext)
                && signatureVerified == that.signatureVerified && signerFingerprints.equals(that.signerFingerprints)
                && Objects.equals(decryptionKeyFingerprint, that.decryptionKeyFingerprint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(plaintext), signatureVerified, signerFingerprints,
                decryptionKeyFingerprint);
    }

    @Override
    public String toString() {
        // Never the plaintext: it is personal data.
        return "OpenedEnvelope[" + plaintext.length + " bytes, signatureVerified=" + signatureVerified
                + ", signers=" + signerFingerprints + "]";
    }
}
