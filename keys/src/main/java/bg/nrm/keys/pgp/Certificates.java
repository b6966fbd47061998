package bg.nrm.keys.pgp;

import bg.nrm.keys.KeysException;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.pgpainless.PGPainless;
import org.pgpainless.key.info.KeyRingInfo;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Reading and checking OpenPGP certificates (public keys) that organisations upload, and revoking keys.
 */
public final class Certificates {
    private Certificates() {
    }

    /**
     * Describes a single armored key (certificate or secret key), evaluated now.
     *
     * @throws InvalidKeyException if it is not exactly one readable key
     */
    public static CertificateInfo inspect(String armored) {
        return inspect(armored, Instant.now());
    }

    /** Describes a single armored key, evaluated at {@code at}. */
    public static CertificateInfo inspect(String armored, Instant at) {
        return describe(Pgp.readSingleKeyRing(armored), at);
    }

    /** The primary fingerprint of a single armored key (certificate or secret key). */
    public static String fingerprint(String armored) {
        return Pgp.fingerprint(Pgp.readSingleKeyRing(armored));
    }

    /**
     * Accepts only a single, readable, v4 public certificate of at most 64 KiB that is neither expired nor
     * revoked at {@code now} and can encrypt.
     *
     * @return its description
     * @throws InvalidKeyException otherwise, naming the reason
     */
    public static CertificateInfo requireUsableForEncryption(String armored, Instant now) {
        PGPPublicKeyRing cert = Pgp.readSingleCertificate(armored);
        return requireUsable(cert, now);
    }

    static CertificateInfo requireUsable(PGPPublicKeyRing cert, Instant now) {
        if (cert.getPublicKey().getVersion() != 4) {
            throw new InvalidKeyException("only OpenPGP v4 keys are accepted: " + Pgp.fingerprint(cert));
        }
        CertificateInfo info = describe(cert, now);
        if (info.revoked()) {
            throw new InvalidKeyException("key is revoked: " + info.fingerprint());
        }
        if (info.expiredAt(now)) {
            throw new InvalidKeyException("key has expired: " + info.fingerprint());
        }
        if (!info.encryptionCapable()) {
            throw new InvalidKeyException("key cannot encrypt: " + info.fingerprint());
        }
        return info;
    }

    /**
     * Revokes a key (hard revocation, "no reason given") and returns the revoked certificate, to publish
     * in place of the old one.
     *
     * @param passphraseOrNull the secret key's passphrase, null if unprotected
     */
    public static String revoke(String armoredSecretKey, char[] passphraseOrNull) {
        PGPSecretKeyRing secret = Pgp.readSingleSecretKey(armoredSecretKey);
        try {
            PGPSecretKeyRing revoked = PGPainless.modifyKeyRing(secret).revoke(Pgp.protector(passphraseOrNull)).done();
            return Pgp.armor(PGPainless.extractCertificate(revoked));
        } catch (PGPException | RuntimeException e) {
            throw new KeysException("revocation failed: " + Pgp.fingerprint(secret));
        }
    }

    /** The public half of an armored secret key. */
    public static String certificateOf(String armoredSecretKey) {
        return Pgp.armor(PGPainless.extractCertificate(Pgp.readSingleSecretKey(armoredSecretKey)));
    }

    static CertificateInfo describe(PGPKeyRing ring, Instant at) {
        try {
            KeyRingInfo info = PGPainless.inspectKeyRing(ring, Date.from(at));
            Date expiry = primaryExpiry(info);
            boolean revoked = !info.getRevocationState().isNotRevoked()
                    && (info.getRevocationState().isHardRevocation() || !info.getRevocationState().getDate().after(Date.from(at)));
            List<String> userIds = info.getUserIds();
            return new CertificateInfo(info.getFingerprint().toString(), userIds, info.getCreationDate().toInstant(),
                    expiry == null ? null : expiry.toInstant(), revoked, !revoked && info.isUsableForEncryption());
        } catch (RuntimeException e) {
            throw new InvalidKeyException("unusable OpenPGP key");
        }
    }

    private static Date primaryExpiry(KeyRingInfo info) {
        try {
            return info.getPrimaryKeyExpirationDate();
        } catch (RuntimeException e) {
            // No valid self-signature at all (for example every user id revoked): treat as unusable, not as expiring.
            return null;
        }
    }
}
