package bg.nrm.keys.pgp;

import bg.nrm.keys.KeysException;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.pgpainless.PGPainless;
import org.pgpainless.key.info.KeyRingInfo;
import org.pgpainless.key.protection.SecretKeyRingProtector;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * The service's own OpenPGP key, which signs every referral envelope. Its certificate is public
 * ({@code GET /api/v1/service-key}) so recipients can check that a referral really comes from the service.
 *
 * <p>The secret key is stored unprotected in {@value #SECRET_FILE} under the keys directory, readable and
 * writable by the owner only (POSIX mode 600 where the file system supports it, restored on every load; the
 * directory gets 700 when created here). The certificate is written beside it as {@value #CERTIFICATE_FILE}.
 *
 * <p>A generated key is valid for {@link OrganisationKeys#DEFAULT_VALIDITY}; to rotate, move the old files away
 * and publish the new certificate (recipients keep the old one to verify old referrals).
 */
public final class ServiceSigningKey {
    /** File name of the secret key inside the keys directory. */
    public static final String SECRET_FILE = "service-signing.secret.asc";
    /** File name of the certificate inside the keys directory. */
    public static final String CERTIFICATE_FILE = "service-signing.public.asc";
    static final String USER_ID = "NRM Screening and Referral Service <service@nrm.invalid>";

    // Bouncy Castle key and signature objects are not safe to share between threads (verifying a self-signature
    // keeps state in the signature object), so every user gets its own copy parsed from these bytes: envelopes borrow
    // a parsed copy from the pool below (one per concurrent envelope), other uses parse one each time.
    private final String armoredSecretKey;
    private final PGPPublicKeyRing certificate;
    private final String armoredCertificate;
    private final String fingerprint;
    // Parsed private copies of the signing subkey, one per concurrent envelope (see SignerPool).
    private final SignerPool signers;

    private ServiceSigningKey(PGPSecretKeyRing secretKey) {
        this.armoredSecretKey = Pgp.armor(secretKey);
        this.certificate = PGPainless.extractCertificate(secretKey);
        this.armoredCertificate = Pgp.armor(certificate);
        this.fingerprint = Pgp.fingerprint(secretKey);
        KeyRingInfo info = PGPainless.inspectKeyRing(secretKey);
        if (!info.isUsableForSigning() || info.getSigningSubkeys().isEmpty()) {
            throw new InvalidKeyException("service key cannot sign: " + fingerprint);
        }
        this.signers = new SignerPool(this::secretKeyRing, info.getSigningSubkeys().getLast().getKeyID());
    }

    /**
     * Loads the key from {@code keysDir}, or generates and stores one if there is none yet.
     *
     * @throws KeysException if the directory or file cannot be read or written, or the stored key is unusable
     */
    public static ServiceSigningKey loadOrCreate(Path keysDir) {
        Path secretFile = keysDir.resolve(SECRET_FILE);
        try {
            if (Files.exists(secretFile)) {
                restrictToOwner(secretFile);
                return fromArmoredSecretKey(Files.readString(secretFile, StandardCharsets.UTF_8));
            }
            createDirectory(keysDir);
            GeneratedKey generated = OrganisationKeys.generate(USER_ID, null);
            writeOwnerOnly(secretFile, generated.armoredSecretKey());
            Files.writeString(keysDir.resolve(CERTIFICATE_FILE), generated.armoredCertificate(), StandardCharsets.UTF_8);
            return fromArmoredSecretKey(Files.readString(secretFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new KeysException("cannot load or store the service signing key in " + keysDir, e);
        }
    }

    /** A signing key from an armored, unprotected secret key (for example one kept in a secret store). */
    public static ServiceSigningKey fromArmoredSecretKey(String armoredSecretKey) {
        return new ServiceSigningKey(Pgp.readSingleSecretKey(armoredSecretKey));
    }

    /** A fresh key held only in memory (tests, benchmarks, demos). */
    public static ServiceSigningKey ephemeral() {
        return fromArmoredSecretKey(OrganisationKeys.generate(USER_ID, null).armoredSecretKey());
    }

    /**
     * This key with {@code "NRM Screening and Referral Service <address>"} among its user ids, so that mail clients
     * accept its signatures on mail sent from {@code address} (and Web Key Directory can publish it under that
     * address). The user id is certified by the primary key and the key is stored again in {@code keysDir}; a key that
     * already has it is returned unchanged.
     *
     * @throws KeysException if the address is not a plain e-mail address or the key cannot be stored
     */
    public ServiceSigningKey withEmailUserId(String address, Path keysDir) {
        if (address == null || !address.matches("[^\\s<>@]{1,64}@[A-Za-z0-9.-]{1,189}")) {
            throw new KeysException("not a plain e-mail address");
        }
        String userId = USER_ID.substring(0, USER_ID.indexOf('<')) + "<" + address + ">";
        PGPSecretKeyRing secret = secretKeyRing();
        if (PGPainless.inspectKeyRing(secret).isUserIdValid(userId)) {
            return this;
        }
        try {
            PGPSecretKeyRing extended = PGPainless.modifyKeyRing(secret)
                    .addUserId(userId, SecretKeyRingProtector.unprotectedKeys()).done();
            ServiceSigningKey key = new ServiceSigningKey(extended);
            writeOwnerOnly(keysDir.resolve(SECRET_FILE), key.armoredSecretKey);
            Files.writeString(keysDir.resolve(CERTIFICATE_FILE), key.armoredCertificate, StandardCharsets.UTF_8);
            return key;
        } catch (PGPException | IOException e) {
            throw new KeysException("cannot add the e-mail user id to the service key", e);
        }
    }

    /** The user ids of the key, as its certificate states them. */
    public List<String> userIds() {
        return PGPainless.inspectKeyRing(certificate()).getValidUserIds();
    }

    /** The public certificate, unarmored (binary), as Web Key Directory serves it. */
    public byte[] binaryCertificate() {
        try {
            return certificate().getEncoded();
        } catch (IOException e) {
            throw new KeysException("cannot encode the service certificate", e);
        }
    }

    /** The public certificate, armored. */
    public String armoredCertificate() {
        return armoredCertificate;
    }

    /** The primary key fingerprint, 40 upper-case hex digits. */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * A detached, armored OpenPGP signature over {@code data} (a binary document), made with the service's signing
     * subkey: what {@code gpg --verify data.asc data} checks against the service certificate. Used for audit
     * checkpoints.
     */
    public String signDetached(byte[] data, Instant at) {
        SignerPool.Signer s = signers.borrow();
        try {
            PGPSignatureGenerator gen = new PGPSignatureGenerator(s.contentSigner(), s.publicKey());
            gen.init(PGPSignature.BINARY_DOCUMENT, s.privateKey());
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, Date.from(at));
            hashed.setIssuerFingerprint(false, s.publicKey());
            gen.setHashedSubpackets(hashed.generate());
            gen.update(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArmoredOutputStream armor = ArmoredOutputStream.builder().clearHeaders().build(out)) {
                gen.generate().encode(armor);
            }
            return out.toString(StandardCharsets.US_ASCII);
        } catch (PGPException | IOException e) {
            throw new KeysException("signing failed: " + fingerprint, e);
        } finally {
            signers.release(s);
        }
    }

    /** A private copy of the secret key for one use; never shared between threads. */
    PGPSecretKeyRing secretKeyRing() {
        return Pgp.readSingleSecretKey(armoredSecretKey);
    }

    /** The pool of ready signing keys behind this service key. */
    SignerPool signers() {
        return signers;
    }

    /** A private copy of the certificate for one use. */
    PGPPublicKeyRing certificate() {
        return Pgp.readSingleCertificate(armoredCertificate);
    }

    static void writeOwnerOnly(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp;
        if (supportsPosix(dir)) {
            FileAttribute<Set<PosixFilePermission>> ownerOnly =
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            tmp = Files.createTempFile(dir, ".tmp-", ".asc", ownerOnly);
        } else {
            tmp = Files.createTempFile(dir, ".tmp-", ".asc");
        }
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    // A copied or restored key file may have lost its mode; the service owns it, so it puts it back.
    private static void restrictToOwner(Path file) throws IOException {
        if (supportsPosix(file)) {
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            if (!Files.getPosixFilePermissions(file).equals(ownerOnly)) {
                Files.setPosixFilePermissions(file, ownerOnly);
            }
        }
    }

    private static void createDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && supportsPosix(parent)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    private static boolean supportsPosix(Path existing) {
        Path p = existing;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p != null && p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    @Override
    public String toString() {
        return "ServiceSigningKey[" + fingerprint + "]";
    }
}
