package bg.nrm.keys.pgp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * ASCII armor (RFC 4880 §6.2) for an OpenPGP message, written in one pass with the JDK's Base64 encoder: 64
 * characters a line, the CRC-24 checksum line GnuPG 2.2 expects, no headers. Bouncy Castle's armored stream writes
 * byte by byte and was a tenth of an envelope's cost.
 */
final class Armor {
    private static final byte[] BEGIN = "-----BEGIN PGP MESSAGE-----\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "-----END PGP MESSAGE-----\n".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder LINES = Base64.getMimeEncoder(64, new byte[] {'\n'});
    private static final int CRC24_INIT = 0xB704CE;
    private static final int CRC24_POLY = 0x1864CFB;
    private static final int[][] SLICES = slices();
    private static final VarHandle BIG_ENDIAN_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private Armor() {
    }

    /** The armored form of a binary OpenPGP message. */
    static String message(byte[] binary) {
        byte[] body = LINES.encode(binary);
        int crc = crc24(binary);
        byte[] sum = Base64.getEncoder().encode(new byte[] {(byte) (crc >> 16), (byte) (crc >> 8), (byte) crc});
        // Assembled in one array and turned into a (Latin-1) string with one copy: the body is most of an envelope.
        byte[] out = new byte[BEGIN.length + body.length + 2 + sum.length + 1 + END.length];
        int o = put(out, 0, BEGIN);
        o = put(out, o, body);
        out[o++] = '\n';
        out[o++] = '=';
        o = put(out, o, sum);
        out[o++] = '\n';
        put(out, o, END);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    private static int put(byte[] out, int at, byte[] part) {
        System.arraycopy(part, 0, out, at, part.length);
        return at + part.length;
    }

    /**
     * OpenPGP's CRC-24, eight bytes a step ("slicing by 8"): the register is kept in the top 24 bits of an int, and
     * table {@code k} holds the register's change for a byte followed by {@code k} zero bytes. One table lookup per
     * byte chained through the register was a twentieth of an envelope's cost.
     */
    static int crc24(byte[] data) {
        int r = CRC24_INIT << 8;
        int i = 0;
        int wholeSteps = data.length & ~7;
        for (; i < wholeSteps; i += 8) {
            r ^= (int) BIG_ENDIAN_INT.get(data, i);
            int next = (int) BIG_ENDIAN_INT.get(data, i + 4);
            r = SLICES[7][r >>> 24] ^ SLICES[6][(r >>> 16) & 0xFF] ^ SLICES[5][(r >>> 8) & 0xFF] ^ SLICES[4][r & 0xFF]
                    ^ SLICES[3][next >>> 24] ^ SLICES[2][(next >>> 16) & 0xFF] ^ SLICES[1][(next >>> 8) & 0xFF]
                    ^ SLICES[0][next & 0xFF];
        }
        for (; i < data.length; i++) {
            r = (r << 8) ^ SLICES[0][((r >>> 24) ^ data[i]) & 0xFF];
        }
        return r >>> 8;
    }

    // SLICES[0] is the byte-at-a-time table, shifted into the top 24 bits; SLICES[k] adds k zero bytes after the byte.
    private static int[][] slices() {
        int[][] t = new int[8][256];
        int[] one = crc24Table();
        for (int n = 0; n < 256; n++) {
            t[0][n] = one[n] << 8;
        }
        for (int k = 1; k < 8; k++) {
            for (int n = 0; n < 256; n++) {
                int prev = t[k - 1][n];
                t[k][n] = (prev << 8) ^ t[0][prev >>> 24];
            }
        }
        return t;
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
