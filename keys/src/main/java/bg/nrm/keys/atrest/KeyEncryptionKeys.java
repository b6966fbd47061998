package bg.nrm.keys.atrest;

import bg.nrm.keys.KeysException;
import bg.nrm.keys.SecretBytes;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption keys (KEKs), kept in a password-protected keystore file. One KEK, the newest, is the primary and
 * wraps new data keys; older ones only unwrap until removed. The keystore also holds the bearer-token signing key and
 * the audit chain's MAC key, so issued tokens and the chain survive a restart.
 *
 * <p>The file ({@link KeyFile}) seals all keys together under one key derived from the password: opening it runs the
 * password KDF once. A keystore written by earlier versions (BCFKS, where the KDF ran for the store and again for
 * every entry) is converted when opened: read whole with the password, written in the new layout to a temporary file
 * that is synced and checked, then renamed over the old one, so a crash at any point leaves one complete file with
 * every key. The old file is not kept beside it: a KEK removed later (crypto-shredding) must not survive in a copy.
 *
 * <p>KEK ids are {@code kek-0001}, {@code kek-0002}, ...; the highest is the primary. Every change is written to
 * disk at once (atomically and synced, owner-only permissions where supported). Thread-safe.
 */
public final class KeyEncryptionKeys {
    private static final System.Logger LOG = System.getLogger(KeyEncryptionKeys.class.getName());
    private static final String TOKEN_ALIAS = "token-hmac";
    private static final String AUDIT_ALIAS = "audit-hmac";
    private static final Pattern KEK_ID = Pattern.compile("kek-\\d{4,9}");
    private static final int KEK_BYTES = 32;
    // File locks are held per process: threads of one JVM converting a keystore take this monitor first.
    private static final Object CONVERSION = new Object();

    private final Path file;
    private final KeyFile.FileKey fileKey;
    // Every key of the file, unlocked once when it was opened; readable without the lock.
    private final Map<String, SecretKey> entries;
    // The primary id, known once read; changed only by rotate() (the primary itself cannot be removed).
    private volatile String primary;

    private KeyEncryptionKeys(Path file, KeyFile.FileKey fileKey, Map<String, SecretKey> entries) {
        this.file = file;
        this.fileKey = fileKey;
        this.entries = new ConcurrentHashMap<>(entries);
    }

