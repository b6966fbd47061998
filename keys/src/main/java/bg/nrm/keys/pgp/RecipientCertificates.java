package bg.nrm.keys.pgp;

import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.pgpainless.PGPainless;
import org.pgpainless.algorithm.EncryptionPurpose;
import org.pgpainless.key.OpenPgpFingerprint;
import org.pgpainless.key.info.KeyRingInfo;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recipient certificates parsed and validated once, then kept as immutable values for every envelope that follows.
 *
 * <p>Before this cache every envelope re-parsed each armored certificate and re-verified its self-signatures
 * (two Ed25519 verifications per certificate), which cost more than the envelope's own cryptography. A cached
 * entry records the interval in which the validation it came from stays true (from the evaluation time until the
 * earliest expiry or pending revocation of the key and its encryption subkeys); outside it, the certificate is
 * validated again, so an expired key is still refused at the moment it expires.
 *
 * <p>Only usable certificates are cached; a refused one is re-examined (and refused) every time, which is the rare
 * path. The cache is bounded: when full it is emptied and refills from use.
 */
final class RecipientCertificates {
    private static final int MAX_ENTRIES = 4096;
    private static final ConcurrentHashMap<String, Usable> CACHE = new ConcurrentHashMap<>();

    private RecipientCertificates() {
    }

    /**
     * A certificate checked usable for encryption at some moment, with the encryption subkeys chosen then.
     *
     * <p>The {@link PGPPublicKey} objects are only read (key encryption reads their key material and fingerprint);
     * nothing here verifies signatures with them, which is the Bouncy Castle operation that keeps mutable state.
     *
     * @param fingerprint     primary fingerprint
     * @param encryptionKeys  the subkeys a message to this certificate is encrypted to (at least one)
     * @param validFrom       when the validation was made
     * @param validUntil      first moment it may no longer hold (expiry or revocation date), or null for never
     */
    record Usable(String fingerprint, List<PGPPublicKey> encryptionKeys, Instant validFrom, Instant validUntil) {
        Usable {
            encryptionKeys = List.copyOf(encryptionKeys);
        }

        boolean holdsAt(Instant now) {
            return !now.isBefore(validFrom) && (validUntil == null || now.isBefore(validUntil));
        }
    }

    /**
     * The certificate ready for encryption at {@code now}.
     *
     * @throws InvalidKeyException if it is unreadable, secret, not v4, expired, revoked or cannot encrypt
     */
    static Usable usable(String armored, Instant now) {
        if (armored == null) {
            throw new InvalidKeyException("no key given");
        }
        Usable cached = CACHE.get(armored);
        if (cached != null && cached.holdsAt(now)) {
            return cached;
        }
        Usable fresh = validate(armored, now);
        if (CACHE.size() >= MAX_ENTRIES) {
            CACHE.clear();
        }
        CACHE.put(armored, fresh);
        return fresh;
    }

    private static Usable validate(String armored, Instant now) {
        PGPPublicKeyRing cert = Pgp.readSingleCertificate(armored);
        CertificateInfo info = Certificates.requireUsable(cert, now);
        Date at = Date.from(now);
        try {
            KeyRingInfo ring = PGPainless.inspectKeyRing(cert, at);
            List<PGPPublicKey> keys = ring.getEncryptionSubkeys(EncryptionPurpose.COMMUNICATIONS);
            if (keys.isEmpty()) {
                throw new InvalidKeyException("key cannot encrypt: " + info.fingerprint());
            }
            Instant until = info.expires();
            for (PGPPublicKey key : keys) {
                Date subkeyExpiry = ring.getSubkeyExpirationDate(OpenPgpFingerprint.of(key));
                until = earliest(until, subkeyExpiry == null ? null : subkeyExpiry.toInstant());
            }
            if (!ring.getRevocationState().isNotRevoked() && ring.getRevocationState().isSoftRevocation()) {
                until = earliest(until, ring.getRevocationState().getDate().toInstant());
            }
            return new Usable(info.fingerprint(), keys, now, until);
        } catch (InvalidKeyException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidKeyException("unusable OpenPGP key");
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    // Tests only: forget every cached certificate.
    static void clear() {
        CACHE.clear();
    }
}
