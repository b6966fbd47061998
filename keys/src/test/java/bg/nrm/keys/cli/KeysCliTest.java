package bg.nrm.keys.cli;

import bg.nrm.keys.pgp.Envelopes;
import bg.nrm.keys.pgp.ServiceSigningKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeysCliTest {
    private static final String REFERRAL = "{\"referral\":\"ref-7\",\"to\":\"ozd-plovdiv\"}";
    private static ServiceSigningKey service;

    @TempDir
    Path dir;

    @BeforeAll
    static void serviceKey() {
        service = ServiceSigningKey.ephemeral();
    }

    /** Exit code and the two streams of one run. */
    record Run(int exitCode, String out, String err) {
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = KeysCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void keygenWritesBothHalvesAndPrintsTheFingerprint() throws Exception {
        Run r = cli("keygen", "--id", "ozd-plovdiv", "--out", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String fingerprint = r.out().strip();
        assertThat(fingerprint).matches("[0-9A-F]{40}");
        Path secret = dir.resolve("ozd-plovdiv.secret.asc");
        Path cert = dir.resolve("ozd-plovdiv.public.asc");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(Files.readString(cert)).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");

        Run fp = cli("fingerprint", cert.toString());
        assertThat(fp.exitCode()).isZero();
        assertThat(fp.out().strip()).isEqualTo(fingerprint);

        Run again = cli("keygen", "--id", "ozd-plovdiv", "--out", dir.toString());
        assertThat(again.exitCode()).isEqualTo(KeysCli.FAILED);
        assertThat(again.err()).contains("refusing to overwrite");
    }

    @Test
    void decryptPrintsAReferralSignedByTheService() throws Exception {
        Path passFile = Files.writeString(dir.resolve("pass.txt"), "таен пасфрейз\n");
        assertThat(cli("keygen", "--id", "cc-children-plovdiv", "--out", dir.toString(), "--passphrase-file", passFile.toString())
                .exitCode()).isZero();
        String cert = Files.readString(dir.resolve("cc-children-plovdiv.public.asc"));
        Path referral = Files.writeString(dir.resolve("referral.asc"),
                Envelopes.signAndEncrypt(REFERRAL.getBytes(StandardCharsets.UTF_8), service, List.of(cert)));
        Path serviceCert = Files.writeString(dir.resolve("service.asc"), service.armoredCertificate());

        Run r = cli("decrypt", "--key", dir.resolve("cc-children-plovdiv.secret.asc").toString(),
                "--service-key", serviceCert.toString(), "--passphrase-file", passFile.toString(), referral.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(REFERRAL);
    }

    @Test
    void decryptPrintsNothingWhenTheSignatureIsNotTheServices() throws Exception {
        assertThat(cli("keygen", "--id", "police-plovdiv", "--out", dir.toString()).exitCode()).isZero();
        String cert = Files.readString(dir.resolve("police-plovdiv.public.asc"));
        ServiceSigningKey impostor = ServiceSigningKey.ephemeral();
        Path referral = Files.writeString(dir.resolve("referral.asc"),
                Envelopes.signAndEncrypt(REFERRAL.getBytes(StandardCharsets.UTF_8), impostor, List.of(cert)));
        Path serviceCert = Files.writeString(dir.resolve("service.asc"), service.armoredCertificate());

        Run r = cli("decrypt", "--key", dir.resolve("police-plovdiv.secret.asc").toString(),
                "--service-key", serviceCert.toString(), referral.toString());

        assertThat(r.exitCode()).isEqualTo(KeysCli.FAILED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo("verification failed");
    }

    @Test
    void decryptWithTheWrongKeySaysOnlyDecryptionFailed() throws Exception {
        assertThat(cli("keygen", "--id", "lc-plovdiv", "--out", dir.toString()).exitCode()).isZero();
        assertThat(cli("keygen", "--id", "lc-montana", "--out", dir.toString()).exitCode()).isZero();
        String cert = Files.readString(dir.resolve("lc-plovdiv.public.asc"));
        Path referral = Files.writeString(dir.resolve("referral.asc"),
                Envelopes.signAndEncrypt(REFERRAL.getBytes(StandardCharsets.UTF_8), service, List.of(cert)));
        Path serviceCert = Files.writeString(dir.resolve("service.asc"), service.armoredCertificate());

        Run r = cli("decrypt", "--key", dir.resolve("lc-montana.secret.asc").toString(),
                "--service-key", serviceCert.toString(), referral.toString());

        assertThat(r.exitCode()).isEqualTo(KeysCli.FAILED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo("decryption failed");
    }

    @Test
    void badCommandLinesExitWithTwo() {
        assertThat(cli().exitCode()).isEqualTo(KeysCli.USAGE);
        assertThat(cli("frobnicate").exitCode()).isEqualTo(KeysCli.USAGE);
        assertThat(cli("keygen", "--id", "x").exitCode()).isEqualTo(KeysCli.USAGE);
        assertThat(cli("keygen", "--id", "Bad Id!", "--out", dir.toString()).exitCode()).isEqualTo(KeysCli.USAGE);
        assertThat(cli("keygen", "--id").exitCode()).isEqualTo(KeysCli.USAGE);
        assertThat(cli("decrypt", "--key", "k").exitCode()).isEqualTo(KeysCli.USAGE);
        assertThat(cli("fingerprint").exitCode()).isEqualTo(KeysCli.USAGE);
        assertThat(cli("fingerprint", "a", "b").exitCode()).isEqualTo(KeysCli.USAGE);
        assertThat(cli("keygen", "--id", "x", "--out", dir.toString(), "--colour", "red").err()).contains("usage:");
    }

    @Test
    void unreadableInputsFailWithOne() throws Exception {
        assertThat(cli("fingerprint", dir.resolve("missing.asc").toString()).exitCode()).isEqualTo(KeysCli.FAILED);
        Path junk = Files.writeString(dir.resolve("junk.asc"), "not a key");
        Run r = cli("fingerprint", junk.toString());
        assertThat(r.exitCode()).isEqualTo(KeysCli.FAILED);
        assertThat(r.err()).doesNotContain("not a key");
    }
}
