package bg.nrm.keys.pgp;

import org.bouncycastle.openpgp.PGPKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.pgpainless.PGPainless;
import org.pgpainless.key.OpenPgpFingerprint;
import org.pgpainless.key.collection.PGPKeyRingCollection;
import org.pgpainless.key.protection.SecretKeyRingProtector;
import org.pgpainless.util.Passphrase;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Parsing, armoring and protector helpers shared inside the package; no public API. */
final class Pgp {
    /** Largest armored key or certificate we parse. */
    static final int MAX_KEY_CHARS = 64 * 1024;

    private Pgp() {
    }

    /** Exactly one public certificate (no secret key, nothing else), else {@link InvalidKeyException}. */
    static PGPPublicKeyRing readSingleCertificate(String armored) {
        PGPKeyRingCollection collection = readCollection(armored);
        if (collection.getPGPSecretKeyRingCollection().size() > 0) {
            throw new InvalidKeyException("secret key material where a public certificate was expected");
        }
        if (collection.getPgpPublicKeyRingCollection().size() != 1) {
            throw new InvalidKeyException("expected exactly one certificate");
        }
        return collection.getPgpPublicKeyRingCollection().getKeyRings().next();
    }

    /** Exactly one secret key, else {@link InvalidKeyException}. */
    static PGPSecretKeyRing readSingleSecretKey(String armored) {
        PGPKeyRingCollection collection = readCollection(armored);
        if (collection.getPGPSecretKeyRingCollection().size() != 1 || collection.getPgpPublicKeyRingCollection().size() != 0) {
            throw new InvalidKeyException("expected exactly one secret key");
        }
        return collection.getPGPSecretKeyRingCollection().getKeyRings().next();
    }

    /** One key ring of either kind. */
    static PGPKeyRing readSingleKeyRing(String armored) {
        PGPKeyRingCollection collection = readCollection(armored);
        if (collection.size() != 1) {
            throw new InvalidKeyException("expected exactly one key");
        }
        return collection.getPGPSecretKeyRingCollection().size() == 1
                ? collection.getPGPSecretKeyRingCollection().getKeyRings().next()
                : collection.getPgpPublicKeyRingCollection().getKeyRings().next();
    }

    private static PGPKeyRingCollection readCollection(String armored) {
        if (armored == null || armored.isBlank()) {
            throw new InvalidKeyException("no key given");
        }
        if (armored.length() > MAX_KEY_CHARS) {
            throw new InvalidKeyException("key larger than " + MAX_KEY_CHARS + " characters");
        }
        try {
            PGPKeyRingCollection collection = PGPainless.readKeyRing()
                    .keyRingCollection(armored.getBytes(StandardCharsets.UTF_8), false);
            if (collection.size() == 0) {
                throw new InvalidKeyException("no OpenPGP key found");
            }
            return collection;
        } catch (Exception e) {
            // Bouncy Castle throws its checked PGPException from here without declaring it (garbage input): every
            // failure to parse is the caller's "invalid key", never a crash.
            if (e instanceof InvalidKeyException ike) {
                throw ike;
            }
            throw new InvalidKeyException("unreadable OpenPGP key");
        }
    }

    static String armor(PGPKeyRing ring) {
        return PGPainless.asciiArmor(ring);
    }

    static String fingerprint(PGPKeyRing ring) {
        return OpenPgpFingerprint.of(ring).toString();
    }

    static SecretKeyRingProtector protector(char[] passphraseOrNull) {
        if (passphraseOrNull == null || passphraseOrNull.length == 0) {
            return SecretKeyRingProtector.unprotectedKeys();
        }
        return SecretKeyRingProtector.unlockAnyKeyWith(new Passphrase(Arrays.copyOf(passphraseOrNull, passphraseOrNull.length)));
    }

    static Passphrase passphrase(char[] passphraseOrNull) {
        if (passphraseOrNull == null || passphraseOrNull.length == 0) {
            return Passphrase.emptyPassphrase();
        }
        return new Passphrase(Arrays.copyOf(passphraseOrNull, passphraseOrNull.length));
    }
}
