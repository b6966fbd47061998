package bg.nrm.keys.pgp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyringTest {

    @Test
    void newestValidKeyIsPrimaryAndOldKeysStillVerify() {
        Instant start = Instant.now();
        GeneratedKey old = OrganisationKeys.generate("ozd-razlog", null, start.minus(Duration.ofDays(400)), null);
        GeneratedKey current = OrganisationKeys.generate("ozd-razlog", null);
        Keyring ring = Keyring.empty("ozd-razlog").with(old.armoredCertificate()).with(current.armoredCertificate());
        // Taken after the keys exist: on a busy machine generation takes seconds, and a key is not valid before it
        // was created.
        Instant now = Instant.now();

        assertThat(ring.primary(now)).map(Keyring.Entry::fingerprint).contains(current.fingerprint());
        assertThat(Certificates.fingerprint(ring.encryptionCertificate(now))).isEqualTo(current.fingerprint());
        assertThat(ring.verificationCertificates()).hasSize(2);
        assertThat(ring.entries()).extracting(Keyring.Entry::fingerprint).containsExactly(old.fingerprint(), current.fingerprint());
    }

    @Test
    void revokingTheNewestKeyFallsBackToTheOlderOne() {
        Instant start = Instant.now();
        GeneratedKey old = OrganisationKeys.generate("lc-sliven", null, start.minus(Duration.ofDays(30)), null);
        GeneratedKey current = OrganisationKeys.generate("lc-sliven", null);
        Keyring ring = Keyring.empty("lc-sliven").with(old.armoredCertificate()).with(current.armoredCertificate())
                .with(Certificates.revoke(current.armoredSecretKey(), null));
        // Taken after the keys and the revocation exist (see above).
        Instant now = Instant.now();
        assertThat(ring.entries()).hasSize(2);
        assertThat(ring.primary(now)).map(Keyring.Entry::fingerprint).contains(old.fingerprint());
    }

    @Test
    void disabledKeyDoesNotEncryptButStillVerifies() {
        GeneratedKey only = OrganisationKeys.generate("lc-pleven", null);
        Keyring ring = Keyring.empty("lc-pleven").with(only.armoredCertificate()).withStatus(only.fingerprint(), KeyStatus.DISABLED);
        assertThat(ring.primary(Instant.now())).isEmpty();
        assertThatThrownBy(() -> ring.encryptionCertificate(Instant.now())).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("lc-pleven");
        assertThat(ring.verificationCertificates()).hasSize(1);
        Keyring destroyed = ring.withStatus(only.fingerprint(), KeyStatus.DESTROYED);
        assertThat(destroyed.verificationCertificates()).isEmpty();
        assertThatThrownBy(() -> destroyed.withStatus(only.fingerprint(), KeyStatus.ENABLED)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void envelopeToThePrimaryOpensWithTheNewKeyAndOldEnvelopesWithTheOld() {
        ServiceSigningKey service = ServiceSigningKey.ephemeral();
        Instant now = Instant.now();
        GeneratedKey old = OrganisationKeys.generate("cc-children-veliko-tarnovo", null, now.minus(Duration.ofDays(10)), null);
        Keyring before = Keyring.empty("cc-children-veliko-tarnovo").with(old.armoredCertificate());
        String oldEnvelope = Envelopes.signAndEncrypt("old".getBytes(StandardCharsets.UTF_8), service,
                List.of(before.encryptionCertificate(now)));

        GeneratedKey rotated = OrganisationKeys.generate("cc-children-veliko-tarnovo", null);
        Keyring after = before.with(rotated.armoredCertificate());
        String newEnvelope = Envelopes.signAndEncrypt("new".getBytes(StandardCharsets.UTF_8), service,
                List.of(after.encryptionCertificate(Instant.now())));

        assertThat(Envelopes.decryptAndVerify(newEnvelope, rotated.armoredSecretKey(), null, List.of()).plaintext())
                .asString(StandardCharsets.UTF_8).isEqualTo("new");
        assertThat(Envelopes.decryptAndVerify(oldEnvelope, old.armoredSecretKey(), null, List.of()).plaintext())
                .asString(StandardCharsets.UTF_8).isEqualTo("old");
        assertThatThrownBy(() -> Envelopes.decryptAndVerify(newEnvelope, old.armoredSecretKey(), null, List.of()))
                .hasMessage("decryption failed");
    }

    @Test
    void secretKeysCannotBeAddedToAKeyring() {
        GeneratedKey k = OrganisationKeys.generate("x", null);
        assertThatThrownBy(() -> Keyring.empty("x").with(k.armoredSecretKey())).isInstanceOf(InvalidKeyException.class);
    }
}
