package bg.nrm.keys.pgp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * ASCII armor (RFC 4880 §6.2) for an OpenPGP message, written in one pass with the JDK's Base64 encoder: 64
 * characters a line, the CRC-24 checksum line GnuPG 2.2 expects, no headers. Bouncy Castle's armored stream writes
 * byte by byte and was a tenth of an envelope's cost.
 */
final class Armor {
    private static final String BEGIN = "-----BEGIN PGP MESSAGE-----\n\n";
    private static final String END = "-----END PGP MESSAGE-----\n";
    private static final Base64.Encoder LINES = Base64.getMimeEncoder(64, new byte[] {'\n'});
    private static final int CRC24_INIT = 0xB704CE;
    private static final int CRC24_POLY = 0x1864CFB;
    private static final int[] CRC24_TABLE = crc24Table();

    private Armor() {
    }

    /** The armored form of a binary OpenPGP message. */
    static String message(byte[] binary) {
        byte[] body = LINES.encode(binary);
        int crc = crc24(binary);
        byte[] sum = Base64.getEncoder().encode(new byte[] {(byte) (crc >> 16), (byte) (crc >> 8), (byte) crc});
        StringBuilder sb = new StringBuilder(BEGIN.length() + body.length + 8 + END.length());
        sb.append(BEGIN).append(new String(body, StandardCharsets.US_ASCII)).append("\n=")
                .append(new String(sum, StandardCharsets.US_ASCII)).append('\n').append(END);
        return sb.toString();
    }

    static int crc24(byte[] data) {
        int crc = CRC24_INIT;
        for (byte b : data) {
            crc = (crc << 8) ^ CRC24_TABLE[((crc >> 16) ^ b) & 0xFF];
        }
        return crc & 0xFFFFFF;
    }

    // One table entry per byte value: eight shift-and-xor steps done once, not per byte of every message.
    private static int[] crc24Table() {
        int[] table = new int[256];
        for (int n = 0; n < 256; n++) {
            int crc = n << 16;
            for (int i = 0; i < 8; i++) {
                crc <<= 1;
                if ((crc & 0x1000000) != 0) {
                    crc ^= CRC24_POLY;
                }
            }
            table[n] = crc & 0xFFFFFF;
        }
        return table;
    }
}