    /**
     * Opens the keystore at {@code keystoreFile}, or creates it with a first KEK if it does not exist. A keystore in
     * the earlier BCFKS layout is converted to the current one (see the class comment); should the file not be
     * writable, it is used as it is and converted at a later open.
     *
     * @param password protects the keystore; not kept, the caller may clear its array
     * @throws KeysException if the file cannot be read or written, or the password is wrong or the file damaged
     */
    public static KeyEncryptionKeys openOrCreate(Path keystoreFile, char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("keystore password must not be empty");
        }
        char[] pw = Arrays.copyOf(password, password.length);
        try {
            if (Files.exists(keystoreFile)) {
                byte[] content = read(keystoreFile);
                KeyEncryptionKeys keys = KeyFile.isKeyFile(content) ? open(keystoreFile, content, pw)
                        : convert(keystoreFile, pw);
                if (keys.ids().isEmpty()) {
                    throw new KeysException("keystore holds no key-encryption key");
                }
                return keys;
            }
            KeyEncryptionKeys keys = new KeyEncryptionKeys(keystoreFile, KeyFile.newKey(pw), Map.of());
            keys.rotate();
            return keys;
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    private static KeyEncryptionKeys open(Path file, byte[] content, char[] pw) {
        KeyFile.FileKey key = KeyFile.keyFor(content, pw);
        return new KeyEncryptionKeys(file, key, KeyFile.open(content, key));
    }

    // Under a lock file beside the keystore (and this process's monitor), so that of two processes opening the same
    // old keystore one converts it and the other then finds the new layout, rather than both writing it.
    private static KeyEncryptionKeys convert(Path file, char[] pw) {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        synchronized (CONVERSION) {
            FileChannel lock;
            try {
                lock = lockChannel(lockFile);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "the keystore could not be converted to the current layout "
                        + "(no lock file; it stays as it is and is converted at a later start): "
                        + e.getClass().getSimpleName());
                return unconverted(file, pw);
            }
            try (lock; FileLock held = lock.lock()) {
                byte[] content = read(file);
                if (KeyFile.isKeyFile(content)) {
                    return open(file, content, pw);
                }
                Map<String, SecretKey> old = LegacyKeystore.read(content, pw);
                KeyFile.FileKey key = KeyFile.newKey(pw);
                byte[] converted = KeyFile.seal(old, key);
                if (!sameKeys(KeyFile.open(converted, key), old)) {
                    throw new KeysException("keystore conversion failed: the converted keys differ");
                }
                try {
                    KeyFile.writeAtomically(file, converted);
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "the keystore could not be converted to the current layout "
                            + "(it stays as it is and is converted at a later start): " + e.getClass().getSimpleName());
                    return new KeyEncryptionKeys(file, key, old);
                }
                if (!sameKeys(KeyFile.open(read(file), key), old)) {
                    throw new KeysException("keystore conversion failed: the file written differs");
                }
                LOG.log(System.Logger.Level.INFO, "keystore converted to the current layout (" + old.size() + " keys)");
                return new KeyEncryptionKeys(file, key, old);
            } catch (IOException e) {
                throw new KeysException("keystore could not be converted", e);
            }
        }
    }

    // Opened with every key but left in the layout it has (nothing written).
    private static KeyEncryptionKeys unconverted(Path file, char[] pw) {
        byte[] content = read(file);
        if (KeyFile.isKeyFile(content)) {
            return open(file, content, pw);
        }
        return new KeyEncryptionKeys(file, KeyFile.newKey(pw), LegacyKeystore.read(content, pw));
    }

    private static FileChannel lockChannel(Path lockFile) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (lockFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return FileChannel.open(lockFile, options,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return FileChannel.open(lockFile, options);
    }

    private static boolean sameKeys(Map<String, SecretKey> a, Map<String, SecretKey> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, SecretKey> e : a.entrySet()) {
            SecretKey other = b.get(e.getKey());
            byte[] x = e.getValue().getEncoded();
            byte[] y = other.getEncoded();
            try {
                if (!MessageDigest.isEqual(x, y) || !e.getValue().getAlgorithm().equals(other.getAlgorithm())) {
                    return false;
                }
            } finally {
                Arrays.fill(x, (byte) 0);
                Arrays.fill(y, (byte) 0);
            }
        }
        return true;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new KeysException("keystore could not be read", e);
        }
    }

    /** Id of the KEK that wraps new data keys. */
    public String primaryId() {
        String known = primary;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            List<String> ids = ids();
            if (ids.isEmpty()) {
                throw new KeysException("keystore holds no key-encryption key");
            }
            primary = ids.get(ids.size() - 1);
            return primary;
        }
    }

    /** All KEK ids, oldest first. */
    public synchronized List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (String alias : entries.keySet()) {
            if (KEK_ID.matcher(alias).matches()) {
                ids.add(alias);
            }
        }
        ids.sort(null);
        return List.copyOf(ids);
    }

    /**
     * Adds a new KEK, which becomes the primary, and saves the keystore. Existing wrapped data keys stay
     * readable; re-wrap them with {@link Sealer#rewrap} at leisure.
     *
     * @return the new primary id
     */
    public synchronized String rotate() {
        List<String> ids = ids();
        int next = ids.isEmpty() ? 1 : Integer.parseInt(ids.get(ids.size() - 1).substring(4)) + 1;
        String id = String.format("kek-%04d", next);
        putSecret(id, "AES", SecretBytes.random(KEK_BYTES));
        primary = id;
        return id;
    }

    /**
     * Deletes a KEK that is not the primary, and saves. Every data key still wrapped with it becomes
     * unreadable: re-wrap first, or use this to shred everything under that KEK.
     */
    public synchronized void remove(String kekId) {
        if (!ids().contains(kekId)) {
            throw new KeysException("unknown key-encryption key: " + kekId);
        }
        if (kekId.equals(primaryId())) {
            throw new KeysException("the primary key-encryption key cannot be removed: " + kekId);
        }
        SecretKey removed = entries.remove(kekId);
        try {
            save();
        } catch (KeysException e) {
            entries.put(kekId, removed);
            throw e;
        }
    }

    /**
     * The bearer-token signing key (32 bytes), created and saved on first use. A fresh copy on each call; the
     * caller should clear it once handed to the token service.
     */
    public synchronized byte[] tokenKeyMaterial() {
        SecretKey key = entries.get(TOKEN_ALIAS);
        if (key == null) {
            key = putSecret(TOKEN_ALIAS, "HmacSHA256", SecretBytes.random(32));
        }
        return key.getEncoded();
    }

    /**
     * The audit chain's MAC key, created on first use and kept beside the KEKs (never rotated with them: every past
     * entry is checked with it). Not in the database, so that a database writer cannot recompute the chain.
     */
    public synchronized byte[] auditKeyMaterial() {
        SecretKey key = entries.get(AUDIT_ALIAS);
        if (key == null) {
            key = putSecret(AUDIT_ALIAS, "HmacSHA256", SecretBytes.random(32));
        }
        return key.getEncoded();
    }

    /** The KEK with this id, or null if there is none. */
    SecretKey kek(String kekId) {
        if (kekId == null || !KEK_ID.matcher(kekId).matches()) {
            return null;
        }
        return entries.get(kekId);
    }

    // Adds the key and saves; on a failed save the key is not kept, so nothing is used that is not on disk.
    private SecretKey putSecret(String alias, String algorithm, SecretBytes material) {
        byte[] raw = material.unsafeBytes();
        try {
            SecretKey key = new SecretKeySpec(raw, algorithm);
            entries.put(alias, key);
            try {
                save();
            } catch (KeysException e) {
                entries.remove(alias);
                throw e;
            }
            return key;
        } finally {
            Arrays.fill(raw, (byte) 0);
            material.clear();
        }
    }

    private void save() {
        try {
            KeyFile.writeAtomically(file, KeyFile.seal(new TreeMap<>(entries), fileKey));
        } catch (IOException e) {
            throw new KeysException("keystore could not be saved", e);
        }
    }

    @Override
    public String toString() {
        return "KeyEncryptionKeys[" + file.getFileName() + ", primary=" + primaryId() + "]";
    }
}
