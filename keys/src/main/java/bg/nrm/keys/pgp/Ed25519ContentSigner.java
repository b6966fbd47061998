package bg.nrm.keys.pgp;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.operator.PGPContentSigner;
import org.bouncycastle.openpgp.operator.PGPContentSignerBuilder;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * An OpenPGP v4 EdDSA (legacy) signature with SHA-512, made from a key converted once.
 *
 * <p>Bouncy Castle's generic signer builder converts the OpenPGP private key into a fresh Ed25519 key object for
 * every signature, so each signature also recomputes the public point (a scalar multiplication, about a third of
 * the signature's cost), and hashes with the pure-Java SHA-512. This signer keeps one converted key (whose public
 * point is computed once) and hashes with the JDK's SHA-512, which uses the processor's instructions. The
 * signature is the same: Ed25519 over the SHA-512 of the signed data and trailer, as RFC 4880bis legacy EdDSA.
 *
 * <p>Not thread-safe: one instance belongs to one {@link SignerPool.Signer}, which is used by one thread at a time.
 */
final class Ed25519ContentSigner implements PGPContentSignerBuilder {
    private final Ed25519PrivateKeyParameters key;
    private final long keyId;
    // Made once (a provider lookup per envelope was not free); reset for each signature.
    private final MessageDigest sha512 = newSha512();

    Ed25519ContentSigner(Ed25519PrivateKeyParameters key, long keyId) {
        this.key = key;
        this.keyId = keyId;
        key.generatePublicKey(); // computed once here and cached inside the key object
    }

    @Override
    public PGPContentSigner build(int signatureType, PGPPrivateKey privateKey) {
        sha512.reset();
        return new PGPContentSigner() {
            private byte[] digest;

            @Override
            public OutputStream getOutputStream() {
                return new OutputStream() {
                    @Override
                    public void write(int b) {
                        sha512.update((byte) b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        sha512.update(b, off, len);
                    }
                };
            }

            @Override
            public byte[] getSignature() {
                byte[] hash = getDigest();
                byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
                key.sign(Ed25519.Algorithm.Ed25519, null, hash, 0, hash.length, signature, 0);
                return signature;
            }

            @Override
            public byte[] getDigest() {
                if (digest == null) {
                    digest = sha512.digest();
                }
                return digest.clone();
            }

            @Override
            public int getType() {
                return signatureType;
            }

            @Override
            public int getHashAlgorithm() {
                return HashAlgorithmTags.SHA512;
            }

            @Override
            public int getKeyAlgorithm() {
                return PublicKeyAlgorithmTags.EDDSA_LEGACY;
            }

            @Override
            public long getKeyID() {
                return keyId;
            }
        };
    }

    private static MessageDigest newSha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is required of every JDK", e);
        }
    }
}
