package bg.nrm.keys.pgp;

import bg.nrm.keys.KeysException;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.bouncycastle.util.io.Streams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pgpainless.PGPainless;
import org.pgpainless.algorithm.EncryptionPurpose;
import org.pgpainless.encryption_signing.EncryptionStream;
import org.pgpainless.encryption_signing.ProducerOptions;
import org.pgpainless.encryption_signing.SigningOptions;
import org.pgpainless.key.protection.SecretKeyRingProtector;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopesTest {
    private static final byte[] REFERRAL = "{\"referral\":\"ref-1\",\"level\":\"HIGH\"}".getBytes(StandardCharsets.UTF_8);
    private static ServiceSigningKey service;
    private static GeneratedKey crisisCentre;
    private static GeneratedKey police;

    @BeforeAll
    static void keys() {
        service = ServiceSigningKey.ephemeral();
        crisisCentre = OrganisationKeys.generate("cc-children-plovdiv", "секрет".toCharArray());
        police = OrganisationKeys.generate("police-plovdiv", null);
    }

    @Test
    void envelopesMadeOneAfterAnotherEachOpenToTheirOwnPlaintext() {
        // One thread: the same pooled signer, with its cipher and digests, makes every envelope in turn.
        List<String> envelopes = new ArrayList<>();
        List<byte[]> plaintexts = new ArrayList<>();
        for (int size : new int[] {0, 1, 15, 16, 17, 4096, 70_000, 3}) {
            byte[] plaintext = new byte[size];
            for (int i = 0; i < size; i++) {
                plaintext[i] = (byte) (i * 31 + size);
            }
            plaintexts.add(plaintext);
            envelopes.add(Envelopes.signAndEncrypt(plaintext, service, List.of(police.armoredCertificate(),
                    crisisCentre.armoredCertificate())));
        }
        for (int k = 0; k < envelopes.size(); k++) {
            OpenedEnvelope opened = Envelopes.decryptAndVerify(envelopes.get(k), crisisCentre.armoredSecretKey(),
                    "секрет".toCharArray(), List.of(service.armoredCertificate()));
            assertThat(opened.signatureVerified()).isTrue();
            assertThat(opened.plaintext()).isEqualTo(plaintexts.get(k));
            assertThat(Envelopes.decryptAndVerify(envelopes.get(k), police.armoredSecretKey(), null,
                    List.of(service.armoredCertificate())).plaintext()).isEqualTo(plaintexts.get(k));
        }
    }

    @Test
    void oneServiceKeySignsFromManyThreadsAtOnce() throws Exception {
        // Regression: sharing one Bouncy Castle key ring between threads corrupted signature digests under load.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> envelopes = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                envelopes.add(pool.submit(() -> Envelopes.signAndEncrypt(REFERRAL, service,
                        List.of(police.armoredCertificate()))));
            }
            for (Future<String> envelope : envelopes) {
                OpenedEnvelope opened = Envelopes.decryptAndVerify(envelope.get(60, TimeUnit.SECONDS),
                        police.armoredSecretKey(), null, List.of(service.armoredCertificate()));
                assertThat(opened.signatureVerified()).isTrue();
                assertThat(opened.plaintext()).isEqualTo(REFERRAL);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void envelopeIsUncompressedAes256WithIntegrityAndOneSha512SignatureByTheSigningSubkey() throws Exception {
        String envelope = Envelopes.signAndEncrypt(REFERRAL, service, List.of(police.armoredCertificate()));
        var options = org.pgpainless.decryption_verification.ConsumerOptions.get()
                .addDecryptionKey(Pgp.readSingleSecretKey(police.armoredSecretKey()))
                .addVerificationCert(service.certificate());
        org.pgpainless.decryption_verification.MessageMetadata metadata;
        try (var in = PGPainless.decryptAndOrVerify()
                .onInputStream(new ByteArrayInputStream(envelope.getBytes(StandardCharsets.US_ASCII))).withOptions(options)) {
            assertThat(Streams.readAll(in)).isEqualTo(REFERRAL);
            in.close();
            metadata = in.getMetadata();
        }
        assertThat(metadata.getEncryptionAlgorithm()).isEqualTo(org.pgpainless.algorithm.SymmetricKeyAlgorithm.AES_256);
        assertThat(metadata.getCompressionAlgorithm()).isIn(null, org.pgpainless.algorithm.CompressionAlgorithm.UNCOMPRESSED);
        assertThat(metadata.getVerifiedInlineSignatures()).singleElement().satisfies(v -> {
            assertThat(v.getSignature().getHashAlgorithm()).isEqualTo(org.bouncycastle.bcpg.HashAlgorithmTags.SHA512);
            assertThat(v.getSignature().getSignatureType()).isEqualTo(org.bouncycastle.openpgp.PGPSignature.BINARY_DOCUMENT);
            assertThat(v.getSigningKey().getPrimaryKeyFingerprint().toString()).isEqualTo(service.fingerprint());
        });
        assertThat(envelope).startsWith("-----BEGIN PGP MESSAGE-----\n\n").endsWith("-----END PGP MESSAGE-----\n");
    }

    @Test
    void sameCertificateNamedTwiceGetsOneSessionKeyPacket() throws Exception {
        String once = Envelopes.signAndEncrypt(REFERRAL, service, List.of(police.armoredCertificate()));
        String twice = Envelopes.signAndEncrypt(REFERRAL, service, List.of(police.armoredCertificate(), police.armoredCertificate()));
        assertThat(sessionKeyPackets(twice)).isEqualTo(sessionKeyPackets(once)).isEqualTo(1);
    }

    private static int sessionKeyPackets(String armored) throws Exception {
        var objects = new org.bouncycastle.openpgp.bc.BcPGPObjectFactory(
                new ArmoredInputStream(new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII))));
        var list = (org.bouncycastle.openpgp.PGPEncryptedDataList) objects.nextObject();
        return list.size(); // one entry per session key packet
    }

    @Test
    void recipientDecryptsAndVerifiesTheServiceSignature() {
        String envelope = Envelopes.signAndEncrypt(REFERRAL, service, List.of(crisisCentre.armoredCertificate()));
        assertThat(envelope).startsWith("-----BEGIN PGP MESSAGE-----");

        OpenedEnvelope opened = Envelopes.decryptAndVerify(envelope, crisisCentre.armoredSecretKey(),
                "секрет".toCharArray(), List.of(service.armoredCertificate()));

        assertThat(opened.plaintext()).isEqualTo(REFERRAL);
        assertThat(opened.signatureVerified()).isTrue();
        assertThat(opened.signerFingerprints()).containsExactly(service.fingerprint());
        assertThat(opened.signedBy(service.fingerprint())).isTrue();
        assertThat(opened.decryptionKeyFingerprint()).isEqualTo(crisisCentre.fingerprint());
        assertThat(opened.toString()).doesNotContain("ref-1");
    }

    @Test
    void binaryEnvelopeArmoredLaterOpensAsTheArmoredOneDoes() {
        byte[] binary = Envelopes.signAndEncryptBinary(REFERRAL, service, List.of(crisisCentre.armoredCertificate()));
        // A binary OpenPGP message: a packet tag (bit 7 set), not the armor's first dash.
        assertThat(binary[0] & 0x80).isEqualTo(0x80);
        String armored = Envelopes.armor(binary);
        assertThat(armored).startsWith("-----BEGIN PGP MESSAGE-----\n\n").endsWith("-----END PGP MESSAGE-----\n");
        assertThat(armored.length()).isGreaterThan(binary.length * 4 / 3);

        OpenedEnvelope opened = Envelopes.decryptAndVerify(armored, crisisCentre.armoredSecretKey(),
                "секрет".toCharArray(), List.of(service.armoredCertificate()));

        assertThat(opened.plaintext()).isEqualTo(REFERRAL);
        assertThat(opened.signatureVerified()).isTrue();
        assertThat(Envelopes.armor(binary)).isEqualTo(armored);
        assertThatThrownBy(() -> Envelopes.armor(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachOfTwoRecipientsDecrypts() {
        String envelope = Envelopes.signAndEncrypt(REFERRAL, service,
                List.of(crisisCentre.armoredCertificate(), police.armoredCertificate()));
        OpenedEnvelope byCentre = Envelopes.decryptAndVerify(envelope, crisisCentre.armoredSecretKey(),
                "секрет".toCharArray(), List.of(service.armoredCertificate()));
        OpenedEnvelope byPolice = Envelopes.decryptAndVerify(envelope, police.armoredSecretKey(), null,
                List.of(service.armoredCertificate()));
        assertThat(byCentre.plaintext()).isEqualTo(REFERRAL);
        assertThat(byPolice.plaintext()).isEqualTo(REFERRAL);
        assertThat(byCentre.signatureVerified()).isTrue();
        assertThat(byPolice.signatureVerified()).isTrue();
    }

    @Test
    void wrongRecipientCannotDecrypt() {
        String envelope = Envelopes.signAndEncrypt(REFERRAL, service, List.of(crisisCentre.armoredCertificate()));
        assertThatThrownBy(() -> Envelopes.decryptAndVerify(envelope, police.armoredSecretKey(), null,
                List.of(service.armoredCertificate())))
                .isExactlyInstanceOf(KeysException.class).hasMessage("decryption failed").hasNoCause();
    }

    @Test
    void wrongPassphraseCannotDecrypt() {
        String envelope = Envelopes.signAndEncrypt(REFERRAL, service, List.of(crisisCentre.armoredCertificate()));
        assertThatThrownBy(() -> Envelopes.decryptAndVerify(envelope, crisisCentre.armoredSecretKey(),
                "грешна".toCharArray(), List.of(service.armoredCertificate())))
                .isExactlyInstanceOf(KeysException.class).hasMessage("decryption failed");
        assertThatThrownBy(() -> Envelopes.decryptAndVerify(envelope, crisisCentre.armoredSecretKey(), null,
                List.of(service.armoredCertificate())))
                .isExactlyInstanceOf(KeysException.class).hasMessage("decryption failed");
    }

    @Test
    void tamperedCiphertextIsRejected() throws Exception {
        String envelope = Envelopes.signAndEncrypt(REFERRAL, service, List.of(police.armoredCertificate()));
        byte[] binary = dearmor(envelope);
        // Flip one bit in the last bytes (encrypted literal data / signature / MDC) and re-armor with a valid CRC.
        for (int offset : new int[] {binary.length - 1, binary.length - 30, binary.length - 120}) {
            byte[] tampered = binary.clone();
            tampered[offset] ^= 0x01;
            assertThatThrownBy(() -> Envelopes.decryptAndVerify(armor(tampered), police.armoredSecretKey(), null,
                    List.of(service.armoredCertificate())))
                    .as("bit flipped at %d", offset)
                    .isExactlyInstanceOf(KeysException.class).hasMessage("decryption failed");
        }
        // Tampering with the armor text itself is caught too.
        String[] lines = envelope.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].length() >= 60) {
                char[] c = lines[i].toCharArray();
                c[20] = c[20] == 'A' ? 'B' : 'A';
                lines[i] = new String(c);
                break;
            }
        }
        String broken = String.join("\n", lines);
        assertThat(broken).isNotEqualTo(envelope);
        assertThatThrownBy(() -> Envelopes.decryptAndVerify(broken, police.armoredSecretKey(), null, List.of()))
                .isExactlyInstanceOf(KeysException.class).hasMessage("decryption failed");
    }

    @Test
    void signatureFromAnUntrustedKeyIsNotVerified() {
        ServiceSigningKey impostor = ServiceSigningKey.ephemeral();
        String envelope = Envelopes.signAndEncrypt(REFERRAL, impostor, List.of(police.armoredCertificate()));
        OpenedEnvelope opened = Envelopes.decryptAndVerify(envelope, police.armoredSecretKey(), null,
                List.of(service.armoredCertificate()));
        assertThat(opened.signatureVerified()).isFalse();
        assertThat(opened.signerFingerprints()).isEmpty();
        assertThat(opened.signedBy(impostor.fingerprint())).isFalse();
        OpenedEnvelope noTrust = Envelopes.decryptAndVerify(envelope, police.armoredSecretKey(), null, List.of());
        assertThat(noTrust.signatureVerified()).isFalse();
    }

    @Test
    void signedButUnencryptedMessageIsNotAnEnvelope() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (EncryptionStream s = PGPainless.encryptAndOrSign().onOutputStream(out).withOptions(ProducerOptions.sign(
                SigningOptions.get().addInlineSignature(SecretKeyRingProtector.unprotectedKeys(), service.secretKeyRing()))
                .setAsciiArmor(true))) {
            s.write(REFERRAL);
        }
        assertThatThrownBy(() -> Envelopes.decryptAndVerify(out.toString(StandardCharsets.US_ASCII), police.armoredSecretKey(),
                null, List.of(service.armoredCertificate())))
                .isExactlyInstanceOf(KeysException.class).hasMessage("decryption failed");
    }

    @Test
    void revokedRecipientIsRefused() {
        GeneratedKey retired = OrganisationKeys.generate("shelter-sofia", "p".toCharArray());
        String revoked = Certificates.revoke(retired.armoredSecretKey(), "p".toCharArray());
        assertThat(Certificates.inspect(revoked).revoked()).isTrue();
        assertThatThrownBy(() -> Envelopes.signAndEncrypt(REFERRAL, service, List.of(police.armoredCertificate(), revoked)))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("revoked").hasMessageContaining(retired.fingerprint());
    }

    @Test
    void expiredRecipientIsRefused() {
        Instant now = Instant.now();
        GeneratedKey shortLived = OrganisationKeys.generate("cop-razlog", null, now.plus(Duration.ofDays(1)));
        // Valid today...
        assertThat(Envelopes.signAndEncrypt(REFERRAL, service, List.of(shortLived.armoredCertificate()))).isNotBlank();
        // ...refused once expired.
        assertThatThrownBy(() -> Envelopes.signAndEncrypt(REFERRAL, service, List.of(shortLived.armoredCertificate()),
                now.plus(Duration.ofDays(2))))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("expired");
    }

    @Test
    void secretKeyOrGarbageAsRecipientIsRefused() {
        assertThatThrownBy(() -> Envelopes.signAndEncrypt(REFERRAL, service, List.of(police.armoredSecretKey())))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("secret");
        assertThatThrownBy(() -> Envelopes.signAndEncrypt(REFERRAL, service, List.of("not a key")))
                .isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> Envelopes.signAndEncrypt(REFERRAL, service, List.of()))
                .isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void oversizedPlaintextIsRefused() {
        byte[] big = new byte[Envelopes.MAX_PLAINTEXT_BYTES + 1];
        assertThatThrownBy(() -> Envelopes.signAndEncrypt(big, service, List.of(police.armoredCertificate())))
                .isExactlyInstanceOf(KeysException.class).hasMessageContaining("larger than");
        byte[] justFits = new byte[Envelopes.MAX_PLAINTEXT_BYTES];
        String envelope = Envelopes.signAndEncrypt(justFits, service, List.of(police.armoredCertificate()));
        assertThat(Envelopes.decryptAndVerify(envelope, police.armoredSecretKey(), null, List.of()).plaintext()).hasSize(justFits.length);
    }

    @Test
    void oversizedOrEmptyMessageIsRefused() {
        String huge = "-----BEGIN PGP MESSAGE-----\n\n" + "A".repeat(Envelopes.MAX_MESSAGE_CHARS) + "\n-----END PGP MESSAGE-----\n";
        assertThatThrownBy(() -> Envelopes.decryptAndVerify(huge, police.armoredSecretKey(), null, List.of()))
                .isExactlyInstanceOf(KeysException.class).hasMessage("decryption failed");
        assertThatThrownBy(() -> Envelopes.decryptAndVerify("", police.armoredSecretKey(), null, List.of()))
                .isExactlyInstanceOf(KeysException.class).hasMessage("decryption failed");
        assertThatThrownBy(() -> Envelopes.decryptAndVerify("hello", police.armoredSecretKey(), null, List.of()))
                .isExactlyInstanceOf(KeysException.class).hasMessage("decryption failed");
    }

    @Test
    void deeplyNestedPacketsInsideValidEncryptionAreRejected() throws Exception {
        // 64 nested compressed-data packets around a literal packet, properly encrypted to the recipient:
        // a "packet bomb" far deeper than any real message. Only the nesting limit can stop it.
        byte[] packet = literal(REFERRAL);
        for (int i = 0; i < 64; i++) {
            packet = compressed(packet);
        }
        String nested = armor(encryptTo(police.armoredCertificate(), packet));
        assertThatThrownBy(() -> Envelopes.decryptAndVerify(nested, police.armoredSecretKey(), null, List.of()))
                .isExactlyInstanceOf(KeysException.class).hasMessage("decryption failed");

        // Control: the same construction with shallow nesting decrypts, so the rejection above is the depth limit.
        String shallow = armor(encryptTo(police.armoredCertificate(), compressed(compressed(literal(REFERRAL)))));
        assertThat(Envelopes.decryptAndVerify(shallow, police.armoredSecretKey(), null, List.of()).plaintext()).isEqualTo(REFERRAL);
    }

    private static byte[] literal(byte[] content) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var os = new PGPLiteralDataGenerator().open(out, PGPLiteralData.BINARY, "", content.length, new Date())) {
            os.write(content);
        }
        return out.toByteArray();
    }

    private static byte[] compressed(byte[] inner) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PGPCompressedDataGenerator c = new PGPCompressedDataGenerator(CompressionAlgorithmTags.ZIP);
        try (var os = c.open(out)) {
            os.write(inner);
        }
        return out.toByteArray();
    }

    private static byte[] encryptTo(String armoredCert, byte[] packets) throws Exception {
        PGPPublicKey subkey = PGPainless.inspectKeyRing(PGPainless.readKeyRing().publicKeyRing(armoredCert))
                .getEncryptionSubkeys(EncryptionPurpose.ANY).get(0);
        PGPEncryptedDataGenerator gen = new PGPEncryptedDataGenerator(
                new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true));
        gen.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(subkey));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var os = gen.open(out, new byte[4096])) {
            os.write(packets);
        }
        return out.toByteArray();
    }

    static byte[] dearmor(String armored) throws Exception {
        try (ArmoredInputStream in = ArmoredInputStream.builder().build(new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)))) {
            return Streams.readAll(in);
        }
    }

    static String armor(byte[] binary) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream a = ArmoredOutputStream.builder().build(out)) {
            a.write(binary);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
