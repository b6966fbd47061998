package bg.nrm.keys.pgp;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.jcajce.io.CipherOutputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.operator.PGPDataEncryptor;
import org.bouncycastle.openpgp.operator.PGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;

import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The data encryption of an envelope: AES-256 in CFB mode with a zero IV and the SHA-1 modification detection code
 * (SEIPD v1), as Bouncy Castle's {@code JcePGPDataEncryptorBuilder} with {@code setWithIntegrityPacket(true)} does it
 * with the JDK's provider, but with the cipher and the digest made once and reused: looking them up in the provider
 * for every envelope cost about as much as the key agreement's modular inversion. Not thread-safe: one instance belongs
 * to one {@link SignerPool.Signer}, used by one thread at a time, and one envelope at a time.
 */
final class AesEncryptorBuilder implements PGPDataEncryptorBuilder {
    private static final int BLOCK = 16;
    private final Cipher cipher;
    private final MessageDigest sha1;
    private final SecureRandom random;

    AesEncryptorBuilder(Provider provider, SecureRandom random) {
        try {
            this.cipher = Cipher.getInstance("AES/CFB/NoPadding", provider);
            this.sha1 = MessageDigest.getInstance("SHA-1");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CFB and SHA-1 are required of every JDK", e);
        }
        this.random = random;
    }

    @Override
    public int getAlgorithm() {
        return SymmetricKeyAlgorithmTags.AES_256;
    }

    @Override
    public int getAeadAlgorithm() {
        return -1; // none (Bouncy Castle's word for it): SEIPD v1
    }

    @Override
    public int getChunkSize() {
        return 0;
    }

    @Override
    public boolean isV5StyleAEAD() {
        return false;
    }

    @Override
    public SecureRandom getSecureRandom() {
        return random;
    }

    @Override
    public PGPDataEncryptor build(byte[] keyBytes) throws PGPException {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyBytes, "AES"), new IvParameterSpec(new byte[BLOCK]));
        } catch (GeneralSecurityException e) {
            throw new PGPException("cannot start the data encryption", e);
        }
        sha1.reset();
        return new PGPDataEncryptor() {
            @Override
            public OutputStream getOutputStream(OutputStream out) {
                return new CipherOutputStream(out, cipher);
            }

            @Override
            public PGPDigestCalculator getIntegrityCalculator() {
                return new Sha1Calculator(sha1);
            }

            @Override
            public int getBlockSize() {
                return BLOCK;
            }
        };
    }

    @Override
    public PGPDataEncryptor build(byte[] keyBytes, byte[] iv) {
        throw new UnsupportedOperationException("AEAD is not written here");
    }

    @Override
    public PGPDataEncryptorBuilder setWithIntegrityPacket(boolean withIntegrityPacket) {
        if (!withIntegrityPacket) {
            throw new UnsupportedOperationException("envelopes always carry the integrity packet");
        }
        return this;
    }

    @Override
    public PGPDataEncryptorBuilder setWithAEAD(int aeadAlgorithm, int chunkSize) {
        throw new UnsupportedOperationException("AEAD is not written here");
    }

    @Override
    public PGPDataEncryptorBuilder setUseV5AEAD() {
        throw new UnsupportedOperationException("AEAD is not written here");
    }

    @Override
    public PGPDataEncryptorBuilder setUseV6AEAD() {
        throw new UnsupportedOperationException("AEAD is not written here");
    }

    /** The modification detection code's SHA-1 over the reused digest. */
    private static final class Sha1Calculator implements PGPDigestCalculator {
        private final MessageDigest digest;

        Sha1Calculator(MessageDigest digest) {
            this.digest = digest;
        }

        @Override
        public int getAlgorithm() {
            return HashAlgorithmTags.SHA1;
        }

        @Override
        public OutputStream getOutputStream() {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    digest.update((byte) b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    digest.update(b, off, len);
                }
            };
        }

        @Override
        public byte[] getDigest() {
            return digest.digest();
        }

        @Override
        public void reset() {
            digest.reset();
        }
    }
}
