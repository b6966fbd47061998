package bg.nrm.keys.pgp;

import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.util.Collection;
import java.util.Date;

/**
 * Writes one envelope with Bouncy Castle directly: the same message PGPainless produced before (ASCII armor,
 * uncompressed, AES-256 SEIPD v1 with MDC, one-pass signed inline with a SHA-512 binary-document signature by the
 * service's signing subkey), without its per-byte stream layers and per-message policy work.
 *
 * <p>Packets: PKESK per recipient subkey, then SEIPD { one-pass signature, literal data, signature }.
 */
final class EnvelopeWriter {
    // The JDK's AES uses the processor's AES instructions; Bouncy Castle's is table-driven Java.
    static final Provider JDK_AES = jdkAesProvider();
    // A DRBG is thread-safe and does not serialise callers on a lock around /dev/urandom.
    static final SecureRandom RANDOM = newRandom();

    private EnvelopeWriter() {
    }

    /** The binary OpenPGP message; {@link Armor#message} gives its armored form. */
    static byte[] write(byte[] plaintext, SignerPool.Signer signer, Collection<PGPPublicKey> recipients, Date now)
            throws IOException, PGPException {
        PGPSignatureGenerator signature = new PGPSignatureGenerator(signer.contentSigner(), signer.publicKey());
        signature.init(PGPSignature.BINARY_DOCUMENT, signer.privateKey());
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setSignatureCreationTime(false, now);
        hashed.setIssuerFingerprint(false, signer.publicKey());
        signature.setHashedSubpackets(hashed.generate());
        PGPSignatureSubpacketGenerator unhashed = new PGPSignatureSubpacketGenerator();
        unhashed.setIssuerKeyID(false, signer.publicKey().getKeyID());
        signature.setUnhashedSubpackets(unhashed.generate());

        // AES-256, SEIPD v1 with the integrity packet; the cipher and digest are the signer's own, made once.
        PGPEncryptedDataGenerator encryption = new PGPEncryptedDataGenerator(signer.dataEncryption());
        for (PGPPublicKey recipient : recipients) {
            encryption.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(recipient).setSecureRandom(RANDOM));
        }

        // The packets add well under a kilobyte per recipient to the plaintext.
        ByteArrayOutputStream binary = new ByteArrayOutputStream(plaintext.length + 512 + 256 * recipients.size());
        OutputStream encrypted = encryption.open(binary, new byte[bufferSize(plaintext.length)]);
        BCPGOutputStream packets = new BCPGOutputStream(encrypted);
        signature.generateOnePassVersion(false).encode(packets);
        PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
        OutputStream body = literal.open(packets, PGPLiteralData.BINARY, "", plaintext.length, now);
        body.write(plaintext);
        signature.update(plaintext);
        literal.close();
        signature.generate().encode(packets);
        packets.flush();
        encryption.close();
        return binary.toByteArray();
    }

    // Partial-length packets need a power of two; one buffer a little larger than the message writes it in one go.
    private static int bufferSize(int plaintextLength) {
        int want = Math.max(512, plaintextLength + 512);
        return Math.min(1 << 16, Integer.highestOneBit(want - 1) << 1);
    }

    private static Provider jdkAesProvider() {
        Provider sunJce = Security.getProvider("SunJCE");
        if (sunJce == null) {
            throw new IllegalStateException("the JDK's SunJCE provider is missing");
        }
        return sunJce;
    }

    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
