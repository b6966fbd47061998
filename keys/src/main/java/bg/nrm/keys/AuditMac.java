package bg.nrm.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed MAC (HMAC-SHA-256) that chains audit entries. Its key lives in the key-encryption keystore, never in the
 * database: someone who can write the database can recompute a plain hash chain, but not this one.
 */
public final class AuditMac {
    private final SecretKeySpec key;

    private AuditMac(byte[] key) {
        if (key == null || key.length < 32) {
            throw new KeysException("audit MAC key must be at least 256 bits");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** A MAC with {@code key} (copied). */
    public static AuditMac withKey(byte[] key) {
        return new AuditMac(key);
    }

    /** Lower-case hex HMAC-SHA-256 of the UTF-8 bytes of {@code text}. */
    public String hex(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new KeysException("HMAC-SHA-256 is not available", e);
        }
    }

    /** Whether {@code expectedHex} is the MAC of {@code text}, compared in constant time. */
    public boolean matches(String text, String expectedHex) {
        if (expectedHex == null) {
            return false;
        }
        return MessageDigest.isEqual(hex(text).getBytes(StandardCharsets.US_ASCII),
                expectedHex.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "AuditMac[HMAC-SHA-256]";
    }
}
