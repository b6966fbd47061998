package bg.nrm.keys.password;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id password hashing (RFC 9106) with PHC-format output:
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (unpadded standard base64).
 *
 * <p>Parameters follow the OWASP minimum for Argon2id (19 MiB, 2 passes, 1 lane), a 16-byte random
 * salt and a 32-byte hash. {@link #verify} reads the parameters from the stored string, so hashes made
 * with older parameters still verify; {@link #needsRehash} tells the caller when to re-hash on the next
 * successful sign-in.
 *
 * <p>Timing: an unknown user must cost the same as a wrong password. Call
 * {@code verify(password, null)} (or verify against {@link #dummyHash()}) when there is no stored hash:
 * it spends the same work and returns {@code false}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PasswordHasher {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    // Upper bounds accepted when reading a stored hash, so a tampered row cannot make us burn memory or CPU.
    private static final int MAX_MEMORY_KIB = 256 * 1024;
    private static final int MAX_ITERATIONS = 10;
    private static final int MAX_PARALLELISM = 4;
    /** Longest password accepted, in chars; longer input is refused before any work (a cheap DoS guard). */
    public static final int MAX_PASSWORD_CHARS = 1024;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{16,128})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random = new SecureRandom();
    private final String dummyHash;

    private PasswordHasher(int memoryKiB, int iterations, int parallelism) {
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.dummyHash = dummyHash(memoryKiB, iterations, parallelism);
    }

    /** The default: Argon2id, m = 19 MiB, t = 2, p = 1. */
    public static PasswordHasher argon2id() {
        return new PasswordHasher(19 * 1024, 2, 1);
    }

    /**
     * Hashes {@code password} with a fresh random salt. The caller should clear its array afterwards.
     *
     * @return a PHC string, safe to store
     */
    public String hash(char[] password) {
        if (password == null || password.length > MAX_PASSWORD_CHARS) {
            throw new IllegalArgumentException("password missing or longer than " + MAX_PASSWORD_CHARS + " characters");
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] out = derive(password, salt, memoryKiB, iterations, parallelism, HASH_BYTES);
        try {
            return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism
                    + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
        } finally {
            Arrays.fill(out, (byte) 0);
        }
    }

    /**
     * Checks {@code password} against a stored PHC string in constant time. A malformed, foreign or
     * out-of-bounds stored value gives {@code false}. A {@code null} stored value (unknown user) spends
     * the same work as a real check and gives {@code false}. A password longer than {@link #MAX_PASSWORD_CHARS}
     * gives {@code false} at once.
     */
    public boolean verify(char[] password, String storedPhc) {
        if (password == null || password.length > MAX_PASSWORD_CHARS) {
            return false;
        }
        boolean known = storedPhc != null;
        Matcher m = PHC.matcher(known ? storedPhc : dummyHash);
        if (!m.matches()) {
            // Still spend the work so a corrupt row does not stand out by its timing.
            m = PHC.matcher(dummyHash);
            m.matches();
            known = false;
        }
        int mem = Integer.parseInt(m.group(1));
        int t = Integer.parseInt(m.group(2));
        int p = Integer.parseInt(m.group(3));
        if (mem < 8 * p || mem > MAX_MEMORY_KIB || t < 1 || t > MAX_ITERATIONS || p < 1 || p > MAX_PARALLELISM) {
            return false;
        }
        byte[] salt;
        byte[] expected;
        try {
            salt = B64D.decode(m.group(4));
            expected = B64D.decode(m.group(5));
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] actual = derive(password, salt, mem, t, p, expected.length);
        try {
            return MessageDigest.isEqual(expected, actual) & known;
        } finally {
            Arrays.fill(actual, (byte) 0);
        }
    }

    /**
     * A well-formed hash with the current parameters, a random salt and a random 32-byte value: verifying against it
     * costs the same as against a real one, and no password verifies against it (it would take finding an Argon2id
     * preimage of a random value). Not the hash of a random password: that cost one Argon2id (19 MiB) at every start.
     */
    private String dummyHash(int memoryKiB, int iterations, int parallelism) {
        byte[] salt = new byte[SALT_BYTES];
        byte[] value = new byte[HASH_BYTES];
        random.nextBytes(salt);
        random.nextBytes(value);
        return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(value);
    }

    /** A valid hash with the current parameters that no password verifies against (see {@code dummyHash(int…)}). */
    public String dummyHash() {
        return dummyHash;
    }

    /** Whether a stored hash was made with other parameters than the current ones (or is not ours). */
    public boolean needsRehash(String storedPhc) {
        if (storedPhc == null) {
            return true;
        }
        Matcher m = PHC.matcher(storedPhc);
        return !m.matches()
                || Integer.parseInt(m.group(1)) != memoryKiB
                || Integer.parseInt(m.group(2)) != iterations
                || Integer.parseInt(m.group(3)) != parallelism;
    }

    private static byte[] derive(char[] password, byte[] salt, int mem, int t, int p, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(mem)
                .withIterations(t)
                .withParallelism(p)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] pw = toUtf8(password);
        byte[] out = new byte[length];
        try {
            generator.generateBytes(pw, out);
            return out;
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    private static byte[] toUtf8(char[] password) {
        ByteBuffer buf = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[buf.remaining()];
        buf.get(bytes);
        if (buf.hasArray()) {
            Arrays.fill(buf.array(), (byte) 0);
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "PasswordHasher[argon2id m=" + memoryKiB + " t=" + iterations + " p=" + parallelism + "]";
    }
}
