package bg.nrm.keys.pgp;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.CRC24;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ArmorTest {
    @Test
    void armorMatchesBouncyCastlesForMessagesOfEveryLineLength() throws Exception {
        Random random = new Random(7);
        for (int length : new int[] {1, 47, 48, 49, 95, 96, 97, 4096, 4711}) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            data[0] = (byte) 0x84; // a public-key encrypted session key packet: Bouncy Castle then heads it MESSAGE
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArmoredOutputStream bc = ArmoredOutputStream.builder().clearHeaders().build(out)) {
                bc.write(data);
            }
            assertThat(Armor.message(data)).as("length %d", length).isEqualTo(out.toString(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void checksumIsOpenPgpCrc24() {
        byte[] data = "NRM referral".getBytes(StandardCharsets.US_ASCII);
        assertThat(Armor.crc24(data)).isEqualTo(reference(data));
    }

    @Test
    void checksumIsOpenPgpCrc24ForEveryLengthAroundTheEightByteSteps() {
        Random random = new Random(11);
        for (int length = 0; length <= 41; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            assertThat(Armor.crc24(data)).as("length %d", length).isEqualTo(reference(data));
        }
        byte[] large = new byte[30_001];
        random.nextBytes(large);
        assertThat(Armor.crc24(large)).isEqualTo(reference(large));
    }

    private static int reference(byte[] data) {
        CRC24 reference = new CRC24();
        for (byte b : data) {
            reference.update(b & 0xFF);
        }
        return reference.getValue();
    }
}
