package bg.nrm.keys.pgp;

import bg.nrm.keys.KeysException;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.pgpainless.PGPainless;
import org.pgpainless.decryption_verification.ConsumerOptions;
import org.pgpainless.decryption_verification.DecryptionStream;
import org.pgpainless.decryption_verification.MessageMetadata;
import org.pgpainless.decryption_verification.SignatureVerification;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Referral envelopes: OpenPGP messages signed by the service and encrypted to every recipient
 * organisation, readable with any OpenPGP tool (GnuPG 2.2 included).
 *
 * <p>Produced messages are ASCII-armored, uncompressed, AES-256 in SEIPD v1 (with MDC), signed inline with
 * the service key (binary document signature). Plaintext is limited to {@value #MAX_PLAINTEXT_BYTES} bytes. The same
 * message can be had binary, for storage ({@link #signAndEncryptBinary}), and armored when it leaves ({@link #armor}).
 *
 * <p>On the way in, any failure (wrong key, wrong passphrase, tampering, malformed or oversized input,
 * unencrypted message) is reported as {@link KeysException} "decryption failed" and nothing else.
 */
public final class Envelopes {
    /** Largest plaintext sealed into or read out of an envelope. */
    public static final int MAX_PLAINTEXT_BYTES = 1024 * 1024;
    /** Largest armored message accepted for decryption. */
    public static final int MAX_MESSAGE_CHARS = 2 * 1024 * 1024;
    /** Most recipients of one envelope. */
    public static final int MAX_RECIPIENTS = 32;

    private Envelopes() {
    }

    /**
     * Signs {@code plaintext} with the service key and encrypts it to every recipient certificate.
     *
     * @return the armored OpenPGP message
     * @throws InvalidKeyException if a recipient certificate is unreadable, secret, expired, revoked or cannot encrypt
     * @throws KeysException       if the plaintext is larger than {@value #MAX_PLAINTEXT_BYTES} bytes or encryption fails
     */
    public static String signAndEncrypt(byte[] plaintext, ServiceSigningKey signer, List<String> recipientArmoredCertificates) {
        return Armor.message(signAndEncryptBinary(plaintext, signer, recipientArmoredCertificates, Instant.now()));
    }

    /**
     * As {@link #signAndEncrypt}, without the ASCII armor: the binary OpenPGP message, about three quarters of the
     * armored one's size, for storage. {@link #armor} gives exactly the text {@link #signAndEncrypt} would have.
     */
    public static byte[] signAndEncryptBinary(byte[] plaintext, ServiceSigningKey signer,
                                              List<String> recipientArmoredCertificates) {
        return signAndEncryptBinary(plaintext, signer, recipientArmoredCertificates, Instant.now());
    }

    /**
     * The ASCII-armored form (RFC 4880 §6.2, with its CRC-24 line, no headers) of a binary message made by
     * {@link #signAndEncryptBinary}: the same text {@link #signAndEncrypt} returns for it.
     */
    public static String armor(byte[] binaryMessage) {
        if (binaryMessage == null || binaryMessage.length == 0) {
            throw new IllegalArgumentException("an empty message has no armored form");
        }
        return Armor.message(binaryMessage);
    }

    // Package-private: tests evaluate recipient validity at a chosen time.
    static String signAndEncrypt(byte[] plaintext, ServiceSigningKey signer, List<String> recipients, Instant now) {
        return Armor.message(signAndEncryptBinary(plaintext, signer, recipients, now));
    }

    static byte[] signAndEncryptBinary(byte[] plaintext, ServiceSigningKey signer, List<String> recipients, Instant now) {
        if (plaintext == null) {
            throw new IllegalArgumentException("plaintext must not be null");
        }
        if (plaintext.length > MAX_PLAINTEXT_BYTES) {
            throw new KeysException("plaintext larger than " + MAX_PLAINTEXT_BYTES + " bytes");
        }
        if (signer == null) {
            throw new IllegalArgumentException("signer must not be null");
        }
        if (recipients == null || recipients.isEmpty()) {
            throw new InvalidKeyException("at least one recipient is required");
        }
        if (recipients.size() > MAX_RECIPIENTS) {
            throw new InvalidKeyException("more than " + MAX_RECIPIENTS + " recipients");
        }
        // Each certificate is parsed and validated once and then reused (RecipientCertificates); the same
        // organisation named twice gets one encrypted session key.
        Map<String, RecipientCertificates.Usable> certs = new LinkedHashMap<>();
        for (String armored : recipients) {
            RecipientCertificates.Usable usable = RecipientCertificates.usable(armored, now);
            certs.putIfAbsent(usable.fingerprint(), usable);
        }
        List<PGPPublicKey> keys = new ArrayList<>(certs.size());
        for (RecipientCertificates.Usable usable : certs.values()) {
            keys.addAll(usable.encryptionKeys());
        }
        SignerPool pool = signer.signers();
        SignerPool.Signer key = pool.borrow();
        try {
            byte[] message = EnvelopeWriter.write(plaintext, key, keys, Date.from(now));
            pool.release(key);
            return message;
        } catch (PGPException | IOException | RuntimeException e) {
            // A signer that failed half-way is dropped, not given back: the next borrower gets a fresh one.
            throw new KeysException("encryption failed", e);
        }
    }

    /**
     * Decrypts an armored (or binary, Latin-1 encoded) OpenPGP message with {@code armoredSecretKey} and checks
     * its signatures against {@code trustedSignerCertificates}.
     *
     * @param passphraseOrNull the secret key's passphrase; null if unprotected
     * @return the plaintext and the verification result; the caller must check {@link OpenedEnvelope#signatureVerified()}
     * @throws KeysException "decryption failed" on any failure
     */
    public static OpenedEnvelope decryptAndVerify(String armoredMessage, String armoredSecretKey, char[] passphraseOrNull,
            List<String> trustedSignerCertificates) {
        if (armoredMessage == null || armoredMessage.isEmpty() || armoredMessage.length() > MAX_MESSAGE_CHARS) {
            throw new KeysException("decryption failed");
        }
        PGPSecretKeyRing secret;
        try {
            secret = Pgp.readSingleSecretKey(armoredSecretKey);
        } catch (InvalidKeyException e) {
            throw new KeysException("decryption failed");
        }
        ConsumerOptions options = ConsumerOptions.get().addDecryptionKey(secret, Pgp.protector(passphraseOrNull));
        for (String trusted : trustedSignerCertificates == null ? List.<String>of() : trustedSignerCertificates) {
            // An unreadable trusted certificate is a configuration error, not an attacker's input: say so.
            options.addVerificationCert(Pgp.readSingleCertificate(trusted));
        }
        byte[] plaintext;
        MessageMetadata metadata;
        InputStream in = new ByteArrayInputStream(armoredMessage.getBytes(StandardCharsets.ISO_8859_1));
        try (DecryptionStream stream = PGPainless.decryptAndOrVerify().onInputStream(in).withOptions(options)) {
            plaintext = readCapped(stream);
            stream.close();
            metadata = stream.getMetadata();
        } catch (PGPException | IOException | RuntimeException e) {
            throw new KeysException("decryption failed");
        }
        if (!metadata.isEncrypted() || metadata.getDecryptionKey() == null) {
            // A signed-but-not-encrypted message is not an envelope.
            throw new KeysException("decryption failed");
        }
        Set<String> signers = new TreeSet<>();
        for (SignatureVerification v : metadata.getVerifiedSignatures()) {
            signers.add(v.getSigningKey().getPrimaryKeyFingerprint().toString());
        }
        return new OpenedEnvelope(plaintext, !signers.isEmpty(), signers,
                metadata.getDecryptionKey().getPrimaryKeyFingerprint().toString());
    }

    private static byte[] readCapped(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) != -1) {
            if (out.size() + n > MAX_PLAINTEXT_BYTES) {
                throw new IOException("plaintext too large");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
