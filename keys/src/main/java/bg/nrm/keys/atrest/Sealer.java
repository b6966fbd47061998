package bg.nrm.keys.atrest;

import bg.nrm.keys.KeysException;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens record data with per-record data keys (envelope encryption).
 *
 * <p>{@link #seal}: AES-256-GCM, a random 96-bit nonce per call, 128-bit tag; output is
 * {@code 0x01 || nonce (12) || ciphertext || tag (16)}. The version byte and the caller's associated data
 * (use the record id) are authenticated, so a ciphertext moved to another record does not open.
 * Data keys are AES-256, wrapped with the primary KEK by RFC 3394 AES key wrap (JCE {@code AES/KW/NoPadding}).
 *
 * <p>Crypto-shredding: delete the record's {@link WrappedDataKey} and the ciphertext can no longer be opened.
 * Thread-safe.
 */
public final class Sealer {
    /** Largest plaintext accepted by {@link #seal}. */
    public static final int MAX_PLAINTEXT_BYTES = 16 * 1024 * 1024;
    static final byte FORMAT_VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int DATA_KEY_BYTES = 32;
    private static final String WRAP = "AES/KW/NoPadding";
    private static final String AEAD = "AES/GCM/NoPadding";

    private final KeyEncryptionKeys keks;
    private final SecureRandom random = new SecureRandom();
    private final Ciphers gcmCiphers = new Ciphers(AEAD);
    private final Ciphers wrapCiphers = new Ciphers(WRAP);

    private Sealer(KeyEncryptionKeys keks) {
        this.keks = keks;
    }

    /** A sealer wrapping data keys with {@code keks}. */
    public static Sealer using(KeyEncryptionKeys keks) {
        if (keks == null) {
            throw new IllegalArgumentException("key-encryption keys must not be null");
        }
        return new Sealer(keks);
    }

    /** A fresh random data key for one record, wrapped with the current primary KEK. */
    public WrappedDataKey newDataKey() {
        byte[] raw = new byte[DATA_KEY_BYTES];
        random.nextBytes(raw);
        try {
            return wrap(raw, keks.primaryId());
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * Encrypts {@code plaintext} under the record's data key, binding {@code associatedData} (the record id).
     *
     * @return {@code version || nonce || ciphertext+tag}
     */
    public byte[] seal(WrappedDataKey key, byte[] plaintext, byte[] associatedData) {
        checkSize(plaintext);
        byte[] dataKey = unwrap(key, "encryption failed");
        try {
            return sealWith(dataKey, plaintext, associatedData);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** A new record's data key, and its first plaintext sealed under it. */
    public record Sealed(WrappedDataKey key, byte[] ciphertext) {
    }

    /**
     * {@link #newDataKey()} then {@link #seal} in one step, for a new record: the data key just made is used as it
     * is rather than unwrapped again.
     */
    public Sealed sealNew(byte[] plaintext, byte[] associatedData) {
        checkSize(plaintext);
        byte[] dataKey = new byte[DATA_KEY_BYTES];
        random.nextBytes(dataKey);
        try {
            WrappedDataKey key = wrap(dataKey, keks.primaryId());
            return new Sealed(key, sealWith(dataKey, plaintext, associatedData));
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private static void checkSize(byte[] plaintext) {
        if (plaintext == null || plaintext.length > MAX_PLAINTEXT_BYTES) {
            throw new KeysException("plaintext missing or larger than " + MAX_PLAINTEXT_BYTES + " bytes");
        }
    }

    private byte[] sealWith(byte[] dataKey, byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher gcm = gcmCiphers.take();
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(aad(associatedData));
            ByteBuffer out = ByteBuffer.allocate(1 + NONCE_BYTES + gcm.getOutputSize(plaintext.length));
            out.put(FORMAT_VERSION).put(nonce);
            gcm.doFinal(ByteBuffer.wrap(plaintext), out);
            gcmCiphers.give(gcm);
            return out.array();
        } catch (GeneralSecurityException e) {
            throw new KeysException("encryption failed");
        }
    }

    /**
     * Decrypts what {@link #seal} produced with the same data key and associated data.
     *
     * @throws KeysException "decryption failed" on any mismatch: other key, other associated data, tampering,
     *                       unknown format, or a KEK that no longer exists
     */
    public byte[] open(WrappedDataKey key, byte[] sealed, byte[] associatedData) {
        if (key == null || sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT_VERSION) {
            throw new KeysException("decryption failed");
        }
        byte[] dataKey = unwrap(key, "decryption failed");
        try {
            Cipher gcm = gcmCiphers.take();
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"),
                    new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            gcm.updateAAD(aad(associatedData));
            byte[] plaintext = gcm.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
            gcmCiphers.give(gcm);
            return plaintext;
        } catch (GeneralSecurityException e) {
            throw new KeysException("decryption failed");
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * The same data key wrapped with the current primary KEK (a no-op copy if it already is). The ciphertext is
     * not touched; store the result in place of the old wrapped key.
     */
    public WrappedDataKey rewrap(WrappedDataKey key) {
        String primary = keks.primaryId();
        if (key.kekId().equals(primary)) {
            return key;
        }
        byte[] dataKey = unwrap(key, "rewrap failed");
        try {
            return wrap(dataKey, primary);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private WrappedDataKey wrap(byte[] dataKey, String kekId) {
        SecretKey kek = keks.kek(kekId);
        if (kek == null) {
            throw new KeysException("unknown key-encryption key: " + kekId);
        }
        try {
            Cipher kw = wrapCiphers.take();
            kw.init(Cipher.WRAP_MODE, kek);
            WrappedDataKey wrapped = new WrappedDataKey(kekId, kw.wrap(new SecretKeySpec(dataKey, "AES")));
            wrapCiphers.give(kw);
            return wrapped;
        } catch (GeneralSecurityException e) {
            throw new KeysException("key wrapping failed");
        }
    }

    private byte[] unwrap(WrappedDataKey key, String failure) {
        if (key == null) {
            throw new KeysException(failure);
        }
        SecretKey kek = keks.kek(key.kekId());
        if (kek == null) {
            throw new KeysException(failure);
        }
        try {
            Cipher kw = wrapCiphers.take();
            kw.init(Cipher.UNWRAP_MODE, kek);
            byte[] raw = kw.unwrap(key.wrapped(), "AES", Cipher.SECRET_KEY).getEncoded();
            wrapCiphers.give(kw);
            if (raw.length != DATA_KEY_BYTES) {
                throw new KeysException(failure);
            }
            return raw;
        } catch (GeneralSecurityException e) {
            throw new KeysException(failure);
        }
    }

    private static byte[] aad(byte[] associatedData) {
        // Authenticate the format version with the caller's data, so a future format cannot be confused with this one.
        byte[] ad = associatedData == null ? new byte[0] : associatedData;
        byte[] out = new byte[1 + ad.length];
        out[0] = FORMAT_VERSION;
        System.arraycopy(ad, 0, out, 1, ad.length);
        return out;
    }

    // Cipher objects of one transformation, for reuse: making one is a provider look-up (2-3 % of a NONE screening's
    // request threads), and one may not be used by two threads at once. Each use takes one for itself and initialises
    // it afresh (key, and nonce for GCM); only a cipher whose use ended without an error is given back, at most
    // MAX_IDLE are kept.
    private static final class Ciphers {
        private static final int MAX_IDLE = 32;
        private final String transformation;
        private final ConcurrentLinkedQueue<Cipher> idle = new ConcurrentLinkedQueue<>();
        private final AtomicInteger idleCount = new AtomicInteger();

        Ciphers(String transformation) {
            this.transformation = transformation;
        }

        Cipher take() throws GeneralSecurityException {
            Cipher cipher = idle.poll();
            if (cipher == null) {
                return Cipher.getInstance(transformation);
            }
            idleCount.decrementAndGet();
            return cipher;
        }

        void give(Cipher cipher) {
            if (idleCount.incrementAndGet() <= MAX_IDLE) {
                idle.offer(cipher);
            } else {
                idleCount.decrementAndGet();
            }
        }
    }
}
