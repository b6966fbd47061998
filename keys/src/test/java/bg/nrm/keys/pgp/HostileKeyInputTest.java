package bg.nrm.keys.pgp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Finding (Low): binary garbage uploaded as a key gave 500. Whatever the bytes, the answer is "invalid key". */
class HostileKeyInputTest {
    @Test
    void binaryGarbageIsAnInvalidKeyNotACrash() {
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            byte[] bytes = new byte[1 + random.nextInt(4000)];
            random.nextBytes(bytes);
            if (i % 3 == 0) {
                bytes[0] = (byte) 0x99; // an old-format public-key packet tag, so the parser goes deeper
            } else if (i % 3 == 1) {
                bytes[0] = (byte) 0xC6; // a new-format public-key packet tag
            }
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThatThrownBy(() -> Certificates.requireUsableForEncryption(text, Instant.now()))
                    .isInstanceOf(InvalidKeyException.class);
        }
    }

    @Test
    void anArmorHeaderAroundGarbageIsAnInvalidKey() {
        String armored = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBGgarbageXXXX====\n=abcd\n-----END PGP PUBLIC KEY BLOCK-----\n";
        assertThatThrownBy(() -> Certificates.requireUsableForEncryption(armored, Instant.now()))
                .isInstanceOf(InvalidKeyException.class);
    }
}
