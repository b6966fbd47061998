package bg.nrm.keys.atrest;

import bg.nrm.keys.KeysException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A record's data key, wrapped (encrypted and integrity-protected) with a key-encryption key. It names that
 * KEK, so it can be unwrapped after rotation. Store it beside the record; delete it to shred the record.
 *
 * <p>Serialised form ({@link #toBytes()}): version {@code 0x01}, KEK id length (1 byte), KEK id (ASCII),
 * wrapped key (40 bytes, RFC 3394).
 */
public final class WrappedDataKey {
    static final byte VERSION = 1;
    static final int WRAPPED_BYTES = 40;

    private final String kekId;
    private final byte[] wrapped;

    WrappedDataKey(String kekId, byte[] wrapped) {
        this.kekId = kekId;
        this.wrapped = wrapped.clone();
    }

    /** Id of the key-encryption key that wrapped this data key. */
    public String kekId() {
        return kekId;
    }

    byte[] wrapped() {
        return wrapped.clone();
    }

    /** The serialised form, to store. */
    public byte[] toBytes() {
        byte[] id = kekId.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[2 + id.length + wrapped.length];
        out[0] = VERSION;
        out[1] = (byte) id.length;
        System.arraycopy(id, 0, out, 2, id.length);
        System.arraycopy(wrapped, 0, out, 2 + id.length, wrapped.length);
        return out;
    }

    /**
     * Reads the serialised form.
     *
     * @throws KeysException if it is not a wrapped data key of a known version
     */
    public static WrappedDataKey fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length < 3 || bytes[0] != VERSION) {
            throw new KeysException("not a wrapped data key");
        }
        int idLength = bytes[1] & 0xff;
        if (idLength == 0 || bytes.length != 2 + idLength + WRAPPED_BYTES) {
            throw new KeysException("not a wrapped data key");
        }
        String id = new String(bytes, 2, idLength, StandardCharsets.US_ASCII);
        return new WrappedDataKey(id, Arrays.copyOfRange(bytes, 2 + idLength, bytes.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WrappedDataKey that && kekId.equals(that.kekId) && MessageDigest.isEqual(wrapped, that.wrapped);
    }

    @Override
    public int hashCode() {
        return kekId.hashCode();
    }

    @Override
    public String toString() {
        return "WrappedDataKey[" + kekId + "]";
    }
}
