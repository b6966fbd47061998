package bg.nrm.keys;

import bg.nrm.keys.pgp.ServiceSigningKey;
import bg.nrm.keys.pgp.Signatures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit chain's keyed MAC and the service's signed checkpoints. */
class AuditMacTest {
    @Test
    void theMacDependsOnTheKeyAndTheText() {
        byte[] key = SecretBytesTestAccess.random(32);
        AuditMac mac = AuditMac.withKey(key);
        String m = mac.hex("entry 1");
        assertThat(m).hasSize(64).isEqualTo(mac.hex("entry 1"));
        assertThat(mac.matches("entry 1", m)).isTrue();
        assertThat(mac.matches("entry 2", m)).isFalse();
        assertThat(AuditMac.withKey(SecretBytesTestAccess.random(32)).matches("entry 1", m))
                .as("someone without the key cannot produce it").isFalse();
        assertThatThrownBy(() -> AuditMac.withKey(new byte[8])).isInstanceOf(KeysException.class);
    }

    @Test
    void aSignedCheckpointVerifiesOnlyUnchangedAndOnlyWithTheServiceKey() {
        ServiceSigningKey service = ServiceSigningKey.ephemeral();
        byte[] checkpoint = "{\"entries\":12,\"head\":\"ab\"}".getBytes(StandardCharsets.UTF_8);
        String sig = service.signDetached(checkpoint, Instant.now());
        assertThat(Signatures.verifyDetached(checkpoint, sig, service.armoredCertificate())).isTrue();
        assertThat(Signatures.verifyDetached("{\"entries\":11,\"head\":\"ab\"}".getBytes(StandardCharsets.UTF_8), sig,
                service.armoredCertificate())).isFalse();
        assertThat(Signatures.verifyDetached(checkpoint, sig, ServiceSigningKey.ephemeral().armoredCertificate()))
                .isFalse();
        assertThat(Signatures.verifyDetached(checkpoint, "garbage", service.armoredCertificate())).isFalse();
    }
}
