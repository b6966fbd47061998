package bg.nrm.keys.pgp;

import bg.nrm.keys.cli.KeysCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Envelopes against real GnuPG 2.2, both directions. */
class GpgInteropTest {
    private static final String REFERRAL = "{\"referral\":\"ref-42\",\"region\":\"BG-16\",\"note\":\"Кризисен център – спешно\"}";

    @BeforeAll
    static void needsGpg() {
        assumeTrue(Gpg.available(), "gpg is not installed");
    }

    @Test
    void gpgDecryptsOurEnvelopeAndVerifiesTheServiceSignature() throws Exception {
        ServiceSigningKey service = ServiceSigningKey.ephemeral();
        GeneratedKey org = OrganisationKeys.generate("cc-children-plovdiv <cc-children-plovdiv@nrm.invalid>",
                "org-pass".toCharArray());
        String envelope = Envelopes.signAndEncrypt(REFERRAL.getBytes(StandardCharsets.UTF_8), service,
                List.of(org.armoredCertificate()));

        try (Gpg gpg = new Gpg()) {
            Path secret = gpg.write("org.secret.asc", org.armoredSecretKey());
            Path serviceCert = gpg.write("service.asc", service.armoredCertificate());
            Path message = gpg.write("referral.asc", envelope);
            Path out = gpg.home().resolve("referral.json");
            assertThat(gpg.run("--passphrase", "org-pass", "--import", secret.toString(), serviceCert.toString()).exitCode())
                    .isZero();

            Gpg.Result r = gpg.run("--passphrase", "org-pass", "--status-fd", "1", "--output", out.toString(),
                    "--decrypt", message.toString());

            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout()).contains("[GNUPG:] GOODSIG").containsPattern("VALIDSIG [0-9A-F]{40} .* " + service.fingerprint())
                    // mdc method 2 (SEIPD v1 with MDC), cipher 9 (AES-256)
                    .contains("[GNUPG:] DECRYPTION_INFO 2 9").contains("[GNUPG:] DECRYPTION_OKAY");
            assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(REFERRAL);
        }
    }

    @Test
    void theStoredBinaryEnvelopeOpensInGpgAndArmorsToWhatGpgDearmors() throws Exception {
        ServiceSigningKey service = ServiceSigningKey.ephemeral();
        GeneratedKey org = OrganisationKeys.generate("ozd-plovdiv <ozd-plovdiv@nrm.invalid>", null);
        byte[] binary = Envelopes.signAndEncryptBinary(REFERRAL.getBytes(StandardCharsets.UTF_8), service,
                List.of(org.armoredCertificate()));
        String armored = Envelopes.armor(binary);

        try (Gpg gpg = new Gpg()) {
            Path secret = gpg.write("org.secret.asc", org.armoredSecretKey());
            Path serviceCert = gpg.write("service.asc", service.armoredCertificate());
            assertThat(gpg.run("--import", secret.toString(), serviceCert.toString()).exitCode()).isZero();
            Path stored = gpg.home().resolve("referral.gpg");
            Files.write(stored, binary);
            Path served = gpg.write("referral.asc", armored);
            Path dearmored = gpg.home().resolve("dearmored.gpg");
            for (Path message : List.of(stored, served)) {
                Path out = gpg.home().resolve(message.getFileName() + ".json");
                Gpg.Result r = gpg.run("--status-fd", "1", "--output", out.toString(), "--decrypt", message.toString());
                assertThat(r.exitCode()).as(r.stderr()).isZero();
                assertThat(r.stdout()).contains("[GNUPG:] GOODSIG").contains("[GNUPG:] DECRYPTION_OKAY");
                assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(REFERRAL);
            }
            // gpg checks the armor's CRC-24 as it takes the armor off: what is served is the stored message, byte for byte.
            Gpg.Result d = gpg.run("--output", dearmored.toString(), "--dearmor", served.toString());
            assertThat(d.exitCode()).as(d.stderr()).isZero();
            assertThat(Files.readAllBytes(dearmored)).isEqualTo(binary);
        }
    }

    @Test
    void weDecryptWhatGpgEncryptsAndSignsToAnOrganisationCertificate() throws Exception {
        GeneratedKey org = OrganisationKeys.generate("ozd-plovdiv <ozd-plovdiv@nrm.invalid>", null);
        try (Gpg gpg = new Gpg()) {
            Gpg.Result gen = gpg.run("--passphrase", "", "--quick-gen-key", "Sender <sender@nrm.invalid>", "ed25519", "sign", "never");
            assertThat(gen.exitCode()).as(gen.stderr()).isZero();
            String senderFingerprint = gpg.firstSecretFingerprint();
            String senderCert = gpg.run("--armor", "--export", senderFingerprint).stdout();
            Path orgCert = gpg.write("org.asc", org.armoredCertificate());
            assertThat(gpg.run("--import", orgCert.toString()).exitCode()).isZero();
            Path plain = gpg.write("plain.json", REFERRAL);
            Path encrypted = gpg.home().resolve("plain.json.asc");

            Gpg.Result enc = gpg.run("--passphrase", "", "--armor", "--local-user", senderFingerprint,
                    "--recipient", org.fingerprint(), "--output", encrypted.toString(), "--encrypt", "--sign", plain.toString());
            assertThat(enc.exitCode()).as(enc.stderr()).isZero();

            OpenedEnvelope opened = Envelopes.decryptAndVerify(Files.readString(encrypted), org.armoredSecretKey(), null,
                    List.of(senderCert));
            assertThat(opened.signatureVerified()).isTrue();
            assertThat(opened.signerFingerprints()).containsExactly(senderFingerprint);
            assertThat(opened.decryptionKeyFingerprint()).isEqualTo(org.fingerprint());
            assertThat(new String(opened.plaintext(), StandardCharsets.UTF_8)).isEqualTo(REFERRAL);

            // The command-line tool, given gpg's certificate as the trusted signer, prints it too.
            Path orgSecret = gpg.write("org.secret.asc", org.armoredSecretKey());
            Path senderCertFile = gpg.write("sender.asc", senderCert);
            ByteArrayOutputStream cliOut = new ByteArrayOutputStream();
            int code = KeysCli.run(new String[] {"decrypt", "--key", orgSecret.toString(),
                    "--service-key", senderCertFile.toString(), encrypted.toString()},
                    new PrintStream(cliOut, true, StandardCharsets.UTF_8), System.err);
            assertThat(code).isZero();
            assertThat(cliOut.toString(StandardCharsets.UTF_8)).isEqualTo(REFERRAL);

            // The same message checked against a certificate we do not trust: decrypted, but not verified.
            OpenedEnvelope untrusted = Envelopes.decryptAndVerify(Files.readString(encrypted), org.armoredSecretKey(), null,
                    List.of(ServiceSigningKey.ephemeral().armoredCertificate()));
            assertThat(untrusted.signatureVerified()).isFalse();
            assertThat(untrusted.signerFingerprints()).isEmpty();
        }
    }

    @Test
    void gpgImportsOurCertificateWithTheSameFingerprint() throws Exception {
        GeneratedKey org = OrganisationKeys.generate("lc-plovdiv <lc-plovdiv@nrm.invalid>", null);
        try (Gpg gpg = new Gpg()) {
            Path cert = gpg.write("org.asc", org.armoredCertificate());
            assertThat(gpg.run("--import", cert.toString()).exitCode()).isZero();
            Gpg.Result list = gpg.run("--with-colons", "--list-keys");
            assertThat(list.stdout()).contains("fpr:::::::::" + org.fingerprint() + ":")
                    // pub algo 22 = EdDSA, sub algo 18 = ECDH (the legacy ids gpg 2.2 knows)
                    .containsPattern("(?m)^pub:[^:]*:255:22:").containsPattern("(?m)^sub:[^:]*:255:18:");
        }
    }
}
