package bg.nrm.keys.pgp;

import bg.nrm.keys.KeysException;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.pgpainless.PGPainless;
import org.pgpainless.algorithm.KeyFlag;
import org.pgpainless.key.generation.KeyRingBuilder;
import org.pgpainless.key.generation.KeySpec;
import org.pgpainless.key.generation.type.KeyType;
import org.pgpainless.key.generation.type.eddsa_legacy.EdDSALegacyCurve;
import org.pgpainless.key.generation.type.xdh_legacy.XDHLegacySpec;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Generates organisation key pairs: OpenPGP v4, an Ed25519 (EdDSA legacy) certification primary key, an
 * Ed25519 signing subkey and a Curve25519 ECDH encryption subkey, the same shape as PGPainless's
 * {@code modernKeyRing}, readable by GnuPG 2.2.
 */
public final class OrganisationKeys {
    private OrganisationKeys() {
    }

    /** Validity of keys generated without an explicit expiry: five years, so a forgotten key does not live forever. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(5 * 365);

    /**
     * A new key pair valid for {@link #DEFAULT_VALIDITY}.
     *
     * @param userId           the user id, for example {@code "ozd-plovdiv <ozd-plovdiv@nrm.invalid>"}
     * @param passphraseOrNull protects the secret key; null or empty leaves it unprotected
     */
    public static GeneratedKey generate(String userId, char[] passphraseOrNull) {
        Instant now = Instant.now();
        return generate(userId, passphraseOrNull, now, now.plus(DEFAULT_VALIDITY));
    }

    /**
     * A new key pair that expires at {@code expiresAtOrNull}, which must be in the future; null means it never
     * expires.
     */
    public static GeneratedKey generate(String userId, char[] passphraseOrNull, Instant expiresAtOrNull) {
        return generate(userId, passphraseOrNull, Instant.now(), expiresAtOrNull);
    }

    // Package-private so tests can make keys that are already expired at a chosen "now".
    static GeneratedKey generate(String userId, char[] passphraseOrNull, Instant createdAt, Instant expiresAtOrNull) {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("user id must not be blank");
        }
        if (expiresAtOrNull != null && !expiresAtOrNull.isAfter(createdAt)) {
            throw new IllegalArgumentException("expiry must be after creation");
        }
        Date created = Date.from(createdAt);
        try {
            KeyRingBuilder builder = PGPainless.buildKeyRing()
                    .setPrimaryKey(KeySpec.getBuilder(KeyType.EDDSA_LEGACY(EdDSALegacyCurve._Ed25519), KeyFlag.CERTIFY_OTHER)
                            .setKeyCreationDate(created))
                    .addSubkey(KeySpec.getBuilder(KeyType.XDH_LEGACY(XDHLegacySpec._X25519),
                            KeyFlag.ENCRYPT_COMMS, KeyFlag.ENCRYPT_STORAGE).setKeyCreationDate(created))
                    .addSubkey(KeySpec.getBuilder(KeyType.EDDSA_LEGACY(EdDSALegacyCurve._Ed25519), KeyFlag.SIGN_DATA)
                            .setKeyCreationDate(created))
                    .addUserId(userId)
                    .setPassphrase(Pgp.passphrase(passphraseOrNull));
            // Always set: PGPainless would otherwise apply its own default.
            builder.setExpirationDate(expiresAtOrNull == null ? null : Date.from(expiresAtOrNull));
            PGPSecretKeyRing secret = builder.build();
            return new GeneratedKey(Pgp.armor(PGPainless.extractCertificate(secret)), Pgp.armor(secret), Pgp.fingerprint(secret));
        } catch (RuntimeException e) {
            throw new KeysException("key generation failed", e);
        }
    }
}
