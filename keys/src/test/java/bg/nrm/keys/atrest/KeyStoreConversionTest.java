package bg.nrm.keys.atrest;

import bg.nrm.keys.KeysException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Keystores written by the earlier BCFKS layout are converted when opened. The old keystore here is a real one:
 * {@code bcfks-keystore-by-1323050.bcfks} was made by {@code KeyEncryptionKeys} of commit 1323050 (the last with the
 * BCFKS layout) with a test password: kek-0001, kek-0002 and kek-0003 created, a record sealed under each, kek-0002
 * then removed (shredded), the token and audit keys created. The {@code .properties} beside it hold what that code
 * gave back (test keys only).
 */
class KeyStoreConversionTest {
    private static final String FIXTURE = "bcfks-keystore-by-1323050";

    @TempDir
    Path dir;
    private Path file;
    private Properties made;
    private char[] password;

    @BeforeEach
    void oldKeystore() throws Exception {
        file = dir.resolve("kek.bcfks");
        try (InputStream in = getClass().getResourceAsStream(FIXTURE + ".bcfks")) {
            Files.write(file, in.readAllBytes());
        }
        made = new Properties();
        try (InputStream in = getClass().getResourceAsStream(FIXTURE + ".properties")) {
            made.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        password = made.getProperty("password").toCharArray();
    }

    @Test
    void anOldKeystoreOpensWithEveryKeyAndIsRewrittenInTheNewLayout() throws Exception {
        assertThat(KeyFile.isKeyFile(Files.readAllBytes(file))).isFalse();

        KeyEncryptionKeys keks = KeyEncryptionKeys.openOrCreate(file, password);

        assertHoldsWhatTheOldCodeMade(keks);
        assertThat(KeyFile.isKeyFile(Files.readAllBytes(file))).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        // No copy of the old file (it would keep the shredded kek-0002) and no temporary file is left.
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("kek.bcfks", "kek.bcfks.lock");
        }
        // Opened again, now in the new layout: the same keys.
        assertHoldsWhatTheOldCodeMade(KeyEncryptionKeys.openOrCreate(file, password));
    }

    @Test
    void aConvertedKeystoreKeepsWorkingAcrossRotationAndRemoval() {
        KeyEncryptionKeys keks = KeyEncryptionKeys.openOrCreate(file, password);
        assertThat(keks.rotate()).isEqualTo("kek-0004");
        keks.remove("kek-0001");
        Sealer.Sealed sealed = Sealer.using(keks).sealNew("ново".getBytes(StandardCharsets.UTF_8), bytes("screening/s-4"));

        KeyEncryptionKeys reopened = KeyEncryptionKeys.openOrCreate(file, password);
        assertThat(reopened.ids()).containsExactly("kek-0003", "kek-0004");
        assertThat(Sealer.using(reopened).open(sealed.key(), sealed.ciphertext(), bytes("screening/s-4")))
                .isEqualTo("ново".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> open(reopened, "s-1")).isInstanceOf(KeysException.class);
        assertThat(open(reopened, "s-3")).isEqualTo(made.getProperty("plaintext").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWrongPasswordOpensNeitherLayoutAndLeavesTheOldFileAsItWas() throws Exception {
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> KeyEncryptionKeys.openOrCreate(file, "wrong".toCharArray()))
                .isInstanceOf(KeysException.class).hasMessageContaining("wrong password");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);

        KeyEncryptionKeys.openOrCreate(file, password);
        assertThatThrownBy(() -> KeyEncryptionKeys.openOrCreate(file, "wrong".toCharArray()))
                .isInstanceOf(KeysException.class).hasMessageContaining("wrong password");
    }

    @Test
    void withoutALockFileTheOldKeystoreIsUsedAsItIsAndConvertedAtALaterOpen() throws Exception {
        byte[] before = Files.readAllBytes(file);
        // A directory where the lock file would be: it cannot be opened for writing, as in a read-only directory.
        Path lock = Files.createDirectory(dir.resolve("kek.bcfks.lock"));

        assertHoldsWhatTheOldCodeMade(KeyEncryptionKeys.openOrCreate(file, password));
        assertThat(Files.readAllBytes(file)).isEqualTo(before);

        Files.delete(lock);
        assertHoldsWhatTheOldCodeMade(KeyEncryptionKeys.openOrCreate(file, password));
        assertThat(KeyFile.isKeyFile(Files.readAllBytes(file))).isTrue();
    }

