package bg.nrm.keys.pgp;

import bg.nrm.keys.KeysException;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.operator.PGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyConverter;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Supplier;

/**
 * Signing keys ready for use, one per concurrent user.
 *
 * <p>Bouncy Castle key objects are not safe to share between threads (a shared key ring corrupted signatures under
 * load), and parsing the secret key for every envelope cost more than the signature. So each borrower gets a key
 * of its own, parsed once and reused by the next borrower after it is given back. Handlers run on virtual threads,
 * so a thread-local would be a fresh key per request: a pool keeps the number of parsed copies to the number of
 * envelopes made at the same moment.
 */
final class SignerPool {
    private static final int MAX_IDLE = 64;

    /**
     * One private copy of the signing subkey, with the data encryption of the envelope it signs: never used by two
     * threads at once.
     */
    record Signer(PGPPrivateKey privateKey, PGPPublicKey publicKey, PGPContentSignerBuilder contentSigner,
                  AesEncryptorBuilder dataEncryption) {
    }

    private final Supplier<PGPSecretKeyRing> parse;
    private final long signingKeyId;
    private final ArrayBlockingQueue<Signer> idle = new ArrayBlockingQueue<>(MAX_IDLE);

    SignerPool(Supplier<PGPSecretKeyRing> parse, long signingKeyId) {
        this.parse = parse;
        this.signingKeyId = signingKeyId;
    }

    /** A signer for the caller alone; give it back with {@link #release(Signer)}. */
    Signer borrow() {
        Signer s = idle.poll();
        return s != null ? s : create();
    }

    /** Makes a borrowed signer available again (dropped if the pool is full). */
    void release(Signer signer) {
        idle.offer(signer);
    }

    private Signer create() {
        PGPSecretKey secret = parse.get().getSecretKey(signingKeyId);
        if (secret == null) {
            throw new KeysException("service signing subkey missing");
        }
        try {
            PGPPrivateKey key = secret.extractPrivateKey(
                    new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(new char[0]));
            PGPPublicKey pub = secret.getPublicKey();
            PGPContentSignerBuilder contentSigner = pub.getAlgorithm() == PublicKeyAlgorithmTags.EDDSA_LEGACY
                    ? new Ed25519ContentSigner((Ed25519PrivateKeyParameters) new BcPGPKeyConverter().getPrivateKey(key),
                            pub.getKeyID())
                    : new BcPGPContentSignerBuilder(pub.getAlgorithm(), HashAlgorithmTags.SHA512);
            return new Signer(key, pub, contentSigner, new AesEncryptorBuilder(EnvelopeWriter.JDK_AES, EnvelopeWriter.RANDOM));
        } catch (PGPException e) {
            throw new KeysException("service signing key unusable", e);
        }
    }
}
