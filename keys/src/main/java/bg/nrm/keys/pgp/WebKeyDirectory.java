package bg.nrm.keys.pgp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * OpenPGP Web Key Directory (draft-koch-openpgp-webkey-service), direct method: a key for {@code local@domain} is
 * served at {@code https://domain/.well-known/openpgpkey/hu/<hash>}, where the hash is the z-base-32 encoding of the
 * SHA-1 digest of the lower-cased local part (SHA-1 here only names a file; it protects nothing).
 */
public final class WebKeyDirectory {
    private static final String ZBASE32 = "ybndrfg8ejkmcpqxot1uwisza345h769";

    private WebKeyDirectory() {
    }

    /** The file name under {@code hu/} for the local part of an address, for example "Joe.Doe" → "iy9q119e…". */
    public static String localPartHash(String localPart) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest(localPart.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return zbase32(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from the JDK", e);
        }
    }

    static String zbase32(byte[] data) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ZBASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ZBASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }
}