    @Test
    void aNewLayoutFileWithAChangedByteIsRefused() throws Exception {
        KeyEncryptionKeys.openOrCreate(file, password);
        byte[] good = Files.readAllBytes(file);
        // The iteration count (header, 4 bytes after the magic, version and KDF bytes), a salt byte, a nonce byte,
        // a ciphertext byte and the tag's last byte.
        int[] positions = {15, 15 + 4 + 1 + 10, 15 + 4 + 1 + 64 + 3, good.length - 20, good.length - 1};
        for (int position : positions) {
            byte[] bad = good.clone();
            bad[position] ^= 0x01;
            Files.write(file, bad);
            assertThatThrownBy(() -> KeyEncryptionKeys.openOrCreate(file, password)).as("byte %d changed", position)
                    .isInstanceOf(KeysException.class);
        }
        Files.write(file, good);
        assertHoldsWhatTheOldCodeMade(KeyEncryptionKeys.openOrCreate(file, password));
    }

    @Test
    void aNewKeystoreIsWrittenInTheNewLayoutAndOpensWithItsPassword() throws Exception {
        Path fresh = dir.resolve("fresh.keys");
        KeyEncryptionKeys keks = KeyEncryptionKeys.openOrCreate(fresh, "нова-парола".toCharArray());
        byte[] token = keks.tokenKeyMaterial();
        assertThat(KeyFile.isKeyFile(Files.readAllBytes(fresh))).isTrue();
        KeyEncryptionKeys reopened = KeyEncryptionKeys.openOrCreate(fresh, "нова-парола".toCharArray());
        assertThat(reopened.ids()).containsExactly("kek-0001");
        assertThat(reopened.tokenKeyMaterial()).isEqualTo(token);
    }

    /**
     * A process converting the keystore is killed (SIGKILL) at points spread over its whole run; after each kill the
     * keystore opens with every key, in the old layout or the new one, and the next open completes the conversion.
     */
    @Test
    void aConversionKilledAtAnyPointLeavesOneCompleteKeystore() throws Exception {
        byte[] old = Files.readAllBytes(file);
        long full = System.nanoTime();
        Process whole = convertInAnotherProcess();
        assertThat(whole.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(whole.exitValue()).isZero();
        full = System.nanoTime() - full;
        assertThat(KeyFile.isKeyFile(Files.readAllBytes(file))).isTrue();

        List<String> outcomes = new ArrayList<>();
        // From early in the JVM's start to past the time a whole run took (a loaded machine makes each run differ).
        for (int step = 1; step <= 10; step++) {
            Files.write(file, old);
            Process p = convertInAnotherProcess();
            p.waitFor(full * step / 8, TimeUnit.NANOSECONDS);
            p.destroyForcibly().waitFor();
            outcomes.add(KeyFile.isKeyFile(Files.readAllBytes(file)) ? "new" : "old");
            assertHoldsWhatTheOldCodeMade(KeyEncryptionKeys.openOrCreate(file, password));
            assertThat(KeyFile.isKeyFile(Files.readAllBytes(file))).isTrue();
        }
        System.out.println("layout found after each kill: " + outcomes);
    }

    private Process convertInAnotherProcess() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Convert.class.getName(),
                file.toString(), new String(password)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("convert.log").toFile()).start();
    }

    /** Opens (and so converts) the keystore named by the first argument with the password in the second. */
    public static final class Convert {
        public static void main(String[] args) {
            KeyEncryptionKeys.openOrCreate(Path.of(args[0]), args[1].toCharArray());
        }
    }

    private void assertHoldsWhatTheOldCodeMade(KeyEncryptionKeys keks) {
        assertThat(keks.ids()).containsExactly(made.getProperty("ids").split(","));
        assertThat(keks.primaryId()).isEqualTo("kek-0003");
        assertThat(keks.tokenKeyMaterial()).isEqualTo(Base64.getDecoder().decode(made.getProperty("token")));
        assertThat(keks.auditKeyMaterial()).isEqualTo(Base64.getDecoder().decode(made.getProperty("audit")));
        byte[] plaintext = made.getProperty("plaintext").getBytes(StandardCharsets.UTF_8);
        assertThat(open(keks, "s-1")).isEqualTo(plaintext);
        assertThat(open(keks, "s-3")).isEqualTo(plaintext);
        // Sealed under kek-0002, which the old code removed: it stays shredded.
        assertThatThrownBy(() -> open(keks, "s-2")).isInstanceOf(KeysException.class);
    }

    private byte[] open(KeyEncryptionKeys keks, String record) {
        Base64.Decoder b64 = Base64.getDecoder();
        return Sealer.using(keks).open(WrappedDataKey.fromBytes(b64.decode(made.getProperty(record + ".key"))),
                b64.decode(made.getProperty(record + ".sealed")), bytes("screening/" + record));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
