package bg.nrm.keys.atrest;

import bg.nrm.keys.KeysException;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keystore file's layout: every key sealed together under one key derived from the password, so that opening it
 * runs the password KDF once (a BCFKS store ran it for its MAC, for its encryption and again for each entry read).
 *
 * <pre>
 * "NRM-KEYSTORE\n" (13 bytes) | version 0x01 | KDF 0x01 (PBKDF2-HMAC-SHA512) | iterations (int) |
 * salt length (byte) | salt | nonce (12) | AES-256-GCM ciphertext and 128-bit tag of the entries
 * </pre>
 *
 * <p>Everything before the ciphertext is the cipher's associated data, so the header cannot be changed unnoticed. The
 * KDF is BCFKS's own (PBKDF2-HMAC-SHA512, 51,200 iterations, a 64-byte salt), so a password guess costs the same as
 * against the BCFKS file it replaces. The entries are {@code count (int)}, then per entry alias and algorithm
 * ({@code writeUTF}) and the key's bytes (length as an unsigned short). A save keeps the salt and the derived key of
 * the process and draws a new random nonce, so a save runs no KDF.
 */
final class KeyFile {
    static final int ITERATIONS = 51_200;
    private static final byte[] MAGIC = "NRM-KEYSTORE\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte VERSION = 1;
    private static final byte KDF_PBKDF2_SHA512 = 1;
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final int SALT_BYTES = 64;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;
    private static final int MAX_FILE_BYTES = 1 << 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The key derived from the password and the salt and count it was derived with. */
    record FileKey(byte[] salt, int iterations, SecretKey key) {
    }

    private KeyFile() {
    }

    /** True when {@code content} starts as this layout does (a BCFKS file starts with a DER sequence, 0x30). */
    static boolean isKeyFile(byte[] content) {
        return content.length >= MAGIC.length && Arrays.equals(content, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** A new random salt and the key the password gives with it (one KDF). */
    static FileKey newKey(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return derive(password, salt, ITERATIONS);
    }

    private static FileKey derive(char[] password, byte[] salt, int iterations) {
        byte[] pw = PKCS5S2ParametersGenerator.PKCS5PasswordToUTF8Bytes(password);
        PKCS5S2ParametersGenerator kdf = new PKCS5S2ParametersGenerator(new SHA512Digest());
        kdf.init(pw, salt, iterations);
        byte[] raw = ((KeyParameter) kdf.generateDerivedParameters(KEY_BYTES * 8)).getKey();
        try {
            return new FileKey(salt.clone(), iterations, new SecretKeySpec(raw, "AES"));
        } finally {
            Arrays.fill(raw, (byte) 0);
            Arrays.fill(pw, (byte) 0);
        }
    }

    /** The key with this file's salt and count (one KDF); the file itself is opened by {@link #open}. */
    static FileKey keyFor(byte[] content, char[] password) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(content))) {
            Header h = header(in, content.length);
            return derive(password, h.salt, h.iterations);
        } catch (IOException e) {
            throw damaged();
        }
    }

    /**
     * The entries of {@code content}, opened with {@code key}.
     *
     * @throws KeysException if the file is damaged or the key (the password) is not its own
     */
    static Map<String, SecretKey> open(byte[] content, FileKey key) {
        byte[] plain = null;
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(content))) {
            Header h = header(in, content.length);
            if (!Arrays.equals(h.salt, key.salt()) || h.iterations != key.iterations()) {
                throw damaged();
            }
            byte[] nonce = in.readNBytes(NONCE_BYTES);
            int headerLength = content.length - in.available();
            if (nonce.length != NONCE_BYTES || in.available() < TAG_BITS / 8) {
                throw damaged();
            }
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(content, 0, headerLength);
            plain = gcm.doFinal(content, headerLength, content.length - headerLength);
            return entries(plain);
        } catch (IOException | GeneralSecurityException e) {
            throw damaged();
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /** The file's bytes for {@code entries}, sealed under {@code key} with a fresh nonce. */
    static byte[] seal(Map<String, SecretKey> entries, FileKey key) {
        byte[] plain = null;
        try {
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(header);
            out.write(MAGIC);
            out.writeByte(VERSION);
            out.writeByte(KDF_PBKDF2_SHA512);
            out.writeInt(key.iterations());
            out.writeByte(key.salt().length);
            out.write(key.salt());
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            out.write(nonce);
            out.flush();
            byte[] aad = header.toByteArray();
            plain = serialise(entries);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(aad);
            byte[] sealed = gcm.doFinal(plain);
            return ByteBuffer.allocate(aad.length + sealed.length).put(aad).put(sealed).array();
        } catch (IOException | GeneralSecurityException e) {
            throw new KeysException("keystore could not be sealed", e);
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /**
     * Replaces {@code file} with {@code content} so that a crash leaves either the old file or the new one, whole: a
     * temporary file in the same directory (owner-only), synced, renamed over it, and the directory synced.
     */
    static void writeAtomically(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".keystore-", ".tmp"); // owner-only on POSIX by default
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Not every platform syncs a directory (Windows); the rename itself is still atomic there.
        }
    }

    private record Header(byte[] salt, int iterations) {
    }

    private static Header header(DataInputStream in, int length) throws IOException {
        if (length > MAX_FILE_BYTES || !Arrays.equals(in.readNBytes(MAGIC.length), MAGIC)
                || in.readByte() != VERSION || in.readByte() != KDF_PBKDF2_SHA512) {
            throw damaged();
        }
        int iterations = in.readInt();
        int saltLength = in.readUnsignedByte();
        // A count below BCFKS's would be a weaker file than this code writes: refused, like a damaged one.
        if (iterations < ITERATIONS || iterations > MAX_ITERATIONS || saltLength < 16) {
            throw damaged();
        }
        byte[] salt = in.readNBytes(saltLength);
        if (salt.length != saltLength) {
            throw damaged();
        }
        return new Header(salt, iterations);
    }

    private static byte[] serialise(Map<String, SecretKey> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(entries.size());
        for (Map.Entry<String, SecretKey> e : entries.entrySet()) {
            byte[] raw = e.getValue().getEncoded();
            try {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue().getAlgorithm());
                out.writeShort(raw.length);
                out.write(raw);
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static Map<String, SecretKey> entries(byte[] plain) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(plain))) {
            int count = in.readInt();
            if (count < 0 || count > 100_000) {
                throw damaged();
            }
            Map<String, SecretKey> entries = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String alias = in.readUTF();
                String algorithm = in.readUTF();
                byte[] raw = in.readNBytes(in.readUnsignedShort());
                try {
                    entries.put(alias, new SecretKeySpec(raw, algorithm));
                } finally {
                    Arrays.fill(raw, (byte) 0);
                }
            }
            if (in.available() != 0) {
                throw damaged();
            }
            return entries;
        }
    }

    private static KeysException damaged() {
        return new KeysException("keystore could not be opened (wrong password or damaged file)");
    }
}
