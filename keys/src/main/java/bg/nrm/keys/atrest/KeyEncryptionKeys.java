package bg.nrm.keys.atrest;

import bg.nrm.keys.KeysException;
import bg.nrm.keys.SecretBytes;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption keys (KEKs), kept in a password-protected BCFKS keystore file. One KEK, the newest, is the
 * primary and wraps new data keys; older ones only unwrap until removed. The keystore also holds the bearer-token
 * signing key, so issued tokens survive a restart.
 *
 * <p>KEK ids are {@code kek-0001}, {@code kek-0002}, ...; the highest is the primary. Every change is written to
 * disk at once (atomically, owner-only permissions where supported). Thread-safe.
 */
public final class KeyEncryptionKeys {
    private static final Provider BC = new BouncyCastleProvider();
    private static final String KEYSTORE_TYPE = "BCFKS";
    private static final String TOKEN_ALIAS = "token-hmac";
    private static final Pattern KEK_ID = Pattern.compile("kek-\\d{4,9}");
    private static final int KEK_BYTES = 32;

    private final Path file;
    private final char[] password;
    private final KeyStore store;
    // Unlocking a BCFKS entry runs the password KDF; each key is unlocked once per process and kept here, readable
    // without the lock, so sealing neither repeats the KDF nor queues behind other threads.
    private final Map<String, SecretKey> unlocked = new ConcurrentHashMap<>();
    // The primary id, known once read; changed only by rotate() (the primary itself cannot be removed).
    private volatile String primary;

    private KeyEncryptionKeys(Path file, char[] password, KeyStore store) {
        this.file = file;
        this.password = password;
        this.store = store;
    }

    /**
     * Opens the keystore at {@code keystoreFile}, or creates it with a first KEK if it does not exist.
     *
     * @param password protects the keystore; copied, the caller may clear its array
     * @throws KeysException if the file cannot be read or written, or the password is wrong or the file damaged
     */
    public static KeyEncryptionKeys openOrCreate(Path keystoreFile, char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("keystore password must not be empty");
        }
        char[] pw = Arrays.copyOf(password, password.length);
        try {
            KeyStore ks = KeyStore.getInstance(KEYSTORE_TYPE, BC);
            if (Files.exists(keystoreFile)) {
                try (InputStream in = Files.newInputStream(keystoreFile)) {
                    ks.load(in, pw);
                } catch (IOException | GeneralSecurityException e) {
                    throw new KeysException("keystore could not be opened (wrong password or damaged file)");
                }
                KeyEncryptionKeys keys = new KeyEncryptionKeys(keystoreFile, pw, ks);
                if (keys.ids().isEmpty()) {
                    throw new KeysException("keystore holds no key-encryption key");
                }
                return keys;
            }
            ks.load(null, pw);
            KeyEncryptionKeys keys = new KeyEncryptionKeys(keystoreFile, pw, ks);
            keys.rotate();
            return keys;
        } catch (GeneralSecurityException | IOException e) {
            throw new KeysException("keystore could not be created", e);
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
        try {
            List<String> ids = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (KEK_ID.matcher(alias).matches()) {
                    ids.add(alias);
                }
            }
            ids.sort(null);
            return List.copyOf(ids);
        } catch (GeneralSecurityException e) {
            throw new KeysException("keystore unreadable", e);
        }
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
        save();
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
        try {
            store.deleteEntry(kekId);
            unlocked.remove(kekId);
        } catch (GeneralSecurityException e) {
            throw new KeysException("keystore update failed", e);
        }
        save();
    }

    /**
     * The bearer-token signing key (32 bytes), created and saved on first use. A fresh copy on each call; the
     * caller should clear it once handed to the token service.
     */
    public synchronized byte[] tokenKeyMaterial() {
        SecretKey key = secret(TOKEN_ALIAS);
        if (key == null) {
            putSecret(TOKEN_ALIAS, "HmacSHA256", SecretBytes.random(32));
            save();
            key = secret(TOKEN_ALIAS);
        }
        return key.getEncoded();
    }

    /** The KEK with this id, or null if there is none. */
    SecretKey kek(String kekId) {
        if (kekId == null) {
            return null;
        }
        SecretKey known = unlocked.get(kekId);
        if (known != null) {
            return known;
        }
        if (!KEK_ID.matcher(kekId).matches()) {
            return null;
        }
        synchronized (this) {
            return secret(kekId);
        }
    }

    private SecretKey secret(String alias) {
        SecretKey cached = unlocked.get(alias);
        if (cached != null) {
            return cached;
        }
        try {
            KeyStore.Entry entry = store.getEntry(alias, new KeyStore.PasswordProtection(password));
            SecretKey key = entry instanceof KeyStore.SecretKeyEntry s ? s.getSecretKey() : null;
            if (key != null) {
                unlocked.put(alias, key);
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new KeysException("keystore entry unreadable", e);
        }
    }

    private void putSecret(String alias, String algorithm, SecretBytes material) {
        byte[] raw = material.unsafeBytes();
        try {
            store.setEntry(alias, new KeyStore.SecretKeyEntry(new SecretKeySpec(raw, algorithm)),
                    new KeyStore.PasswordProtection(password));
        } catch (GeneralSecurityException e) {
            throw new KeysException("keystore update failed", e);
        } finally {
            Arrays.fill(raw, (byte) 0);
            material.clear();
        }
    }

    private void save() {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".keystore-", ".tmp"); // owner-only on POSIX by default
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    store.store(out, password);
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new KeysException("keystore could not be saved", e);
        }
    }

    @Override
    public String toString() {
        return "KeyEncryptionKeys[" + file.getFileName() + ", primary=" + primaryId() + "]";
    }
}
