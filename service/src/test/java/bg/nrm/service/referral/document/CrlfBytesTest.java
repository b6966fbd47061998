package bg.nrm.service.referral.document;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class CrlfBytesTest {
    private static final String[] TEXTS = {"", "\n", "\r", "\r\n", "a\nb\n", "a\r\nb", "\r\r\n", "a\rb\n", "x\r",
        "\n\n\r\n\r", "Мария\nИванова\r\nПетрова\n", "line\r\n", "nul\u0000\n", "y".repeat(998) + "\n",
        "z".repeat(999) + "\n", "a\n" + "w".repeat(997) + "\nb", "q".repeat(500)};

    // What MimeDocument makes of a body alone: its line ends CRLF but a last one, and whether it may go as 8bit.
    private static String expectedBody(byte[] lf) {
        int length = lf.length > 0 && lf[lf.length - 1] == '\n' ? lf.length - 1 : lf.length;
        return new String(MimeDocument.crlf(lf, length, lf.length), StandardCharsets.UTF_8);
    }

    private static boolean expectedEightBit(byte[] lf) {
        int run = 0;
        for (byte b : lf) {
            if (b == '\n') {
                run = 0;
            } else if (b == 0 || ++run > 998) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aBodyPutTogetherFromPiecesAndBytesIsTheBodyConvertedWhole() {
        for (String a : TEXTS) {
            for (String b : TEXTS) {
                for (String c : TEXTS) {
                    byte[] whole = (a + b + c).getBytes(StandardCharsets.UTF_8);
                    for (int way = 0; way < 8; way++) {
                        CrlfBytes out = new CrlfBytes(4);
                        int k = 0;
                        for (String s : new String[] {a, b, c}) {
                            byte[] lf = s.getBytes(StandardCharsets.UTF_8);
                            if ((way >> k++ & 1) == 1) {
                                out.append(CrlfBytes.piece(lf));
                            } else {
                                out.append(lf);
                            }
                        }
                        String what = Arrays.toString(new String[] {a, b, c}).replace("\r", "\\r").replace("\n", "\\n")
                                + " way " + way;
                        assertThat(new String(out.body(), StandardCharsets.UTF_8)).as(what).isEqualTo(expectedBody(whole));
                        assertThat(out.eightBit()).as(what).isEqualTo(expectedEightBit(whole));
                    }
                }
            }
        }
    }
}
