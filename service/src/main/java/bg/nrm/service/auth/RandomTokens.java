package bg.nrm.service.auth;

import bg.nrm.keys.Digests;
import bg.nrm.keys.SecretBytes;

import java.util.Base64;

/**
 * Random values for cookies, CSRF tokens, one-time passwords and OpenID Connect state, and the one-way hash under
 * which a cookie value is stored. The randomness and the digest come from {@code keys} (crypto lives there only).
 */
final class RandomTokens {
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    // No 0/O, 1/l/I: a one-time password is read aloud or copied by hand.
    private static final String READABLE = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private RandomTokens() {
    }

    /** 256 random bits, base64url without padding (43 characters). */
    static String urlSafe() {
        SecretBytes random = SecretBytes.random(32);
        byte[] raw = random.unsafeBytes();
        try {
            return URL.encodeToString(raw);
        } finally {
            java.util.Arrays.fill(raw, (byte) 0);
            random.clear();
        }
    }

    /** A one-time password: 20 characters of an unambiguous alphabet (about 115 bits). */
    static String readablePassword() {
        SecretBytes random = SecretBytes.random(40);
        byte[] raw = random.unsafeBytes();
        StringBuilder sb = new StringBuilder(20);
        try {
            // Two bytes per character keep the modulo bias below 0.1 %.
            for (int i = 0; sb.length() < 20; i += 2) {
                int v = ((raw[i] & 0xff) << 8) | (raw[i + 1] & 0xff);
                sb.append(READABLE.charAt(v % READABLE.length()));
            }
            return sb.toString();
        } finally {
            java.util.Arrays.fill(raw, (byte) 0);
            random.clear();
        }
    }

    /** The SHA-256 (hex) under which a cookie value is stored: a database reader cannot replay it. */
    static String hash(String value) {
        return Digests.sha256Hex(value);
    }
}
