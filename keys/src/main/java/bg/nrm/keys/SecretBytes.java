package bg.nrm.keys;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Secret key material held in memory: copied in, copied out, comparable in constant time and
 * erasable with {@link #clear()}. {@link #toString()} shows only the length and a short fingerprint,
 * so a secret never reaches a log by accident. Intended for random keys, not for passwords (a
 * fingerprint of a low-entropy secret would help guessing).
 *
 * <p>The only way to the raw bytes is {@link #unsafeBytes()}, named so that review can grep for it.
 */
public final class SecretBytes {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;
    private volatile boolean cleared;

    private SecretBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps a copy of {@code bytes}; the caller may clear its own array afterwards. */
    public static SecretBytes copyOf(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("secret must not be empty");
        }
        return new SecretBytes(bytes.clone());
    }

    /** {@code length} fresh bytes from a {@link SecureRandom}. */
    public static SecretBytes random(int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("length must be positive");
        }
        byte[] b = new byte[length];
        RANDOM.nextBytes(b);
        return new SecretBytes(b);
    }

    /**
     * A copy of the raw secret. The caller owns the copy and should {@code Arrays.fill} it with zeros
     * when done.
     *
     * @throws IllegalStateException after {@link #clear()}
     */
    public byte[] unsafeBytes() {
        checkNotCleared();
        return bytes.clone();
    }

    /** Number of bytes of the secret. */
    public int length() {
        return bytes.length;
    }

    /** Overwrites the secret with zeros; later reads fail. */
    public void clear() {
        Arrays.fill(bytes, (byte) 0);
        cleared = true;
    }

    /** Whether {@link #clear()} has been called. */
    public boolean isCleared() {
        return cleared;
    }

    /** Short, non-reversible identifier of the secret: the first 4 bytes of its SHA-256, in hex. */
    public String fingerprint() {
        checkNotCleared();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Constant-time comparison of the two secrets (their lengths are not secret). */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof SecretBytes that) || cleared || that.cleared) {
            return false;
        }
        return MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        // Deliberately weak: a content hash would leak bits of the secret.
        return bytes.length;
    }

    @Override
    public String toString() {
        return cleared ? "SecretBytes[cleared]" : "SecretBytes[" + bytes.length + " bytes, " + fingerprint() + "]";
    }

    private void checkNotCleared() {
        if (cleared) {
            throw new IllegalStateException("secret has been cleared");
        }
    }
}
