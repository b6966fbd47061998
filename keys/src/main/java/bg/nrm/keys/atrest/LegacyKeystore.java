package bg.nrm.keys.atrest;

import bg.nrm.keys.KeysException;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.SecretKey;

/**
 * Reads a keystore written by versions before {@link KeyFile}: a BCFKS store (Bouncy Castle's FIPS keystore) whose
 * secret-key entries are protected with the store's password. Used only to convert it; nothing writes this layout.
 */
final class LegacyKeystore {
    private LegacyKeystore() {
    }

    /**
     * Every secret-key entry of the BCFKS store {@code content}, by alias.
     *
     * @throws KeysException if the password is wrong, the file damaged, or an entry is not a secret key
     */
    static Map<String, SecretKey> read(byte[] content, char[] password) {
        KeyStore store;
        try {
            store = KeyStore.getInstance("BCFKS", new BouncyCastleProvider());
            store.load(new ByteArrayInputStream(content), password);
        } catch (IOException | GeneralSecurityException e) {
            throw new KeysException("keystore could not be opened (wrong password or damaged file)");
        }
        try {
            Map<String, SecretKey> entries = new LinkedHashMap<>();
            KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(password);
            for (String alias : Collections.list(store.aliases())) {
                if (!(store.getEntry(alias, protection) instanceof KeyStore.SecretKeyEntry entry)) {
                    throw new KeysException("keystore entry is not a secret key: " + alias);
                }
                entries.put(alias, entry.getSecretKey());
            }
            return entries;
        } catch (GeneralSecurityException e) {
            throw new KeysException("keystore entry unreadable", e);
        }
    }
}
