package bg.nrm.keys;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBytesTest {

    @Test
    void readsAreCopiesAndWritesToThemDoNotLeakBack() {
        byte[] input = {1, 2, 3, 4};
        SecretBytes secret = SecretBytes.copyOf(input);
        input[0] = 9;
        byte[] out = secret.unsafeBytes();
        out[1] = 9;
        assertThat(secret.unsafeBytes()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void equalSecretsCompareEqualAndDifferentOnesDoNot() {
        assertThat(SecretBytes.copyOf(new byte[] {1, 2})).isEqualTo(SecretBytes.copyOf(new byte[] {1, 2}));
        assertThat(SecretBytes.copyOf(new byte[] {1, 2})).isNotEqualTo(SecretBytes.copyOf(new byte[] {1, 3}));
    }

    @Test
    void toStringShowsNoSecretBytes() {
        byte[] raw = HexFormat.of().parseHex("deadbeefcafebabe0011223344556677");
        SecretBytes secret = SecretBytes.copyOf(raw);
        assertThat(secret.toString()).contains("16 bytes").doesNotContainIgnoringCase("deadbeef")
                .doesNotContainIgnoringCase("cafebabe");
    }

    @Test
    void clearedSecretCannotBeRead() {
        SecretBytes secret = SecretBytes.random(32);
        secret.clear();
        assertThat(secret.isCleared()).isTrue();
        assertThatThrownBy(secret::unsafeBytes).isInstanceOf(IllegalStateException.class);
        assertThat(secret.toString()).isEqualTo("SecretBytes[cleared]");
    }
}
