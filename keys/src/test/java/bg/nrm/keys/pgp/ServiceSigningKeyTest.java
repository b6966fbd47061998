package bg.nrm.keys.pgp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceSigningKeyTest {

    @Test
    void createdOnceStoredOwnerOnlyAndLoadedAgain(@TempDir Path data) throws Exception {
        Path keysDir = data.resolve("keys");
        ServiceSigningKey first = ServiceSigningKey.loadOrCreate(keysDir);
        Path secret = keysDir.resolve(ServiceSigningKey.SECRET_FILE);

        assertThat(secret).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keysDir))).isEqualTo("rwx------");
        assertThat(Files.readString(keysDir.resolve(ServiceSigningKey.CERTIFICATE_FILE))).isEqualTo(first.armoredCertificate());

        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        ServiceSigningKey again = ServiceSigningKey.loadOrCreate(keysDir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(first.fingerprint()).matches("[0-9A-F]{40}");
        assertThat(first.toString()).contains(first.fingerprint()).doesNotContain("PRIVATE");
        assertThat(Certificates.inspect(first.armoredCertificate()).revoked()).isFalse();
        try (var files = Files.list(keysDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    ServiceSigningKey.SECRET_FILE, ServiceSigningKey.CERTIFICATE_FILE);
        }
    }
}
