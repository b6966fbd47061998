package bg.nrm.keys.pgp;

import bg.nrm.keys.KeysException;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyRing;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.pgpainless.PGPainless;
import org.pgpainless.key.info.KeyRingInfo;
import org.pgpainless.policy.Policy;
import org.pgpainless.signature.consumer.SignatureVerifier;

import java.time.Instant;
import java.util.Date;
import java.util.Iterator;
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

    /**
     * Certifies the first user id of {@code armoredCertificate} with {@code armoredSecretKey}: how an organisation's
     * current key vouches for its next one, so that the service may switch without a confirmation by hand.
     *
     * @return the certificate with the certification added
     */
    public static String certify(String armoredCertificate, String armoredSecretKey, char[] passphraseOrNull) {
        PGPPublicKeyRing cert = Pgp.readSingleCertificate(armoredCertificate);
        PGPSecretKeyRing issuer = Pgp.readSingleSecretKey(armoredSecretKey);
        Iterator<String> ids = cert.getPublicKey().getUserIDs();
        if (!ids.hasNext()) {
            throw new InvalidKeyException("certificate has no user id to certify");
        }
        try {
            return Pgp.armor(PGPainless.certify().userIdOnCertificate(ids.next(), cert)
                    .withKey(issuer, Pgp.protector(passphraseOrNull)).build().getCertifiedCertificate());
        } catch (Exception e) {
            throw new KeysException("certification failed: " + Pgp.fingerprint(issuer));
        }
    }

    /**
     * Whether a user id of {@code armoredCertificate} carries a valid certification, at {@code at}, by a key of
     * {@code armoredIssuer} (any of its keys). False for anything unreadable.
     */
    public static boolean certifiedBy(String armoredCertificate, String armoredIssuer, Instant at) {
        try {
            PGPPublicKeyRing cert = Pgp.readSingleCertificate(armoredCertificate);
            PGPPublicKeyRing issuer = Pgp.readSingleCertificate(armoredIssuer);
            if (Pgp.fingerprint(cert).equals(Pgp.fingerprint(issuer))) {
                return false;
            }
            PGPPublicKey primary = cert.getPublicKey();
            for (Iterator<String> ids = primary.getUserIDs(); ids.hasNext(); ) {
                String id = ids.next();
                for (Iterator<PGPSignature> sigs = primary.getSignaturesForID(id); sigs != null && sigs.hasNext(); ) {
                    PGPSignature sig = sigs.next();
                    PGPPublicKey signer = issuer.getPublicKey(sig.getKeyID());
                    if (signer != null && sig.isCertification() && verifies(id, sig, signer, primary, at)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (InvalidKeyException e) {
            return false;
        }
    }

    private static boolean verifies(String id, PGPSignature sig, PGPPublicKey signer, PGPPublicKey primary, Instant at) {
        try {
            return SignatureVerifier.verifyUserIdCertification(id, sig, signer, primary, Policy.getInstance(),
                    Date.from(at));
        } catch (Exception e) {
            return false;
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
        } catch (Exception e) {
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
