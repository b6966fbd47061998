package bg.nrm.service.transport;

import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The listener's TLS from the {@code nrm.tls.*} settings: the server's key and certificate chain from a PKCS#12
 * keystore (its one key entry, whatever its alias), TLS 1.3 and 1.2 only, and optionally mutual TLS for machine
 * clients (the certificates of a PKCS#12 truststore; with {@code REQUIRED} a client without one of them is refused
 * during the handshake, before any byte of HTTP). The files are read with the JDK's {@link KeyStore} and the handshake
 * is the JDK's, through Helidon: no cryptography of our own here.
 */
public final class ServerTls {
    /** The protocol versions the listener offers, newest first; nothing older. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private ServerTls() {
    }

    /**
     * TLS for the listener.
     *
     * @param keystore           PKCS#12 file with the server's private key and certificate chain (one key entry)
     * @param keystorePassword   its password
     * @param truststore         PKCS#12 file of the certificates (CAs or clients) accepted from clients, if any
     * @param truststorePassword its password
     * @param clientAuth         NONE, OPTIONAL or REQUIRED
     */
    public static Tls create(Path keystore, String keystorePassword, Optional<Path> truststore,
                             String truststorePassword, String clientAuth) {
        KeyStore server = load(keystore, keystorePassword);
        List<String> keyAliases = aliases(server, true);
        if (keyAliases.size() != 1) {
            throw new IllegalArgumentException(keystore + " must hold exactly one private key, found "
                    + keyAliases.size());
        }
        String alias = keyAliases.get(0);
        var tls = Tls.builder()
                .privateKey(privateKey(server, alias, keystorePassword))
                .privateKeyCertChain(chain(server, alias, keystore))
                .enabledProtocols(PROTOCOLS)
                .clientAuth(TlsClientAuth.valueOf(clientAuth));
        truststore.ifPresent(file -> {
            KeyStore trusted = load(file, truststorePassword);
            List<X509Certificate> certificates = new ArrayList<>();
            for (String a : aliases(trusted, false)) {
                try {
                    if (trusted.getCertificate(a) instanceof X509Certificate c) {
                        certificates.add(c);
                    }
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException("cannot read " + file, e);
                }
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no certificates in " + file);
            }
            tls.trust(certificates);
        });
        return tls.build();
    }

    private static KeyStore load(Path file, String password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            // The JDK's message may name the file and says "wrong password" or "not PKCS#12": never the password.
            throw new IllegalArgumentException("cannot read the PKCS#12 file " + file + " (" + e.getMessage() + ")", e);
        }
    }

    private static List<String> aliases(KeyStore store, boolean keys) {
        try {
            List<String> found = new ArrayList<>();
            for (String a : Collections.list(store.aliases())) {
                if (keys ? store.isKeyEntry(a) : store.isCertificateEntry(a)) {
                    found.add(a);
                }
            }
            return found;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot list the keystore", e);
        }
    }

    private static PrivateKey privateKey(KeyStore store, String alias, String password) {
        try {
            if (store.getKey(alias, password.toCharArray()) instanceof PrivateKey key) {
                return key;
            }
            throw new IllegalArgumentException("the key entry of the keystore is not a private key");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the private key of the keystore", e);
        }
    }

    private static List<X509Certificate> chain(KeyStore store, String alias, Path file) {
        try {
            Certificate[] chain = store.getCertificateChain(alias);
            if (chain == null || chain.length == 0) {
                throw new IllegalArgumentException("no certificate chain in " + file);
            }
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : chain) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the certificate chain of " + file, e);
        }
    }
}
